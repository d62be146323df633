// Real sync end to end: a `langnghe-server` on a loopback port and four field devices (two officers
// in two wards, a unit head, a province supervisor) driven through the `langnghe` binary. Offline
// edits, concurrent edits of the same fields and syncs in several orders converge: each device
// holds exactly the server's data for its scope.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "langnghe/storage/sqlite.h"
#include "langnghe/sync/http_client.h"
#include "support/cli_device.h"
#include "support/station.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
// The records of a canonical dump a device of `units` may hold: its units' records and the unit
// records of those units and their ancestors.
json scoped(const std::string& dump, const std::set<std::string>& units, const std::set<std::string>& unit_records) {
    json out = json::array();
    json parsed = json::parse(dump);
    for (const auto& r : parsed["records"]) {
        std::string unit = r["unit"];
        bool is_unit = r["type"] == "unit";
        if ((is_unit && unit_records.contains(unit)) || (!is_unit && units.contains(unit))) out.push_back(r);
    }
    return out;
}

struct Field {
    TestStation station;
    TempDir dir;
    CliDevice an{dir, "an", "Thượng úy Nguyễn Văn An"};       // officer, ward 00004
    CliDevice binh{dir, "binh", "Trung úy Trần Thị Bình"};    // officer, ward 00007
    CliDevice head{dir, "head", "Thiếu tá Lê Văn Cường"};     // unit head, ward 00004
    CliDevice sup{dir, "sup", "Thượng tá Phạm Minh Dũng"};    // supervisor, province 01

    Field() {
        station.start();
        enroll(an, "00004", "officer");
        enroll(binh, "00007", "officer");
        enroll(head, "00004", "unit_head");
        enroll(sup, "01", "supervisor");
    }

    void enroll(const CliDevice& d, const std::string& unit, const std::string& role) {
        d.init();
        d.ok({"enroll", "--server", station.url(), "--code", station.issue_code(unit, role)});
        d.ok({"sync"});
    }

    static std::string add(const CliDevice& d, const std::string& unit, const std::string& text) {
        std::string id = d.ok({"feedback", "add", "--unit", unit, "--kind", "request", "--category", "traffic", "--text", text});
        id.pop_back();
        return id;
    }

    void check_scope(const CliDevice& d, const std::set<std::string>& units, const std::set<std::string>& unit_records) {
        std::string server = station.dump();
        INFO("device " << d.db());
        CHECK(scoped(d.dump(), units, unit_records) == scoped(server, units, unit_records));
        CHECK(json::parse(d.dump())["records"].size() == scoped(server, units, unit_records).size());
    }
};
}  // namespace

TEST_CASE_METHOD(Field, "four devices in two wards converge with the server for their scopes", "[e2e]") {
    std::string road = add(an, "00004", "Đường Đội Cấn ngập nước khi mưa to");
    std::string group = add(an, "TDP1", "Tổ dân phố số 1 đề nghị tăng tuần tra ban đêm");
    std::string market = add(binh, "00007", "Chợ Ngọc Hà lấn chiếm lòng đường");
    an.ok({"sync"});
    binh.ok({"sync"});
    head.ok({"sync"});

    // Offline: the officer and the unit head edit the same text; the head also answers and tags.
    an.ok({"feedback", "update", road, "--text", "Đường Đội Cấn ngập sâu 30cm khi mưa to"});
    head.ok({"feedback", "update", road, "--text", "Đường Đội Cấn (đoạn số 120) ngập khi mưa"});
    head.ok({"feedback", "answer", road, "--text", "Đã báo Công ty thoát nước khơi thông cống"});
    an.ok({"feedback", "update", group, "--tag", "tuần tra"});
    binh.ok({"feedback", "acknowledge", market});
    std::string late = add(binh, "00007", "Ngọc Hà thiếu đèn chiếu sáng");
    // The officer and the unit head both enter the group's commitments offline, the same figures.
    for (const CliDevice* d : {&an, &head})
        d->ok({"commitment", "add", "--unit", "TDP1", "--year", "2025", "--households", "120", "--signed", "100"});
    // The supervisor reads field records and does not write them: refused on the device, in the
    // officer's language, with nothing written.
    std::string sup_before = sup.ok({"dump"});
    ProcessResult refused_write =
        sup.run({"--lang", "vi", "feedback", "add", "--unit", "00007", "--kind", "request", "--category", "traffic", "--text", "Cấp tỉnh ghi"});
    CHECK(refused_write.exit_code == 1);
    CHECK(refused_write.err.find("chỉ xem") != std::string::npos);
    CHECK(sup.ok({"dump"}) == sup_before);

    // Several orders, then everyone once more so that each has seen the others.
    for (const CliDevice* d : {&head, &binh, &an, &sup, &an, &head, &binh, &sup}) d->ok({"sync"});

    std::set<std::string> ward4{"00004", "TDP1"}, ward7{"00007"}, province{"01", "00004", "TDP1", "00007"};
    check_scope(an, ward4, {"01", "00004", "TDP1"});
    check_scope(head, ward4, {"01", "00004", "TDP1"});
    check_scope(binh, ward7, {"01", "00007"});
    check_scope(sup, province, {"01", "00004", "TDP1", "00007"});

    // The concurrent text edit is kept as a conflict on every device that holds the record.
    json conflicts = json::parse(an.ok({"conflicts", "--json"}));
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0]["record_id"] == road);
    CHECK(json::parse(sup.ok({"conflicts", "--json"})) == conflicts);
    CHECK(json::parse(binh.ok({"feedback", "show", late, "--json"}))["text"] ==
          "Ngọc Hà thiếu đèn chiếu sáng");
    // Nothing from ward 00004 reached ward 00007, and nothing from the other province anywhere.
    CHECK_FALSE(binh.run({"feedback", "show", road}).exit_code == 0);
    CHECK(json::parse(sup.ok({"status", "--json"}))["unpushed"] == 0);
    // The two entries of the same commitment are one record on the station and every device.
    json commitments = json::parse(sup.ok({"commitment", "list", "--json"}));
    REQUIRE(commitments.size() == 1);
    CHECK(commitments[0]["recorders"].size() == 2);
    CHECK(json::parse(an.ok({"commitment", "list", "--json"})) == commitments);
    CHECK(json::parse(sup.ok({"commitment", "report", "--json", "--unit", "01", "--year", "2025"}))["rows"][0]["signed"] == 100);
}

TEST_CASE_METHOD(Field, "a write outside the device's scope is refused, kept and reported", "[e2e]") {
    // Ward 00007's unit records are not on An's device: import them as a resident's list would be.
    dir.write("more.csv", "code,name,kind,parent_code\n00007,Phường Ngọc Hà,ward,01\n");
    an.ok({"unit", "import", dir.file("more.csv")});
    std::string outside = add(an, "00007", "Ghi nhầm sang phường khác");
    std::string inside = add(an, "00004", "Ghi đúng phường");
    json summary = json::parse(an.ok({"sync", "--json"}));
    CHECK(summary["refused"] == json::array({outside}));
    json status = json::parse(an.ok({"status", "--json"}));
    CHECK(status["refused"] == 1);
    CHECK(status["unpushed"] == 0);
    CHECK(json::parse(an.ok({"feedback", "show", outside, "--json"}))["text"] == "Ghi nhầm sang phường khác");
    std::string server = station.dump();
    CHECK(server.find(inside) != std::string::npos);
    CHECK(server.find(outside) == std::string::npos);
}

TEST_CASE_METHOD(Field, "a device moved to another ward purges what it may no longer hold", "[e2e]") {
    std::string mine = add(an, "00004", "Phản ánh ở phường Ba Đình");
    an.ok({"sync"});
    add(binh, "00007", "Phản ánh ở phường Ngọc Hà");
    binh.ok({"sync"});
    json devices = json::parse(station.admin({"--json", "device", "list"}));
    std::string an_id;
    for (const auto& d : devices)
        if (d["label"] == "Thượng úy Nguyễn Văn An") an_id = d["id"];
    station.admin({"device", "move", an_id, "--unit", "00007"});
    json summary = json::parse(an.ok({"sync", "--json"}));
    CHECK(summary["scope_changed"] == true);
    CHECK(summary["unit"] == "00007");
    CHECK(summary["purged"].get<int>() >= 1);
    CHECK(an.run({"feedback", "show", mine}).exit_code != 0);
    check_scope(an, {"00007"}, {"01", "00007"});
}

TEST_CASE_METHOD(Field, "a revoked device is refused and the server stays up", "[e2e]") {
    json devices = json::parse(station.admin({"--json", "device", "list"}));
    std::string binh_id;
    for (const auto& d : devices)
        if (d["label"] == "Trung úy Trần Thị Bình") binh_id = d["id"];
    add(binh, "00007", "Chưa kịp gửi");
    station.admin({"device", "revoke", binh_id});
    ProcessResult r = binh.run({"sync"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("revoked") != std::string::npos);
    // The unpushed feedback is still on the device.
    CHECK(json::parse(binh.ok({"status", "--json"}))["unpushed"] == 1);
    an.ok({"sync"});
    CHECK(station.running());
}

TEST_CASE_METHOD(Field, "a station's refusal reaches the user in their language, with its code and exit status", "[e2e]") {
    std::string code = station.issue_code("00004", "officer");
    CliDevice first{dir, "first", "Hạ sĩ Đỗ Văn Em"}, second{dir, "second", "Hạ sĩ Vũ Thị Gấm"};
    first.init();
    second.init();
    first.ok({"enroll", "--server", station.url(), "--code", code});

    ProcessResult vi = second.run({"--lang", "vi", "enroll", "--server", station.url(), "--code", code});
    CHECK(vi.exit_code == 1);
    CHECK(vi.err.find("mã ghi danh này đã được dùng") != std::string::npos);
    CHECK(vi.err.find("Ngoài phạm vi được phép") != std::string::npos);  // the title of forbidden
    CHECK(vi.err.find("already used") == std::string::npos);

    ProcessResult en = second.run({"--lang", "en", "enroll", "--server", station.url(), "--code", code});
    CHECK(en.exit_code == 1);
    CHECK(en.err.find("this enrollment code was already used") != std::string::npos);

    ProcessResult as_json = second.run({"--json", "enroll", "--server", station.url(), "--code", code});
    CHECK(as_json.exit_code == 1);
    json body = json::parse(as_json.err);
    CHECK(body["error"] == "forbidden");
    CHECK(body["field"] == "code");
}

TEST_CASE_METHOD(Field, "enroll brings the scope, so an officer can record in the field before any sync", "[e2e]") {
    std::string existing = add(an, "00004", "Đèn đường hẻm 12 bị hỏng");
    an.ok({"sync"});
    CliDevice field{dir, "field", "Hạ sĩ Đỗ Văn Em"}, later{dir, "later", "Hạ sĩ Vũ Thị Gấm"};
    field.init();
    json enrolled = json::parse(field.ok({"--json", "enroll", "--server", station.url(), "--code", station.issue_code("00004", "officer")}));
    CHECK(enrolled["pulled"].get<int>() > 0);
    CHECK(field.ok({"feedback", "show", existing}).find("Đèn đường hẻm 12") != std::string::npos);
    CHECK(!add(field, "TDP1", "Tổ dân phố số 1 báo mất trộm xe máy").empty());
    // The station lists it in the admin's language: states and roles as labels, not codes.
    std::string listed = station.admin({"--lang", "vi", "device", "list"});
    CHECK(listed.find("Đang hoạt động") != std::string::npos);
    CHECK(listed.find("Cán bộ") != std::string::npos);
    CHECK(listed.find("active") == std::string::npos);
    CHECK(listed.find("officer") == std::string::npos);

    later.init();
    later.ok({"enroll", "--no-pull", "--server", station.url(), "--code", station.issue_code("00004", "officer")});
    ProcessResult before_sync = later.run({"feedback", "add", "--unit", "TDP1", "--kind", "request", "--category", "traffic", "--text", "x"});
    CHECK(before_sync.exit_code != 0);
}

// [files]: reads or copies the embedded station's SQLite file, so it runs on that store only.
TEST_CASE_METHOD(Field, "after the station restores a backup, sync --full brings back what it missed", "[e2e][files]") {
    add(an, "00004", "Trước khi sao lưu");
    an.ok({"sync"});
    int port = station.port();
    REQUIRE(station.stop() == 0);
    std::string db = station.data_dir() + "/station.db";
    std::filesystem::copy_file(db, dir.file("backup.db"));
    station.start(port);
    std::string missed = add(an, "00004", "Sau khi sao lưu");
    an.ok({"sync"});
    REQUIRE(station.stop() == 0);
    std::filesystem::remove(db + "-wal");
    std::filesystem::remove(db + "-shm");
    std::filesystem::copy_file(dir.file("backup.db"), db, std::filesystem::copy_options::overwrite_existing);
    station.start(port);
    CHECK(station.dump().find(missed) == std::string::npos);
    an.ok({"sync", "--full"});
    CHECK(station.dump().find(missed) != std::string::npos);
    check_scope(an, {"00004", "TDP1"}, {"01", "00004", "TDP1"});
}

TEST_CASE_METHOD(Field, "a resident looks up a receipt code: status and dates only, rate-limited", "[e2e]") {
    std::string id = an.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic",
                            "--resident-name", "Lê Văn Hùng", "--resident-phone", "0912345678", "--text", "Ổ gà trước số 12"});
    id.pop_back();
    std::string code = json::parse(an.ok({"feedback", "show", id, "--json"}))["code"];
    an.ok({"feedback", "answer", id, "--text", "Đã báo đội duy tu"});
    an.ok({"sync"});
    langnghe::HttpClient http(station.url());
    auto r = http.get("/v1/receipts/" + code);
    REQUIRE(r.status == 200);
    json receipt = json::parse(r.body);
    CHECK(receipt["status"] == "answered");
    CHECK(receipt["code"] == code);
    CHECK(receipt["received_on"].get<std::string>().size() == 10);
    for (const char* secret : {"Lê Văn Hùng", "0912345678", "Ổ gà", "Đã báo", "00004", "fb-"})
        CHECK(r.body.find(secret) == std::string::npos);
    std::string lower = code;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(http.get("/v1/receipts/" + lower).status == 200);  // read out, typed in any case
    CHECK(http.get("/v1/receipts/ABCDE-FGHJK").status == 404);
    CHECK(http.get("/v1/receipts/" + id).status == 400);     // a record id is not a receipt code
    bool limited = false;
    for (int i = 0; i < 60 && !limited; ++i) limited = http.get("/v1/receipts/ABCDE-FGHJK").status == 429;
    CHECK(limited);
}

TEST_CASE_METHOD(Field, "a unit head's redaction reaches every device and leaves no file of the station or a device holding the value",
                 "[e2e][custody][files]") {
    const std::string phone = "0966 123 456";
    std::string id = an.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text",
                            "Xe tải chạy đêm qua ngõ 8", "--resident-name", "Ông Vũ Văn Hải", "--resident-phone", phone});
    id.pop_back();
    an.ok({"sync"});
    head.ok({"sync"});
    sup.ok({"sync"});
    // Offline, the officer corrects the text while the head redacts the phone.
    an.ok({"feedback", "update", id, "--text", "Xe tải chạy đêm qua ngõ 8 và ngõ 10"});
    head.ok({"feedback", "redact", id, "--field", "resident_phone", "--reason", "Người dân đề nghị"});
    for (const CliDevice* d : {&head, &an, &sup, &head, &an}) d->ok({"sync"});

    for (const CliDevice* d : {&an, &head, &sup}) {
        json shown = json::parse(d->ok({"feedback", "show", id, "--json"}));
        CHECK(shown["resident_phone"] == "[redacted]");
        CHECK(shown["text"] == "Xe tải chạy đêm qua ngõ 8 và ngõ 10");
        CHECK(json::parse(d->ok({"feedback", "history", id, "--json"})).back()["kind"] == "redacted");
    }
    std::vector<std::string> files;
    for (const CliDevice* d : {&an, &head, &sup})
        for (const char* suffix : {"", "-wal"}) files.push_back(d->db() + suffix);
    for (const auto& entry : std::filesystem::directory_iterator(station.data_dir())) files.push_back(entry.path().string());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), {}};
        INFO(file);
        CHECK(bytes.find(phone) == std::string::npos);
    }
}

TEST_CASE_METHOD(Field, "change files are checked against the station's registry, and the station's custody log verifies offline",
                 "[e2e][custody][files]") {
    for (const CliDevice* d : {&an, &head}) d->ok({"sync"});  // each learns the keys of devices enrolled after it
    std::string id = add(an, "00004", "Đèn đường hỏng ở ngõ 12");
    std::string file = dir.file("an.changes");
    an.ok({"changes", "export", file});

    auto refused = [&](const std::string& path, const std::string& says) {
        std::string before = head.dump();
        ProcessResult r = head.run({"changes", "import", path});
        INFO(r.describe());
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(says) != std::string::npos);
        CHECK(head.dump() == before);
    };
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::string altered = text;
    altered.replace(altered.find("ngõ 12"), std::string("ngõ 12").size(), "ngõ 13");
    dir.write("altered.changes", altered);
    refused(dir.file("altered.changes"), "altered");
    // The same file as if from a device no station enrolled, made up by hand: every mention of an's
    // device becomes another site.
    std::string an_site = json::parse(text.substr(0, text.find(",\"keys\"")) + "}")["site"];
    std::string forged = text;
    for (auto at = forged.find(an_site); at != std::string::npos; at = forged.find(an_site, at))
        forged.replace(at, an_site.size(), "0badc0de0badc0de");
    dir.write("forged.changes", forged);
    refused(dir.file("forged.changes"), "signed by device 0badc0de0badc0de, which this device does not know");

    head.ok({"changes", "import", file});
    CHECK(json::parse(head.ok({"feedback", "show", id, "--json"}))["text"] == "Đèn đường hỏng ở ngõ 12");
    CHECK(head.ok({"verify"}).find("intact") != std::string::npos);
    head.ok({"sync"});  // relays an's chain and record before an syncs itself
    an.ok({"sync"});
    CHECK(station.dump().find(id) != std::string::npos);

    json verified = json::parse(station.admin({"--json", "verify"}));
    CHECK(verified["ok"] == true);
    CHECK(verified["chains"].get<int>() >= 2);  // the station's own and an's
    {
        langnghe::sql::Database raw(station.data_dir() + "/station.db", false);
        raw.exec("DROP TRIGGER custody_links_are_fixed; DROP TRIGGER custody_links_are_signed_once; "
                     "UPDATE custody_links SET signature = "
                 "CASE substr(signature, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END || substr(signature, 2) WHERE n = 1 AND "
                 "site = (SELECT site FROM custody_links ORDER BY site DESC LIMIT 1)");
    }
    ProcessResult broken = station.run_admin({"verify"});
    INFO(broken.describe());
    CHECK(broken.exit_code != 0);
    CHECK(broken.err.find("#1") != std::string::npos);
}

TEST_CASE_METHOD(Field, "a supervisor's device writes field records while the station grants it, and no longer once it takes the grant back",
                 "[e2e][custody]") {
    std::string id = add(an, "00004", "Đèn đường hỏng ở ngõ 5");
    an.ok({"sync"});
    sup.ok({"sync"});
    std::vector<std::string> edit{"feedback", "update", id, "--text", "Cấp tỉnh ghi rõ: đèn ngõ 5"};
    std::string before = sup.dump();
    CHECK(sup.run(edit).exit_code == 1);  // read-only: refused on the device, nothing written
    CHECK(sup.dump() == before);

    std::string sup_id;
    for (const auto& d : json::parse(station.admin({"--json", "device", "list"})))
        if (d["role"] == "supervisor") sup_id = d["id"];
    station.admin({"device", "grant", sup_id});
    sup.ok({"sync"});  // learns the grant
    sup.ok(edit);
    sup.ok({"sync"});
    an.ok({"sync"});
    CHECK(json::parse(an.ok({"feedback", "show", id, "--json"}))["text"] == "Cấp tỉnh ghi rõ: đèn ngõ 5");

    station.admin({"device", "grant", sup_id, "--revoke"});
    sup.ok({"sync"});
    CHECK(sup.run({"feedback", "update", id, "--text", "Lần nữa"}).exit_code == 1);
}

TEST_CASE_METHOD(Field, "a device with no network enrolls by card, is registered by its first change file, and goes online later",
                 "[e2e][custody]") {
    std::string qr = dir.file("card.svg");
    json issued = json::parse(station.admin({"--json", "enroll-code", "issue", "--unit", "00004", "--expires", "30d", "--qr", qr}));
    std::string card = issued["uri"];
    CHECK(card.rfind("langnghe://enroll?code=", 0) == 0);
    ProcessResult well_formed = run_process({"xmllint", "--noout", qr});
    CHECK(well_formed.exit_code == 0);

    CliDevice post{dir, "post", "Trung úy Đỗ Văn Hải"};
    post.init();
    CHECK(post.ok({"enroll", "--card", card}).find("Enrolled by card") != std::string::npos);
    ProcessResult no_network = post.run({"sync"});
    CHECK(no_network.exit_code != 0);
    CHECK(no_network.err.find("enrolled by file") != std::string::npos);

    std::string to_post = dir.file("to-post.changes"), from_post = dir.file("from-post.changes");
    station.admin({"changes", "export", "--unit", "00004", "--out", to_post});
    post.ok({"changes", "import", to_post});
    std::string id = add(post, "00004", "Xin lắp đèn ở cầu tre");
    post.ok({"changes", "export", from_post});

    json imported = json::parse(station.admin({"--json", "changes", "import", from_post}));
    CHECK(imported["enrolled"] == true);
    json listed = json::parse(station.admin({"--json", "device", "list"}));
    auto registered = std::find_if(listed.begin(), listed.end(), [&](const json& d) { return d["id"] == imported["device_id"]; });
    REQUIRE(registered != listed.end());
    CHECK((*registered)["label"] == "Trung úy Đỗ Văn Hải");
    CHECK((*registered)["unit"] == "00004");
    CHECK(station.dump().find(id) != std::string::npos);
    CHECK(json::parse(station.admin({"--json", "verify"}))["ok"] == true);
    ProcessResult again = station.run_admin({"--json", "changes", "import", from_post});
    CHECK(again.exit_code == 0);
    CHECK(json::parse(again.out)["enrolled"] == false);

    an.ok({"sync"});  // learns the post's key from the station
    an.ok({"changes", "import", from_post});
    // The import ran beside the serving server: its next writes take up after the import's.
    std::string after = add(an, "00004", "Đèn cầu tre đã sáng");
    an.ok({"sync"});
    CHECK(station.dump().find(after) != std::string::npos);
    CHECK(json::parse(station.admin({"--json", "verify"}))["ok"] == true);
    CHECK(json::parse(an.ok({"feedback", "show", id, "--json"}))["text"] == "Xin lắp đèn ở cầu tre");

    json rotated = json::parse(station.admin({"--json", "device", "rotate", imported["device_id"]}));
    post.ok({"enroll", "--server", station.url(), "--code", rotated["code"]});
    post.ok({"sync"});
    CHECK(json::parse(post.ok({"feedback", "show", id, "--json"}))["text"] == "Xin lắp đèn ở cầu tre");
}

TEST_CASE_METHOD(Field, "criteria assessments sync through the station and concurrent ones merge into one record",
                 "[e2e][criteria]") {
    const std::string example = std::string(LANGNGHE_SOURCE_DIR) + "/data/criteria/example-model-ward.json";
    for (const CliDevice* d : {&an, &head, &sup}) d->ok({"criteria", "import", example});
    std::vector<std::string> cell{"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A1", "--result"};
    auto assess = [&](const CliDevice& d, const std::string& result) {
        std::vector<std::string> args = cell;
        args.push_back(result);
        std::string id = d.ok(args);
        id.pop_back();
        return id;
    };
    std::string id = assess(an, "met");
    CHECK(assess(head, "not_met") == id);  // offline, concurrently: the same record
    an.ok({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A2", "--result", "met"});
    for (int round = 0; round < 2; ++round)
        for (const CliDevice* d : {&an, &head, &sup}) d->ok({"sync"});
    check_scope(an, {"00004", "TDP1"}, {"01", "00004", "TDP1"});
    check_scope(head, {"00004", "TDP1"}, {"01", "00004", "TDP1"});
    CHECK(station.dump().find(id) != std::string::npos);
    // The different results are one kept conflict on every device.
    auto conflicts = json::parse(an.ok({"--json", "conflicts"}));
    std::size_t on_result = 0;
    for (const auto& c : conflicts) on_result += c["record_id"] == id && c["field"] == "result";
    CHECK(on_result == 1);
    // The province supervisor reads the same report and may not assess.
    CHECK(json::parse(sup.ok({"--json", "criteria", "report", "--unit", "01", "--period", "2026-Q4"})) ==
          json::parse(an.ok({"--json", "criteria", "report", "--unit", "01", "--period", "2026-Q4"})));
    CHECK(sup.run({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A3", "--result", "met"})
              .exit_code == 1);
}
