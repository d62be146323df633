// `langnghe criteria …` through the real binary: import, list, assess, history, report, and the
// refusals that write nothing.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
const std::string example = std::string(LANGNGHE_SOURCE_DIR) + "/data/criteria/example-model-ward.json";
}

TEST_CASE("criteria import, assess and report through the CLI", "[cli][criteria]") {
    TempDir dir;
    CliDevice device(dir, "d", "Thượng úy Nguyễn Văn An");
    device.init();
    device.import_units(dir);
    ProcessResult imported = device.run({"criteria", "import", example});
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out.find("example-model-ward@2026.1  20 criteria  imported") != std::string::npos);
    CHECK(imported.err.find("EXAMPLE") != std::string::npos);
    CHECK(device.ok({"criteria", "import", example}).find("unchanged") != std::string::npos);
    CHECK(device.ok({"criteria", "list"}).find("example-model-ward@2026.1") != std::string::npos);
    CHECK(device.ok({"--lang", "vi", "criteria", "list", "--set", "example-model-ward@2026.1"})
              .find("Tỷ lệ người dân hài lòng từ 80% trở lên") != std::string::npos);

    std::string id = device.ok({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A1",
                                "--result", "partly", "--evidence", "Biên bản hội nghị"});
    CHECK(id.rfind("as-", 0) == 0);
    CHECK(device.ok({"criteria", "assess", "--unit", "00004", "--period", "2026-Q4", "--criterion", "A1", "--result",
                     "met"}) == id);
    std::string history = device.ok({"--lang", "vi", "criteria", "history", "--unit", "00004", "--period", "2026-Q4",
                                     "--criterion", "A1"});
    CHECK(history.find("Kết quả: Đạt một phần → Đạt") != std::string::npos);
    CHECK(history.find("Minh chứng: - → \"Biên bản hội nghị\"") != std::string::npos);

    auto report = json::parse(device.ok({"--json", "criteria", "report", "--unit", "01", "--period", "2026-Q4"}));
    CHECK(report["total"] == 20);
    CHECK(report["units"][1]["unit"] == "00004");
    CHECK(report["units"][1]["score"] == "1/20");
    CHECK(report["units"][1]["missing"].size() == 19);
    device.ok({"criteria", "report", "--unit", "01", "--period", "2026-Q4", "--format", "svg", "-o", dir.file("r.svg")});
    CHECK(dir.read("r.svg").find("1/20") != std::string::npos);
    CHECK(device.ok({"criteria", "report", "--unit", "01", "--period", "2026-Q4", "--format", "csv"})
              .find("00004,Phường Ba Đình,2026-Q4,1/20") != std::string::npos);
}

TEST_CASE("bad criteria input exits with a bilingual error and writes nothing", "[cli][criteria]") {
    TempDir dir;
    CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    dir.write("bad.csv", "code,group,title_vi,title_en\nK1,A,Một,One\nK2,A,,Two\n");
    ProcessResult bad_file = device.run({"--lang", "vi", "criteria", "import", dir.file("bad.csv"), "--set", "s@1"});
    CHECK(bad_file.exit_code == 2);
    CHECK(bad_file.err.find("dòng 3: title_vi") != std::string::npos);
    CHECK(device.ok({"criteria", "list"}).find("s@1") == std::string::npos);
    device.ok({"criteria", "import", example});
    std::string before = device.dump();
    auto refused = [&](const std::vector<std::string>& extra, const std::string& vi_words) {
        std::vector<std::string> args{"--lang", "vi", "criteria", "assess", "--unit", "00004"};
        args.insert(args.end(), extra.begin(), extra.end());
        ProcessResult r = device.run(args);
        CHECK(r.exit_code != 0);
        CHECK(r.err.find(vi_words) != std::string::npos);
        CHECK(device.dump() == before);
    };
    refused({"--period", "2026-Q4", "--criterion", "Z9", "--result", "met"}, "không có trong bộ tiêu chí");
    refused({"--period", "2026-Q4", "--criterion", "A1", "--result", "good"}, "result");
    refused({"--period", "Q4-2026", "--criterion", "A1", "--result", "met"}, "không phải một kỳ");
    device.act_as("supervisor");
    refused({"--period", "2026-Q4", "--criterion", "A1", "--result", "met"}, "chỉ xem");
    ProcessResult en = device.run({"criteria", "report", "--unit", "01", "--period", "2026-13"});
    CHECK(en.exit_code == 2);
    CHECK(en.err.find("is not a period") != std::string::npos);
}
