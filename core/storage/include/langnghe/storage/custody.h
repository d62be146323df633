#pragma once
// The chain of custody (docs/custody.md): every commit of a replica's own writes becomes a signed
// link in that replica's chain. A link lists one entry per record and stamp written, each the hash
// of a random nonce and the values written; it names the hash of the link before it and is signed
// with the replica's Ed25519 key. The links live in an append-only log apart from the records
// (custody_links), so pulls never read it; redaction erases an entry's nonce, never its hash.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "langnghe/merge/merge.h"
#include "langnghe/storage/store.h"

namespace langnghe {

// A commit seals at most this many entries per link, so a link stays a small message.
inline constexpr std::size_t max_link_entries = 500;

struct CustodyEntry {
    std::string record;
    Stamp stamp = 0;
    std::vector<std::string> fields;  // sorted, distinct
    std::string hash;                 // hex SHA-256 of the nonce, record, stamp and each field's value
    std::string nonce;                // hex, 16 bytes; empty once a redaction erased it
    bool operator==(const CustodyEntry&) const = default;
};

struct CustodyLink {
    std::string site;
    std::uint64_t n = 0;   // 1 for a site's first link
    std::string prev;      // the hash of link n − 1; empty for the first
    std::int64_t signed_at = 0;  // ms since the epoch, the signer's clock
    std::vector<CustodyEntry> entries;
    std::string signature;  // Ed25519 over body(), hex

    // What is signed: the link's place in its chain and the digest of its entries (not the nonces).
    std::string body() const;
    // What the next link names as prev.
    std::string hash() const;
    bool operator==(const CustodyLink&) const = default;
};

// The hash an entry holds. `values` are (field, value JSON text), sorted by field.
std::string entry_hash(std::string_view nonce_hex, std::string_view record, Stamp stamp,
                       std::span<const FieldValueView> values);
// Adds an entry already hashed: one of the own writes a device kept unsealed (custody_log.cpp).
void add_pending_entry(std::vector<PendingCustodyLink>& links, std::vector<PendingCustodyLink>& spare,
                       const CustodyEntry& entry);
std::string entry_hash(std::string_view nonce_hex, std::string_view record, Stamp stamp,
                       const std::vector<std::pair<std::string, std::string>>& values);
// What a link signs (CustodyLink::body), given the SHA-256 (hex) of its entries' digested bytes.
std::string link_body(std::string_view site, std::uint64_t n, std::string_view prev, std::int64_t signed_at,
                      std::string_view entries_digest_hex);
// Adds the entry of an own write to the links its scope's commit will seal: hashed, encoded and
// digested once, byte for byte as a CustodyLink holding it would be. `values` sorted by field. A new
// link reuses the buffers of one in `spare` when there is one.
void add_pending_entry(std::vector<PendingCustodyLink>& links, std::vector<PendingCustodyLink>& spare,
                       std::string_view nonce_hex, std::string_view record, Stamp stamp,
                       std::span<const FieldValueView> values);

// Links as JSON (the wire and the log); custody_json.h reads them back.
std::string encode_link(const CustodyLink& link);
// A JSON array of links, each as encode_link writes it.
std::string encode_links(const std::vector<CustodyLink>& links);
// A link's entries as encode_link writes them: [[record, stamp, [fields], hash, nonce], …].
std::string encode_entries(const std::vector<CustodyEntry>& entries);

// This replica's public key (made when the store was created).
std::string own_public_key(Store& store);
// `message` signed with this replica's private key, hex.
std::string sign_as_replica(Store& store, std::string_view message);
// The last link of `site`'s chain in this log.
std::optional<LinkTip> custody_tip(Store& store, const std::string& site);
// Appends links (verified by the caller) in chain order; a link already held with the same hash
// is skipped, one with another hash is a storage error naming it (the caller checked continuity).
void append_custody_links(Store& store, const std::vector<CustodyLink>& links, bool acknowledged);
// A device stores its own links unsigned and signs them as they are read (docs/custody.md):
// sign_own gives every link as it leaves, signed; as_stored gives an unsigned one with an empty
// signature, for the checks and rewrites that must not sign it. Ed25519 signatures are
// deterministic, so a link signed at two reads carries the same signature both times.
enum class Signatures { sign_own, as_stored };
// Every link of `site` (every site when empty), from link `from_n` on, in chain order. With
// sign_own, the device's unsealed writes are sealed first, so every own write is in a link.
std::vector<CustodyLink> custody_links(Store& store, const std::string& site = {}, std::uint64_t from_n = 1,
                                       Signatures signatures = Signatures::sign_own);
// Links the station has not acknowledged, in chain order, up to about `max_bytes` of JSON, signed;
// the device's unsealed writes are sealed into links first.
std::vector<CustodyLink> unacknowledged_links(Store& store, std::size_t max_bytes);
// Marks links as held by the station, storing the signature of any this log held unsigned: for the
// links this log gave out (unacknowledged_links), signed as they were read.
void acknowledge_links(Store& store, const std::vector<CustodyLink>& links);
// Every link becomes unacknowledged: `sync --full` offers them all to a station that may have lost some.
void offer_links_again(Store& store);
// Sets aside link `from_n` of `site` and every later one: the station refused them, and they are
// not offered again (the records they cover are refused and set aside with them).
void refuse_links(Store& store, const std::string& site, std::uint64_t from_n);
std::optional<CustodyLink> custody_link(Store& store, const std::string& site, std::uint64_t n,
                                        Signatures signatures = Signatures::sign_own);
// A device's own writes not sealed into a link yet, oldest first (docs/custody.md, "Sealing own
// writes in batches"): their entries, held beside the clock until they fill a link or leave.
std::vector<CustodyEntry> unsealed_custody_entries(Store& store);
// The numbers of `site`'s links that may hold an entry stamped `stamp`.
std::vector<std::uint64_t> custody_links_at(Store& store, const std::string& site, Stamp stamp);
// Forgets the nonce of every entry `covered` selects, rewriting each link it changes once: a
// redaction made those values unrecoverable, and a nonce must not let a hash be reversed.
// With `only`, among those links alone (as the log holds them). Returns how many it rewrote.
std::size_t erase_custody_nonces(Store& store, const std::function<bool(const CustodyEntry&)>& covered,
                                 const std::vector<CustodyLink>* only = nullptr);

// The public keys of other replicas: from the station's registry, or pinned at first sight by a
// replica that never enrolled.
struct RegisteredKey {
    std::string site, public_key, status;  // status: active | revoked
};
std::optional<RegisteredKey> registered_key(Store& store, const std::string& site);
std::vector<RegisteredKey> registered_keys(Store& store);
void register_key(Store& store, const RegisteredKey& key);

}  // namespace langnghe
