#include "pg_migration.h"

#include <filesystem>
#include <functional>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/storage/custody_crypto.h"
#include "pg_station_store.h"
#include "sqlite_station_store.h"
#include "station.h"

namespace langnghe::server {

namespace {
// Rows sent to PostgreSQL per statement: a few megabytes of states at most.
constexpr std::size_t batch_size = 2000;

// The tables whose rows are counted on both sides after the copy.
struct CountedTable {
    const char* name;
    const char* en;
    const char* vi;
};
constexpr CountedTable counted_tables[] = {
    {"records", "records", "bản ghi"},
    {"devices", "devices", "thiết bị"},
    {"enroll_codes", "enrollment codes", "mã ghi danh"},
    {"custody_links", "custody links", "mắt xích lưu vết"},
};

[[noreturn]] void refuse(ErrorCode code, const std::string& en, const std::string& vi) {
    throw Error(code, en + "; nothing was written", "db-url").vi(vi + "; không ghi gì");
}

std::int64_t count_rows(sql::Database& db, const std::string& table) {
    auto st = db.prepare("SELECT count(*) FROM " + table);
    st.step();
    return st.column_int(0);
}

std::int64_t count_rows(pg::Connection& db, const std::string& table) {
    return db.exec("SELECT count(*) FROM " + table).int64(0, 0);
}

// Every field of every link, in key order: what the dump leaves out of the custody log.
std::string links_digest(sql::Database& db) {
    auto st = db.prepare(
        "SELECT site, n, prev, signed_at, first_stamp, last_stamp, entries, signature, hash, acknowledged "
        "FROM custody_links ORDER BY site, n");
    std::string text;
    while (st.step()) {
        for (int column = 0; column < 10; ++column) text += st.column_text(column) + '\x1f';
        text += '\n';
    }
    return sha256_hex(text);
}

void refuse_unless_empty(pg::Connection& db, const std::string& where) {
    auto site = db.exec("SELECT (SELECT value FROM meta WHERE key = 'site_id') FROM meta WHERE key = 'schema_version'");
    if (site.rows() > 0) {
        std::string id = site.is_null(0, 0) ? "?" : std::string(site.text(0, 0));
        refuse(ErrorCode::already_exists,
               "database " + where + " already holds a station (site " + id +
                   "): migrate moves an embedded station into an empty database only",
               "cơ sở dữ liệu " + where + " đã có một trạm (site " + id +
                   "): chỉ chuyển được trạm nhúng vào một cơ sở dữ liệu trống");
    }
    for (const char* table : {"meta", "records", "devices", "enroll_codes", "custody_links"})
        if (count_rows(db, table) > 0)
            refuse(ErrorCode::already_exists,
                   "database " + where + " holds rows in table " + table + " but no station: give an empty database",
                   "cơ sở dữ liệu " + where + " có dữ liệu trong bảng " + table + " nhưng không có trạm: hãy dùng một cơ sở dữ liệu trống");
}

void copy_records(sql::Database& source, pg::Connection& db) {
    // An echo holds only while the record is at the change that left it (record_echo.seq).
    std::vector<RecordRow> rows;
    std::vector<std::int64_t> positions;
    std::vector<std::string> echo;
    in_batches(
        source,
        "SELECT r.id, r.type, r.unit, r.state, r.seq, coalesce(e.site, '') FROM records r "
        "LEFT JOIN record_echo e ON e.id = r.id AND e.seq = r.seq ORDER BY r.seq",
        [&](sql::Statement& st) {
            rows.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
            positions.push_back(st.column_int(4));
            echo.push_back(st.column_text(5));
        },
        [&] {
            write_records(db, rows, positions, echo);
            rows.clear(), positions.clear(), echo.clear();
        });
}

void copy_links(sql::Database& source, pg::Connection& db, std::uint64_t cursor) {
    // SQLite keeps no change position for links. At the counter, every replica built from here on
    // takes them all up, before the records, as it would take up links written since.
    std::vector<LinkRow> rows;
    in_batches(
        source,
        "SELECT site, n, prev, signed_at, first_stamp, last_stamp, entries, signature, hash, acknowledged "
        "FROM custody_links ORDER BY site, n",
        [&](sql::Statement& st) {
            rows.push_back({st.column_text(0), st.column_int(1), st.column_text(2), st.column_int(3), st.column_int(4),
                            st.column_int(5), st.column_text(6), st.column_text(7), st.column_text(8), st.column_int(9)});
        },
        [&] {
            write_links(db, rows, std::vector<std::int64_t>(rows.size(), static_cast<std::int64_t>(cursor)));
            rows.clear();
        });
}

pg::Param nullable(sql::Statement& st, int column) {
    return st.column_is_null(column) ? pg::Param() : pg::Param(st.column_text(column));
}

void copy_devices(sql::Database& source, pg::Connection& db) {
    auto st = source.prepare(
        "SELECT id, site, label, unit, role, status, token_hash, enrolled_at, last_seen, public_key, writes_granted, "
        "client, refused_last FROM devices ORDER BY id");
    while (st.step())
        db.exec("INSERT INTO devices(id, site, label, unit, role, status, token_hash, enrolled_at, last_seen, public_key, "
                "writes_granted, client, refused_last) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                {st.column_text(0), st.column_text(1), storable_text(st.column_text(2)), st.column_text(3),
                 st.column_text(4), st.column_text(5), nullable(st, 6), st.column_text(7), st.column_text(8),
                 st.column_text(9), st.column_int(10) != 0 ? "true" : "false", storable_text(st.column_text(11)),
                 std::to_string(st.column_int(12))});
}

void copy_codes(sql::Database& source, pg::Connection& db) {
    auto st = source.prepare("SELECT code_hash, unit, role, device_id, expires_at, used_at FROM enroll_codes ORDER BY code_hash");
    while (st.step())
        db.exec("INSERT INTO enroll_codes(code_hash, unit, role, device_id, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6)",
                {st.column_text(0), st.column_text(1), st.column_text(2), nullable(st, 3), st.column_text(4),
                 nullable(st, 5)});
}

[[noreturn]] void refuse_copy(const std::string& en, const std::string& vi) {
    throw Error(ErrorCode::storage, "the copy does not match the station: " + en + "; rolled back, nothing was written",
                "db-url")
        .vi("bản sao không khớp với trạm: " + vi + "; đã hủy, không ghi gì");
}

// Reads back what the transaction wrote, as a server of the station will: the same counts, and a
// replica built from PostgreSQL whose dump and custody log equal the source's.
void check_copy(SqliteStationStore& source, pg::Connection& db, const StationIdentity& identity, MigrationSummary& summary) {
    for (const auto& table : counted_tables) require_same_count(source.database(), db, table.name, table.en, table.vi);
    WorkingReplica replica(identity);
    take_up_from(db, replica, static_cast<std::int64_t>(summary.cursor));
    auto digest = sha256_hex(replica.station().canonical_dump());
    if (digest != summary.digest)
        refuse_copy("the canonical dump's SHA-256 is " + summary.digest + " in the data directory, " + digest + " in PostgreSQL",
                    "SHA-256 của bản kết xuất chuẩn là " + summary.digest + " trong thư mục dữ liệu, " + digest +
                        " trong PostgreSQL");
    if (links_digest(replica.station().database()) != links_digest(source.database()))
        refuse_copy("the custody log read back differs", "chuỗi lưu vết đọc lại khác bản gốc");
}

MigrationSummary copy_station(SqliteStationStore& source, pg::Connection& db, const std::string& where,
                              const MigrateMore& more) {
    // Tables found in place are the reason for a refusal, not news worth a NOTICE line each.
    db.exec("SET LOCAL client_min_messages = warning");
    create_station_tables(db);
    refuse_unless_empty(db, where);
    Store& records = source.records();
    StationIdentity identity{records.site_id(), records.meta("custody_private_key").value_or(""),
                             records.meta("custody_public_key").value_or("")};
    MigrationSummary summary;
    summary.site = identity.site;
    summary.cursor = source.newest_cursor();
    summary.digest = sha256_hex(source.canonical_dump());
    // The pull cursor is the change counter on both stores: each record keeps its seq as its pos
    // and the counter goes on from the source's, so a device's cursor stays valid.
    db.exec("INSERT INTO meta(key, value) VALUES ('schema_version', $1), ('pos', $2), ('site_id', $3), "
            "('custody_private_key', $4), ('custody_public_key', $5)",
            {std::to_string(pg_schema_version), std::to_string(summary.cursor), identity.site, identity.private_key,
             identity.public_key});
    copy_records(source.database(), db);
    copy_links(source.database(), db, summary.cursor);
    copy_devices(source.database(), db);
    copy_codes(source.database(), db);
    check_copy(source, db, identity, summary);
    summary.records = count_rows(db, "records");
    summary.devices = count_rows(db, "devices");
    summary.codes = count_rows(db, "enroll_codes");
    summary.links = count_rows(db, "custody_links");
    if (more) more(source.database(), db, summary);
    return summary;
}
}  // namespace

std::int64_t require_same_count(sql::Database& source, pg::Connection& target, const std::string& table,
                                const std::string& en, const std::string& vi) {
    auto here = count_rows(source, table), there = count_rows(target, table);
    if (here != there)
        refuse_copy(en + ": " + std::to_string(here) + " in the data directory, " + std::to_string(there) + " in PostgreSQL",
                    vi + ": " + std::to_string(here) + " trong thư mục dữ liệu, " + std::to_string(there) + " trong PostgreSQL");
    return here;
}

void in_batches(sql::Database& db, const std::string& sql, const std::function<void(sql::Statement&)>& read_row,
                const std::function<void()>& write_batch) {
    auto st = db.prepare(sql);
    std::size_t held = 0;
    while (st.step()) {
        read_row(st);
        if (++held == batch_size) write_batch(), held = 0;
    }
    if (held > 0) write_batch();
}

std::string storable_text(std::string text) {
    bool has_nul = text.find('\0') != std::string::npos;
    if (!has_nul && is_valid_utf8(text)) return text;
    for (char& c : text)
        if (c == '\0' || static_cast<unsigned char>(c) >= 0x80) c = '?';
    return text;
}

MigrationSummary migrate_to_postgres(const std::string& data_dir, const std::string& url, const MigrateMore& more) {
    auto path = Station::database_path(data_dir);
    if (!std::filesystem::is_regular_file(path))
        throw Error(ErrorCode::not_found, "no embedded station in " + data_dir + " (" + path + " does not exist)", "data")
            .vi("thư mục " + data_dir + " không có trạm nhúng (không có " + path + ")");
    SqliteStationStore source(Store::open_existing(path));
    // From here on the source cannot be written to, and it is read in one snapshot.
    source.database().exec("PRAGMA query_only = ON");
    sql::Transaction snapshot(source.database(), false);

    pg::Connection db(url);
    db.exec("BEGIN");
    try {
        auto summary = copy_station(source, db, pg::redacted_url(url), more);
        db.exec("COMMIT");
        return summary;
    } catch (...) {
        try {
            if (db.alive()) db.exec("ROLLBACK");
        } catch (...) {
            // The connection is gone, and its transaction with it.
        }
        throw;
    }
}

}  // namespace langnghe::server
