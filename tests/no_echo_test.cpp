// No echo (issue 14, docs/postgres.md): a pull sends a device only what it does not hold already.
// A record the station keeps exactly as a device pushed it is not sent back to that device; one the
// station's join changed (another device's concurrent edit) is, and so is anything changed since.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/sync/sync_client.h"
#include "support/station_transport.h"

using namespace langnghe;
using langnghe::test::InProcessStation;
using langnghe::test::StationTransport;

namespace {
struct Ward {
    InProcessStation station;
    StationTransport wire{station};
    test::TempDir dir;
    std::unique_ptr<Store> an = device("an"), binh = device("binh");

    std::unique_ptr<Store> device(const std::string& name) {
        auto d = Store::open(dir.file(name + ".db"));
        import_units(*d, Actor{name}, InProcessStation::unit_csv());
        enroll_device(*d, wire, "http://station.invalid", station.issue_code("00004"), "", name);
        sync_device(*d, wire);
        return d;
    }
    // The ids a pull from `cursor` would send the device of `site`, scope 00004.
    std::vector<std::string> pulled(const std::string& site, std::uint64_t cursor = 0) {
        auto batch = station.station().data().changes_since(cursor, 1000, {"00004"}, {"01", "00004"}, site);
        std::vector<std::string> ids;
        for (const auto& r : nlohmann::json::parse(batch.records_json)) ids.push_back(r["id"]);
        return ids;
    }
    static bool has(const std::vector<std::string>& ids, const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    }
};
FeedbackInput lamp{.unit = "00004", .kind = "request", .category = "traffic", .text = "Đèn ngõ 5 hỏng"};
}  // namespace

TEST_CASE_METHOD(Ward, "a pull does not send a device back what it pushed", "[sync][station]") {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(add_feedback(*an, Actor{"An"}, lamp));
    SyncSummary s = sync_device(*an, wire);
    CHECK(s.pushed >= 5);
    CHECK(s.pulled == 0);
    for (const auto& id : ids) {
        CHECK_FALSE(has(pulled(an->site_id()), id));
        CHECK(has(pulled(binh->site_id()), id));  // another device gets them
    }
    CHECK(sync_device(*binh, wire).pulled >= 5);
    for (const auto& id : ids) CHECK(binh->load(id) == an->load(id));
    CHECK(station.records().canonical_dump().find(ids.front()) != std::string::npos);

    SECTION("a record changed by another device since is sent again") {
        update_feedback(*binh, Actor{"Bình"}, ids[0], {.unit = "00004", .kind = "request", .category = "traffic",
                                                         .text = "Đèn ngõ 5 và ngõ 7 hỏng"});
        sync_device(*binh, wire);
        CHECK(sync_device(*an, wire).pulled == 2);  // the feedback, and the revision binh's edit left
        CHECK(an->load(ids[0]) == binh->load(ids[0]));
    }
    SECTION("a record the station's join changed is sent back to the device that pushed it") {
        update_feedback(*an, Actor{"An"}, ids[1], {.unit = "00004", .kind = "request", .category = "traffic",
                                                   .text = "An sửa"});
        update_feedback(*binh, Actor{"Bình"}, ids[1], {.unit = "00004", .kind = "request", .category = "traffic",
                                                       .text = "Bình sửa"});
        sync_device(*binh, wire);
        sync_device(*an, wire);  // an's edit joins with binh's: the station holds both, an held one
        CHECK(an->load(ids[1]) == station.records().load(ids[1]));
        sync_device(*binh, wire);
        CHECK(binh->load(ids[1]) == station.records().load(ids[1]));
    }
}

TEST_CASE_METHOD(Ward, "a pull's scope is its units' records and the unit records it may see", "[sync][station]") {
    std::string in_ward = add_feedback(*an, Actor{"An"}, lamp);
    sync_device(*an, wire);
    auto ids = pulled({});
    CHECK(has(ids, in_ward));
    std::size_t units = 0;
    auto batch = station.station().data().changes_since(0, 1000, {"00007"}, {"01"}, {});
    for (const auto& r : nlohmann::json::parse(batch.records_json)) {
        CHECK(r["id"] != in_ward);
        if (r["type"] == "unit") {
            CHECK(r["unit"] == "01");
            ++units;
        }
    }
    CHECK(units == 1);
    CHECK(batch.last_seq == station.station().data().newest_cursor());
    CHECK_FALSE(batch.more);
}

TEST_CASE_METHOD(Ward, "a device moved away and back gets again what it pushed before, which it purged", "[sync][station]") {
    std::string id = add_feedback(*an, Actor{"An"}, lamp);
    sync_device(*an, wire);
    CHECK_FALSE(has(pulled(an->site_id()), id));
    std::string device_id = enrollment(*an)->device_id;
    station.station().move(device_id, "00007");
    sync_device(*an, wire);
    CHECK_FALSE(an->load(id));  // out of its scope now: purged
    station.station().move(device_id, "00004");
    sync_device(*an, wire);
    CHECK(an->load(id) == station.records().load(id));
}
