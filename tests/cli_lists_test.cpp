// Lists the way officers work: several statuses or the open ones, pages, the officer by name
// without rank or marks, residential groups as units, a unit column, search within a unit and by
// category name. Through the real binary.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
class Lists {
protected:
    TempDir dir;
    CliDevice device{dir, "device"};

    Lists() {
        device.init();
        device.import_units(dir);
        // A second group in ward 00004, and ward 00007's group 1, named like ward 00004's.
        dir.write("groups.csv",
                  "code,name,kind,parent_code\n"
                  "TDP2,Tổ dân phố số 2,residential_group,00004\n"
                  "TDP7,Tổ dân phố số 1,residential_group,00007\n");
        device.ok({"unit", "import", dir.file("groups.csv")});
    }

    int added = 0;

    // Each item is received a day after the one before unless told, so lists have one order.
    std::string add(const std::vector<std::string>& extra, const std::string& unit = "00004") {
        std::vector<std::string> args{"feedback", "add", "--unit", unit, "--kind", "criticism"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto missing = [&](const char* option) { return std::find(extra.begin(), extra.end(), option) == extra.end(); };
        if (missing("--text")) args.insert(args.end(), {"--text", "Cán bộ tiếp dân chưa niềm nở"});
        if (missing("--category")) args.insert(args.end(), {"--category", "conduct"});
        ++added;
        if (missing("--received-at")) args.insert(args.end(), {"--received-at", "2026-02-" + std::string(added < 10 ? "0" : "") + std::to_string(added)});
        std::string out = device.ok(args);
        out.pop_back();
        return out;
    }

    std::vector<std::string> ids(std::vector<std::string> args) {
        args.insert(args.begin(), {"feedback", "list", "--json"});
        std::vector<std::string> out;
        for (const auto& f : json::parse(device.ok(args))) out.push_back(f["id"]);
        return out;
    }

    std::vector<std::string> found(std::vector<std::string> args) {
        args.insert(args.begin(), {"search", "--json"});
        std::vector<std::string> out;
        for (const auto& f : json::parse(device.ok(args))) out.push_back(f["id"]);
        return out;
    }

    json show(const std::string& id) { return json::parse(device.ok({"feedback", "show", id, "--json"})); }
};

using Ids = std::vector<std::string>;
}  // namespace

TEST_CASE_METHOD(Lists, "feedback list takes several statuses or the open ones, and pages with --limit and --offset",
                 "[cli]") {
    std::string fresh = add({"--received-at", "2026-03-01"});
    std::string acknowledged = add({"--received-at", "2026-03-02"});
    std::string resolved = add({"--received-at", "2026-03-03"});
    std::string referred = add({"--received-at", "2026-03-04"});
    device.ok({"feedback", "acknowledge", acknowledged});
    device.ok({"feedback", "resolve", resolved});
    device.ok({"feedback", "refer", referred, "--to", "UBND phường"});

    CHECK(ids({"--status", "new,acknowledged"}) == Ids{fresh, acknowledged});
    CHECK(ids({"--status", "new", "--status", "referred"}) == Ids{fresh, referred});
    CHECK(ids({"--open"}) == Ids{fresh, acknowledged});
    CHECK(ids({"--open", "--status", "acknowledged,resolved"}) == Ids{acknowledged});
    CHECK(ids({"--limit", "2", "--offset", "1"}) == Ids{acknowledged, resolved});
    CHECK(ids({"--offset", "3"}) == Ids{referred});
    CHECK(ids({"--offset", "4"}).empty());

    ProcessResult closed_only = device.run({"feedback", "list", "--open", "--status", "resolved"});
    CHECK(closed_only.exit_code == 2);
    CHECK(closed_only.err.find("status") != std::string::npos);
    ProcessResult typo = device.run({"--lang", "vi", "feedback", "list", "--status", "new,done"});
    CHECK(typo.exit_code == 2);
    CHECK(typo.err.find("done") != std::string::npos);
}

TEST_CASE_METHOD(Lists, "feedback list finds an officer by name without rank or marks", "[cli]") {
    std::string hung = add({"--officer", "Thiếu tá Lê Văn Hùng"});
    std::string le_hung = add({"--officer", "Đại úy Lê Hùng"});
    add({});

    CHECK(ids({"--officer", "Lê Văn Hùng"}) == Ids{hung});
    CHECK(ids({"--officer", "le van hung"}) == Ids{hung});
    CHECK(ids({"--officer", "LÊ HÙNG"}) == Ids{le_hung});
    CHECK(ids({"--officer", "Hùng"}) == Ids{hung, le_hung});
    CHECK(ids({"--officer", "hun"}).empty());  // whole words: a fragment finds nobody
    CHECK(ids({"--recorded-by", "can bo thu nghiem"}).size() == 3);
    CHECK(ids({"--recorded-by", "Hùng"}).empty());
}

TEST_CASE_METHOD(Lists, "residential groups are units: --group places feedback at the group and lists it",
                 "[cli]") {
    std::string at_two = add({"--group", "Tổ dân phố số 2"});
    std::string at_one = add({"--group", "to dan pho so 1"});
    std::string typed = add({"--group", "Tổ 9"});
    std::string at_seven = add({"--group", "Tổ dân phố số 1"}, "00007");

    CHECK(show(at_two)["unit"] == "TDP2");
    CHECK(show(at_two)["group"] == "Tổ dân phố số 2");
    CHECK(show(at_one)["unit"] == "TDP1");
    CHECK(show(at_one)["group"] == "Tổ dân phố số 1");
    CHECK(show(typed)["unit"] == "00004");  // not in the unit list: kept as the officer typed it
    CHECK(show(typed)["group"] == "Tổ 9");
    CHECK(show(at_seven)["unit"] == "TDP7");

    CHECK(ids({"--group", "TDP2"}) == Ids{at_two});
    CHECK(ids({"--group", "tổ dân phố số 1"}) == Ids{at_one, at_seven});
    CHECK(ids({"--unit", "00004", "--group", "Tổ dân phố số 1"}) == Ids{at_one});
    CHECK(ids({"--group", "to 9"}) == Ids{typed});
    CHECK(ids({"--group", "Tổ 10"}).empty());

    // The ward's report counts each group on its own line.
    json report = json::parse(device.ok({"report", "--unit", "00004", "--json"}));
    std::map<std::string, int> by_child;
    for (const auto& child : report["children"]) by_child[child["code"]] = child["feedback_total"];
    CHECK(by_child == std::map<std::string, int>{{"TDP1", 1}, {"TDP2", 1}});

    // The table names each row's unit, so a ward's list shows which group said what.
    std::string table = device.ok({"--lang", "vi", "feedback", "list", "--unit", "00004"});
    CHECK(table.find("Đơn vị") != std::string::npos);
    CHECK(table.find("Tổ dân phố số 2") != std::string::npos);
    CHECK(table.find("Phường Ba Đình") != std::string::npos);

    // Two groups of one ward with one name: the officer is asked for the code, nothing is written.
    dir.write("twin.csv", "code,name,kind,parent_code\nTDP2B,Tổ dân phố số 2,residential_group,00004\n");
    device.ok({"unit", "import", dir.file("twin.csv")});
    std::string before = device.dump();
    ProcessResult twin = device.run({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic",
                                     "--text", "Đèn đường hỏng", "--group", "Tổ dân phố số 2"});
    CHECK(twin.exit_code == 2);
    CHECK(twin.err.find("TDP2 ") != std::string::npos);
    CHECK(twin.err.find("TDP2B") != std::string::npos);
    CHECK(device.dump() == before);
    CHECK(show(add({"--group", "TDP2B"}))["unit"] == "TDP2B");
}

TEST_CASE_METHOD(Lists, "search keeps to a unit with --unit and finds feedback by its category's name", "[cli]") {
    std::string ba_dinh = add({"--category", "loan_sharks", "--text", "Có người cho vay lãi cao ở chợ"});
    std::string ngoc_ha = add({"--category", "loan_sharks", "--text", "Tờ rơi cho vay dán cột điện"}, "00007");
    std::string at_group = add({"--text", "Cho vay nặng lãi", "--group", "TDP1"});

    auto loan_sharks = found({"tin", "dung", "den"});
    std::sort(loan_sharks.begin(), loan_sharks.end());
    Ids both{ba_dinh, ngoc_ha};
    std::sort(both.begin(), both.end());
    CHECK(loan_sharks == both);
    CHECK(found({"loan", "sharks"}).size() == 2);
    CHECK(found({"cho", "vay", "--unit", "00007"}) == Ids{ngoc_ha});
    auto in_ba_dinh = found({"cho", "vay", "--unit", "00004"});
    std::sort(in_ba_dinh.begin(), in_ba_dinh.end());
    Ids expected{ba_dinh, at_group};
    std::sort(expected.begin(), expected.end());
    CHECK(in_ba_dinh == expected);
    CHECK(found({"cho", "vay", "--unit", "TDP1"}) == Ids{at_group});
    CHECK(found({"cho", "vay", "--limit", "1", "--unit", "00004"}).size() == 1);

    ProcessResult unknown = device.run({"search", "vay", "--unit", "99999"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("99999") != std::string::npos);
}
