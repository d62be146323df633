#include "sqlite_station_store.h"

#include "langnghe/model/redaction.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/storage/redaction.h"
#include "scope_pull.h"

namespace langnghe::server {

namespace {
constexpr const char* station_schema = R"sql(
    CREATE TABLE IF NOT EXISTS devices(
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        label TEXT NOT NULL,
        unit TEXT NOT NULL,
        role TEXT NOT NULL,
        status TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        enrolled_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL DEFAULT 0);
    -- The site whose push left a record exactly as it sent it, at that change (seq): a pull does
    -- not send it back. A later change (another push, a redaction) moves seq on and voids the row.
    CREATE TABLE IF NOT EXISTS record_echo(
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        seq INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS enroll_codes(
        code_hash TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        role TEXT NOT NULL,
        device_id TEXT,
        expires_at INTEGER NOT NULL,
        used_at INTEGER);
)sql";

constexpr const char* device_columns =
    "id, site, label, unit, role, status, enrolled_at, last_seen, public_key, writes_granted, client, refused_last";

Device read_device(sql::Statement& st) {
    return {st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
            st.column_text(5), st.column_int(6),  st.column_int(7),  st.column_text(8), st.column_int(9) != 0,
            st.column_text(10), st.column_int(11)};
}

// Columns added since the table was first made. Devices enrolled before custody have no key: their
// links are refused until they enroll again.
void add_custody_columns(sql::Database& db) {
    auto has = [&db](const char* column) {
        auto st = db.prepare("SELECT 1 FROM pragma_table_info('devices') WHERE name = ?");
        st.bind(1, column);
        return st.step();
    };
    if (!has("public_key")) db.exec("ALTER TABLE devices ADD COLUMN public_key TEXT NOT NULL DEFAULT ''");
    if (!has("writes_granted")) db.exec("ALTER TABLE devices ADD COLUMN writes_granted INTEGER NOT NULL DEFAULT 0");
    // For the dashboard's device list (docs/dashboard.md).
    if (!has("client")) db.exec("ALTER TABLE devices ADD COLUMN client TEXT NOT NULL DEFAULT ''");
    if (!has("refused_last")) db.exec("ALTER TABLE devices ADD COLUMN refused_last INTEGER NOT NULL DEFAULT 0");
}

std::optional<Device> one_device(sql::Statement& st) {
    if (!st.step()) return std::nullopt;
    return read_device(st);
}
// A province's dashboard pages read every feedback document of a period. Through SQLite's 2 MB page
// cache each of those pages was a pread and a copy out of the kernel's cache, nearly half of a page's
// time on a 100,000-record station (docs/benchmarks.md); mapped, SQLite reads them where they lie.
// Writes still go through write() and fsync. The price: an I/O error while reading the file stops
// the server with SIGBUS instead of failing the request, when its disk is failing anyway.
constexpr const char* map_database = "PRAGMA mmap_size=2147418112";  // SQLite's upper bound on Debian
}  // namespace

SqliteStationStore::SqliteStationStore(std::unique_ptr<Store> store) : m_store(std::move(store)) {
    // Its link rows are copied as stored (to PostgreSQL, between working replicas): each is signed
    // as it is sealed, so no copy holds an unsigned link.
    m_store->m_signs_at_commit = true;
    m_store->db().exec(map_database);
    Store::Scope scope(*m_store);
    m_store->db().exec(station_schema);
    add_custody_columns(m_store->db());
    add_scope_index(m_store->db());
    scope.commit();
}

void SqliteStationStore::transaction(const std::function<void()>& work) {
    Store::Scope scope(*m_store);
    work();
    scope.commit();
}

std::int64_t SqliteStationStore::now_ms() { return m_store->clock().physical_ms(); }

std::vector<Device> SqliteStationStore::devices() {
    auto st = m_store->db().prepare(std::string("SELECT ") + device_columns + " FROM devices ORDER BY enrolled_at, id");
    std::vector<Device> out;
    while (st.step()) out.push_back(read_device(st));
    return out;
}

std::optional<Device> SqliteStationStore::find_device(const std::string& id) {
    auto st = m_store->db().prepare(std::string("SELECT ") + device_columns + " FROM devices WHERE id=?");
    st.bind(1, id);
    return one_device(st);
}

std::optional<Device> SqliteStationStore::device_by_token_hash(const std::string& token_hash) {
    auto st = m_store->db().prepare(std::string("SELECT ") + device_columns + " FROM devices WHERE token_hash=?");
    st.bind(1, token_hash);
    return one_device(st);
}

std::optional<std::string> SqliteStationStore::active_device_of_site(const std::string& site) {
    auto st = m_store->db().prepare("SELECT id FROM devices WHERE site=? AND status='active'");
    st.bind(1, site);
    if (!st.step()) return std::nullopt;
    return st.column_text(0);
}

void SqliteStationStore::add_device(const Device& device, const std::string& token_hash) {
    auto st = m_store->db().prepare(
        "INSERT INTO devices(id, site, label, unit, role, status, token_hash, enrolled_at, public_key) VALUES(?,?,?,?,?,?,?,?,?)");
    st.bind(1, device.id).bind(2, device.site).bind(3, device.label).bind(4, device.unit).bind(5, device.role);
    st.bind(6, device.status).bind(7, token_hash).bind(8, device.enrolled_at).bind(9, device.public_key);
    st.run();
}

void SqliteStationStore::reactivate_device(const std::string& id, const std::string& token_hash, const std::string& label,
                                           const std::string& role, const std::string& public_key) {
    auto st = m_store->db().prepare(
        "UPDATE devices SET status='active', token_hash=?, label=?, role=?, public_key=? WHERE id=?");
    st.bind(1, token_hash).bind(2, label).bind(3, role).bind(4, public_key).bind(5, id);
    st.run();
}

void SqliteStationStore::revoke_device(const std::string& id) {
    auto st = m_store->db().prepare("UPDATE devices SET status='revoked', token_hash=NULL WHERE id=?");
    st.bind(1, id);
    st.run();
    forget_held(id);
}

void SqliteStationStore::move_device(const std::string& id, const std::string& unit) {
    auto st = m_store->db().prepare("UPDATE devices SET unit=? WHERE id=?");
    st.bind(1, unit).bind(2, id);
    st.run();
    forget_held(id);
}

void SqliteStationStore::forget_held(const std::string& device_id) {
    // A revoked or moved device removes records it held (its purge), so it may need them all again.
    auto st = m_store->db().prepare("DELETE FROM record_echo WHERE site = (SELECT site FROM devices WHERE id = ?)");
    st.bind(1, device_id);
    st.run();
}

void SqliteStationStore::grant_writes(const std::string& id, bool granted) {
    auto st = m_store->db().prepare("UPDATE devices SET writes_granted=? WHERE id=?");
    st.bind(1, granted ? 1 : 0).bind(2, id);
    st.run();
}

void SqliteStationStore::touch_device(const std::string& id, std::int64_t at_ms, const std::string& client) {
    auto& st = m_store->cached_statement("UPDATE devices SET last_seen=?, client=COALESCE(NULLIF(?, ''), client) WHERE id=?");
    sql::ResetGuard reset(st);
    st.bind(1, at_ms).bind(2, client).bind(3, id);
    st.run();
}

void SqliteStationStore::note_refused(const std::string& id, std::int64_t records) {
    auto st = m_store->db().prepare("UPDATE devices SET refused_last=? WHERE id=?");
    st.bind(1, records).bind(2, id);
    st.run();
}

void SqliteStationStore::add_code(const std::string& code_hash, const EnrollCode& code) {
    auto st = m_store->db().prepare(
        "INSERT INTO enroll_codes(code_hash, unit, role, device_id, expires_at) VALUES(?,?,?,?,?)");
    st.bind(1, code_hash).bind(2, code.unit).bind(3, code.role);
    st.bind(4, code.device_id.empty() ? std::nullopt : std::optional<std::string>(code.device_id));
    st.bind(5, code.expires_at);
    st.run();
}

std::optional<EnrollCode> SqliteStationStore::find_code(const std::string& code_hash) {
    auto st = m_store->db().prepare("SELECT unit, role, device_id, expires_at, used_at FROM enroll_codes WHERE code_hash=?");
    st.bind(1, code_hash);
    if (!st.step()) return std::nullopt;
    return EnrollCode{st.column_text(0), st.column_text(1), st.column_text(2), st.column_int(3), !st.column_is_null(4)};
}

void SqliteStationStore::use_code(const std::string& code_hash, std::int64_t at_ms) {
    auto st = m_store->db().prepare("UPDATE enroll_codes SET used_at=? WHERE code_hash=?");
    st.bind(1, at_ms).bind(2, code_hash);
    st.run();
}

std::vector<std::pair<std::string, EnrollCode>> SqliteStationStore::live_codes(std::int64_t now_ms) {
    auto st = m_store->db().prepare(
        "SELECT code_hash, unit, role, device_id, expires_at FROM enroll_codes WHERE used_at IS NULL AND expires_at >= ?");
    st.bind(1, now_ms);
    std::vector<std::pair<std::string, EnrollCode>> out;
    while (st.step())
        out.push_back({st.column_text(0), {st.column_text(1), st.column_text(2), st.column_text(3), st.column_int(4), false}});
    return out;
}

void SqliteStationStore::require_unit(const std::string& code) { langnghe::require_unit(*m_store, code); }

std::vector<std::string> SqliteStationStore::unit_subtree(const std::string& code) {
    return langnghe::unit_subtree(*m_store, code);
}

std::vector<std::string> SqliteStationStore::unit_path(const std::string& code) {
    std::vector<std::string> out;
    for (const auto& unit : langnghe::unit_path(*m_store, code)) out.push_back(unit.code);
    return out;
}

RegisteredKey SqliteStationStore::station_key() { return {m_store->site_id(), own_public_key(*m_store), "active"}; }

std::string SqliteStationStore::sign(std::string_view message) { return sign_as_replica(*m_store, message); }

std::vector<CustodyLink> SqliteStationStore::check_push(const std::vector<RecordState>& records,
                                                        const std::vector<CustodyLink>& links, const WriterScope& scope,
                                                        const KeyOf& key_of) {
    // One read transaction for the whole check: one snapshot, and no lock taken per query. Inside
    // the push's write transaction, that one is the snapshot.
    std::optional<sql::Transaction> snapshot;
    if (m_store->m_scope_depth == 0) snapshot.emplace(m_store->db(), false);
    m_links.forget_if_written_elsewhere(*m_store);
    CustodyCheck custody(*m_store, key_of, {}, [this](const std::string& site, std::uint64_t n) {
        return m_links.get(*m_store, site, n);
    });
    auto fresh = custody.accept_links(links);
    check_received(*m_store, records, receiver_of(*m_store), scope);
    check_custody(*m_store, records, custody);
    return fresh;
}

ApplyResult SqliteStationStore::apply(const std::vector<RecordState>& records, const std::vector<CustodyLink>& new_links,
                                      const std::string& sender_site) {
    Store::Scope scope(*m_store);
    append_custody_links(*m_store, new_links, true);
    // Links arriving after a redaction of what they cover lose those nonces as they are stored.
    bool erased = !new_links.empty() && erase_redacted_nonces(*m_store, &new_links) > 0;
    ApplyResult result = m_store->apply(records);
    // A redaction in the same apply may have rewritten what the sender sent: then nothing is
    // taken as held, and the sender pulls the rewritten records back.
    if (!sender_site.empty() && result.redacted == 0) {
        auto& st = m_store->cached_statement(
            "INSERT OR REPLACE INTO record_echo(id, site, seq) SELECT id, ?1, seq FROM records WHERE id = ?2");
        for (const auto& id : result.as_sent) {
            sql::ResetGuard reset(st);
            st.bind(1, sender_site).bind(2, id);
            st.run();
        }
    }
    scope.commit();
    // Only once committed: a rolled-back push leaves no link in the cache that the log lacks.
    if (erased) m_links.clear();
    else
        for (const auto& link : new_links) m_links.put(link);
    return result;
}

CustodyReport SqliteStationStore::verify_custody(const KeyOf& key_of) {
    // Every value at the station reached it in a checked push or is the station's own: all are covered.
    return langnghe::verify_custody(*m_store, key_of, [](const std::string&) { return true; });
}

void SqliteStationStore::scrub_redacted() {
    scrub_redacted_values(*m_store);
    m_links.clear();  // nonces were erased
}

std::uint64_t SqliteStationStore::newest_cursor() {
    // The stored sequence, not this process's copy: an admin command may have written since.
    return std::max<std::uint64_t>(m_store->current_seq(), std::stoull(m_store->meta("seq").value_or("0")));
}

StateBatch SqliteStationStore::changes_since(std::uint64_t cursor, std::size_t limit, const std::vector<std::string>& units,
                                             const std::vector<std::string>& unit_records, const std::string& for_site) {
    // One snapshot for the rows and the newest cursor: the ranges of a merge are several statements.
    std::optional<sql::Transaction> snapshot;
    if (m_store->m_scope_depth == 0) snapshot.emplace(m_store->db(), false);
    PullScope scope{units, unit_records, for_site};
    StateBatch batch = choose_pull(m_store->db(), cursor, limit, scope) == PullPlan::unit_merge
                           ? pull_by_unit(m_store->db(), cursor, limit, scope)
                           : pull_by_seq(m_store->db(), cursor, limit, scope);
    // Everything after the cursor was looked at: the next pull starts from the newest change.
    if (!batch.more) batch.last_seq = std::max(batch.last_seq, newest_cursor());
    return batch;
}

std::optional<ReceiptStatus> SqliteStationStore::receipt(const std::string& code) {
    Feedback f;
    try {
        f = get_feedback(*m_store, code);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::invalid_input) return std::nullopt;
        throw;
    }
    if (f.deleted) return std::nullopt;
    std::string updated = f.received_at.substr(0, 10);
    for (const auto& event : status_history(*m_store, f.id)) updated = std::max(updated, event.at.substr(0, 10));
    return ReceiptStatus{f.code, f.status, f.received_at.substr(0, 10), updated};
}

UnitImportResult SqliteStationStore::import_units(const Actor& actor, std::string_view file_text,
                                                  const UnitImportOptions& options) {
    return langnghe::import_units(*m_store, actor, file_text, options);
}

std::vector<Unit> SqliteStationStore::list_units(const std::optional<std::string>& root) {
    return langnghe::list_units(*m_store, root);
}

std::string SqliteStationStore::canonical_dump() { return m_store->canonical_dump(); }

}  // namespace langnghe::server
