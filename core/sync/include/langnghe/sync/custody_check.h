#pragma once
// Checking custody on receipt (docs/custody.md): links must continue their chains under their
// signers' registered keys, and every write a receiver has not seen must be in a link of its
// writer with the values the writer signed. The station runs it on every push; a device on every
// change file it imports; `verify` on a whole replica.
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "langnghe/storage/custody.h"
#include "langnghe/storage/store.h"

namespace langnghe {

// The key a site signs with as the receiver knows it; nothing for a site it does not know.
using KeyOf = std::function<std::optional<RegisteredKey>(const std::string& site)>;

// Why `link` cannot follow `tip` (the chain's last link the receiver holds, if any) when signed by
// `key`; nothing when it can. `may_be_unsigned`: a device's own link, read as stored, may not be
// signed yet (docs/custody.md): its hashes are checked, not its signature.
std::optional<std::string> link_fault(const CustodyLink& link, const std::optional<LinkTip>& tip,
                                      const std::optional<RegisteredKey>& key, bool may_be_unsigned = false);
// Why the value `record` holds at `dot` is not what `entry` says was written; nothing when it is,
// when a redaction replaced it, or when the entry's nonce was erased (the value was redacted).
std::optional<std::string> value_fault(const RecordState& record, const Dot& dot, const CustodyEntry& entry);

// Sites whose writes a receiver takes without a link covering them: writes an importer's trusted
// exporter relays from the station (which checked them), never the exporter's own.
using Vouched = std::function<bool(const std::string& site)>;
// Link n of a site's chain in the log, or null: custody_link, or a caller's cache of it.
using LinkReader = std::function<std::shared_ptr<const CustodyLink>(const std::string& site, std::uint64_t n)>;

class CustodyCheck {
public:
    CustodyCheck(Store& store, KeyOf key_of, Vouched vouched = {}, LinkReader read_link = {});

    // Checks received links in order, against the log and each other. Throws forbidden naming the
    // first link that is signed by an unknown or revoked key, altered, or off its chain. Returns
    // the links the log lacks, to append with the records.
    std::vector<CustodyLink> accept_links(const std::vector<CustodyLink>& links);
    // Why `record` is refused: a write `held` (the receiver's state of it) has not seen that no
    // link of its writer covers, or whose value differs from the signed one. Nothing when it is not.
    std::optional<std::string> fault(const RecordState& record, const std::optional<RecordState>& held);
    // The entries of `site` for `record` at `stamp`, from the received links and the log; from
    // every link of the log that may hold them when `all_links`.
    const std::vector<CustodyEntry>& entries_at(const std::string& site, const std::string& record, Stamp stamp,
                                                bool all_links = false);
    // Takes `entries` of `site` as covering its writes: a device's own writes not sealed yet.
    void cover(const std::string& site, const std::vector<CustodyEntry>& entries);

private:
    Store& m_store;
    KeyOf m_key_of;
    Vouched m_vouched;
    LinkReader m_read_link;
    std::map<std::tuple<std::string, std::string, Stamp>, std::vector<CustodyEntry>> m_entries;
    std::set<std::pair<std::string, std::uint64_t>> m_indexed;  // links whose entries are in m_entries
    std::set<std::pair<std::string, Stamp>> m_looked_up;        // (site, stamp) whose links are indexed
};

// Throws forbidden naming every record of `records` whose new writes `check` refuses.
void check_custody(Store& store, const std::vector<RecordState>& records, CustodyCheck& check);

// What `verify` found in a whole replica.
struct CustodyReport {
    std::size_t chains = 0, links = 0, entries = 0, values = 0;
    std::size_t unsigned_links = 0;    // a device's own links, signed when they leave it
    std::size_t unsealed_entries = 0;  // a device's own writes, sealed into a link when they leave it
    std::optional<std::string> fault;  // the first bad link, entry or value; nothing when all hold
};
// Re-checks every chain in the log (keys, order, signatures) and every stored value against the
// entry that covers it. `must_cover(site)`: every value of this site must have an entry (its own
// chain on a device; every chain at the station). `may_be_unsigned`: the one site whose links may be
// stored unsigned, and whose latest writes may wait unsealed (a device's own; none at a station,
// which seals and signs as it commits).
CustodyReport verify_custody(Store& store, const KeyOf& key_of, const std::function<bool(const std::string&)>& must_cover,
                             const std::string& may_be_unsigned = {});
// A device's own check (`langnghe verify`): its own chain covers every value it wrote; other
// chains it holds (from change files) are checked against the registry it holds.
CustodyReport verify_replica(Store& store);

}  // namespace langnghe
