// `langnghe report --month|--quarter|--year` on the real binary (issue 15): the period before is
// shown beside the current one; the calendar options exclude each other and --from/--to, and a
// malformed value is refused naming the option, in both languages.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
struct ReportDevice {
    TempDir dir;
    CliDevice device{dir, "device"};

    ReportDevice() {
        device.init();
        device.import_units(dir);
        for (std::string received : {"2026-08-10 09:00", "2026-10-05 09:00", "2026-11-20 09:00", "2026-11-21 09:00"})
            device.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text",
                       "Đèn tín hiệu hỏng", "--received-at", received});
    }
};
}  // namespace

TEST_CASE_METHOD(ReportDevice, "report --quarter shows the quarter before beside it", "[cli][report][periods]") {
    json q4 = json::parse(device.ok({"--json", "report", "--unit", "01", "--quarter", "2026-Q4"}));
    CHECK(q4["period"]["from"] == "2026-10-01");
    CHECK(q4["period"]["to"] == "2026-12-31");
    CHECK(q4["period"]["code"] == "2026-Q4");
    CHECK(q4["feedback"]["total"] == 3);
    CHECK(q4["previous"]["period"]["code"] == "2026-Q3");
    CHECK(q4["previous"]["feedback"]["total"] == 1);

    json november = json::parse(device.ok({"--json", "report", "--unit", "01", "--month", "2026-11"}));
    CHECK(november["feedback"]["total"] == 2);
    CHECK(november["previous"]["period"]["code"] == "2026-10");
    CHECK(november["previous"]["feedback"]["total"] == 1);

    json year = json::parse(device.ok({"--json", "report", "--unit", "01", "--year", "2026"}));
    CHECK(year["feedback"]["total"] == 4);
    CHECK(year["previous"]["period"]["code"] == "2025");
    CHECK(year["previous"]["feedback"]["total"] == 0);

    std::string vi = device.ok({"--lang", "vi", "report", "--unit", "01", "--quarter", "2026-Q4"});
    CHECK(vi.find("Quý IV/2026") != std::string::npos);
    CHECK(vi.find("Quý III/2026") != std::string::npos);
    std::string csv = device.ok({"report", "--unit", "01", "--quarter", "2026-Q4", "--format", "csv", "--section", "summary"});
    CHECK(csv.find("\r\n2026-Q4,2026-10-01,2026-12-31,01,") != std::string::npos);
    CHECK(csv.find("\r\n2026-Q3,2026-07-01,2026-09-30,01,") != std::string::npos);

    // --from/--to keep their report, without a previous period.
    json range = json::parse(device.ok({"--json", "report", "--unit", "01", "--from", "2026-10-01", "--to", "2026-12-31"}));
    CHECK(range["feedback"]["total"] == 3);
    CHECK_FALSE(range.contains("previous"));
    CHECK_FALSE(range["period"].contains("code"));
}

TEST_CASE_METHOD(ReportDevice, "report refuses calendar options combined or malformed, naming the option",
                 "[cli][report][periods]") {
    struct Refusal {
        std::vector<std::string> args;
        std::string vi, en;
    };
    for (const auto& refusal :
         {Refusal{{"--quarter", "2026-Q4", "--from", "2026-01-01"}, "không dùng kèm --from", "leave out --from and --to"},
          Refusal{{"--month", "2026-11", "--to", "2026-12-01"}, "không dùng kèm --from", "leave out --from and --to"},
          Refusal{{"--month", "2026-11", "--year", "2026"}, "chỉ dùng một", "give one"},
          Refusal{{"--month", "2026-13"}, "month: '2026-13' không hợp lệ", "month: '2026-13' is not a month"},
          Refusal{{"--quarter", "2026-Q5"}, "quarter: '2026-Q5' không hợp lệ", "quarter: '2026-Q5' is not a quarter"},
          Refusal{{"--year", "26"}, "year: '26' không hợp lệ", "year: '26' is not a year"}}) {
        for (std::string lang : {"vi", "en"}) {
            std::vector<std::string> args{"--lang", lang, "report", "--unit", "01"};
            args.insert(args.end(), refusal.args.begin(), refusal.args.end());
            ProcessResult r = device.run(args);
            INFO(r.describe());
            CHECK(r.exit_code == 2);
            CHECK(r.err.find(lang == "vi" ? refusal.vi : refusal.en) != std::string::npos);
        }
    }
}
