// `action overdue` and `action due-soon` are computed on the device from its own clock.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "langnghe/dates.h"
#include "langnghe/hlc.h"
#include "support/cli_device.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

TEST_CASE("overdue and due-soon lists follow the due dates and the owner", "[cli]") {
    TempDir dir;
    CliDevice device(dir, "d", "Thượng úy Nguyễn Văn An");
    device.init();
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
