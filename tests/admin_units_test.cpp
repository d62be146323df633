// The real unit lists shipped in data/vn-admin-units, imported through import_units.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "langnghe/base/text.h"
#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "support/temp_dir.h"

using namespace langnghe;
using nlohmann::json;

namespace {
std::string read_data_file(const std::string& name) {
    std::string path = std::string(LANGNGHE_SOURCE_DIR) + "/data/vn-admin-units/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string two_level_file = "head_2026-07-25_full_34prov_3321wards.json";
const std::string three_level_file = "v2.4.1_2025-03-01_simplified_63prov_696dist_10035wards.json";

class UnitStoreFixture {
public:
    UnitStoreFixture() { m_store = Store::open(m_dir.file("device.db")); }
    UnitStoreFixture(const UnitStoreFixture&) = delete;
    UnitStoreFixture& operator=(const UnitStoreFixture&) = delete;

    Store& store() { return *m_store; }
    const Actor actor{"Thượng úy Nguyễn Văn An", "admin"};

    std::map<std::string, Unit> units_by_code() {
        std::map<std::string, Unit> out;
        for (auto& u : list_units(store())) out.emplace(u.code, u);
        return out;
    }

private:
    test::TempDir m_dir;  // declared first: removed after the store is closed
    std::unique_ptr<Store> m_store;
};

std::map<std::string, std::size_t> count_kinds(const std::map<std::string, Unit>& units) {
    std::map<std::string, std::size_t> kinds;
    for (const auto& [code, u] : units) ++kinds[u.kind];
    return kinds;
}
}  // namespace

TEST_CASE_METHOD(UnitStoreFixture, "the 2025 two-level list imports 34 provinces and 3,321 communes", "[model]") {
    std::string text = read_data_file(two_level_file);
    auto result = import_units(store(), actor, text);
    CHECK(result.added == 34 + 3321);
    CHECK(result.updated == 0);
    CHECK(result.unchanged == 0);

    auto units = units_by_code();
    REQUIRE(units.size() == 34 + 3321);
    auto kinds = count_kinds(units);
    CHECK(kinds["city"] == 7);
    CHECK(kinds["province"] == 27);
    CHECK(kinds["ward"] == 697);
    CHECK(kinds["commune"] == 2611);
    CHECK(kinds["special_zone"] == 13);
    CHECK(kinds.size() == 5);

    // Every commune-level unit hangs directly under a province; provinces are roots.
    for (const auto& [code, u] : units) {
        INFO(code);
        if (u.kind == "city" || u.kind == "province") {
            CHECK(u.parent.empty());
        } else {
            REQUIRE(units.count(u.parent) == 1);
            auto parent_kind = units.at(u.parent).kind;
            CHECK((parent_kind == "city" || parent_kind == "province"));
        }
        CHECK_FALSE(u.deleted);
    }

    CHECK(units.at("01").name == "Thành phố Hà Nội");
    CHECK(units.at("01").name_en == "Hanoi City");
    CHECK(units.at("00004").name == "Phường Ba Đình");
    CHECK(units.at("00004").parent == "01");
    // The source spells this one with a lowercase "xã"; it is still a commune, and its name is kept as given.
    CHECK(units.at("06325").name == "xã Bắc Sơn");
    CHECK(units.at("06325").kind == "commune");
    CHECK(units.at("06325").parent == "20");

    auto path = unit_path(store(), "00004");
    REQUIRE(path.size() == 2);
    CHECK(path[0].code == "01");
    CHECK(path[1].code == "00004");
    CHECK(list_units(store(), std::string("46")).size() > 1);
}

TEST_CASE_METHOD(UnitStoreFixture, "unit names round-trip byte for byte in NFC", "[model]") {
    std::string text = read_data_file(two_level_file);
    import_units(store(), actor, text);
    auto units = units_by_code();

    std::size_t compared = 0;
    for (const auto& p : json::parse(text)) {
        auto expect = [&](const json& source) {
            const auto& code = source["Code"].get_ref<const std::string&>();
            const auto& name = source["FullName"].get_ref<const std::string&>();
            INFO(code);
            REQUIRE(units.count(code) == 1);
            CHECK(units.at(code).name == name);
            CHECK(to_nfc(units.at(code).name) == units.at(code).name);
            CHECK(units.at(code).name_en == source["FullNameEn"].get<std::string>());
            ++compared;
        };
        expect(p);
        for (const auto& w : p["Wards"]) expect(w);
    }
    CHECK(compared == 34 + 3321);

    // Vietnamese with stacked marks survives the store untouched.
    CHECK(units.at("79").name == "Thành phố Hồ Chí Minh");
    bool found_stacked_marks = false;
    for (const auto& [code, u] : units)
        if (u.name.find("ường") != std::string::npos || u.name.find("ệ") != std::string::npos)
            found_stacked_marks = true;
    CHECK(found_stacked_marks);
}

TEST_CASE_METHOD(UnitStoreFixture, "re-importing the same list changes nothing", "[model]") {
    std::string text = read_data_file(two_level_file);
    import_units(store(), actor, text);
    auto seq_after_first = store().current_seq();
    std::string dump_after_first = store().canonical_dump();

    auto again = import_units(store(), actor, text);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 34 + 3321);
    CHECK(store().current_seq() == seq_after_first);  // nothing to send at the next sync
    CHECK(store().canonical_dump() == dump_after_first);
}

TEST_CASE_METHOD(UnitStoreFixture, "the older three-level list imports provinces, districts and communes", "[model]") {
    std::string text = read_data_file(three_level_file);
    auto result = import_units(store(), actor, text);
    CHECK(result.added == 63 + 696 + 10035);

    auto units = units_by_code();
    REQUIRE(units.size() == 63 + 696 + 10035);
    auto kinds = count_kinds(units);
    CHECK(kinds["city"] + kinds["province"] == 63);
    CHECK(kinds["city"] == 6);
    CHECK(kinds["district"] == 696);
    CHECK(kinds["ward"] == 1726);
    CHECK(kinds["commune"] == 7692);
    CHECK(kinds["town"] == 617);

    for (const auto& [code, u] : units) {
        INFO(code);
        if (u.kind == "district") {
            REQUIRE(units.count(u.parent) == 1);
            CHECK((units.at(u.parent).kind == "province" || units.at(u.parent).kind == "city"));
        } else if (u.kind == "ward" || u.kind == "commune" || u.kind == "town") {
            REQUIRE(units.count(u.parent) == 1);
            CHECK(units.at(u.parent).kind == "district");
        }
    }

    auto path = unit_path(store(), "00001");
    REQUIRE(path.size() == 3);
    CHECK(path[0].name == "Thành phố Hà Nội");
    CHECK(path[1].name == "Quận Ba Đình");
    CHECK(path[2].name == "Phường Phúc Xá");

    // An island district without communes (its "Ward" is null in the source) is still a unit.
    CHECK(units.at("318").name == "Huyện Bạch Long Vĩ");
    CHECK(list_units(store(), std::string("318")).size() == 1);

    auto again = import_units(store(), actor, text);
    CHECK(again.unchanged == 63 + 696 + 10035);
}

TEST_CASE_METHOD(UnitStoreFixture, "names are found whatever the tone-mark placement, case or kind word", "[model]") {
    import_units(store(), actor, read_data_file(two_level_file));
    // The 2025 list spells it "Khánh Hoà"; the older list and most people type "Khánh Hòa".
    REQUIRE(find_unit(store(), "56"));
    CHECK(find_unit(store(), "56")->name == "Tỉnh Khánh Hoà");
    for (std::string query :
         {"Tỉnh Khánh Hòa", "Tỉnh Khánh Hoà", "tinh khanh hoa", "TỈNH KHÁNH HÒA", "  Tỉnh   Khánh Hoà "}) {
        INFO(query);
        auto found = find_units_by_name(store(), query);
        REQUIRE(found.size() == 1);
        CHECK(found[0].code == "56");
    }
    auto codes = [&](std::string_view query) {
        std::vector<std::string> out;
        for (const auto& u : find_units_by_name(store(), query)) out.push_back(u.code);
        return out;
    };
    // Without a kind word the province, a commune and a ward of the same name all match; with one, only that kind.
    CHECK(codes("Khánh Hòa") == std::vector<std::string>{"04342", "31789", "56"});
    CHECK(codes("Phường Khánh Hòa") == std::vector<std::string>{"31789"});
    // Folding drops every mark, so "Xã Ba Dinh" (21499, written without marks) matches "Ba Đình" too.
    CHECK(codes("ba dinh") == std::vector<std::string>{"00004", "16171", "21499"});
    CHECK(codes("Phường Ba Đình") == std::vector<std::string>{"00004"});
    // The lowercase "xã" of 06325 folds like any other.
    CHECK(codes("Xã Bắc Sơn") == std::vector<std::string>{"06325"});
    CHECK(find_units_by_name(store(), "Không có nơi này").empty());
    CHECK(find_units_by_name(store(), "   ").empty());
}
