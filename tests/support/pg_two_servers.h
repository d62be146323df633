#pragma once
// Two servers' PostgreSQL stores on one fresh database of the test cluster, in one process: what the
// tests of parallel writers start from (a Catch2 fixture; [postgres]).
#include <memory>

#include "pg_station_store.h"
#include "support/postgres_url.h"

namespace langnghe::test {

struct TwoPgServers {
    TestDatabase database{"two_servers"};
    std::unique_ptr<server::PgStationStore> first = server::PgStationStore::init(database.url);
    std::unique_ptr<server::PgStationStore> second = server::PgStationStore::open(database.url);

    // A third server, opened now: what PostgreSQL holds, read from scratch.
    std::unique_ptr<server::PgStationStore> open_reader() const { return server::PgStationStore::open(database.url); }
};

}  // namespace langnghe::test
