// `langnghe commitment add|update|list|report` on the real binary (issue 15): ids for scripts,
// refusals naming the field in both languages with nothing written, corrections kept in the
// history, and the report in text, JSON and CSV.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "langnghe/base/dates.h"
#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
std::string this_year() {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    return langnghe::iso_date_at(ms.count()).substr(0, 4);
}

class CommitmentFixture {
protected:
    TempDir dir;
    CliDevice device{dir, "device"};
    std::string year = this_year();

    CommitmentFixture() {
        device.init();
        device.import_units(dir);
    }

    std::string add(const std::vector<std::string>& extra) {
        std::vector<std::string> args{"commitment", "add", "--unit", "TDP1", "--year", year};
        args.insert(args.end(), extra.begin(), extra.end());
        std::string out = device.ok(args);
        REQUIRE(out.back() == '\n');
        return out.substr(0, out.size() - 1);
    }
};
}  // namespace

TEST_CASE_METHOD(CommitmentFixture, "commitment add prints the id alone and is idempotent for the same figures",
                 "[cli][commitment]") {
    std::string id = add({"--households", "120", "--signed", "100"});
    CHECK(id.rfind("cm-", 0) == 0);
    CHECK(id.size() == 19);
    std::string dump = device.dump();
    ProcessResult again = device.run({"commitment", "add", "--unit", "TDP1", "--year", year, "--households", "120",
                                      "--signed", "100", "--kind", "security_order"});
    REQUIRE(again.exit_code == 0);
    CHECK(again.out == id + "\n");
    CHECK(again.err.find("recorded already") != std::string::npos);
    CHECK(device.dump() == dump);

    ProcessResult differs = device.run({"--lang", "vi", "commitment", "add", "--unit", "TDP1", "--year", year,
                                        "--households", "120", "--signed", "110"});
    INFO(differs.describe());
    CHECK(differs.exit_code != 0);
    CHECK(differs.err.find("commitment update") != std::string::npos);
    CHECK(device.dump() == dump);

    json list = json::parse(device.ok({"commitment", "list", "--json", "--unit", "00004"}));
    REQUIRE(list.size() == 1);
    CHECK(list[0]["id"] == id);
    CHECK(list[0]["households"] == 120);
    CHECK(list[0]["signed"] == 100);
    CHECK(list[0]["kind"] == "security_order");
}

TEST_CASE_METHOD(CommitmentFixture, "commitment add refuses bad figures naming the field, in both languages",
                 "[cli][commitment]") {
    struct Refusal {
        std::vector<std::string> args;
        std::string vi, en;
    };
    std::string next_year = std::to_string(std::stoi(year) + 1);
    std::string before = device.dump();
    for (const auto& refusal :
         {Refusal{{"--households", "100", "--signed", "101"}, "signed (số hộ đã ký)", "signed: 101 households signed"},
          Refusal{{"--households", "-3", "--signed", "0"}, "households (số hộ): phải từ 0", "households: must be 0 or more"},
          Refusal{{"--households", "10", "--signed", "5", "--kind", "parking"}, "kind: giá trị không hợp lệ",
                  "kind: unknown value"},
          Refusal{{"--households", "10", "--signed", "5", "--year", "1999"}, "year (năm): 1999 nằm ngoài",
                  "year: 1999 is outside"},
          Refusal{{"--households", "10", "--signed", "5", "--year", next_year}, "year (năm): " + next_year,
                  "year: " + next_year}}) {
        for (std::string lang : {"vi", "en"}) {
            std::vector<std::string> args{"--lang", lang, "commitment", "add", "--unit", "TDP1"};
            args.insert(args.end(), refusal.args.begin(), refusal.args.end());
            if (std::find(refusal.args.begin(), refusal.args.end(), "--year") == refusal.args.end())
                args.insert(args.end(), {"--year", year});
            ProcessResult r = device.run(args);
            INFO(r.describe());
            CHECK(r.exit_code == 2);
            CHECK(r.err.find(lang == "vi" ? refusal.vi : refusal.en) != std::string::npos);
        }
    }
    CHECK(device.dump() == before);
}

TEST_CASE_METHOD(CommitmentFixture, "commitment update corrects the figures and keeps the change in the history",
                 "[cli][commitment]") {
    std::string id = add({"--households", "120", "--signed", "100", "--kind", "fire_safety"});
    std::string out =
        device.ok({"commitment", "update", "--unit", "TDP1", "--year", year, "--kind", "fire_safety", "--signed", "104"});
    CHECK(out.find("104/120") != std::string::npos);
    json shown = json::parse(device.ok({"commitment", "list", "--json"}));
    CHECK(shown[0]["signed"] == 104);
    json dump = json::parse(device.dump());
    std::vector<json> revisions;
    for (const auto& record : dump["records"])
        if (record["type"] == "revision") revisions.push_back(record["doc"]);
    REQUIRE(revisions.size() == 1);
    CHECK(revisions[0]["target"] == id);
    CHECK(revisions[0]["field"] == "signed");
    CHECK(revisions[0]["old"] == "100");
    CHECK(revisions[0]["new"] == "104");
    ProcessResult missing = device.run({"commitment", "update", "--unit", "TDP1", "--year", year, "--signed", "1"});
    CHECK(missing.exit_code != 0);  // nothing recorded for security_order
}

TEST_CASE_METHOD(CommitmentFixture, "commitment report shows the share per unit and kind in text, JSON and CSV",
                 "[cli][commitment][report]") {
    add({"--households", "200", "--signed", "172"});
    add({"--households", "200", "--signed", "150", "--kind", "traffic"});

    std::string vi = device.ok({"--lang", "vi", "commitment", "report", "--unit", "01", "--year", year});
    CHECK(vi.find("Ký cam kết năm " + year) != std::string::npos);
    CHECK(vi.find("86,0%") != std::string::npos);
    CHECK(vi.find("75,0%") != std::string::npos);
    CHECK(vi.find("An toàn giao thông") != std::string::npos);
    CHECK(vi.find("Phường Ba Đình (00004)") != std::string::npos);
    std::string en = device.ok({"--lang", "en", "commitment", "report", "--unit", "01", "--year", year});
    CHECK(en.find("86.0%") != std::string::npos);

    json report = json::parse(device.ok({"--json", "commitment", "report", "--unit", "00004", "--year", year}));
    REQUIRE(report["rows"].size() == 4);  // 00004 and TDP1, two kinds each
    CHECK(report["rows"][0]["unit"] == "00004");
    CHECK(report["rows"][2]["unit"] == "TDP1");
    CHECK(report["rows"][2]["level"] == 1);

    std::string file = dir.file("commitments.csv");
    device.ok({"commitment", "report", "--unit", "01", "--year", year, "--format", "csv", "-o", file});
    std::ifstream in(file, std::ios::binary);
    std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(csv.find("unit,name,level,kind,households,signed,share\r\n") != std::string::npos);
    CHECK(csv.find("TDP1,Tổ dân phố số 1,2,Road traffic safety,200,150,0.7500\r\n") != std::string::npos);

    std::string empty = device.ok({"--lang", "vi", "commitment", "report", "--unit", "00007", "--year", year});
    CHECK(empty.find("Chưa có số liệu") != std::string::npos);
}
