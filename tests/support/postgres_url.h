#pragma once
// The throwaway PostgreSQL cluster that CTest's `postgres` fixture starts with scripts/pg-cluster
// (tests/CMakeLists.txt, docs/testing.md). Its URL is known only once it runs, so CTest gives the
// tests the name of the file holding it.
#include <string>

namespace langnghe::test {

// The URL in the file named by LANGNGHE_TEST_PG_URL_FILE. Throws std::runtime_error saying what is
// missing when the variable is unset or the file unreadable or empty (the cluster is not running).
std::string postgres_test_url();

// An empty database of the test cluster, dropped when the object goes.
struct TestDatabase {
    std::string name, url;

    explicit TestDatabase(const std::string& prefix = "test");
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    // Whether the station's tables exist at all.
    bool has_tables() const;
};

// Whether CTest registered this run as the PostgreSQL copy of a suite (LANGNGHE_TEST_STORE=postgres).
bool postgres_store_requested();

}  // namespace langnghe::test
