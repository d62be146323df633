#pragma once
// Moving an embedded station (a data directory) into an empty PostgreSQL database
// (docs/operations.md): the records, devices with their token hashes, enrollment codes, custody
// log and the station's identity, in one PostgreSQL transaction that commits only once the copy
// is checked. Devices keep their tokens and their pull cursors.
#include <cstdint>
#include <string>

namespace langnghe::server {

struct MigrationSummary {
    std::int64_t records = 0, devices = 0, codes = 0, links = 0;
    std::uint64_t cursor = 0;       // the change counter devices' cursors refer to, on both sides
    std::string site;               // the station's site id, kept
    std::string digest;             // SHA-256 of the canonical dump, equal on both sides
};

// Reads the station in `data_dir` without writing to it once opened (opening brings a file of an
// older version to the current schema, as the server does). Refuses, writing nothing, when the
// directory holds no station, when the database already holds one or any station rows, and when
// the counts or the dump's digest read back from PostgreSQL differ from the source's.
MigrationSummary migrate_to_postgres(const std::string& data_dir, const std::string& url);

}  // namespace langnghe::server
