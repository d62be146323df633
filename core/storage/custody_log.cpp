// The custody log in the replica's file: sealing this replica's commits into signed links, and
// reading and appending the links of every chain it holds.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/custody_json.h"
#include "store_access.h"

namespace langnghe {

using storage_internal::Access;

namespace {
constexpr std::size_t nonce_bytes = 16;
// A device's own writes wait, unsealed, in this meta value, which every commit rewrites anyway
// with the clock: a link row of their own cost a one-record commit four more pages in the WAL
// (docs/benchmarks.md). Sealed once they pass this size, kept well inside one page.
constexpr const char* unsealed_key = "custody_unsealed";
constexpr std::size_t unsealed_max_bytes = 2048;

std::vector<CustodyEntry> parse_unsealed(const Store& store, const std::string& text) {
    auto entries = nlohmann::json::parse(text + ']', nullptr, false);
    try {
        if (!entries.is_array()) throw Error(ErrorCode::invalid_input, "entries are not a JSON array");
        return entries_from_json(entries);
    } catch (const Error& e) {
        throw Error(ErrorCode::storage, "the custody log of " + store.path() +
                                            " is damaged: its unsealed writes cannot be read (" + e.what() + ")");
    }
}

constexpr const char* link_columns = "site, n, prev, signed_at, entries, signature, hash";

CustodyLink link_of_row(Store& store, const sql::Statement& row, Signatures signatures) {
    CustodyLink link;
    link.site = row.column_text(0);
    link.n = static_cast<std::uint64_t>(row.column_int(1));
    link.prev = row.column_text(2);
    link.signed_at = row.column_int(3);
    // Read with the wire's rules: a stored entry that breaks them was not written here.
    auto entries = nlohmann::json::parse(row.column_view(4), nullptr, false);
    try {
        if (!entries.is_array()) throw Error(ErrorCode::invalid_input, "entries are not a JSON array");
        link.entries = entries_from_json(entries);
    } catch (const Error& e) {
        throw Error(ErrorCode::storage, "the custody log is damaged: link " + link.site + "#" + std::to_string(link.n) +
                                            " has entries that cannot be read (" + e.what() + ")");
    }
    link.signature = row.column_text(5);
    if (link.signature.empty() && signatures == Signatures::sign_own) {
        std::string name = link.site + "#" + std::to_string(link.n);
        if (link.site != store.site_id())
            throw Error(ErrorCode::storage, "the custody log is damaged: link " + name + " of another site is unsigned");
        // Signed as it was sealed: a link altered since is refused, not signed in its altered form.
        std::string body = link.body();
        if (sha256_hex(body) != row.column_text(6))
            throw Error(ErrorCode::storage, "the custody log is damaged: link " + name + " is not the link that was sealed");
        link.signature = sign_as_replica(store, body);
    }
    return link;
}

std::pair<Stamp, Stamp> stamp_range(const CustodyLink& link) {
    Stamp first = link.entries.front().stamp, last = first;
    for (const auto& e : link.entries) {
        first = std::min(first, e.stamp);
        last = std::max(last, e.stamp);
    }
    return {first, last};
}

void insert_link_row(Store& store, const CustodyLink& link, std::pair<Stamp, Stamp> stamps, std::string_view entries,
                     const std::string& hash, bool acknowledged) {
    auto& st = Access::cached(store,
                              "INSERT INTO custody_links(site, n, prev, signed_at, first_stamp, last_stamp, entries, signature, "
                              "hash, acknowledged) VALUES(?,?,?,?,?,?,?,?,?,?)");
    sql::ResetGuard reset(st);
    st.bind(1, link.site).bind(2, link.n).bind(3, link.prev).bind(4, link.signed_at);
    st.bind(5, static_cast<std::int64_t>(stamps.first)).bind(6, static_cast<std::int64_t>(stamps.second));
    st.bind(7, entries).bind(8, link.signature).bind(9, hash).bind(10, acknowledged ? 1 : 0);
    st.run();
}

void mark_acknowledged(Store& store, const CustodyLink& link) {
    auto& st = Access::cached(store, "UPDATE custody_links SET acknowledged = 1 WHERE site = ? AND n = ?");
    sql::ResetGuard reset(st);
    st.bind(1, link.site).bind(2, link.n);
    st.run();
}

void insert_link(Store& store, const CustodyLink& link, const std::string& hash, bool acknowledged) {
    insert_link_row(store, link, stamp_range(link), encode_entries(link.entries), hash, acknowledged);
}
}  // namespace

void Store::note_own_write(std::string_view record, Stamp stamp, std::span<const FieldValueView> values) {
    if (m_nonces_used == m_nonces.size()) {
        m_nonces = random_hex(nonce_bytes * max_link_entries);
        m_nonces_used = 0;
    }
    std::string_view nonce = std::string_view(m_nonces).substr(m_nonces_used, nonce_bytes * 2);
    m_nonces_used += nonce_bytes * 2;
    load_unsealed_custody();
    add_pending_entry(m_custody_pending, m_custody_spare, nonce, record, stamp, values);
    m_custody_changed = true;
}

bool Store::seals_at_commit() const {
    // A file held at an older schema may be opened by a program that would not seal what waits.
    return m_signs_at_commit || m_options.migrate_to < SchemaVersion::unsealed_writes;
}

void Store::load_unsealed_custody() {
    if (m_unsealed_loaded) return;
    m_custody_pending.clear();
    auto text = seals_at_commit() ? std::nullopt : meta(unsealed_key);
    m_unsealed_stored = text && !text->empty();
    if (m_unsealed_stored)
        for (const auto& entry : parse_unsealed(*this, *text)) add_pending_entry(m_custody_pending, m_custody_spare, entry);
    m_unsealed_loaded = true;  // only once read whole: a damaged value is refused again, never half taken
}

void Store::keep_or_seal_custody() {
    if (!m_custody_changed) return;
    m_custody_changed = false;
    bool fits = m_custody_pending.size() == 1 && m_custody_pending.front().entries.size() < unsealed_max_bytes;
    bool at_commit = seals_at_commit();
    if (at_commit || !fits) seal_custody();
    if (at_commit) return;
    std::string kept = m_custody_pending.empty() ? std::string() : m_custody_pending.front().entries;
    if (kept.empty() && !m_unsealed_stored) return;
    set_meta(unsealed_key, kept);
    m_unsealed_stored = !kept.empty();
}

void Store::seal_unsealed_custody() {
    if (!m_keeps_custody || seals_at_commit()) return;
    // Most reads find nothing to seal: they cost one lookup, not a transaction.
    if (m_scope_depth == 0 && meta(unsealed_key).value_or("").empty()) return;
    Scope scope(*this);
    load_unsealed_custody();
    if (!m_custody_pending.empty()) {
        seal_custody();
        m_custody_changed = true;
    }
    scope.commit();
}

void Store::seal_custody() {
    if (!m_custody_tip) m_custody_tip = custody_tip(*this, m_site).value_or(LinkTip{});
    // A store held at an older schema keeps the trigger that forbids storing a signature later.
    bool sign_now = m_signs_at_commit || m_options.migrate_to < SchemaVersion::signed_later;
    for (auto& pending : m_custody_pending) {
        // Entries stay out of the link: they were encoded and digested as they were written.
        CustodyLink link{m_site, m_custody_tip->n + 1, m_custody_tip->hash, m_clock.physical_ms(), {}, {}};
        std::string body = link_body(link.site, link.n, link.prev, link.signed_at, sha256_hex(pending.digested));
        if (sign_now) link.signature = sign_as_replica(*this, body);
        std::string hash = sha256_hex(body);
        pending.entries += ']';
        insert_link_row(*this, link, {pending.first_stamp, pending.last_stamp}, pending.entries, hash, false);
        m_custody_tip = LinkTip{link.n, hash};
    }
    constexpr std::size_t spare_links = 2;
    for (auto& sealed : m_custody_pending)
        if (m_custody_spare.size() < spare_links) m_custody_spare.push_back(std::move(sealed));
    m_custody_pending.clear();
}

std::vector<CustodyEntry> unsealed_custody_entries(Store& store) {
    auto text = store.meta(unsealed_key);
    if (!text || text->empty()) return {};
    return parse_unsealed(store, *text);
}

std::string own_public_key(Store& store) {
    auto key = store.meta("custody_public_key");
    if (!key) throw Error(ErrorCode::storage, "database " + store.path() + " has no public key");
    return *key;
}

const SigningKey& Store::signing_key() {
    // Read each time: a station's working replica is given the station's key after it opens.
    auto key = meta("custody_private_key");
    if (!key) throw Error(ErrorCode::storage, "database " + path() + " has no signing key");
    if (!m_signing_key || !m_signing_key->made_from(*key)) m_signing_key = std::make_unique<SigningKey>(*key);
    return *m_signing_key;
}

std::string sign_as_replica(Store& store, std::string_view message) { return store.signing_key().sign(message); }

std::optional<LinkTip> custody_tip(Store& store, const std::string& site) {
    auto& st = Access::cached(store, "SELECT n, hash FROM custody_links WHERE site = ? ORDER BY n DESC LIMIT 1");
    sql::ResetGuard reset(st);
    st.bind(1, site);
    if (!st.step()) return std::nullopt;
    return LinkTip{static_cast<std::uint64_t>(st.column_int(0)), st.column_text(1)};
}

void append_custody_links(Store& store, const std::vector<CustodyLink>& links, bool acknowledged) {
    for (const auto& link : links) {
        std::string hash = link.hash();
        auto& held = Access::cached(store, "SELECT hash FROM custody_links WHERE site = ? AND n = ?");
        held.bind(1, link.site).bind(2, link.n);
        std::optional<std::string> held_hash;
        if (held.step()) held_hash = held.column_text(0);
        held.reset();
        if (held_hash) {
            if (*held_hash != hash)
                throw Error(ErrorCode::storage, "custody link " + link.site + "#" + std::to_string(link.n) +
                                                    " differs from the one this log holds");
            // Its signature was not checked here (only its hash): none is stored from it.
            if (acknowledged) mark_acknowledged(store, link);
            continue;
        }
        insert_link(store, link, hash, acknowledged);
    }
}

std::vector<CustodyLink> custody_links(Store& store, const std::string& site, std::uint64_t from_n,
                                       Signatures signatures) {
    if (signatures == Signatures::sign_own) store.seal_unsealed_custody();
    auto st = Access::db(store).prepare(
        std::string("SELECT ") + link_columns +
        " FROM custody_links WHERE (?1 = '' OR site = ?1) AND n >= ?2 ORDER BY site, n");
    st.bind(1, site).bind(2, from_n);
    std::vector<CustodyLink> out;
    while (st.step()) out.push_back(link_of_row(store, st, signatures));
    return out;
}

std::vector<CustodyLink> unacknowledged_links(Store& store, std::size_t max_bytes) {
    store.seal_unsealed_custody();
    auto st = Access::db(store).prepare(std::string("SELECT ") + link_columns +
                                        " FROM custody_links WHERE acknowledged = 0 ORDER BY site, n");
    std::vector<CustodyLink> out;
    std::size_t bytes = 0;
    while (st.step()) {
        bytes += st.column_view(4).size() + 400;
        if (!out.empty() && bytes > max_bytes) break;
        out.push_back(link_of_row(store, st, Signatures::sign_own));
    }
    return out;
}

void acknowledge_links(Store& store, const std::vector<CustodyLink>& links) {
    // A link the station holds has left the device: its signature, made as it was read, is kept.
    auto& st = Access::cached(store,
                              "UPDATE custody_links SET acknowledged = 1, "
                              "signature = CASE WHEN signature = '' THEN ?3 ELSE signature END WHERE site = ?1 AND n = ?2");
    for (const auto& link : links) {
        sql::ResetGuard reset(st);
        st.bind(1, link.site).bind(2, link.n).bind(3, link.signature);
        st.run();
    }
}

void offer_links_again(Store& store) { Access::db(store).exec("UPDATE custody_links SET acknowledged = 0"); }

void refuse_links(Store& store, const std::string& site, std::uint64_t from_n) {
    auto& st = Access::cached(store, "UPDATE custody_links SET acknowledged = -1 WHERE site = ? AND n >= ?");
    sql::ResetGuard reset(st);
    st.bind(1, site).bind(2, from_n);
    st.run();
}

std::optional<CustodyLink> custody_link(Store& store, const std::string& site, std::uint64_t n, Signatures signatures) {
    if (signatures == Signatures::sign_own) store.seal_unsealed_custody();
    auto& st = Access::cached(store, std::string("SELECT ") + link_columns + " FROM custody_links WHERE site = ? AND n = ?");
    sql::ResetGuard reset(st);
    st.bind(1, site).bind(2, n);
    if (!st.step()) return std::nullopt;
    return link_of_row(store, st, signatures);
}

std::vector<std::uint64_t> custody_links_at(Store& store, const std::string& site, Stamp stamp) {
    auto& st = Access::cached(store, "SELECT n FROM custody_links WHERE site = ? AND last_stamp >= ? AND first_stamp <= ?");
    sql::ResetGuard reset(st);
    st.bind(1, site).bind(2, static_cast<std::int64_t>(stamp)).bind(3, static_cast<std::int64_t>(stamp));
    std::vector<std::uint64_t> out;
    while (st.step()) out.push_back(static_cast<std::uint64_t>(st.column_int(0)));
    return out;
}

std::size_t erase_custody_nonces(Store& store, const std::function<bool(const CustodyEntry&)>& covered,
                                 const std::vector<CustodyLink>* only) {
    store.seal_unsealed_custody();  // unsealed entries hold nonces too
    std::vector<CustodyLink> changed;
    std::vector<CustodyLink> links;
    // Only entries are rewritten: an unsigned link stays unsigned (its nonces are not in its body).
    if (!only) links = custody_links(store, {}, 1, Signatures::as_stored);
    else
        for (const auto& link : *only)
            if (auto held = custody_link(store, link.site, link.n, Signatures::as_stored)) links.push_back(std::move(*held));
    for (auto& link : links) {
        bool erased = false;
        for (auto& e : link.entries)
            if (!e.nonce.empty() && covered(e)) {
                e.nonce.clear();
                erased = true;
            }
        if (erased) changed.push_back(std::move(link));
    }
    auto& st = Access::cached(store, "UPDATE custody_links SET entries = ? WHERE site = ? AND n = ?");
    for (const auto& link : changed) {
        sql::ResetGuard reset(st);
        st.bind(1, encode_entries(link.entries)).bind(2, link.site).bind(3, link.n);
        st.run();
    }
    return changed.size();
}

std::optional<RegisteredKey> registered_key(Store& store, const std::string& site) {
    auto& st = Access::cached(store, "SELECT public_key, status FROM custody_keys WHERE site = ?");
    sql::ResetGuard reset(st);
    st.bind(1, site);
    if (!st.step()) return std::nullopt;
    return RegisteredKey{site, st.column_text(0), st.column_text(1)};
}

std::vector<RegisteredKey> registered_keys(Store& store) {
    auto st = Access::db(store).prepare("SELECT site, public_key, status FROM custody_keys ORDER BY site");
    std::vector<RegisteredKey> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2)});
    return out;
}

void register_key(Store& store, const RegisteredKey& key) {
    auto& st = Access::cached(store,
                              "INSERT INTO custody_keys(site, public_key, status) VALUES(?,?,?) "
                              "ON CONFLICT(site) DO UPDATE SET public_key = excluded.public_key, status = excluded.status");
    sql::ResetGuard reset(st);
    st.bind(1, key.site).bind(2, key.public_key).bind(3, key.status);
    st.run();
}

}  // namespace langnghe
