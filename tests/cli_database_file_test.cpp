// The device database as a file: private to its owner, never mistaken for a new one when empty, and
// a damaged one reported as damaged (exit 1), not as a usage error.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/cli_device.h"

using namespace langnghe::test;

namespace {
unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

void sql(const std::string& db, const std::string& statement) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(handle, statement.c_str(), nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(handle);
    REQUIRE(rc == SQLITE_OK);
}
}  // namespace

TEST_CASE("the database and its WAL are readable by their owner only", "[cli][storage]") {
    TempDir dir;
    CliDevice device(dir, "field");
    device.init();
    device.import_units(dir);
    device.ok({"feedback", "add", "--unit", "00004", "--channel", "patrol", "--kind", "criticism", "--category",
               "traffic", "--text", "Xe tải chạy nhanh", "--resident-name", "Nguyễn Thị Hoa", "--resident-phone",
               "0912345678"});
    CHECK(mode_of(device.db()) == 0600);
    if (std::filesystem::exists(device.db() + "-wal")) CHECK(mode_of(device.db() + "-wal") == 0600);

    // A database made before this rule is narrowed the next time it is opened.
    ::chmod(device.db().c_str(), 0644);
    device.ok({"status"});
    CHECK(mode_of(device.db()) == 0600);
}

TEST_CASE("a 0-byte database file is refused, not treated as new", "[cli][storage]") {
    TempDir dir;
    CliDevice device(dir, "field");
    std::ofstream(device.db()).close();
    for (const auto& args : std::vector<std::vector<std::string>>{{"status"}, {"init", "--officer", "An"}, {"dump"}}) {
        ProcessResult r = device.run(args);
        INFO(args[0] << ": " << r.describe());
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("empty file") != std::string::npos);
        CHECK(std::filesystem::file_size(device.db()) == 0);
    }
}

TEST_CASE("a damaged database makes dump and changes export exit 1 with a clear message", "[cli][storage]") {
    TempDir dir;
    CliDevice device(dir, "field");
    device.init();
    device.import_units(dir);
    std::string id = device.ok({"feedback", "add", "--unit", "00004", "--channel", "patrol", "--kind", "criticism",
                                "--category", "traffic", "--text", "Xe tải chạy nhanh"});
    SECTION("a stored record state that is not a record") {
        sql(device.db(), "UPDATE records SET state='{\"id\":' WHERE type='feedback'");
    }
    SECTION("pages overwritten with garbage") {
        sql(device.db(), "PRAGMA wal_checkpoint(TRUNCATE)");
        auto size = std::filesystem::file_size(device.db());
        std::fstream file(device.db(), std::ios::in | std::ios::out | std::ios::binary);
        REQUIRE(size > 4096);
        file.seekp(4096);  // every page after the first, which holds the schema
        file << std::string(size - 4096, '\x5a');
    }
    for (const auto& args : std::vector<std::vector<std::string>>{{"dump"}, {"changes", "export", dir.path() + "/c.json"}}) {
        ProcessResult r = device.run(args);
        INFO(args[0] << ": " << r.describe());
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("damaged") != std::string::npos);
    }
}
