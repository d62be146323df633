#include <catch2/catch.hpp>

#include "langnghe/merge/lattice.h"
#include "langnghe/merge/merge.h"
#include "langnghe/storage/store.h"

using namespace langnghe;

namespace {
FieldState write_on(const FieldState& seen, Stamp stamp, const std::string& site, const std::string& value) {
    return overwrite(seen, Dot{stamp, site}, value);
}
}  // namespace

TEST_CASE("a sequential overwrite replaces the value without a conflict", "[merge]") {
    auto a = write_on({}, 10, "a", "\"one\"");
    auto b = write_on(a, 20, "b", "\"two\"");
    auto merged = join(a, b);
    CHECK(merged.heads.size() == 1);
    CHECK(winner(merged).value == "\"two\"");
    CHECK(losers(merged).empty());
}

TEST_CASE("concurrent writes keep both, the later stamp wins and the other is a conflict", "[merge]") {
    auto base = write_on({}, 10, "a", "\"base\"");
    auto x = write_on(base, 30, "a", "\"from a\"");
    auto y = write_on(base, 20, "b", "\"from b\"");
    auto xy = join(x, y), yx = join(y, x);
    CHECK(xy == yx);
    CHECK(winner(xy).value == "\"from a\"");
    REQUIRE(losers(xy).size() == 1);
    CHECK(losers(xy)[0].value == "\"from b\"");
}

TEST_CASE("equal stamps are ordered by site id", "[merge]") {
    auto x = write_on({}, 10, "aaaa", "1");
    auto y = write_on({}, 10, "bbbb", "2");
    CHECK(winner(join(x, y)).value == "2");
    CHECK(winner(join(y, x)).value == "2");
}

TEST_CASE("a delta delivered before its predecessor does not resurrect the predecessor", "[merge]") {
    auto w = write_on({}, 10, "a", "\"w\"");
    auto x = write_on(w, 20, "b", "\"x\"");
    auto y = write_on(x, 30, "c", "\"y\"");
    auto z = write_on(y, 40, "a", "\"z\"");
    // z first, then the older ones in any order: only z survives.
    auto s = join(join(join(z, x), y), w);
    CHECK(s.heads.size() == 1);
    CHECK(winner(s).value == "\"z\"");
}

TEST_CASE("join is idempotent", "[merge]") {
    auto x = write_on({}, 10, "a", "1");
    auto y = write_on({}, 11, "b", "2");
    auto xy = join(x, y);
    CHECK(join(xy, xy) == xy);
    CHECK(join(xy, x) == xy);
}

TEST_CASE("feedback status is a lattice: a stale lower status never wins", "[merge]") {
    auto precedence = precedence_for("feedback", "status");
    REQUIRE(precedence != nullptr);
    auto base = write_on({}, 10, "a", "[0,\"new\"]");
    auto resolved = write_on(base, 20, "a", "[0,\"resolved\"]");
    auto acknowledged_later = write_on(base, 99, "b", "[0,\"acknowledged\"]");
    auto merged = join(resolved, acknowledged_later);
    CHECK(winner(merged, precedence).value == "[0,\"resolved\"]");
    auto reopened = write_on(merged, 100, "c", "[1,\"acknowledged\"]");
    CHECK(winner(join(merged, reopened), precedence).value == "[1,\"acknowledged\"]");
}

TEST_CASE("concurrent writes of the same value keep both dots but are not a conflict", "[merge]") {
    auto x = write_on({}, 10, "a", "\"Phường Ba Đình\"");
    auto y = write_on({}, 20, "b", "\"Phường Ba Đình\"");
    auto z = write_on({}, 15, "c", "\"Phường Ba Đình (cũ)\"");
    auto xy = join(x, y);
    CHECK(xy.heads.size() == 2);
    CHECK(losers(xy).empty());
    auto xyz = join(xy, z);
    REQUIRE(losers(xyz).size() == 1);
    CHECK(losers(xyz)[0].value == "\"Phường Ba Đình (cũ)\"");
}
