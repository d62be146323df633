// `langnghe-server migrate --data DIR --db-url URL` (docs/operations.md): an embedded station with
// devices moves into PostgreSQL, and its devices go on syncing with the tokens and cursors they
// hold. Needs the test cluster ([postgres]: scripts/pg-cluster).
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <set>

#include "langnghe/storage/custody_crypto.h"
#include "pg_connection.h"
#include "support/cli_device.h"
#include "support/postgres_url.h"
#include "support/station.h"
#include "support/ui_browser.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

namespace {
const ProcessOptions quiet{.unset_env = {"LANG", "LC_ALL", "LANGUAGE", "LANGNGHE_DB_URL"}};

// The records of a canonical dump a device of ward 00004 holds.
json ward_records(const std::string& dump) {
    const std::set<std::string> units{"00004", "TDP1"}, unit_records{"01", "00004", "TDP1"};
    json out = json::array();
    json parsed = json::parse(dump);  // kept: the loop must not walk a member of a temporary
    for (const auto& r : parsed["records"]) {
        std::string unit = r["unit"];
        if (r["type"] == "unit" ? unit_records.contains(unit) : units.contains(unit)) out.push_back(r);
    }
    return out;
}

struct EmbeddedStation {
    TestDatabase target{"migrate"};  // declared first: gone after the server that uses it
    TestStation station{TestStation::Store::embedded};
    TempDir dir;
    CliDevice an{dir, "an", "Thượng úy Nguyễn Văn An"};
    CliDevice binh{dir, "binh", "Trung úy Trần Thị Bình"};
    CliDevice head{dir, "head", "Thiếu tá Lê Văn Cường"};

    EmbeddedStation() {
        station.start();
        enroll(an, "officer");
        enroll(binh, "officer");
        enroll(head, "unit_head");
        add(an, "00004", "Đường Đội Cấn ngập nước khi mưa to");
        add(an, "TDP1", "Tổ dân phố số 1 đề nghị tăng tuần tra ban đêm");
        std::string market = add(binh, "00004", "Chợ Ngọc Hà lấn chiếm lòng đường, đề nghị xử lý");
        binh.ok({"feedback", "update", market, "--tag", "trật tự đô thị"});
        for (const CliDevice* d : {&an, &binh, &head}) d->ok({"sync"});
        head.ok({"feedback", "answer", market, "--text", "Đã giao Đội Trật tự kiểm tra trong tuần"});
        // Everyone pushes, then everyone pulls what the others pushed.
        for (const CliDevice* d : {&head, &an, &binh, &head}) d->ok({"sync"});
        station.issue_code("00007", "officer");  // a code not yet used moves too
    }

    // Writes into the stopped station's file what its own code would never write (the bytes a file
    // may hold from before a check); `read` names one text value to read back afterwards.
    std::string write_to_file(const std::string& sql, const std::string& read = {}) {
        sqlite3* file = nullptr;
        REQUIRE(sqlite3_open((station.data_dir() + "/station.db").c_str(), &file) == SQLITE_OK);
        int written = sqlite3_exec(file, sql.c_str(), nullptr, nullptr, nullptr);
        std::string value;
        sqlite3_stmt* query = nullptr;
        if (written == SQLITE_OK && !read.empty() && sqlite3_prepare_v2(file, read.c_str(), -1, &query, nullptr) == SQLITE_OK &&
            sqlite3_step(query) == SQLITE_ROW)
            value = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
        sqlite3_finalize(query);
        sqlite3_close(file);
        REQUIRE(written == SQLITE_OK);
        return value;
    }

    void enroll(const CliDevice& d, const std::string& role) {
        d.init();
        d.ok({"enroll", "--server", station.url(), "--code", station.issue_code("00004", role)});
        d.ok({"sync"});
    }

    static std::string add(const CliDevice& d, const std::string& unit, const std::string& text) {
        std::string id = d.ok({"feedback", "add", "--unit", unit, "--kind", "request", "--category", "traffic", "--text", text});
        id.pop_back();
        return id;
    }

    ProcessResult migrate(const std::string& url, const std::vector<std::string>& extra = {}) const {
        std::vector<std::string> argv{server_path(), "--data", station.data_dir(), "--db-url", url};
        argv.insert(argv.end(), extra.begin(), extra.end());
        argv.push_back("migrate");
        return run_process(argv, quiet);
    }
    // migrate into the target database, which must succeed; its standard output.
    std::string migrated(const std::vector<std::string>& extra = {}) const {
        ProcessResult moved = migrate(target.url, extra);
        INFO(moved.describe());
        REQUIRE(moved.exit_code == 0);
        return moved.out;
    }

    json sync(const CliDevice& d) const { return json::parse(d.ok({"--json", "sync"})); }
};
}  // namespace

TEST_CASE_METHOD(EmbeddedStation, "a migrated station serves its devices with their old tokens and cursors",
                 "[.][postgres][migrate]") {
    std::string before = station.dump();
    // Each device's role, unit, last sync, client version and refused records.
    std::string devices = station.admin({"--json", "device", "list"});
    for (const auto& d : json::parse(devices)) REQUIRE(!d["client"].get<std::string>().empty());
    REQUIRE(station.stop() == 0);
    migrated();

    // The same port: the devices hold the server's URL from their enrollment.
    station.move_to({"--db-url", target.url});
    station.start(station.port());
    CHECK(station.dump() == before);
    CHECK(station.admin({"--json", "device", "list"}) == devices);
    station.admin({"verify"});

    // Nothing they already hold comes again, and their tokens still work.
    for (const CliDevice* d : {&an, &binh, &head}) {
        json s = sync(*d);
        INFO(d->db() << " " << s.dump());
        CHECK(s["pulled"] == 0);
        CHECK(s["pushed"] == 0);
    }
    // A record pushed by one device after the move reaches the others, and only it.
    std::string late = add(an, "00004", "Ngõ 12 Đội Cấn thiếu đèn chiếu sáng");
    CHECK(sync(an)["pushed"] == 1);
    json pulled = sync(binh);
    CHECK(pulled["pulled"] == 1);
    CHECK(json::parse(binh.ok({"feedback", "show", late, "--json"}))["text"] == "Ngõ 12 Đội Cấn thiếu đèn chiếu sáng");
    CHECK(sync(an)["pulled"] == 0);  // its own record is not echoed back

    std::string server = station.dump();
    for (const CliDevice* d : {&an, &binh}) CHECK(ward_records(d->dump()) == ward_records(server));
    CHECK(sync(head)["pulled"] == 1);
    CHECK(ward_records(head.dump()) == ward_records(server));
}

TEST_CASE_METHOD(EmbeddedStation, "migrate refuses a database that already holds a station and changes nothing",
                 "[.][postgres][migrate]") {
    REQUIRE(station.stop() == 0);
    std::string embedded = station.dump();

    SECTION("a database with a station") {
        ProcessResult init = run_process({server_path(), "--db-url", target.url, "init"}, quiet);
        REQUIRE(init.exit_code == 0);
        auto read_target = [&] {
            pg::Connection db(target.url);
            auto meta = db.exec("SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM meta");
            auto records = db.exec("SELECT count(*) FROM records");
            return std::string(meta.text(0, 0)) + " records=" + std::string(records.text(0, 0));
        };
        std::string held = read_target();

        ProcessResult refused = migrate(target.url);
        INFO(refused.describe());
        CHECK(refused.exit_code != 0);
        CHECK(refused.err.find("already holds a station") != std::string::npos);
        CHECK(read_target() == held);

        ProcessResult in_vietnamese = migrate(target.url, {"--lang", "vi"});
        CHECK(in_vietnamese.exit_code != 0);
        CHECK(in_vietnamese.err.find("đã có một trạm") != std::string::npos);
    }
    SECTION("a directory with no station") {
        ProcessResult refused = run_process(
            {server_path(), "--data", dir.file("nothing-here"), "--db-url", target.url, "migrate"}, quiet);
        INFO(refused.describe());
        CHECK(refused.exit_code != 0);
        CHECK(refused.err.find("no embedded station") != std::string::npos);
        CHECK_FALSE(target.has_tables());
    }
    SECTION("without --db-url") {
        ProcessResult refused = run_process({server_path(), "--data", station.data_dir(), "migrate"}, quiet);
        CHECK(refused.exit_code != 0);
        CHECK(refused.err.find("--db-url") != std::string::npos);
    }
    // The embedded station is read, never written.
    CHECK(station.dump() == embedded);
}

TEST_CASE_METHOD(EmbeddedStation, "migrate reports the counts and that the digest matches", "[.][postgres][migrate]") {
    REQUIRE(station.stop() == 0);
    std::string digest = sha256_hex(station.dump());
    std::size_t records = json::parse(station.dump())["records"].size();

    SECTION("in text") {
        std::string moved = migrated();
        CHECK(moved.find("Migrated " + std::to_string(records) + " records, 3 devices, 4 codes, ") != std::string::npos);
        CHECK(moved.find("digest " + digest + " matches") != std::string::npos);
    }
    SECTION("as JSON") {
        json summary = json::parse(migrated({"--json"}));
        CHECK(summary["records"] == records);
        CHECK(summary["devices"] == 3);
        CHECK(summary["codes"] == 4);
        CHECK(summary["links"] > 0);  // each device's pushes came with signed links
        CHECK(summary["digest"] == digest);
        CHECK(summary["matches"] == true);
        // The counts are PostgreSQL's own.
        pg::Connection db(target.url);
        CHECK(db.exec("SELECT count(*) FROM custody_links").int64(0, 0) == summary["links"].get<std::int64_t>());
        CHECK(db.exec("SELECT value FROM meta WHERE key = 'pos'").text(0, 0) == std::to_string(summary["cursor"].get<std::uint64_t>()));
    }
}

TEST_CASE_METHOD(EmbeddedStation, "a device label stored with bytes that are not UTF-8 moves with them shown as ?",
                 "[.][postgres][migrate]") {
    REQUIRE(station.stop() == 0);
    // Labels were not checked before: a file may hold such bytes, which a PostgreSQL text refuses.
    write_to_file("UPDATE devices SET label = CAST(X'41FF42' AS TEXT) WHERE id = (SELECT min(id) FROM devices);"
                  "UPDATE devices SET label = 'Máy của Bình' WHERE id = (SELECT max(id) FROM devices);");

    migrated();
    pg::Connection db(target.url);
    CHECK(db.exec("SELECT label FROM devices ORDER BY id LIMIT 1").text(0, 0) == "A?B");
    CHECK(db.exec("SELECT label FROM devices ORDER BY id DESC LIMIT 1").text(0, 0) == "Máy của Bình");  // kept byte for byte
}

TEST_CASE_METHOD(EmbeddedStation, "audit lines holding bytes that are not UTF-8 move with them shown as ?, the rest byte for byte",
                 "[.][postgres][migrate]") {
    add_ui_user(station, "cuong", "00004", "unit_head");
    REQUIRE(station.stop() == 0);
    // A name tried at the login form is audited as sent; a file may hold bytes PostgreSQL refuses.
    write_to_file("INSERT INTO ui_audit(at, user, address, act, what, rows) VALUES "
                  "(1, CAST(X'6E67FF' AS TEXT), '127.0.0.1', 'login_failed', '', 0), "
                  "(2, 'cuong', '127.0.0.1', 'export', 'csv phường Đội Cấn', 12);");

    migrated();
    pg::Connection db(target.url);
    CHECK(db.exec("SELECT \"user\" FROM ui_audit WHERE at = 1").text(0, 0) == "ng?");
    auto kept = db.exec("SELECT what, rows FROM ui_audit WHERE at = 2");
    CHECK(kept.text(0, 0) == "csv phường Đội Cấn");
    CHECK(kept.int64(0, 1) == 12);
}

TEST_CASE_METHOD(EmbeddedStation, "an audit log of several batches moves whole and in its order, a NUL byte shown as ?",
                 "[.][postgres][migrate]") {
    add_ui_user(station, "cuong", "00004", "unit_head");
    REQUIRE(station.stop() == 0);
    // Times running backwards, so only the order written (not `at`) gives the PostgreSQL ids.
    std::string written_order =
        write_to_file("WITH RECURSIVE line(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM line WHERE i < 4500) "
                      "INSERT INTO ui_audit(at, user, address, act, what, rows) "
                      "SELECT 1000000 - i, 'cán bộ ' || i, '127.0.0.1', 'view', 'trang \"' || i || '\" {a,b}', i FROM line;"
                      "INSERT INTO ui_audit(at, user, address, act, what, rows) "
                      "VALUES (5, CAST(X'6100620063' AS TEXT), '::1', 'login_failed', '', 4501);",
                      "SELECT group_concat(rows, ',') FROM (SELECT rows FROM ui_audit ORDER BY rowid)");
    REQUIRE(written_order.size() > 4501 * 2);

    std::string moved = migrated({"--json"});
    pg::Connection db(target.url);
    CHECK(json::parse(moved)["audit_entries"] == db.exec("SELECT count(*) FROM ui_audit").int64(0, 0));
    CHECK(db.exec("SELECT string_agg(rows::text, ',' ORDER BY id) FROM ui_audit").text(0, 0) == written_order);
    CHECK(db.exec("SELECT what FROM ui_audit WHERE rows = 4321").text(0, 0) == "trang \"4321\" {a,b}");
    CHECK(db.exec("SELECT \"user\" FROM ui_audit WHERE rows = 4321").text(0, 0) == "cán bộ 4321");
    CHECK(db.exec("SELECT \"user\" FROM ui_audit WHERE rows = 4501").text(0, 0) == "a?b?c");
}

TEST_CASE_METHOD(EmbeddedStation, "a migrated station keeps its dashboard accounts and audit log, and users sign in with their passwords",
                 "[.][postgres][migrate]") {
    const std::string password = "Gió-mùa-đông-bắc-2026";
    UiBrowser before_move = signed_in_as(station, "cuong", "00004", "unit_head", password);
    add_ui_user(station, "dung", "01", "admin");  // never signed in: still on its one-time password
    std::string users = station.admin({"user", "list"});
    std::string audit = station.admin({"user", "audit"});
    REQUIRE(audit.find("cuong") != std::string::npos);  // the sign-in and the password change
    REQUIRE(station.stop() == 0);

    json summary = json::parse(migrated({"--json"}));
    CHECK(summary["users"] == 2);
    pg::Connection db(target.url);
    CHECK(summary["audit_entries"].get<std::int64_t>() == db.exec("SELECT count(*) FROM ui_audit").int64(0, 0));
    CHECK(summary["audit_entries"] >= 2);
    CHECK(db.exec("SELECT count(*) FROM ui_sessions").int64(0, 0) == 0);  // everyone signs in again

    station.move_to({"--db-url", target.url});
    station.start(station.port());
    CHECK(station.admin({"user", "list"}) == users);
    CHECK(station.admin({"user", "audit"}).find(audit) != std::string::npos);  // the old log, in order, newest first

    auto is_login_form = [](const RawAnswer& page) { return page.body.find("name=\"username\"") != std::string::npos; };
    CHECK(is_login_form(before_move.get("/ui/")));  // the session cookie from before does not move
    UiBrowser after{station.port(), {}};
    CHECK(after.post("/ui/login", {{"username", "cuong"}, {"password", "not the password"}}).status != 303);
    RawAnswer signed_in = after.post("/ui/login", {{"username", "cuong"}, {"password", password}});
    REQUIRE(signed_in.status == 303);
    CHECK(signed_in.headers["location"] == "/ui/");  // not to /ui/password: the password moved as chosen
    RawAnswer overview = after.get("/ui/");
    CHECK(overview.status == 200);
    CHECK_FALSE(is_login_form(overview));
}
