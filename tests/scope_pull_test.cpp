// Pulls by unit (issue 14): the embedded station answers a small scope from one range of its own
// index per unit, and that answer is exactly the walk over every change's, page for page.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <algorithm>
#include <random>

#include <nlohmann/json.hpp>

#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "scope_pull.h"
#include "sqlite_station_store.h"
#include "support/temp_dir.h"

using namespace langnghe;
using namespace langnghe::server;

namespace {
const char* units_csv =
    "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n"
    "00007,Phường Ngọc Hà,ward,01\n00010,Phường Giảng Võ,ward,01\n";
const std::string echo_site = "site-held";

// Feedback in every unit, the city's own included, edited out of order so a unit's changes
// interleave with the others'; a third of them held by echo_site as it sent them.
struct MixedStation {
    test::TempDir dir;
    std::unique_ptr<SqliteStationStore> station;

    MixedStation() {
        auto store = Store::open(dir.file("station.db"));
        import_units(*store, Actor{"admin"}, units_csv);
        const std::vector<std::string> units{"00004", "00007", "00010", "01", "00004"};
        std::mt19937 random(14);
        std::vector<std::pair<std::string, std::string>> made;  // id, unit
        for (int i = 0; i < 90; ++i) {
            const std::string& unit = units[random() % units.size()];
            made.push_back({add_feedback(*store, Actor{"An"}, {.unit = unit, .kind = "request", .category = "traffic",
                                                               .text = "Đèn " + std::to_string(i)}),
                            unit});
            if (i % 4 == 3) {
                const auto& [id, its_unit] = made[random() % made.size()];
                update_feedback(*store, Actor{"Bình"}, id, {.unit = its_unit, .text = "sửa " + std::to_string(i)});
            }
        }
        station = std::make_unique<SqliteStationStore>(std::move(store));
        station->database().exec(
            "INSERT INTO record_echo(id, site, seq) SELECT id, '" + echo_site + "', seq FROM records WHERE seq % 3 = 0");
        // Held once, changed since: sent again.
        station->database().exec("INSERT OR IGNORE INTO record_echo(id, site, seq) SELECT id, '" + echo_site +
                                 "', seq - 1 FROM records WHERE seq % 3 = 1");
    }

    // The ids the scope holds, in change order, worked out row by row.
    std::vector<std::string> expected(const PullScope& scope) {
        auto has = [](const std::vector<std::string>& list, const std::string& unit) {
            return std::find(list.begin(), list.end(), unit) != list.end();
        };
        auto st = station->database().prepare(
            "SELECT r.id, r.type, r.unit, EXISTS (SELECT 1 FROM record_echo e WHERE e.id = r.id AND e.site = ? "
            "AND e.seq = r.seq) FROM records r ORDER BY r.seq");
        st.bind(1, scope.for_site);
        std::vector<std::string> ids;
        while (st.step()) {
            bool unit_record = st.column_text(1) == "unit";
            bool in_scope = unit_record ? has(scope.unit_records, st.column_text(2)) : has(scope.units, st.column_text(2));
            if (in_scope && st.column_int(3) == 0) ids.push_back(st.column_text(0));
        }
        return ids;
    }
};

std::vector<std::string> ids_of(const StateBatch& batch) {
    std::vector<std::string> ids;
    for (const auto& record : nlohmann::json::parse(batch.records_json)) ids.push_back(record["id"]);
    return ids;
}

std::string plan_of(sql::Database& db, const std::string& sql) {
    auto st = db.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (st.step()) plan += st.column_text(3) + "\n";
    return plan;
}
}  // namespace

TEST_CASE_METHOD(MixedStation, "a pull merged from unit ranges answers what the walk over every change answers",
                 "[station][sync]") {
    const std::vector<std::string> all_units{"00004", "00007", "00010", "01"};
    struct Case {
        std::string name;
        std::vector<std::string> units, unit_records;
        std::string for_site;
    };
    const std::vector<Case> cases{
        {"a ward", {"00004"}, {"01", "00004"}, echo_site},
        {"two wards", {"00004", "00007"}, {"01", "00004", "00007"}, ""},
        {"the unit record of an ancestor only", {"00010"}, {"01"}, echo_site},
        {"records without unit records", {"00007"}, {}, ""},
        {"the whole station", all_units, all_units, echo_site},
        {"an empty scope", {}, {}, ""},
    };
    for (const auto& c : cases) {
        PullScope scope{c.units, c.unit_records, c.for_site};
        auto want = expected(scope);
        for (std::size_t limit : {std::size_t{1}, std::size_t{7}, std::size_t{50}, std::size_t{5000}}) {
            INFO(c.name << ", pages of " << limit);
            std::vector<std::string> merged_ids;
            std::uint64_t cursor = 0;
            for (;;) {
                StateBatch walked = pull_by_seq(station->database(), cursor, limit, scope);
                StateBatch merged = pull_by_unit(station->database(), cursor, limit, scope);
                REQUIRE(merged.records_json == walked.records_json);
                REQUIRE(merged.last_seq == walked.last_seq);
                REQUIRE(merged.more == walked.more);
                auto ids = ids_of(merged);
                CHECK(ids.size() <= limit);
                merged_ids.insert(merged_ids.end(), ids.begin(), ids.end());
                if (!merged.more) break;
                cursor = merged.last_seq;
            }
            CHECK(merged_ids == want);

            std::vector<std::string> pulled;
            cursor = 0;
            for (;;) {
                StateBatch batch = station->changes_since(cursor, limit, c.units, c.unit_records, c.for_site);
                auto ids = ids_of(batch);
                pulled.insert(pulled.end(), ids.begin(), ids.end());
                cursor = batch.last_seq;
                if (!batch.more) break;
            }
            CHECK(pulled == want);
            CHECK(cursor == station->newest_cursor());
        }
    }
}

TEST_CASE("a pull walks every change where its scope is dense and merges unit ranges where it is sparse",
          "[station][sync]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("station.db"));
    import_units(*store, Actor{"admin"}, units_csv);
    for (int i = 0; i < 100; ++i)
        add_feedback(*store, Actor{"An"}, {.unit = i % 10 == 0 ? "00004" : "00007", .kind = "request",
                                          .category = "traffic", .text = "Đèn " + std::to_string(i)});
    SqliteStationStore station(std::move(store));
    const std::vector<std::string> sparse{"00004"}, sparse_visible{"01", "00004"}, dense{"00007"},
        dense_visible{"01", "00007"};
    const std::uint64_t newest = station.newest_cursor();
    // One change in ten is the sparse ward's: a page of 2 is not in the next 12 changes.
    CHECK(choose_pull(station.database(), 0, 2, {sparse, sparse_visible, ""}) == PullPlan::unit_merge);
    CHECK(choose_pull(station.database(), 0, 2, {dense, dense_visible, ""}) == PullPlan::seq_walk);
    // Near the newest change the walk reads what is left, fewer rows than the merge's seeks.
    CHECK(choose_pull(station.database(), newest - 3, 2, {sparse, sparse_visible, ""}) == PullPlan::seq_walk);
    CHECK(choose_pull(station.database(), newest, 2, {sparse, sparse_visible, ""}) == PullPlan::seq_walk);
}

TEST_CASE("unit ranges are read from the station's index in change order, without a sort", "[station][sync]") {
    test::TempDir dir;
    auto device = Store::open(dir.file("device.db"));
    auto has_index = [](sql::Database& db) {
        auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'records_by_unit_seq'");
        return st.step();
    };
    {
        sql::Database device_file(dir.file("device.db"), false);
        CHECK_FALSE(has_index(device_file));  // a device does not pay for the station's index
    }
    SqliteStationStore station(std::move(device));
    REQUIRE(has_index(station.database()));
    add_scope_index(station.database());  // again, as a station opened a second time does

    for (auto range : {UnitRange::everything, UnitRange::records}) {
        std::string plan = plan_of(station.database(), unit_range_sql(range));
        INFO(plan);
        CHECK(plan.find("records_by_unit_seq (unit=? AND seq>?)") != std::string::npos);
        CHECK(plan.find("TEMP B-TREE") == std::string::npos);
    }
    std::string ancestor = plan_of(station.database(), unit_range_sql(UnitRange::unit_record));
    INFO(ancestor);
    CHECK(ancestor.find("records_by_type_unit (type=? AND unit=?)") != std::string::npos);
    std::string walk = plan_of(station.database(), seq_walk_sql());
    INFO(walk);
    CHECK(walk.find("records_by_seq (seq>?)") != std::string::npos);
}
