// The SQLite wrapper: statements bind and read back, transactions commit or roll back, failures
// become storage errors.
#include <catch2/catch.hpp>

#include <fstream>

#include "langnghe/base/error.h"
#include "langnghe/storage/sqlite.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {
std::int64_t count(sql::Database& db) {
    auto st = db.prepare("SELECT count(*) FROM t");
    st.step();
    return st.column_int(0);
}

ErrorCode code_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& e) {
        return e.code();
    }
    FAIL("no error");
    return ErrorCode::internal;
}
}  // namespace

TEST_CASE("Statements bind values, return rows and can run again after reset", "[storage]") {
    sql::Database db(":memory:", true);
    db.exec("CREATE TABLE t(i INTEGER, d REAL, s TEXT)");
    auto insert = db.prepare("INSERT INTO t VALUES(?, ?, ?)");
    insert.bind(1, std::int64_t{-5}).bind(2, 2.5).bind(3, "ă\0b");
    insert.run();
    insert.bind(1, 7).bind(2, 0.0).bind_null(3);
    insert.run();
    CHECK(db.changes() == 1);
    CHECK(db.last_insert_rowid() == 2);

    auto select = db.prepare("SELECT i, d, s FROM t ORDER BY i");
    REQUIRE(select.step());
    CHECK(select.column_int(0) == -5);
    CHECK(select.column_double(1) == 2.5);
    CHECK(select.column_text(2) == "ă");
    REQUIRE(select.step());
    CHECK(select.column_is_null(2));
    CHECK(select.column_view(2).empty());
    CHECK_FALSE(select.step());
    select.reset();
    CHECK(select.step());
}

TEST_CASE("A transaction commits, or rolls back when it ends without commit", "[storage]") {
    sql::Database db(":memory:", true);
    db.exec("CREATE TABLE t(i INTEGER)");
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO t VALUES(1)");
    }
    CHECK(count(db) == 0);
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO t VALUES(1)");
        tx.commit();
    }
    CHECK(count(db) == 1);
}

TEST_CASE("A commit hook that refuses makes the COMMIT fail and the transaction roll back", "[storage]") {
    sql::Database db(":memory:", true);
    db.exec("CREATE TABLE t(i INTEGER)");
    db.set_commit_hook([] { return false; });
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO t VALUES(1)");
        CHECK(code_of([&] { tx.commit(); }) == ErrorCode::storage);
    }  // the destructor's ROLLBACK finds no transaction and does not throw
    db.set_commit_hook({});
    CHECK(count(db) == 0);
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO t VALUES(2)");
        tx.commit();
    }
    CHECK(count(db) == 1);
}

TEST_CASE("SQLite failures become storage errors, a damaged file says so, a missing one is not found", "[storage]") {
    test::TempDir dir;
    sql::Database db(dir.file("a.db"), true);
    db.exec("CREATE TABLE t(i INTEGER PRIMARY KEY)");
    CHECK(code_of([&] { db.prepare("SELECT nothing FROM nowhere"); }) == ErrorCode::storage);
    CHECK(code_of([&] { db.exec("NOT SQL"); }) == ErrorCode::storage);
    db.exec("INSERT INTO t VALUES(1)");
    auto duplicate = db.prepare("INSERT INTO t VALUES(1)");
    CHECK(code_of([&] { duplicate.run(); }) == ErrorCode::storage);

    CHECK(code_of([&] { sql::Database(dir.file("missing.db"), false); }) == ErrorCode::not_found);

    std::ofstream(dir.file("garbage.db")) << std::string(4096, 'x');
    try {
        sql::Database garbage(dir.file("garbage.db"), false);
        garbage.prepare("SELECT * FROM sqlite_master");
        FAIL("read a file that is not a database");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::storage);
        CHECK_THAT(e.what(), Catch::Contains("damaged"));
    }
}
