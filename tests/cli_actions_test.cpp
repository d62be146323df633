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
