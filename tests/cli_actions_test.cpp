// `action overdue` and `action due-soon` are computed on the device from its own clock.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "langnghe/base/dates.h"
#include "langnghe/merge/hlc.h"
#include "support/cli_device.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

TEST_CASE("overdue and due-soon lists follow the due dates and the owner", "[cli]") {
    TempDir dir;
    CliDevice device(dir, "d", "Thượng úy Nguyễn Văn An");
    device.init();
    device.act_as("unit_head");  // manages the unit's actions
    device.import_units(dir);
    std::int64_t today = days_from_iso(iso_date_at(system_clock_source()()));
    auto action = [&](int due_in_days, const std::string& owner) {
        std::string id = device.ok({"action", "add", "--unit", "00004", "--description", "Tuần tra", "--owner", owner,
                                    "--due", iso_from_days(today + due_in_days)});
        id.pop_back();
        return id;
    };
    std::string late = action(-3, "Thượng úy Nguyễn Văn An");
    std::string soon = action(2, "Thượng úy Nguyễn Văn An");
    std::string later = action(30, "Thượng úy Nguyễn Văn An");
    std::string others = action(1, "Đại úy Trần Bình");
    std::string late_done = action(-1, "Thượng úy Nguyễn Văn An");
    device.ok({"action", "done", late_done, "--result", "Đã xong"});

    auto ids = [&](const std::vector<std::string>& args) {
        std::vector<std::string> out;
        for (const auto& a : json::parse(device.ok(args))) out.push_back(a["id"]);
        return out;
    };
    CHECK(ids({"--json", "action", "overdue"}) == std::vector<std::string>{late});
    CHECK(ids({"--json", "action", "due-soon"}) == std::vector<std::string>{late, soon});
    CHECK(ids({"--json", "action", "due-soon", "--days", "60"}) == std::vector<std::string>{late, soon, later});
    CHECK(ids({"--json", "action", "due-soon", "--owner", "Đại úy Trần Bình"}) == std::vector<std::string>{others});
    CHECK(device.run({"action", "due-soon", "--days", "-1"}).exit_code == 2);
}

TEST_CASE("feedback export leaves names and phones out unless --include-pii, and says so", "[cli]") {
    TempDir dir;
    CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    device.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text", "Ổ gà, \"nguy hiểm\"",
               "--resident-name", "Lê Văn Hùng", "--resident-phone", "0912345678"});
    ProcessResult plain = device.run({"feedback", "export", "--output", dir.file("a.csv")});
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.err.find("left out") != std::string::npos);
    std::string csv = dir.read("a.csv");
    CHECK(csv.rfind("\xEF\xBB\xBF" "id,receipt,unit,received_at,channel,kind,category,group,text,status,answer\r\n", 0) == 0);
    CHECK(csv.find("\"Ổ gà, \"\"nguy hiểm\"\"\"") != std::string::npos);
    CHECK(csv.find("Lê Văn Hùng") == std::string::npos);
    CHECK(csv.find("0912345678") == std::string::npos);

    ProcessResult pii = device.run({"feedback", "export", "--format", "json", "--include-pii"});
    REQUIRE(pii.exit_code == 0);
    CHECK(pii.err.find("ARE included") != std::string::npos);
    json items = json::parse(pii.out);
    CHECK(items[0]["resident_name"] == "Lê Văn Hùng");
    CHECK_FALSE(json::parse(device.ok({"feedback", "export", "--format", "json"}))[0].contains("resident_phone"));
    CHECK(device.run({"feedback", "export", "--format", "xlsx"}).exit_code == 2);
}

TEST_CASE("action done says what became of its feedback and resolves it when asked; show has the history",
          "[cli]") {
    TempDir dir;
    CliDevice device(dir, "d", "Thượng úy Nguyễn Văn An");
    device.init();
    device.act_as("unit_head");
    device.import_units(dir);
    auto ok_id = [&](const std::vector<std::string>& args) {
        std::string id = device.ok(args);
        id.pop_back();
        return id;
    };
    auto feedback = [&](const char* text) {
        return ok_id({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text", text});
    };
    auto status_of = [&](const std::string& id) {
        return json::parse(device.ok({"feedback", "show", id, "--json"}))["status"].get<std::string>();
    };
    std::string lights = feedback("Đèn đường hỏng");
    std::string parking = feedback("Đỗ xe tràn lòng đường");
    auto plan = [&](const std::string& fb) {
        return ok_id({"action", "add", "--unit", "00004", "--description", "Xử lý", "--owner", "Trung úy Lê Hùng",
                      "--due", "2030-01-01", "--feedback", fb});
    };

    // Without --resolve-feedback: done, and the feedback is named as still open, with the hint.
    std::string first = plan(lights);
    std::string said = device.ok({"--lang", "vi", "action", "done", first, "--result", "Đã thay bóng đèn"});
    CHECK(said.find(lights + ": Có kế hoạch khắc phục") != std::string::npos);
    CHECK(said.find("--resolve-feedback") != std::string::npos);
    CHECK(status_of(lights) == "planned");

    // With it: resolved in the same step, the action named in the feedback's history.
    std::string second = plan(parking);
    json done = json::parse(device.ok({"--json", "action", "done", second, "--result", "Đã lập biên bản", "--resolve-feedback"}));
    CHECK(done["status"] == "done");
    REQUIRE(done["addressed_feedback"].size() == 1);
    CHECK(done["addressed_feedback"][0]["id"] == parking);
    CHECK(done["addressed_feedback"][0]["resolved_now"] == true);
    CHECK(status_of(parking) == "resolved");
    CHECK(device.ok({"feedback", "history", parking}).find(second) != std::string::npos);

    // A cancelled action shows why, and its status history, in the reader's language.
    std::string third = plan(lights);
    device.ok({"action", "start", third});
    device.ok({"action", "cancel", third, "--reason", "Trùng với kế hoạch khác"});
    std::string shown = device.ok({"--lang", "vi", "action", "show", third});
    CHECK(shown.find("Lý do hủy:") != std::string::npos);
    CHECK(shown.find("Trùng với kế hoạch khác") != std::string::npos);
    CHECK(shown.find("Lịch sử trạng thái") != std::string::npos);
    CHECK(shown.find("in_progress") == std::string::npos);
    json shown_json = json::parse(device.ok({"--json", "action", "show", third}));
    REQUIRE(shown_json["status_history"].size() == 2);
    CHECK(shown_json["status_history"][1]["to"] == "cancelled");
    CHECK(shown_json["status_history"][1]["note"] == "Trùng với kế hoạch khác");
}

TEST_CASE("after a reopen the earlier answer is not shown as the current one", "[cli]") {
    TempDir dir;
    CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    std::string id = device.ok({"feedback", "add", "--unit", "00004", "--kind", "question", "--category", "procedures",
                                "--text", "Hỏi thủ tục tạm trú"});
    id.pop_back();
    device.ok({"feedback", "answer", id, "--text", "Nộp tại trụ sở"});
    CHECK(device.ok({"--lang", "vi", "feedback", "show", id}).find("Trả lời:") != std::string::npos);
    device.ok({"feedback", "reopen", id, "--reason", "Người dân chưa rõ"});
    std::string shown = device.ok({"--lang", "vi", "feedback", "show", id});
    CHECK(shown.find("Trả lời:") == std::string::npos);
    CHECK(shown.find("Trả lời trước (đã mở lại): Nộp tại trụ sở") != std::string::npos);
}
