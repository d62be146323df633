#pragma once
// Moving an embedded station (a data directory) into an empty PostgreSQL database
// (docs/operations.md): the records, devices with their token hashes, enrollment codes, custody
// log and the station's identity, in one PostgreSQL transaction that commits only once the copy
// is checked. Devices keep their tokens and their pull cursors.
#include <cstdint>
#include <functional>
#include <string>

namespace langnghe::sql {
class Database;
class Statement;
}
namespace langnghe::pg {
class Connection;
}

namespace langnghe::server {

struct MigrationSummary {
    std::int64_t records = 0, devices = 0, codes = 0, links = 0;
    std::uint64_t cursor = 0;       // the change counter devices' cursors refer to, on both sides
    std::string site;               // the station's site id, kept
    std::string digest;             // SHA-256 of the canonical dump, equal on both sides
    std::int64_t users = 0, audit_entries = 0;  // the dashboard's, moved by its layer
};

// What a layer above the station moves in the same transaction (the dashboard's accounts and audit
// log): called after the station's rows are copied and checked, before the commit; it throws to
// roll everything back.
using MigrateMore = std::function<void(sql::Database& source, pg::Connection& target, MigrationSummary& summary)>;

// Reads the station in `data_dir` without writing to it once opened (opening brings a file of an
// older version to the current schema, as the server does). Refuses, writing nothing, when the
// directory holds no station, when the database already holds one or any station rows, and when
// the counts or the dump's digest read back from PostgreSQL differ from the source's.
MigrationSummary migrate_to_postgres(const std::string& data_dir, const std::string& url, const MigrateMore& more = {});

// The rows of `table` on both sides, which must match: else throws, naming the table (`en`, `vi`),
// so the move rolls back.
std::int64_t require_same_count(sql::Database& source, pg::Connection& target, const std::string& table,
                                const std::string& en, const std::string& vi);

// Steps through `sql` on `source`, handing each row to `read_row`, and calls `write_batch` every
// couple of thousand rows and at the end: a big table moves in few statements.
void in_batches(sql::Database& source, const std::string& sql, const std::function<void(sql::Statement&)>& read_row,
                const std::function<void()>& write_batch);

// Text stored in SQLite before it was checked may hold bytes that are not UTF-8, or a NUL, which a
// PostgreSQL text column refuses; it is only shown, so those bytes become "?" rather than stop the move.
std::string storable_text(std::string text);

}  // namespace langnghe::server
