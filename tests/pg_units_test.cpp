// A PostgreSQL station answers questions about its unit tree (an admin command's unit check, a
// pull's scope) from the unit records alone (docs/postgres.md, "Unit questions"): a server that
// has written nothing does not load the whole station for them, and it sees units another server
// imported since. Needs the test cluster ([postgres]: scripts/pg-cluster).
#include <catch2/catch.hpp>

#include <algorithm>

#include "langnghe/base/error.h"
#include "langnghe/model/records.h"
#include "pg_station_store.h"
#include "support/postgres_url.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
const std::string first_units =
    "code,name,kind,parent_code\n"
    "01,Thành phố Hà Nội,city,\n"
    "00004,Phường Ba Đình,ward,01\n"
    "TDP1,Tổ dân phố số 1,residential_group,00004\n"
    "00007,Phường Ngọc Hà,ward,01\n";

std::vector<std::string> codes(const std::vector<Unit>& units) {
    std::vector<std::string> out;
    for (const auto& u : units) out.push_back(u.code);
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST_CASE("unit questions on a PostgreSQL station read the unit records, not the whole station", "[.][postgres]") {
    TestDatabase database{"units"};
    auto writer = server::PgStationStore::init(database.url);
    writer->import_units(Actor{"station"}, first_units);
    REQUIRE(writer->holds_whole_station());  // a write works on the whole station

    auto reader = server::PgStationStore::open(database.url);
    CHECK(reader->unit_subtree("00004") == std::vector<std::string>{"00004", "TDP1"});
    CHECK(reader->unit_path("TDP1") == std::vector<std::string>{"01", "00004", "TDP1"});
    CHECK_NOTHROW(reader->require_unit("00007"));
    CHECK_THROWS_AS(reader->require_unit("99999"), Error);
    CHECK(codes(reader->list_units(std::nullopt)) == std::vector<std::string>{"00004", "00007", "01", "TDP1"});
    CHECK_FALSE(reader->holds_whole_station());

    SECTION("units another server imports later are seen at the next question") {
        writer->import_units(Actor{"station"}, "code,name,kind,parent_code\n00010,Phường Giảng Võ,ward,01\n"
                                               "TDP2,Tổ dân phố số 2,residential_group,00004\n");
        CHECK(reader->unit_subtree("00004") == std::vector<std::string>{"00004", "TDP1", "TDP2"});
        CHECK_NOTHROW(reader->require_unit("00010"));
        CHECK(codes(reader->list_units(std::string("01"))) == codes(writer->list_units(std::string("01"))));
        CHECK_FALSE(reader->holds_whole_station());
    }

    SECTION("inside a write, the unit tree is the one the write is changing") {
        reader->transaction([&] {
            reader->import_units(Actor{"station"}, "code,name,kind,parent_code\n00013,Phường Kim Mã,ward,01\n");
            CHECK_NOTHROW(reader->require_unit("00013"));
        });
        CHECK(reader->holds_whole_station());
        CHECK_NOTHROW(writer->require_unit("00013"));
    }
}
