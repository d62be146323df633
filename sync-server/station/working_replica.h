#pragma once
// A PostgreSQL station's working replica (docs/postgres.md): a private SQLite copy of the station,
// in a temporary directory, on which one server runs the very code of the embedded station (the
// checks, the join, redactions, the custody log, units, receipts, the dump). It is derived state:
// made from PostgreSQL, caught up before use, its changes written back in the same transaction,
// and thrown away whenever it might hold what PostgreSQL does not.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sqlite_station_store.h"

namespace langnghe::server {

// A custody link as both databases store it; stamps keep their 64 bits in a signed column.
struct LinkRow {
    std::string site;
    std::int64_t n = 0;
    std::string prev;
    std::int64_t signed_at = 0, first_stamp = 0, last_stamp = 0;
    std::string entries, signature, hash;
    std::int64_t acknowledged = 0;
};

struct RecordRow {
    std::string id, type, unit, state;
};

struct StationIdentity {
    std::string site, private_key, public_key;
};

class WorkingReplica {
public:
    // An empty replica acting as the station with this identity.
    explicit WorkingReplica(const StationIdentity& identity);
    ~WorkingReplica();
    WorkingReplica(const WorkingReplica&) = delete;
    WorkingReplica& operator=(const WorkingReplica&) = delete;

    // A new station identity (site id and key pair), made as a device's store makes its own.
    static StationIdentity new_identity();

    SqliteStationStore& station() { return *m_station; }
    Store& store() { return m_station->records(); }

    // Takes up states and links as PostgreSQL holds them; the station's own chain tip is read
    // again, since another server may have extended it.
    void take_up(const std::vector<std::string>& states, const std::vector<LinkRow>& links);
    std::uint64_t seq() { return store().current_seq(); }
    std::vector<RecordRow> records_changed_after(std::uint64_t seq);
    // Links inserted or changed (a nonce erased) since clear_changed_links().
    std::vector<LinkRow> changed_links();
    void clear_changed_links();

    // Everything PostgreSQL committed up to this change counter is here.
    std::int64_t pos = 0;
    // Every unit, redaction and custody link committed up to here is here (never below pos): a
    // push's catch-up adopts those and the rows it reads, not the whole station (pg_push_reads.h).
    std::int64_t shared_pos = 0;
    // How many record states take_up() has adopted, for the tests and the log.
    std::uint64_t states_taken_up = 0;

private:
    std::string m_dir;
    std::unique_ptr<SqliteStationStore> m_station;
};

}  // namespace langnghe::server
