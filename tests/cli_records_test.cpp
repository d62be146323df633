// Forums, actions, ballots, notes and search through the real binary.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
class Device {
protected:
    TempDir dir;
    CliDevice device{dir, "device", "Nguyễn Văn An"};

    Device() {
        device.init();
        device.import_units(dir);
    }

    std::string ok_id(const std::vector<std::string>& args) {
        std::string out = device.ok(args);
        REQUIRE(!out.empty());
        out.pop_back();
        return out;
    }

    std::string add_feedback(const std::string& text, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"feedback",  "add",        "--unit",  "00004",  "--kind",
                                      "criticism", "--category", "conduct", "--text", text};
        args.insert(args.end(), extra.begin(), extra.end());
        return ok_id(args);
    }

    static std::vector<std::string> ballot_args(const std::vector<std::string>& extra,
                                                const std::string& unit = "00004") {
        std::vector<std::string> args{"ballot", "add", "--unit", unit};
        for (auto [criterion, score] : {std::pair{"--attitude", "5"},
                                        {"--responsibility", "4"},
                                        {"--competence", "4"},
                                        {"--timeliness", "3"},
                                        {"--transparency", "5"},
                                        {"--overall", "4"}})
            args.insert(args.end(), {criterion, score});
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    void check_usage_error(const std::vector<std::string>& args) {
        std::string before = device.dump();
        ProcessResult r = device.run(args);
        std::string command;
        for (const auto& a : args) command += " " + a;
        INFO("langnghe" << command << "\n" << r.describe());
        CHECK(r.exit_code == 2);
        CHECK(device.dump() == before);
    }
};
}  // namespace

TEST_CASE_METHOD(Device, "a forum goes planned → held → reported and lists its feedback", "[cli]") {
    std::string forum =
        ok_id({"forum", "add", "--unit", "00004", "--title", "Hội nghị Công an lắng nghe ý kiến nhân dân", "--date",
               "15/03/2026", "--venue", "Nhà văn hóa tổ 1", "--group", "veterans", "--group", "youth_union",
               "--attendees", "120"});
    CHECK(forum.rfind("fo-", 0) == 0);
    json f = json::parse(device.ok({"forum", "show", forum, "--json"}));
    CHECK(f["status"] == "planned");
    CHECK(f["date"] == "2026-03-15");
    CHECK(f["groups"] == json::array({"veterans", "youth_union"}));
    CHECK(f["attendee_count"] == 120);

    device.ok({"forum", "update", forum, "--chair", "Trưởng Công an phường", "--remove-group", "veterans"});
    device.ok({"forum", "hold", forum});
    std::string fb = add_feedback("Đề nghị tăng cường tuần tra ban đêm", {"--forum", forum});
    device.ok({"forum", "mark-reported", forum});

    f = json::parse(device.ok({"forum", "show", forum, "--json"}));
    CHECK(f["status"] == "reported");
    CHECK(f["chair"] == "Trưởng Công an phường");
    CHECK(f["groups"] == json::array({"youth_union"}));
    REQUIRE(f["feedback"].size() == 1);
    CHECK(f["feedback"][0]["id"] == fb);
    CHECK(f["feedback"][0]["channel"] == "forum");

    std::string vi = device.ok({"forum", "show", forum, "--lang", "vi"});
    CHECK(vi.find("15/03/2026") != std::string::npos);
    CHECK(vi.find("Đoàn thanh niên") != std::string::npos);
    CHECK(json::parse(device.ok({"forum", "list", "--status", "reported", "--json"})).size() == 1);
    CHECK(json::parse(device.ok({"forum", "list", "--unit", "00007", "--json"})).empty());

    check_usage_error({"forum", "add", "--unit", "00004", "--title", "x", "--date", "32/01/2026"});
    check_usage_error({"forum", "add", "--unit", "00004", "--date", "2026-01-01"});
    check_usage_error({"forum", "add", "--unit", "00004", "--title", "x", "--date", "2026-01-01", "--group", "aliens"});
}

TEST_CASE_METHOD(Device, "an action plans feedback and is followed to done", "[cli]") {
    device.act_as("unit_head");  // manages the unit's actions
    std::string fb = add_feedback("Xe tải chạy quá tốc độ");
    std::string action =
        ok_id({"action", "add", "--unit", "00004", "--description", "Bố trí chốt điều tiết giờ cao điểm", "--owner",
               "Thiếu úy Lê Văn Cường", "--due", "2020-01-31", "--feedback", fb});
    CHECK(action.rfind("ac-", 0) == 0);
    CHECK(json::parse(device.ok({"feedback", "show", fb, "--json"}))["status"] == "planned");

    json overdue = json::parse(device.ok({"action", "list", "--overdue", "--json"}));
    REQUIRE(overdue.size() == 1);
    CHECK(overdue[0]["id"] == action);
    CHECK(overdue[0]["feedback"] == json::array({fb}));
    CHECK(device.ok({"action", "list", "--lang", "vi"}).find("quá hạn") != std::string::npos);

    device.ok({"action", "update", action, "--due", "2099-12-31"});
    CHECK(json::parse(device.ok({"action", "list", "--overdue", "--json"})).empty());
    // An empty list says so, as overdue and due-soon do, rather than printing a bare header.
    CHECK(device.ok({"action", "list", "--overdue", "--lang", "en"}).find("No actions.") != std::string::npos);
    device.ok({"action", "start", action});
    check_usage_error({"action", "done", action});
    device.ok({"action", "done", action, "--result", "Đã bố trí 2 chiến sĩ mỗi sáng"});
    json a = json::parse(device.ok({"action", "show", action, "--json"}));
    CHECK(a["status"] == "done");
    CHECK(a["result"] == "Đã bố trí 2 chiến sĩ mỗi sáng");

    std::string other = ok_id({"action", "add", "--unit", "00004", "--description", "Họp tổ dân phố", "--owner", "An",
                               "--due", "01/06/2026"});
    device.ok({"action", "cancel", other, "--reason", "Trùng kế hoạch khác"});
    CHECK(json::parse(device.ok({"action", "list", "--status", "cancelled", "--json"})).size() == 1);
    check_usage_error({"action", "add", "--unit", "00004", "--description", "x", "--owner", "y", "--due", "tomorrow"});
}

TEST_CASE_METHOD(Device, "ballots are written once, checked for scores 1-5, and voided", "[cli]") {
    device.act_as("unit_head");  // voids ballots
    std::string ballot = ok_id(ballot_args({"--comment", "Cán bộ nhiệt tình", "--date", "2026-03-15"}));
    CHECK(ballot.rfind("ba-", 0) == 0);
    json listed = json::parse(device.ok({"ballot", "list", "--json"}));
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["scores"]["attitude"] == 5);
    CHECK(listed[0]["scores"]["timeliness"] == 3);
    CHECK(listed[0]["comment"] == "Cán bộ nhiệt tình");

    auto bad = ballot_args({});
    bad[std::find(bad.begin(), bad.end(), "--overall") - bad.begin() + 1] = "6";
    check_usage_error(bad);
    bad[std::find(bad.begin(), bad.end(), "--overall") - bad.begin() + 1] = "0";
    check_usage_error(bad);
    bad[std::find(bad.begin(), bad.end(), "--overall") - bad.begin() + 1] = "good";
    check_usage_error(bad);
    check_usage_error({"ballot", "add", "--unit", "00004", "--attitude", "5"});
    check_usage_error(ballot_args({}, "99999"));

    device.ok({"ballot", "void", ballot, "--reason", "Phiếu ghi trùng"});
    CHECK(json::parse(device.ok({"ballot", "list", "--json"})).empty());
    json voided = json::parse(device.ok({"ballot", "list", "--voided", "--json"}));
    REQUIRE(voided.size() == 1);
    CHECK(voided[0]["voided"] == true);
    CHECK(voided[0]["void_reason"] == "Phiếu ghi trùng");
}

TEST_CASE_METHOD(Device, "notes are added to feedback by id or receipt code", "[cli]") {
    std::string fb = add_feedback("Tiếng ồn karaoke sau 22 giờ");
    std::string code = json::parse(device.ok({"feedback", "show", fb, "--json"}))["code"];
    std::string note = ok_id({"note", "add", code, "--text", "Đã gặp chủ quán nhắc nhở"});
    CHECK(note.rfind("no-", 0) == 0);
    json notes = json::parse(device.ok({"note", "list", fb, "--json"}));
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]["text"] == "Đã gặp chủ quán nhắc nhở");
    CHECK(notes[0]["author"] == "Nguyễn Văn An");
    check_usage_error({"note", "add", fb, "--text", "  "});
}

TEST_CASE_METHOD(Device, "search ignores case and diacritics, đ included", "[cli]") {
    std::string a = add_feedback("Cán bộ có Thái độ chưa đúng mực");
    // Of other categories: a category's name is searchable too, and conduct's is "Thái độ, tác phong".
    auto add_of = [&](const char* category, const char* text) {
        return ok_id({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", category, "--text", text});
    };
    std::string b = add_of("traffic", "Đường Hoàng Hoa Thám ùn tắc");
    add_of("theft", "Mất trộm xe máy");
    auto ids = [&](const std::vector<std::string>& words) {
        std::vector<std::string> args{"search", "--json"};
        args.insert(args.end(), words.begin(), words.end());
        std::vector<std::string> out;
        for (const auto& f : json::parse(device.ok(args))) out.push_back(f["id"]);
        return out;
    };
    CHECK(ids({"thai do"}) == std::vector<std::string>{a});
    CHECK(ids({"THÁI", "ĐỘ"}) == std::vector<std::string>{a});
    CHECK(ids({"duong"}) == std::vector<std::string>{b});
    CHECK(ids({"karaoke"}).empty());
    CHECK(ids({"tac phong"}) == std::vector<std::string>{a});
    CHECK(device.ok({"search", "duong", "--lang", "vi"}).find("Đường Hoàng Hoa Thám") != std::string::npos);
}

TEST_CASE_METHOD(Device, "sample writes a season of realistic data in the period asked for, and says what", "[cli][sample]") {
    device.act_as("unit_head");  // whose sample data includes actions
    json summary = json::parse(device.ok({"--json", "sample", "--unit", "01", "--units", "2", "--feedback", "9",
                                          "--ballots", "3", "--from", "2026-03-01", "--days", "31", "--seed", "4"}));
    CHECK(summary["units"] == json({"00007", "TDP1"}));
    CHECK(summary["forums"] == 2);
    CHECK(summary["ballots"] == 6);
    json feedback = json::parse(device.ok({"--json", "feedback", "list", "--unit", "01"}));
    REQUIRE(feedback.size() == 18);
    CHECK(summary["feedback"] == 18);
    for (const auto& f : feedback) {
        std::string day = f["received_at"].get<std::string>().substr(0, 10);
        CHECK(day >= "2026-03-01");
        CHECK(day <= "2026-03-31");
    }
    CHECK(json::parse(device.ok({"--json", "forum", "list", "--unit", "01"})).size() == 2);
    CHECK(json::parse(device.ok({"--json", "ballot", "list", "--unit", "01"})).size() == 6);
    CHECK(json::parse(device.ok({"--json", "action", "list", "--unit", "01"})).size() == summary["actions"]);

    std::string before = device.dump();
    for (const std::vector<std::string>& bad : {std::vector<std::string>{"sample", "--unit", "99999"},
                                                {"sample", "--unit", "01", "--units", "0"},
                                                {"sample", "--unit", "01", "--from", "soon"},
                                                {"sample", "--unit", "01", "--days", "0"}}) {
        ProcessResult r = device.run(bad);
        INFO(r.describe());
        CHECK(r.exit_code == 2);
        CHECK_FALSE(r.err.empty());
    }
    CHECK(device.dump() == before);
}
