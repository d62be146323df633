// The throwaway PostgreSQL cluster of CTest's `postgres` fixture (scripts/pg-cluster): reachable
// through the URL the fixture wrote, a database of one's own made and dropped, Vietnamese text kept
// byte for byte. Hidden ([.]) from a plain run of the binary; CTest registers it as pg/... with the
// fixture (langnghe_pg_tests in tests/CMakeLists.txt).
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/postgres_url.h"

namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// `dbname` empty: the URL's own database; otherwise that one on the URL's server.
Connection connect(const std::string& url, const std::string& dbname = "") {
    std::vector<const char*> keys{"dbname"}, values{url.c_str()};
    if (!dbname.empty()) {
        keys.push_back("dbname");  // with expand_dbname, a later dbname overrides the URL's
        values.push_back(dbname.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    Connection conn(PQconnectdbParams(keys.data(), values.data(), 1), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error("cannot connect to " + url + ": " + PQerrorMessage(conn.get()));
    return conn;
}

Result run(PGconn* conn, const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    Result result(PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                               nullptr, 0),
                  &PQclear);
    auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error(sql + ": " + PQerrorMessage(conn));
    return result;
}

std::string unique_database_name() {
    std::random_device random;
    return "langnghe_smoke_" + std::to_string(random()) + "_" + std::to_string(random());
}

// Drops the database even when an assertion ends the test early.
class ScratchDatabase {
public:
    ScratchDatabase(PGconn* admin, std::string name) : m_admin(admin), m_name(std::move(name)) {
        run(m_admin, "CREATE DATABASE " + m_name);
    }
    ~ScratchDatabase() { PQclear(PQexec(m_admin, ("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)").c_str())); }
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;
    const std::string& name() const { return m_name; }

private:
    PGconn* m_admin;
    std::string m_name;
};

}  // namespace

TEST_CASE("The test cluster keeps Vietnamese text byte for byte in a database made and dropped by the test",
          "[.][pg]") {
    const std::string url = langnghe::test::postgres_test_url();
    CHECK(langnghe::test::postgres_store_requested());
    Connection admin = connect(url);
    std::string name = unique_database_name();
    {
        ScratchDatabase scratch(admin.get(), name);
        Connection conn = connect(url, scratch.name());
        CHECK(std::string(PQparameterStatus(conn.get(), "server_encoding")) == "UTF8");

        const std::string text = "Lắng nghe ý kiến nhân dân";
        REQUIRE(text.size() == 32);  // NFC: ắ, ý, ế and â precomposed, as the store keeps text
        run(conn.get(), "CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL)");
        run(conn.get(), "INSERT INTO note VALUES (1, $1)", {text});
        Result read = run(conn.get(), "SELECT body, octet_length(body) FROM note WHERE id = 1");
        REQUIRE(PQntuples(read.get()) == 1);
        CHECK(std::string(PQgetvalue(read.get(), 0, 0), PQgetlength(read.get(), 0, 0)) == text);
        CHECK(std::string(PQgetvalue(read.get(), 0, 1)) == "32");
    }
    Result left = run(admin.get(), "SELECT count(*) FROM pg_database WHERE datname = $1", {name});
    CHECK(std::string(PQgetvalue(left.get(), 0, 0)) == "0");
}
