// The `langnghe` binary on temp databases: exit codes, nothing written on bad input, help on every
// command, languages, and Vietnamese text byte for byte.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
// "Thái độ" precomposed (NFC) and decomposed (NFD: a + U+0301, o + U+0323 + U+0302).
const std::string thai_do_nfc = "Th\xC3\xA1i \xC4\x91\xE1\xBB\x99";
const std::string thai_do_nfd = "Tha\xCC\x81i \xC4\x91o\xCC\xA3\xCC\x82";

class CliFixture {
protected:
    TempDir dir;
    CliDevice device{dir, "device"};

    CliFixture() {
        device.init();
        device.import_units(dir);
    }

    // Adds feedback with default fields; an option in `extra` replaces its default.
    std::string add_feedback(const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"feedback", "add"};
        for (auto [option, value] : {std::pair{"--unit", "00004"},
                                     {"--kind", "criticism"},
                                     {"--category", "conduct"},
                                     {"--text", "Cán bộ tiếp dân chưa niềm nở"}})
            if (std::find(extra.begin(), extra.end(), option) == extra.end()) args.insert(args.end(), {option, value});
        args.insert(args.end(), extra.begin(), extra.end());
        std::string out = device.ok(args);
        REQUIRE(out.back() == '\n');
        return out.substr(0, out.size() - 1);
    }

    json status() { return json::parse(device.ok({"status", "--json"})); }
};
}  // namespace

TEST_CASE_METHOD(CliFixture, "feedback add prints the new id alone, --json prints the record", "[cli]") {
    std::string id = add_feedback({"--tag", "tiếp dân", "--tag", "buổi sáng", "--group", "Tổ 1"});
    CHECK(id.rfind("fb-", 0) == 0);
    CHECK(id.size() == 19);
    CHECK(id.find_first_of(" \n\t") == std::string::npos);

    json record = json::parse(device.ok({"feedback", "add", "--json", "--unit", "00004", "--kind", "praise",
                                         "--category", "responsiveness", "--text", "Có mặt rất nhanh",
                                         "--resident-name", "Trần Thị Bình", "--resident-phone", "0912 345 678"}));
    CHECK(record["kind"] == "praise");
    CHECK(record["category"] == "responsiveness");
    CHECK(record["status"] == "new");
    CHECK(record["resident_name"] == "Trần Thị Bình");
    CHECK(record["anonymous"] == false);
    CHECK(record["recorded_by"] == "Cán bộ thử nghiệm");

    json shown = json::parse(device.ok({"feedback", "show", id, "--json"}));
    CHECK(shown["id"] == id);
    CHECK(shown["tags"] == json::array({"buổi sáng", "tiếp dân"}));
    CHECK(shown["group"] == "Tổ 1");
    CHECK(shown["anonymous"] == true);
}

TEST_CASE_METHOD(CliFixture, "feedback add tells the officer the receipt code on stderr, in the officer's language",
                 "[cli]") {
    for (std::string lang : {"vi", "en"}) {
        ProcessResult r = device.run({"--lang", lang, "feedback", "add", "--unit", "00004", "--kind", "request",
                                      "--category", "traffic", "--text", "Đèn đường hỏng"});
        REQUIRE(r.exit_code == 0);
        std::string id = r.out.substr(0, r.out.find('\n'));
        CHECK(r.out == id + "\n");  // stdout stays the id alone, for scripts
        std::string code = json::parse(device.ok({"feedback", "show", id, "--json"}))["code"];
        CHECK(r.err == (lang == "vi" ? "Mã biên nhận (đọc cho người dân): " : "Receipt code (read it to the resident): ") +
                           code + "\n");
    }
}

TEST_CASE_METHOD(CliFixture, "unit find matches names without marks and shows what a unit is under", "[cli]") {
    json found = json::parse(device.ok({"unit", "find", "ba dinh", "--json"}));
    REQUIRE(found.size() == 1);
    CHECK(found[0]["code"] == "00004");
    CHECK(json::parse(device.ok({"unit", "find", "PHƯỜNG", "--json"})).size() == 2);
    CHECK(json::parse(device.ok({"unit", "find", "ha noi", "--json"}))[0]["code"] == "01");
    CHECK(json::parse(device.ok({"unit", "find", "noi ha", "--json"})).size() == 1);  // every word, any order
    CHECK(json::parse(device.ok({"unit", "find", "tdp1", "--json"}))[0]["name"] == "Tổ dân phố số 1");

    ProcessResult table = device.run({"--lang", "vi", "unit", "find", "ngoc ha"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("00007") != std::string::npos);
    CHECK(table.out.find("Thành phố Hà Nội") != std::string::npos);
    ProcessResult none = device.run({"--lang", "vi", "unit", "find", "Đà Lạt"});
    CHECK(none.exit_code == 0);
    CHECK(none.err.find("Không tìm thấy đơn vị nào") != std::string::npos);
}

TEST_CASE_METHOD(CliFixture, "a unit import that would rename a unit holding records is refused, naming it", "[cli]") {
    std::string id = add_feedback();
    std::string before = device.dump();
    // The older list reuses the code 00004 for another ward.
    dir.write("older.csv", "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Trúc Bạch,ward,01\n"
                           "00010,Phường Quán Thánh,ward,01\n");
    ProcessResult refused = device.run({"--lang", "en", "unit", "import", dir.file("older.csv")});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("00004: Phường Ba Đình → Phường Trúc Bạch, 1 records") != std::string::npos);
    CHECK(refused.err.find("--namespace") != std::string::npos);
    CHECK(device.dump() == before);  // all or nothing: 00010 was not added either
    ProcessResult vi = device.run({"--lang", "vi", "unit", "import", dir.file("older.csv")});
    CHECK(vi.err.find("đang có hồ sơ") != std::string::npos);

    // Under its own namespace both lists coexist and the record keeps its ward.
    json added = json::parse(device.ok({"unit", "import", dir.file("older.csv"), "--namespace", "2019", "--json"}));
    CHECK(added["added"] == 3);
    CHECK(json::parse(device.ok({"unit", "find", "truc bach", "--json"}))[0]["code"] == "2019.00004");
    CHECK(json::parse(device.ok({"unit", "find", "truc bach", "--json"}))[0]["parent"] == "2019.01");
    CHECK(json::parse(device.ok({"feedback", "show", id, "--json"}))["unit"] == "00004");
    CHECK(json::parse(device.ok({"unit", "find", "00004", "--json"}))[0]["name"] == "Phường Ba Đình");
    CHECK(device.run({"unit", "import", dir.file("older.csv"), "--namespace", "a b"}).exit_code == 2);

    // A unit holding nothing may be renamed; one holding records only when asked for.
    dir.write("renamed.csv", "code,name,kind,parent_code\n00007,Phường Ngọc Hà mới,ward,01\n");
    CHECK(json::parse(device.ok({"unit", "import", dir.file("renamed.csv"), "--json"}))["updated"] == 1);
    device.ok({"unit", "import", dir.file("older.csv"), "--rename"});
    CHECK(json::parse(device.ok({"unit", "find", "00004", "--json"}))[0]["name"] == "Phường Trúc Bạch");
}

TEST_CASE_METHOD(CliFixture, "feedback show finds a record by its receipt code", "[cli]") {
    std::string id = add_feedback();
    std::string code = json::parse(device.ok({"feedback", "show", id, "--json"}))["code"];
    REQUIRE(code.size() == 11);
    std::string lower;
    for (char c : code) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    CHECK(json::parse(device.ok({"feedback", "show", code, "--json"}))["id"] == id);
    CHECK(json::parse(device.ok({"feedback", "show", lower, "--json"}))["id"] == id);
}

TEST_CASE_METHOD(CliFixture, "the feedback lifecycle is kept as history", "[cli]") {
    std::string id = add_feedback();
    device.ok({"feedback", "acknowledge", id});
    device.ok({"feedback", "answer", id, "--text", "Đã nhắc nhở cán bộ"});
    device.ok({"feedback", "reopen", id, "--reason", "Người dân chưa hài lòng"});
    device.ok({"feedback", "resolve", id, "--note", "Đã xin lỗi người dân"});
    json shown = json::parse(device.ok({"feedback", "show", id, "--json"}));
    CHECK(shown["status"] == "resolved");
    CHECK(shown["answer"] == "Đã nhắc nhở cán bộ");
    std::vector<std::pair<std::string, std::string>> steps;
    for (const auto& e : shown["history"]) steps.emplace_back(e["from"], e["to"]);
    CHECK(steps == std::vector<std::pair<std::string, std::string>>{{"new", "acknowledged"},
                                                                    {"acknowledged", "answered"},
                                                                    {"answered", "acknowledged"},
                                                                    {"acknowledged", "resolved"}});
    CHECK(shown["history"][2]["note"] == "Người dân chưa hài lòng");
    CHECK(shown["history"][0]["by"] == "Cán bộ thử nghiệm");

    std::string other = add_feedback();
    device.ok({"feedback", "refer", other, "--to", "UBND phường"});
    CHECK(json::parse(device.ok({"feedback", "show", other, "--json"}))["referred_to"] == "UBND phường");
}

TEST_CASE_METHOD(CliFixture, "a status change dated when it happened (--at) keeps that date in its history", "[cli]") {
    std::string id = add_feedback({"--received-at", "2026-11-10"});
    device.ok({"feedback", "acknowledge", id, "--at", "2026-11-12"});
    device.ok({"feedback", "answer", id, "--text", "Đã nhắc nhở cán bộ", "--at", "15/11/2026 09:30"});

    json history = json::parse(device.ok({"feedback", "history", id, "--json"}));
    std::vector<std::pair<std::string, std::string>> dated;
    for (const auto& entry : history)
        if (entry["kind"] == "status") dated.emplace_back(entry["new"], entry["at"]);
    CHECK(dated == std::vector<std::pair<std::string, std::string>>{{"acknowledged", "2026-11-12"},
                                                                    {"answered", "2026-11-15T09:30"}});
    json shown = json::parse(device.ok({"feedback", "show", id, "--json"}));
    REQUIRE(shown["history"].size() == 2);
    CHECK(shown["history"][1]["at"] == "2026-11-15T09:30");
    CHECK(device.ok({"--lang", "vi", "feedback", "show", id}).find("15/11/2026 09:30") != std::string::npos);
}

TEST_CASE_METHOD(CliFixture, "a status change dated in the future or before the feedback was received is a usage error writing nothing",
                 "[cli]") {
    std::string id = add_feedback({"--received-at", "2026-11-10 08:00"});
    device.ok({"feedback", "acknowledge", id});
    std::string history_before = device.ok({"feedback", "history", id, "--json"});
    struct Refusal {
        std::string at, vi, en;
    };
    for (const auto& refusal : {Refusal{"2999-01-01", "tương lai", "in the future"},
                                Refusal{"2026-11-09", "trước thời điểm tiếp nhận", "before the feedback was received"},
                                Refusal{"2026-11-10 07:59", "trước thời điểm tiếp nhận", "before the feedback was received"}}) {
        for (std::string lang : {"vi", "en"}) {
            ProcessResult r =
                device.run({"--lang", lang, "feedback", "answer", id, "--text", "Đã trả lời", "--at", refusal.at});
            INFO(r.describe());
            CHECK(r.exit_code == 2);  // a value that is not valid, as a date that does not exist
            CHECK(r.err.find(lang == "vi" ? refusal.vi : refusal.en) != std::string::npos);
        }
    }
    CHECK(device.run({"feedback", "answer", id, "--text", "Đã trả lời", "--at", "31/02/2026"}).exit_code == 2);
    CHECK(device.ok({"feedback", "history", id, "--json"}) == history_before);
    CHECK(json::parse(device.ok({"feedback", "show", id, "--json"}))["status"] == "acknowledged");

    // The day it was received, without a time, is that day: not before it.
    device.ok({"feedback", "answer", id, "--text", "Đã trả lời", "--at", "2026-11-10"});
}

TEST_CASE_METHOD(CliFixture, "feedback history shows every revision with who, which device and when", "[cli][custody]") {
    std::string id = add_feedback();
    device.ok({"feedback", "update", id, "--text", "Cán bộ tiếp dân chưa niềm nở, để dân chờ lâu"});
    device.ok({"feedback", "acknowledge", id});
    device.ok({"feedback", "answer", id, "--text", "Đã nhắc nhở cán bộ"});
    device.ok({"feedback", "answer", id, "--text", "Đã kiểm điểm cán bộ trước đơn vị"});
    std::string site = status()["site"];

    json history = json::parse(device.ok({"feedback", "history", id, "--json"}));
    REQUIRE(history.size() == 6);
    CHECK(history[0]["kind"] == "revision");
    CHECK(history[0]["field"] == "text");
    CHECK(history[0]["old"] == "Cán bộ tiếp dân chưa niềm nở");
    CHECK(history[0]["new"] == "Cán bộ tiếp dân chưa niềm nở, để dân chờ lâu");
    CHECK(history[1]["kind"] == "status");
    CHECK(history[5]["field"] == "answer");
    CHECK(history[5]["old"] == "Đã nhắc nhở cán bộ");  // the first answer is not lost
    CHECK(history[5]["new"] == "Đã kiểm điểm cán bộ trước đơn vị");
    for (const auto& entry : history) {
        CHECK(entry["officer"] == "Cán bộ thử nghiệm");
        CHECK(entry["device"] == site);
        CHECK(entry["at"].get<std::string>().ends_with("+07:00"));
    }
    CHECK(json::parse(device.ok({"feedback", "show", id, "--json"}))["revisions"] == 3);

    std::string text = device.ok({"--lang", "vi", "feedback", "history", id});
    CHECK(text.find("Trả lời: \"Đã nhắc nhở cán bộ\" → \"Đã kiểm điểm cán bộ trước đơn vị\"") != std::string::npos);
    CHECK(text.find("thiết bị " + site) != std::string::npos);
    CHECK(device.ok({"--lang", "vi", "feedback", "show", id}).find("Số lần sửa") != std::string::npos);
    ProcessResult missing = device.run({"feedback", "history", "fb-0000000000000000"});
    CHECK(missing.exit_code != 0);

    device.act_as("unit_head");  // actions are the unit head's (roles.md)
    std::string action = device.ok({"action", "add", "--unit", "00004", "--description", "Tập huấn tiếp dân", "--owner",
                                    "Đại úy Lê Văn Cường", "--due", "2026-12-31"});
    action.pop_back();
    device.ok({"action", "update", action, "--description", "Tập huấn tiếp dân cho cả đội"});
    json action_history = json::parse(device.ok({"action", "history", action, "--json"}));
    REQUIRE(action_history.size() == 1);
    CHECK(action_history[0]["field"] == "description");
}

TEST_CASE_METHOD(CliFixture, "feedback redact is the unit head's and leaves no trace of the value in the file", "[cli][custody]") {
    const std::string phone = "0987 111 222";
    std::string id = add_feedback({"--resident-name", "Bà Đỗ Thị Mai", "--resident-phone", phone});
    device.ok({"feedback", "update", id, "--resident-phone", "0987 111 333"});
    std::string before = device.dump();
    ProcessResult officer = device.run({"--lang", "vi", "feedback", "redact", id, "--field", "resident_phone", "--reason", "Dân yêu cầu"});
    INFO(officer.describe());
    CHECK(officer.exit_code == 1);
    CHECK(officer.err.find("officer") != std::string::npos);
    CHECK(device.dump() == before);

    device.act_as("unit_head");
    device.ok({"feedback", "redact", id, "--field", "resident_phone", "--reason", "Dân yêu cầu không lưu số"});
    CHECK(json::parse(device.ok({"feedback", "show", id, "--json"}))["resident_phone"] == "[redacted]");
    json history = json::parse(device.ok({"feedback", "history", id, "--json"}));
    CHECK(history.back()["kind"] == "redacted");
    CHECK(history.back()["note"] == "Dân yêu cầu không lưu số");
    CHECK(history.front()["old"] == "[redacted]");
    CHECK(history.front()["new"] == "[redacted]");
    for (const char* suffix : {"", "-wal"}) {
        std::ifstream in(device.db() + suffix, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), {}};
        CHECK(bytes.find(phone) == std::string::npos);
        CHECK(bytes.find("0987 111 333") == std::string::npos);
    }
}

TEST_CASE_METHOD(CliFixture, "delete hides feedback from lists and restore brings it back", "[cli]") {
    std::string id = add_feedback();
    device.ok({"feedback", "acknowledge", id});
    // An officer's device (one never enrolled is one) refuses: exit 1, said in the officer's
    // language, nothing written.
    std::string as_officer = device.dump();
    ProcessResult refused = device.run({"--lang", "vi", "feedback", "delete", id, "--reason", "Ghi trùng"});
    INFO(refused.describe());
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("không được xóa hoặc khôi phục hồ sơ") != std::string::npos);
    CHECK(device.dump() == as_officer);
    device.act_as("unit_head");
    // Without a reason nothing is deleted: a usage error naming the option.
    std::string before = device.dump();
    for (const std::vector<std::string>& args : {std::vector<std::string>{"feedback", "delete", id},
                                                 {"feedback", "delete", id, "--reason", "  "}}) {
        ProcessResult r = device.run(args);
        INFO(r.describe());
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("reason") != std::string::npos);
        CHECK(device.dump() == before);
    }
    device.ok({"feedback", "delete", id, "--reason", "Ghi trùng với ý kiến khác"});
    CHECK(json::parse(device.ok({"feedback", "list", "--json"})).empty());
    CHECK(json::parse(device.ok({"feedback", "list", "--deleted", "--json"})).size() == 1);
    CHECK(status()["deleted"] == 1);
    device.ok({"feedback", "restore", id, "--reason", "Không trùng, ghi nhận lại"});
    auto listed = json::parse(device.ok({"feedback", "list", "--json"}));
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["deleted"] == false);
    // Both are kept in the history, in order, with why, who and when.
    json history = json::parse(device.ok({"feedback", "show", id, "--json"}))["history"];
    REQUIRE(history.size() == 3);
    CHECK(history[1]["from"] == "acknowledged");
    CHECK(history[1]["to"] == "deleted");
    CHECK(history[1]["note"] == "Ghi trùng với ý kiến khác");
    CHECK(history[1]["by"] == history[0]["by"]);
    CHECK(history[2]["to"] == "restored");
    CHECK(history[2]["note"] == "Không trùng, ghi nhận lại");
    CHECK(history[2]["at"].get<std::string>() >= history[1]["at"].get<std::string>());
    std::string shown = device.ok({"--lang", "vi", "feedback", "show", id});
    CHECK(shown.find("Đã xóa (Ghi trùng với ý kiến khác)") != std::string::npos);
    CHECK(shown.find("Đã khôi phục (Không trùng, ghi nhận lại)") != std::string::npos);
}

TEST_CASE_METHOD(CliFixture, "feedback update changes only the fields it is given", "[cli]") {
    std::string id = add_feedback({"--tag", "cũ", "--resident-name", "Lê Văn Cường"});
    device.ok({"feedback", "update", id, "--category", "procedures", "--tag", "mới", "--remove-tag", "cũ"});
    json f = json::parse(device.ok({"feedback", "show", id, "--json"}));
    CHECK(f["category"] == "procedures");
    CHECK(f["kind"] == "criticism");
    CHECK(f["text"] == "Cán bộ tiếp dân chưa niềm nở");
    CHECK(f["resident_name"] == "Lê Văn Cường");
    CHECK(f["tags"] == json::array({"mới"}));

    device.ok({"feedback", "update", id, "--anonymous"});
    f = json::parse(device.ok({"feedback", "show", id, "--json"}));
    CHECK(f["anonymous"] == true);
    CHECK(f["resident_name"] == "");
}

TEST_CASE_METHOD(CliFixture, "feedback list filters by unit subtree, status, category and dates", "[cli]") {
    std::string a = add_feedback({"--received-at", "01/03/2026"});
    std::string b = add_feedback({"--received-at", "2026-03-15 08:30", "--category", "traffic"});
    std::string c = device.ok({"feedback", "add", "--unit", "TDP1", "--kind", "request", "--category", "theft",
                               "--text", "Mất trộm xe máy", "--received-at", "2026-04-02"});
    c.pop_back();
    std::string d = device.ok({"feedback", "add", "--unit", "00007", "--kind", "question", "--category", "other",
                               "--text", "Hỏi thủ tục", "--received-at", "2026-04-03"});
    d.pop_back();
    device.ok({"feedback", "acknowledge", b});

    auto ids = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"feedback", "list", "--json"});
        std::vector<std::string> out;
        for (const auto& f : json::parse(device.ok(args))) out.push_back(f["id"]);
        return out;
    };
    CHECK(ids({}) == std::vector<std::string>{a, b, c, d});
    CHECK(ids({"--unit", "00004"}) == std::vector<std::string>{a, b, c});
    CHECK(ids({"--unit", "TDP1"}) == std::vector<std::string>{c});
    CHECK(ids({"--status", "acknowledged"}) == std::vector<std::string>{b});
    CHECK(ids({"--category", "traffic"}) == std::vector<std::string>{b});
    CHECK(ids({"--kind", "question"}) == std::vector<std::string>{d});
    CHECK(ids({"--from", "15/03/2026", "--to", "2026-04-02"}) == std::vector<std::string>{b, c});
    CHECK(ids({"--limit", "2"}) == std::vector<std::string>{a, b});
}

TEST_CASE_METHOD(CliFixture, "usage errors exit 2 and write nothing", "[cli]") {
    std::string id = add_feedback();
    std::string before = device.dump();
    auto seq_before = status()["seq"];
    const std::vector<std::vector<std::string>> cases = {
        {"frobnicate"},
        {"feedback"},
        {"feedback", "fly"},
        {"feedback", "list", "--colour", "red"},
        {"--lang", "fr", "status"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "weather", "--text", "x"},
        {"feedback", "add", "--unit", "00004", "--kind", "gossip", "--category", "conduct", "--text", "x"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text", "   "},
        {"feedback", "add", "--unit", "99999", "--kind", "criticism", "--category", "conduct", "--text", "x"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text", "x",
         "--received-at", "31/02/2026"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text", "x",
         "--received-at", "yesterday"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text", "x",
         "--channel", "pigeon"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text", "x",
         "--anonymous", "--resident-name", "Ai đó"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text", "x",
         "--resident-phone", "call me"},
        {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "conduct", "--text",
         "\xC3\x28 invalid UTF-8"},
        {"feedback", "update", id, "--category", "weather"},
        {"feedback", "update", id, "--unit", "00007"},
        {"feedback", "update", id},
        {"feedback", "answer", id},
        {"feedback", "answer", id, "--text", ""},
        {"feedback", "list", "--status", "done"},
        {"feedback", "list", "--from", "2026-13-01"},
        {"feedback", "list", "--unit", "99999"},
        {"feedback", "list", "--limit", "-1"},
        {"unit", "list", "--under", "99999"},
        {"changes", "export", "--since", "many", dir.file("x.json")},
        {"init", "--officer", ""},
    };
    for (const auto& args : cases) {
        ProcessResult r = device.run(args);
        std::string command;
        for (const auto& a : args) command += " " + a;
        INFO("langnghe" << command << "\n" << r.describe());
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_FALSE(r.err.empty());
    }
    CHECK(device.dump() == before);
    CHECK(status()["seq"] == seq_before);
}

TEST_CASE_METHOD(CliFixture, "a bad unit file or change file is a usage error and imports nothing", "[cli]") {
    std::string before = device.dump();
    dir.write("bad-units.csv", "code,name,kind,parent_code\n10,Xã Mới,commune,00004\n11,Xã Lạ,planet,00004\n");
    dir.write("not-changes.json", "{\"hello\": 1}");
    dir.write("cut.json", "{\"format\":\"langnghe-changes\",\"version\":2,\"site\":\"ab\",\"since\":0,");
    for (const auto& file : {"bad-units.csv"}) {
        ProcessResult r = device.run({"unit", "import", dir.file(file)});
        INFO(r.describe());
        CHECK(r.exit_code == 2);
    }
    for (const auto& file : {"not-changes.json", "cut.json", "bad-units.csv"}) {
        ProcessResult r = device.run({"changes", "import", dir.file(file)});
        INFO(file << ": " << r.describe());
        CHECK(r.exit_code == 2);
    }
    CHECK(device.dump() == before);
}

TEST_CASE("runtime errors exit 1", "[cli]") {
    TempDir dir;
    CliDevice device(dir, "device");
    SECTION("a command that needs the database does not create it") {
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"status"}, {"dump"}, {"feedback", "list"}, {"unit", "list"}}) {
            ProcessResult r = device.run(args);
            INFO(r.describe());
            CHECK(r.exit_code == 1);
            CHECK(r.err.find("langnghe init") != std::string::npos);
        }
        CHECK_FALSE(std::filesystem::exists(device.db()));
    }
    SECTION("unknown ids, missing files and transitions the status does not allow") {
        device.init();
        device.act_as("unit_head");  // so that restoring what is not deleted fails for that reason
        device.import_units(dir);
        std::string id = device.ok(
            {"feedback", "add", "--unit", "00004", "--kind", "praise", "--category", "other", "--text", "Tốt"});
        id.pop_back();
        device.ok({"feedback", "acknowledge", id});
        std::string before = device.dump();
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"feedback", "show", "fb-0000000000000000"},
              {"feedback", "acknowledge", "fb-0000000000000000"},
              {"feedback", "acknowledge", id},
              {"feedback", "restore", id, "--reason", "Nhầm"},
              {"changes", "import", dir.file("no-such-file.json")},
              {"unit", "import", dir.file("no-such-file.csv")}}) {
            ProcessResult r = device.run(args);
            INFO(r.describe());
            CHECK(r.exit_code == 1);
            CHECK(r.out.empty());
        }
        CHECK(device.dump() == before);
    }
}

TEST_CASE("every command has --help", "[cli]") {
    TempDir dir;
    CliDevice device(dir, "device");
    for (const std::vector<std::string>& path : {std::vector<std::string>{},
                                                 {"init"},
                                                 {"unit"},
                                                 {"unit", "import"},
                                                 {"unit", "list"},
                                                 {"feedback"},
                                                 {"feedback", "add"},
                                                 {"feedback", "list"},
                                                 {"feedback", "show"},
                                                 {"feedback", "update"},
                                                 {"feedback", "acknowledge"},
                                                 {"feedback", "answer"},
                                                 {"feedback", "resolve"},
                                                 {"feedback", "refer"},
                                                 {"feedback", "reopen"},
                                                 {"feedback", "delete"},
                                                 {"feedback", "restore"},
                                                 {"changes"},
                                                 {"changes", "export"},
                                                 {"changes", "import"},
                                                 {"dump"},
                                                 {"status"},
                                                 {"feedback", "export"},
                                                 {"forum"},
                                                 {"forum", "add"},
                                                 {"forum", "report"},
                                                 {"action"},
                                                 {"action", "overdue"},
                                                 {"action", "due-soon"},
                                                 {"ballot", "add"},
                                                 {"ballot", "void"},
                                                 {"commitment"},
                                                 {"commitment", "add"},
                                                 {"commitment", "update"},
                                                 {"commitment", "report"},
                                                 {"note", "add"},
                                                 {"search"},
                                                 {"conflicts"},
                                                 {"conflicts", "reapply"},
                                                 {"enroll"},
                                                 {"sync"},
                                                 {"report"},
                                                 {"sample"}}) {
        for (const std::string lang : {"en", "vi"}) {
            std::vector<std::string> args = path;
            args.insert(args.end(), {"--lang", lang, "--help"});
            ProcessResult r = device.run(args);
            INFO(r.describe());
            CHECK(r.exit_code == 0);
            CHECK(r.out.find(lang == "vi" ? "Cách dùng" : "Usage") != std::string::npos);
        }
    }
    CHECK_FALSE(std::filesystem::exists(device.db()));
}

TEST_CASE_METHOD(CliFixture, "Vietnamese text round-trips byte for byte and is stored as NFC", "[cli]") {
    std::string text = "Đường Hoàng Hoa Thám ùn tắc giờ tan học; đề nghị tăng cường " + thai_do_nfc + " phục vụ";
    std::string nfc = add_feedback({"--text", text});
    std::string nfd = add_feedback({"--text", thai_do_nfd, "--resident-name", "Ngô Thị " + thai_do_nfd});
    CHECK(json::parse(device.ok({"feedback", "show", nfc, "--json"}))["text"] == text);
    json decomposed = json::parse(device.ok({"feedback", "show", nfd, "--json"}));
    CHECK(decomposed["text"] == thai_do_nfc);
    CHECK(decomposed["resident_name"] == "Ngô Thị " + thai_do_nfc);
    // The plain output carries the same bytes, and so does the canonical dump.
    CHECK(device.ok({"feedback", "show", nfc}).find(text) != std::string::npos);
    std::string dump = device.dump();
    CHECK(dump.find(text) != std::string::npos);
    CHECK(dump.find(thai_do_nfd) == std::string::npos);
}

TEST_CASE_METHOD(CliFixture, "the Vietnamese language option prints Vietnamese labels and dd/mm/yyyy dates", "[cli]") {
    std::string id = add_feedback({"--received-at", "05/03/2026 09:30"});
    std::string vi = device.ok({"feedback", "show", id, "--lang", "vi"});
    CHECK(vi.find("Trạng thái:") != std::string::npos);
    CHECK(vi.find("Mới") != std::string::npos);
    CHECK(vi.find("Thái độ, tác phong, ứng xử") != std::string::npos);
    CHECK(vi.find("05/03/2026 09:30") != std::string::npos);
    std::string en = device.ok({"feedback", "show", id, "--lang", "en"});
    CHECK(en.find("Status:") != std::string::npos);
    CHECK(en.find("2026-03-05") != std::string::npos);
    CHECK(en.find("05/03/2026") == std::string::npos);

    // LANG chooses when --lang is not given.
    ProcessOptions vietnamese;
    vietnamese.env = {{"LANG", "vi_VN.UTF-8"}};
    ProcessResult by_env = device.run({"feedback", "list"}, vietnamese);
    CHECK(by_env.out.find("Trạng thái") != std::string::npos);
    CHECK(by_env.out.find("05/03/2026") != std::string::npos);

    // Errors follow the language too.
    ProcessResult err = device.run({"feedback", "show", "fb-0000000000000000", "--lang", "vi"});
    CHECK(err.exit_code == 1);
    CHECK(err.err.find("Không tìm thấy") != std::string::npos);
}

TEST_CASE_METHOD(CliFixture, "status and unit list report the device", "[cli]") {
    add_feedback();
    json s = status();
    CHECK(s["officer"] == "Cán bộ thử nghiệm");
    CHECK(s["site"].get<std::string>().size() == 16);
    CHECK(s["records"]["unit"] == 4);
    CHECK(s["records"]["feedback"] == 1);
    CHECK(s["conflicts"] == 0);
    CHECK(s["seq"].get<int>() >= 5);

    json units = json::parse(device.ok({"unit", "list", "--under", "00004", "--json"}));
    std::vector<std::string> codes;
    for (const auto& u : units) codes.push_back(u["code"]);
    CHECK(codes == std::vector<std::string>{"00004", "TDP1"});
    // Importing the same file again changes nothing.
    CHECK(json::parse(device.ok({"unit", "import", dir.file("units.csv"), "--json"}))["unchanged"] == 4);
}

TEST_CASE("the database defaults to LANGNGHE_DB, else XDG_DATA_HOME", "[cli]") {
    TempDir dir;
    auto run = [&](std::vector<std::pair<std::string, std::string>> env, std::vector<std::string> args) {
        ProcessOptions options;
        options.env = std::move(env);
        options.unset_env = {"LANGNGHE_DB", "XDG_DATA_HOME", "LANG", "LANGNGHE_OFFICER"};
        args.insert(args.begin(), cli_path());
        return run_process(args, options);
    };
    ProcessResult xdg = run({{"XDG_DATA_HOME", dir.path()}, {"HOME", dir.file("home")}}, {"init", "--json"});
    INFO(xdg.describe());
    REQUIRE(xdg.exit_code == 0);
    CHECK(json::parse(xdg.out)["db"] == dir.file("langnghe/device.db"));
    CHECK(std::filesystem::exists(dir.file("langnghe/device.db")));

    ProcessResult env = run({{"LANGNGHE_DB", dir.file("by-env.db")}, {"XDG_DATA_HOME", dir.path()}}, {"init"});
    REQUIRE(env.exit_code == 0);
    CHECK(std::filesystem::exists(dir.file("by-env.db")));

    ProcessResult home = run({{"HOME", dir.file("home")}}, {"init"});
    REQUIRE(home.exit_code == 0);
    CHECK(std::filesystem::exists(dir.file("home/.local/share/langnghe/device.db")));
}

TEST_CASE_METHOD(CliFixture, "init again keeps the device's site id and renames the officer", "[cli]") {
    std::string site = status()["site"];
    json again = json::parse(device.ok({"init", "--officer", "Phạm Văn Dũng", "--json"}));
    CHECK(again["created"] == false);
    CHECK(again["site"] == site);
    CHECK(again["officer"] == "Phạm Văn Dũng");
}

TEST_CASE_METHOD(CliFixture, "with --json an error is a JSON object on stderr", "[cli]") {
    ProcessResult r = device.run({"feedback", "add", "--json", "--unit", "00004", "--kind", "criticism", "--category",
                                  "weather", "--text", "x"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    json err = json::parse(r.err);
    CHECK(err["error"] == "invalid_input");
    CHECK(err["field"] == "category");

    ProcessResult usage = device.run({"feedback", "add", "--json"});
    CHECK(usage.exit_code == 2);
    CHECK(json::parse(usage.err)["error"] == "usage");
}

TEST_CASE_METHOD(CliFixture, "a change file of a newer format version is refused", "[cli]") {
    std::string before = device.dump();
    dir.write("future.json",
              "{\"format\":\"langnghe-changes\",\"version\":3,\"site\":\"ab\",\"since\":0,\"last_seq\":0,"
              "\"created_at\":\"\",\"count\":0,\"records\":[]}");
    ProcessResult r = device.run({"changes", "import", dir.file("future.json")});
    INFO(r.describe());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("version 3") != std::string::npos);
    CHECK(device.dump() == before);
}
