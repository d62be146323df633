#pragma once
// Writers of a PostgreSQL station join on their working replicas without waiting for each other
// (docs/postgres.md, "Writers in parallel"), and take the station-wide write lock only to write back.
// Under it, a writer refuses to write over what another writer committed after its replica was
// caught up: its join did not see that change, so writing would lose it. It then starts again.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "pg_connection.h"
#include "working_replica.h"

namespace langnghe::server {

// Not an Error: PgStationStore::transaction runs the work again, and never lets it reach a client.
class WriteConflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws WriteConflict when a row committed at a position in (from, to] is one of these rows, or is
// something a join depends on beyond its own record: a unit (a push's scope), a redaction (it
// rewrites the records it names), a link of the station's own chain (the next link's number). A
// redaction or unit among these rows depends on every record, so any row in between refuses it.
void refuse_conflicts(pg::Connection& db, std::int64_t from, std::int64_t to, const std::vector<RecordRow>& records,
                      const std::vector<LinkRow>& links, const std::string& station_site);

// Throws WriteConflict when one of these records was committed at a position in (from, to].
void refuse_changed_since(pg::Connection& db, std::int64_t from, std::int64_t to, const std::vector<std::string>& ids);

}  // namespace langnghe::server
