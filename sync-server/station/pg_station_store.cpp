#include "pg_station_store.h"

#include <algorithm>
#include <chrono>

#include "langnghe/base/error.h"
#include "langnghe/storage/redaction.h"
#include "pg_push_reads.h"
#include "pg_rate_store.h"
#include "pg_write_conflicts.h"

namespace langnghe::server {

namespace {
// Any fixed number: the key of the station-wide write lock (pg_advisory_xact_lock).
constexpr const char* write_lock = "SELECT pg_advisory_xact_lock(7231966)";
constexpr const char* schema_lock = "SELECT pg_advisory_lock(7231967)";
constexpr const char* schema_unlock = "SELECT pg_advisory_unlock(7231967)";
constexpr const char* schema_lock_for_transaction = "SELECT pg_advisory_xact_lock(7231967)";

constexpr const char* schema = R"sql(
    CREATE TABLE IF NOT EXISTS meta(key text PRIMARY KEY, value text NOT NULL);
    -- state: the canonical merge state, byte for byte what the embedded store keeps. pos: the
    -- change counter's value when the record last changed (the pull cursor). echo_site: the site
    -- whose push left the record exactly as it sent it, at that change (not sent back to it).
    CREATE TABLE IF NOT EXISTS records(
        id text PRIMARY KEY,
        type text NOT NULL,
        unit text NOT NULL,
        state text NOT NULL,
        pos bigint NOT NULL,
        echo_site text NOT NULL DEFAULT '');
    CREATE UNIQUE INDEX IF NOT EXISTS records_by_pos ON records(pos);
    -- A pull reads the changes of its scope's units, not of the whole station.
    CREATE INDEX IF NOT EXISTS records_by_unit_pos ON records(unit, pos);
    -- The unit tree alone, for the questions that need no other record (PgStationStore::units).
    CREATE INDEX IF NOT EXISTS unit_records_by_pos ON records(pos) WHERE type = 'unit';
    -- What every push's catch-up reads besides its own rows (pg_push_reads.h).
    CREATE INDEX IF NOT EXISTS shared_records_by_pos ON records(pos) WHERE type IN ('unit', 'redaction');
    CREATE TABLE IF NOT EXISTS custody_links(
        site text NOT NULL,
        n bigint NOT NULL,
        prev text NOT NULL,
        signed_at bigint NOT NULL,
        first_stamp bigint NOT NULL,
        last_stamp bigint NOT NULL,
        entries text NOT NULL,
        signature text NOT NULL,
        hash text NOT NULL,
        acknowledged integer NOT NULL DEFAULT 0,
        pos bigint NOT NULL,
        PRIMARY KEY(site, n));
    CREATE INDEX IF NOT EXISTS custody_links_by_pos ON custody_links(pos);
    CREATE TABLE IF NOT EXISTS devices(
        id text PRIMARY KEY,
        site text NOT NULL,
        label text NOT NULL,
        unit text NOT NULL,
        role text NOT NULL,
        status text NOT NULL,
        token_hash text UNIQUE,
        enrolled_at bigint NOT NULL,
        last_seen bigint NOT NULL DEFAULT 0,
        public_key text NOT NULL DEFAULT '',
        writes_granted boolean NOT NULL DEFAULT false,
        client text NOT NULL DEFAULT '',
        refused_last bigint NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS enroll_codes(
        code_hash text PRIMARY KEY,
        unit text NOT NULL,
        role text NOT NULL,
        device_id text,
        expires_at bigint NOT NULL,
        used_at bigint);
    CREATE TABLE IF NOT EXISTS rate_buckets(
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        at_ms bigint NOT NULL,
        taken boolean NOT NULL DEFAULT false);
)sql";

constexpr const char* device_columns =
    "id, site, label, unit, role, status, enrolled_at, last_seen, public_key, writes_granted, client, refused_last";

Device read_device(const pg::Result& r, int row) {
    return {std::string(r.text(row, 0)), std::string(r.text(row, 1)), std::string(r.text(row, 2)),
            std::string(r.text(row, 3)), std::string(r.text(row, 4)), std::string(r.text(row, 5)),
            r.int64(row, 6),             r.int64(row, 7),             std::string(r.text(row, 8)),
            r.text(row, 9) == "t",             std::string(r.text(row, 10)), r.int64(row, 11)};
}

std::optional<Device> one_device(const pg::Result& r) {
    if (r.rows() == 0) return std::nullopt;
    return read_device(r, 0);
}

std::optional<std::string> meta_value(pg::Connection& db, const std::string& key) {
    auto r = db.exec("SELECT value FROM meta WHERE key = $1", {key});
    if (r.rows() == 0) return std::nullopt;
    return std::string(r.text(0, 0));
}

StationIdentity read_identity(pg::Connection& db, const std::string& url) {
    auto version = meta_value(db, "schema_version");
    if (!version)
        throw Error(ErrorCode::not_found, "no station in database " + pg::redacted_url(url) +
                                              " (run `langnghe-server init --db-url URL` first)", "db-url")
            .vi("cơ sở dữ liệu " + pg::redacted_url(url) + " chưa có trạm (chạy `langnghe-server init --db-url URL` trước)");
    if (std::stoi(*version) > pg_schema_version)
        throw Error(ErrorCode::incompatible, "database schema version " + *version + " is newer than this server's (" +
                                                 std::to_string(pg_schema_version) + "): upgrade langnghe-server", "db-url")
            .vi("phiên bản lược đồ cơ sở dữ liệu " + *version + " mới hơn của máy chủ này (" +
                std::to_string(pg_schema_version) + "): hãy nâng cấp langnghe-server");
    return {meta_value(db, "site_id").value_or(""), meta_value(db, "custody_private_key").value_or(""),
            meta_value(db, "custody_public_key").value_or("")};
}
}  // namespace

void create_station_tables(pg::Connection& db) {
    db.exec(schema_lock_for_transaction);
    db.exec_script(schema);
}

std::int64_t station_counter(pg::Connection& db) { return std::stoll(meta_value(db, "pos").value_or("0")); }

bool take_up_from(pg::Connection& db, WorkingReplica& replica, std::int64_t counter, const std::atomic<bool>* stop) {
    if (counter <= replica.pos) return true;
    replica.take_up({}, links_committed(db, replica.pos, counter));
    std::int64_t from = replica.pos;
    for (;;) {
        if (stop && *stop) return false;
        auto rows = db.exec("SELECT pos, state FROM records WHERE pos > $1 AND pos <= $2 ORDER BY pos LIMIT 2000",
                            {std::to_string(from), std::to_string(counter)});
        if (rows.rows() == 0) break;
        std::vector<std::string> states;
        for (int i = 0; i < rows.rows(); ++i) states.emplace_back(rows.text(i, 1));
        replica.take_up(states, {});
        from = rows.int64(rows.rows() - 1, 0);
    }
    replica.pos = counter;
    replica.shared_pos = std::max(replica.shared_pos, counter);
    return true;
}

std::vector<LinkRow> links_committed(pg::Connection& db, std::int64_t after, std::int64_t up_to) {
    auto links = db.exec(
        "SELECT site, n, prev, signed_at, first_stamp, last_stamp, entries, signature, hash, acknowledged "
        "FROM custody_links WHERE pos > $1 AND pos <= $2 ORDER BY pos",
        {std::to_string(after), std::to_string(up_to)});
    std::vector<LinkRow> out;
    for (int i = 0; i < links.rows(); ++i)
        out.push_back({std::string(links.text(i, 0)), links.int64(i, 1), std::string(links.text(i, 2)),
                       links.int64(i, 3), links.int64(i, 4), links.int64(i, 5), std::string(links.text(i, 6)),
                       std::string(links.text(i, 7)), std::string(links.text(i, 8)), links.int64(i, 9)});
    return out;
}

void write_links(pg::Connection& db, const std::vector<LinkRow>& links, const std::vector<std::int64_t>& positions) {
    if (links.empty()) return;
    std::vector<std::string> site, prev, entries, signature, hash;
    std::vector<std::int64_t> n, signed_at, first, last, acknowledged;
    for (const auto& link : links) {
        site.push_back(link.site), n.push_back(link.n), prev.push_back(link.prev), signed_at.push_back(link.signed_at);
        first.push_back(link.first_stamp), last.push_back(link.last_stamp), entries.push_back(link.entries);
        signature.push_back(link.signature), hash.push_back(link.hash), acknowledged.push_back(link.acknowledged);
    }
    db.exec("INSERT INTO custody_links(site, n, prev, signed_at, first_stamp, last_stamp, entries, signature, hash, "
            "acknowledged, pos) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], "
            "$6::bigint[], $7::text[], $8::text[], $9::text[], $10::int[], $11::bigint[]) "
            "ON CONFLICT (site, n) DO UPDATE SET entries = excluded.entries, pos = excluded.pos",
            {pg::text_array(site), pg::int_array(n), pg::text_array(prev), pg::int_array(signed_at), pg::int_array(first),
             pg::int_array(last), pg::text_array(entries), pg::text_array(signature), pg::text_array(hash),
             pg::int_array(acknowledged), pg::int_array(positions)});
}

void write_records(pg::Connection& db, const std::vector<RecordRow>& records, const std::vector<std::int64_t>& positions,
                   const std::vector<std::string>& echo_sites) {
    if (records.empty()) return;
    std::vector<std::string> id, type, unit, state;
    for (const auto& record : records)
        id.push_back(record.id), type.push_back(record.type), unit.push_back(record.unit), state.push_back(record.state);
    db.exec("INSERT INTO records(id, type, unit, state, pos, echo_site) SELECT * FROM unnest($1::text[], $2::text[], "
            "$3::text[], $4::text[], $5::bigint[], $6::text[]) ON CONFLICT (id) DO UPDATE SET type = excluded.type, "
            "unit = excluded.unit, state = excluded.state, pos = excluded.pos, echo_site = excluded.echo_site",
            {pg::text_array(id), pg::text_array(type), pg::text_array(unit), pg::text_array(state),
             pg::int_array(positions), pg::text_array(echo_sites)});
}

std::unique_ptr<PgStationStore> PgStationStore::init(const std::string& url) {
    pg::Connection db(url);
    // Two servers starting at once on an empty database make one schema and one identity.
    db.exec(schema_lock);
    try {
        db.exec_script(schema);  // not create_station_tables: outside a transaction its lock would end at once
        auto identity = WorkingReplica::new_identity();
        db.exec("INSERT INTO meta(key, value) VALUES ('schema_version', $1), ('pos', '0'), ('site_id', $2), "
                "('custody_private_key', $3), ('custody_public_key', $4) ON CONFLICT (key) DO NOTHING",
                {std::to_string(pg_schema_version), identity.site, identity.private_key, identity.public_key});
    } catch (...) {
        db.exec(schema_unlock);
        throw;
    }
    db.exec(schema_unlock);
    return open(url);
}

namespace {
// Columns added since a station's database was first made, added when a server opens one made
// before them: looked up first, so an up-to-date database takes no table lock at each start.
void add_missing_columns(pg::Connection& db) {
    auto present = db.exec("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                           "AND table_name = 'devices' AND column_name IN ('client', 'refused_last')");
    if (present.int64(0, 0) == 2) return;
    db.exec("BEGIN");
    try {
        db.exec(schema_lock_for_transaction);
        db.exec("ALTER TABLE devices ADD COLUMN IF NOT EXISTS client text NOT NULL DEFAULT ''");
        db.exec("ALTER TABLE devices ADD COLUMN IF NOT EXISTS refused_last bigint NOT NULL DEFAULT 0");
        db.exec("COMMIT");
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
}
}  // namespace

std::unique_ptr<PgStationStore> PgStationStore::open(const std::string& url) {
    pg::Connection probe(url);
    auto identity = read_identity(probe, url);
    add_missing_columns(probe);
    return std::unique_ptr<PgStationStore>(new PgStationStore(url, std::move(identity)));
}

PgStationStore::PgStationStore(const std::string& url, StationIdentity identity)
    : m_url(url), m_db(url), m_identity(std::move(identity)) {
    // A transaction left open would hold back every other server's work; a server that stalls
    // inside one loses it instead (docs/postgres.md).
    m_db.exec("SET idle_in_transaction_session_timeout = '30s'");
}

PgStationStore::~PgStationStore() = default;

void PgStationStore::transaction(const std::function<void()>& work) {
    if (m_depth > 0) {
        work();
        return;
    }
    // Another server wrote what this one's join depended on; the work starts again from a replica
    // caught up with it (the StationStore contract: the work has no effect outside the store).
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            run_once(work);
            return;
        } catch (const WriteConflict& conflict) {
            if (attempt == attempts)
                throw Error(ErrorCode::storage, std::string("other servers kept changing what this write joins with (") +
                                                    conflict.what() + "); try again")
                    .vi("các máy chủ khác liên tục thay đổi dữ liệu mà lần ghi này cần; hãy thử lại");
        }
    }
}

void PgStationStore::run_once(const std::function<void()>& work) {
    if (!m_db.alive()) m_db.reconnect();
    m_db.exec("BEGIN");
    m_depth = 1;
    bool replica_committed = false;
    try {
        work();
        if (m_writing) {
            flush();  // takes the write lock and refuses conflicts while the replica can still roll back
            replica_committed = true;  // from here on the replica may hold what PostgreSQL lacks
            finish_locked();
        }
        m_db.exec("COMMIT");
    } catch (...) {
        m_depth = 0;
        try {
            if (m_db.alive()) m_db.exec("ROLLBACK");
        } catch (...) {
            // The connection is gone with its transaction.
        }
        if (m_writing) abandon_locked(replica_committed);
        throw;
    }
    m_depth = 0;
    bool wrote = m_lock_held;
    m_writing = false;
    m_lock_held = false;
    m_echo.clear();
    if (wrote) take_up_others();
}

SqliteStationStore& PgStationStore::locked(std::optional<PushReads> reads) {
    if (m_depth == 0) throw Error(ErrorCode::internal, "a record write outside a transaction");
    if (!m_writing) {
        make_replica();
        m_targeted = reads && !m_whole_next;
        if (m_targeted) {
            auto counter = current_counter();
            take_up_for_push(m_db, *m_replica, counter, reads->ids);
            m_read_at = counter;
            m_read_ids = std::move(reads->ids);
            // Joining what a redaction names reads the record's revisions too, which may be anywhere.
            if (any_redaction_of(m_replica->store(), reads->redaction_targets)) m_targeted = false;
        }
        if (!m_targeted) {
            catch_up();
            m_read_at = m_replica->pos;
            m_read_ids.clear();
        }
        m_whole_next = false;
        m_scope.emplace(m_replica->store());
        m_mark = m_replica->seq();
        m_replica->clear_changed_links();
        m_writing = true;
    }
    return m_replica->station();
}

SqliteStationStore& PgStationStore::current() {
    if (m_writing) return m_replica->station();
    make_replica();
    catch_up();
    return m_replica->station();
}

void PgStationStore::make_replica() {
    if (m_replica) return;
    if (m_prepared) m_replica = m_prepared->take();
    m_prepared.reset();
    if (!m_replica) m_replica = std::make_unique<WorkingReplica>(m_identity);
}

void PgStationStore::prepare_replica(PreparedReplica::Ready ready) {
    if (!m_replica && !m_prepared) m_prepared = std::make_unique<PreparedReplica>(m_url, m_identity, std::move(ready));
}

SqliteStationStore& PgStationStore::units() {
    if (m_writing) return m_replica->station();
    auto counter = station_counter(m_db);
    if (m_unit_replica && counter < m_unit_replica->pos) m_unit_replica.reset();  // restored from a backup
    if (!m_unit_replica) m_unit_replica = std::make_unique<WorkingReplica>(m_identity);
    if (counter > m_unit_replica->pos) {
        // Units are few (thousands at most), so they are read in one answer.
        auto rows = m_db.exec("SELECT state FROM records WHERE type = 'unit' AND pos > $1 AND pos <= $2 ORDER BY pos",
                              {std::to_string(m_unit_replica->pos), std::to_string(counter)});
        std::vector<std::string> states;
        for (int i = 0; i < rows.rows(); ++i) states.emplace_back(rows.text(i, 0));
        m_unit_replica->take_up(states, {});
        m_unit_replica->pos = counter;
    }
    return m_unit_replica->station();
}

std::int64_t PgStationStore::current_counter() {
    // The counter first: every change at or below it has committed (write-backs are serialised by
    // the write lock), so reading up to it misses nothing, and a row changed since has moved above it.
    auto counter = station_counter(m_db);
    // The counter went back: the database was restored from a backup under a running server. The
    // replica holds what the database lost, so it is made again from what the database holds.
    if (counter < m_replica->shared_pos) m_replica = std::make_unique<WorkingReplica>(m_identity);
    return counter;
}

void PgStationStore::catch_up() { take_up_from(m_db, *m_replica, current_counter()); }

void PgStationStore::flush() {
    auto records = m_replica->records_changed_after(m_mark);
    auto links = m_replica->changed_links();
    if (records.empty() && links.empty()) return;
    if (!m_lock_held) {
        // Writers hold the lock from here to their commit, so positions commit in their order and
        // every snapshot sees a prefix of them: the pull cursor skips nothing.
        m_db.exec(write_lock);
        m_lock_held = true;
        m_others_to = station_counter(m_db);
        m_written_to = m_others_to;
    }
    try {
        refuse_conflicts(m_db, m_read_at, m_others_to, records, links, m_identity.site);
        if (m_targeted) refuse_unread(records);
    } catch (const WriteConflict&) {
        m_whole_next = m_targeted;  // what the work reads may be anywhere now: it reads everything next
        throw;
    }
    auto pos = m_written_to;
    std::vector<std::int64_t> link_positions, record_positions;
    for (std::size_t i = 0; i < links.size(); ++i) link_positions.push_back(++pos);
    write_links(m_db, links, link_positions);
    std::vector<std::string> echo;
    for (const auto& record : records) {
        auto held_by = m_echo.find(record.id);
        echo.push_back(held_by == m_echo.end() ? "" : held_by->second);
        record_positions.push_back(++pos);
    }
    write_records(m_db, records, record_positions, echo);
    m_db.exec("UPDATE meta SET value = $1 WHERE key = 'pos'", {std::to_string(pos)});
    m_mark = m_replica->seq();
    m_replica->clear_changed_links();
    m_written_to = pos;
    m_echo.clear();
}

void PgStationStore::refuse_unread(const std::vector<RecordRow>& records) {
    std::vector<std::string> unread;
    for (const auto& record : records)
        if (!m_read_ids.contains(record.id)) unread.push_back(record.id);
    refuse_changed_since(m_db, m_replica->pos, m_others_to, unread);
}

void PgStationStore::finish_locked() {
    m_scope->commit();  // seals the station's own writes into its chain
    m_scope.reset();
    flush();
}

void PgStationStore::abandon_locked(bool replica_committed) {
    m_writing = false;
    m_lock_held = false;
    m_echo.clear();
    m_scope.reset();  // rolls the replica back when it had not committed
    if (m_replica) m_replica->station().forget_cached_links();  // links of the rolled-back push
    if (replica_committed) m_replica.reset();  // it may hold what PostgreSQL lacks: rebuilt when next needed
}

void PgStationStore::take_up_others() {
    if (m_targeted) {
        // A push's catch-up reads what it needs when it needs it. When no other writer committed
        // between it and the write-back, the replica holds what it held then and its own rows.
        if (m_others_to == m_read_at) {
            if (m_replica->pos == m_read_at) m_replica->pos = m_written_to;
            m_replica->shared_pos = m_written_to;
        }
        return;
    }
    // Between the catch-up and the lock, other writers committed rows this write did not touch
    // (refuse_conflicts saw to that); above them are this write's own, already in the replica.
    try {
        take_up_from(m_db, *m_replica, m_others_to);
        m_replica->pos = m_written_to;
        m_replica->shared_pos = std::max(m_replica->shared_pos, m_written_to);
    } catch (const std::exception&) {
        // Committed all the same. The replica stays at the catch-up's position, below its own rows,
        // which the next catch-up adopts again: the very states it holds.
        m_replica->pos = m_read_at;
    }
}

std::int64_t PgStationStore::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<Device> PgStationStore::devices() {
    auto r = m_db.exec(std::string("SELECT ") + device_columns + " FROM devices ORDER BY enrolled_at, id");
    std::vector<Device> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_device(r, i));
    return out;
}

std::optional<Device> PgStationStore::find_device(const std::string& id) {
    return one_device(m_db.exec(std::string("SELECT ") + device_columns + " FROM devices WHERE id = $1", {id}));
}

std::optional<Device> PgStationStore::device_by_token_hash(const std::string& token_hash) {
    return one_device(m_db.exec(std::string("SELECT ") + device_columns + " FROM devices WHERE token_hash = $1", {token_hash}));
}

std::optional<std::string> PgStationStore::active_device_of_site(const std::string& site) {
    auto r = m_db.exec("SELECT id FROM devices WHERE site = $1 AND status = 'active'", {site});
    if (r.rows() == 0) return std::nullopt;
    return std::string(r.text(0, 0));
}

void PgStationStore::add_device(const Device& device, const std::string& token_hash) {
    m_db.exec("INSERT INTO devices(id, site, label, unit, role, status, token_hash, enrolled_at, public_key) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
              {device.id, device.site, device.label, device.unit, device.role, device.status, token_hash,
               std::to_string(device.enrolled_at), device.public_key});
}

void PgStationStore::reactivate_device(const std::string& id, const std::string& token_hash, const std::string& label,
                                       const std::string& role, const std::string& public_key) {
    m_db.exec("UPDATE devices SET status = 'active', token_hash = $1, label = $2, role = $3, public_key = $4 WHERE id = $5",
              {token_hash, label, role, public_key, id});
}

void PgStationStore::revoke_device(const std::string& id) {
    // A revoked or moved device purges what it held, so no record is taken as held by it any more.
    transaction([&] {
        m_db.exec("UPDATE devices SET status = 'revoked', token_hash = NULL WHERE id = $1", {id});
        m_db.exec("UPDATE records SET echo_site = '' WHERE echo_site = (SELECT site FROM devices WHERE id = $1)", {id});
    });
}

void PgStationStore::move_device(const std::string& id, const std::string& unit) {
    transaction([&] {
        m_db.exec("UPDATE devices SET unit = $1 WHERE id = $2", {unit, id});
        m_db.exec("UPDATE records SET echo_site = '' WHERE echo_site = (SELECT site FROM devices WHERE id = $1)", {id});
    });
}

void PgStationStore::grant_writes(const std::string& id, bool granted) {
    m_db.exec("UPDATE devices SET writes_granted = $1 WHERE id = $2", {granted ? "true" : "false", id});
}

void PgStationStore::touch_device(const std::string& id, std::int64_t at_ms, const std::string& client) {
    m_db.exec("UPDATE devices SET last_seen = $1, client = COALESCE(NULLIF($3, ''), client) WHERE id = $2",
              {std::to_string(at_ms), id, client});
}

void PgStationStore::note_refused(const std::string& id, std::int64_t records) {
    m_db.exec("UPDATE devices SET refused_last = $1 WHERE id = $2", {std::to_string(records), id});
}

void PgStationStore::add_code(const std::string& code_hash, const EnrollCode& code) {
    m_db.exec("INSERT INTO enroll_codes(code_hash, unit, role, device_id, expires_at) VALUES ($1, $2, $3, $4, $5)",
              {code_hash, code.unit, code.role, code.device_id.empty() ? pg::Param() : pg::Param(code.device_id),
               std::to_string(code.expires_at)});
}

std::optional<EnrollCode> PgStationStore::find_code(const std::string& code_hash) {
    auto r = m_db.exec("SELECT unit, role, coalesce(device_id, ''), expires_at, used_at IS NOT NULL FROM enroll_codes "
                       "WHERE code_hash = $1",
                       {code_hash});
    if (r.rows() == 0) return std::nullopt;
    return EnrollCode{std::string(r.text(0, 0)), std::string(r.text(0, 1)), std::string(r.text(0, 2)), r.int64(0, 3),
                      r.text(0, 4) == "t"};
}

void PgStationStore::use_code(const std::string& code_hash, std::int64_t at_ms) {
    m_db.exec("UPDATE enroll_codes SET used_at = $1 WHERE code_hash = $2", {std::to_string(at_ms), code_hash});
}

std::vector<std::pair<std::string, EnrollCode>> PgStationStore::live_codes(std::int64_t now_ms) {
    auto r = m_db.exec("SELECT code_hash, unit, role, coalesce(device_id, ''), expires_at FROM enroll_codes "
                       "WHERE used_at IS NULL AND expires_at >= $1",
                       {std::to_string(now_ms)});
    std::vector<std::pair<std::string, EnrollCode>> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({std::string(r.text(i, 0)),
                       {std::string(r.text(i, 1)), std::string(r.text(i, 2)), std::string(r.text(i, 3)), r.int64(i, 4), false}});
    return out;
}

void PgStationStore::require_unit(const std::string& code) { units().require_unit(code); }

std::vector<std::string> PgStationStore::unit_subtree(const std::string& code) { return units().unit_subtree(code); }

std::vector<std::string> PgStationStore::unit_path(const std::string& code) { return units().unit_path(code); }

RegisteredKey PgStationStore::station_key() { return {m_identity.site, m_identity.public_key, "active"}; }

std::string PgStationStore::sign(std::string_view message) {
    if (!m_replica) m_replica = std::make_unique<WorkingReplica>(m_identity);
    return m_replica->station().sign(message);
}

std::vector<CustodyLink> PgStationStore::check_push(const std::vector<RecordState>& records,
                                                    const std::vector<CustodyLink>& links, const WriterScope& scope,
                                                    const KeyOf& key_of) {
    std::vector<CustodyLink> fresh;
    transaction([&] { fresh = locked(reads_of_push(records, links)).check_push(records, links, scope, key_of); });
    return fresh;
}

ApplyResult PgStationStore::apply(const std::vector<RecordState>& records, const std::vector<CustodyLink>& new_links,
                                  const std::string& sender_site) {
    ApplyResult result;
    transaction([&] {
        result = locked().apply(records, new_links, sender_site);
        if (!sender_site.empty() && result.redacted == 0)
            for (const auto& id : result.as_sent) m_echo[id] = sender_site;
        flush();  // the push's answer names the cursor after it
    });
    return result;
}

CustodyReport PgStationStore::verify_custody(const KeyOf& key_of) { return current().verify_custody(key_of); }

void PgStationStore::scrub_redacted() {
    // The rewritten states replaced the old rows; vacuuming removes the dead row versions that still
    // hold the redacted values. Not inside a transaction, as VACUUM requires.
    m_db.exec("VACUUM records");
    m_db.exec("VACUUM custody_links");
}

std::uint64_t PgStationStore::newest_cursor() {
    return static_cast<std::uint64_t>(station_counter(m_db));
}

StateBatch PgStationStore::changes_since(std::uint64_t cursor, std::size_t limit, const std::vector<std::string>& units,
                                         const std::vector<std::string>& unit_records, const std::string& for_site) {
    StateBatch batch;
    batch.last_seq = cursor;
    batch.records_json = "[";
    auto read = [&] {
        // One snapshot for the rows and the counter: a change committing between them would
        // otherwise be passed over by the cursor handed back.
        auto rows = m_db.exec(
            "SELECT pos, state FROM records WHERE pos > $1 AND "
            "((type <> 'unit' AND unit = ANY($2::text[])) OR (type = 'unit' AND unit = ANY($3::text[]))) AND "
            "($5 = '' OR echo_site <> $5) ORDER BY pos LIMIT $4",
            {std::to_string(cursor), pg::text_array(units), pg::text_array(unit_records), std::to_string(limit + 1),
             for_site});
        for (int i = 0; i < rows.rows(); ++i) {
            if (static_cast<std::size_t>(i) == limit) {
                batch.more = true;
                break;
            }
            batch.last_seq = static_cast<std::uint64_t>(rows.int64(i, 0));
            if (i > 0) batch.records_json += ',';
            batch.records_json += rows.text(i, 1);
        }
        if (!batch.more) batch.last_seq = std::max(batch.last_seq, newest_cursor());
    };
    if (m_depth > 0) read();
    else {
        m_db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
            read();
        } catch (...) {
            if (m_db.alive()) m_db.exec("ROLLBACK");
            throw;
        }
        m_db.exec("COMMIT");
    }
    batch.records_json += ']';
    return batch;
}

std::optional<ReceiptStatus> PgStationStore::receipt(const std::string& code) { return current().receipt(code); }

UnitImportResult PgStationStore::import_units(const Actor& actor, std::string_view file_text,
                                              const UnitImportOptions& options) {
    UnitImportResult result;
    transaction([&] { result = locked().import_units(actor, file_text, options); });
    return result;
}

std::vector<Unit> PgStationStore::list_units(const std::optional<std::string>& root) { return units().list_units(root); }

std::string PgStationStore::canonical_dump() { return current().canonical_dump(); }

std::shared_ptr<RateStore> PgStationStore::shared_rate_store() { return std::make_shared<PgRateStore>(m_url); }

}  // namespace langnghe::server
