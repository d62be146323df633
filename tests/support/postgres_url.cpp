#include "postgres_url.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "pg_connection.h"

namespace langnghe::test {

std::string postgres_test_url() {
    const char* file = std::getenv("LANGNGHE_TEST_PG_URL_FILE");
    if (!file || !*file)
        throw std::runtime_error("LANGNGHE_TEST_PG_URL_FILE is not set: run the PostgreSQL tests through CTest "
                                 "(ctest -R '^pg/'), whose `postgres` fixture starts the cluster");
    std::ifstream in(file);
    std::string url;
    if (!in || !std::getline(in, url) || url.empty())
        throw std::runtime_error(std::string("no URL in ") + file +
                                 " (LANGNGHE_TEST_PG_URL_FILE): the test cluster is not running; "
                                 "`scripts/pg-cluster start DIR` writes DIR/url");
    return url;
}

TestDatabase::TestDatabase(const std::string& prefix) {
    static std::atomic<int> made{0};
    name = prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(++made);
    pg::Connection(postgres_test_url()).exec("CREATE DATABASE " + name);
    url = pg::database_url(postgres_test_url(), name);
}

TestDatabase::~TestDatabase() {
    try {
        pg::Connection(postgres_test_url()).exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (...) {
        // The cluster goes at the end of the run, and its databases with it.
    }
}

bool TestDatabase::has_tables() const { return !pg::Connection(url).exec("SELECT to_regclass('meta')").is_null(0, 0); }

bool postgres_store_requested() {
    const char* store = std::getenv("LANGNGHE_TEST_STORE");
    return store && std::string(store) == "postgres";
}

}  // namespace langnghe::test
