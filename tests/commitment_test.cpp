// Household commitments (issue 15): one record per unit, year and kind with an id derived from
// them; figures checked before anything is written; corrections kept as revisions; concurrent
// entries on replicas converge, into one record when the figures agree and with a kept conflict
// when they differ; the report rolls the share signed up the unit tree.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <chrono>
#include <nlohmann/json.hpp>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/model/commitment.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/history.h"
#include "langnghe/outputs/commitment_report.h"
#include "support/property.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
const char* groups_units =
    "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n"
    "T1,Tổ dân phố số 1,residential_group,00004\nT2,Tổ dân phố số 2,residential_group,00004\n"
    "00008,Phường Ngọc Hà,ward,01\nT9,Tổ dân phố số 9,residential_group,00008\n";

std::int64_t this_year() {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    return std::stoll(iso_date_at(ms.count()).substr(0, 4));
}

void exchange(Store& from, Store& to) { to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records); }

CommitmentInput figures(std::string unit, std::int64_t households, std::int64_t signed_count,
                        std::optional<std::string> kind = std::nullopt) {
    return {.unit = std::move(unit), .kind = std::move(kind), .year = this_year(), .households = households,
            .signed_count = signed_count};
}

// The error's field when `write` is refused as invalid input, and that nothing was written.
std::string refused_field(Store& store, const std::function<void()>& write) {
    std::string before = store.canonical_dump();
    try {
        write();
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(store.canonical_dump() == before);
        CHECK(e.message(Lang::vi) != e.message(Lang::en));
        return e.field();
    }
    FAIL("the write was accepted");
    return {};
}
}  // namespace

TEST_CASE("a commitment's id comes from its unit, year and kind", "[commitment]") {
    test::Replica r(groups_units);
    CommitmentAdded added = add_commitment(*r.store, r.actor, figures("T1", 120, 100));
    CHECK(added.created);
    CHECK(added.id == commitment_id("T1", this_year(), "security_order"));  // the default kind
    CHECK(added.id.size() == 19);
    CHECK(commitment_id("T1", this_year(), "traffic") != added.id);
    CHECK(commitment_id("T2", this_year(), "security_order") != added.id);
    CHECK(commitment_id("T1", this_year() - 1, "security_order") != added.id);

    Commitment c = get_commitment(*r.store, added.id);
    CHECK(c.unit == "T1");
    CHECK(c.kind == "security_order");
    CHECK(c.households == 120);
    CHECK(c.signed_count == 100);
    CHECK(c.recorders == std::vector<std::string>{r.actor.officer});

    SECTION("the same figures again write nothing") {
        std::string before = r.store->canonical_dump();
        CommitmentAdded again = add_commitment(*r.store, r.actor, figures("T1", 120, 100));
        CHECK_FALSE(again.created);
        CHECK(again.id == added.id);
        CHECK(r.store->canonical_dump() == before);
    }
    SECTION("different figures are refused: a correction is an update") {
        std::string before = r.store->canonical_dump();
        try {
            add_commitment(*r.store, r.actor, figures("T1", 120, 110));
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_state);
            CHECK(std::string(e.what()).find("commitment update") != std::string::npos);
        }
        CHECK(r.store->canonical_dump() == before);
    }
}

TEST_CASE("commitment figures are checked before anything is written", "[commitment]") {
    test::Replica r(groups_units);
    Store& s = *r.store;
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, figures("T1", 100, 101)); }) == "signed");
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, figures("T1", -1, 0)); }) == "households");
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, figures("T1", 10, -2)); }) == "signed");
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, figures("T1", 10, 5, "parking")); }) == "kind");
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, figures("T7", 10, 5)); }) == "unit");
    auto in_year = [&](std::int64_t year) {
        CommitmentInput in = figures("T1", 10, 5);
        in.year = year;
        return in;
    };
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, in_year(this_year() + 1)); }) == "year");
    CHECK(refused_field(s, [&] { add_commitment(s, r.actor, in_year(1999)); }) == "year");
    CHECK(add_commitment(s, r.actor, in_year(2000)).created);
    CHECK(add_commitment(s, r.actor, figures("T1", 0, 0, "fire_safety")).created);  // an empty group is allowed

    Actor supervisor{"Đại tá Trần Văn Giám", "supervisor"};
    std::string before = s.canonical_dump();
    CHECK_THROWS_AS(add_commitment(s, supervisor, figures("T2", 10, 5)), Error);
    CHECK(s.canonical_dump() == before);
}

TEST_CASE("correcting a commitment keeps each change as a revision", "[commitment][custody]") {
    test::Replica r(groups_units);
    std::string id = add_commitment(*r.store, r.actor, figures("T1", 120, 100, "traffic")).id;
    CommitmentInput fix{.unit = "T1", .kind = "traffic", .year = this_year(), .households = 125};
    Commitment c = update_commitment(*r.store, r.head, fix);
    CHECK(c.households == 125);
    CHECK(c.signed_count == 100);
    CHECK(c.recorders.size() == 2);
    auto history = record_history(*r.store, id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].kind == HistoryEntry::Kind::revision);
    CHECK(history[0].field == "households");
    CHECK(history[0].old_value == "120");
    CHECK(history[0].new_value == "125");
    CHECK(history[0].officer == r.head.officer);

    CommitmentInput too_many{.unit = "T1", .kind = "traffic", .year = this_year(), .signed_count = 126};
    CHECK(refused_field(*r.store, [&] { update_commitment(*r.store, r.actor, too_many); }) == "signed");
    CommitmentInput same{.unit = "T1", .kind = "traffic", .year = this_year(), .households = 125};
    CHECK(refused_field(*r.store, [&] { update_commitment(*r.store, r.actor, same); }) == "fields");
    CommitmentInput missing{.unit = "T2", .kind = "traffic", .year = this_year(), .households = 5};
    CHECK_THROWS_AS(update_commitment(*r.store, r.actor, missing), Error);
}

TEST_CASE("two officers entering the same figures offline merge into one record", "[commitment][merge]") {
    test::Replica a(groups_units), b(groups_units);
    b.actor.officer = "Trung úy Phạm Thị Lan";
    std::string id = add_commitment(*a.store, a.actor, figures("T1", 120, 100)).id;
    CHECK(add_commitment(*b.store, b.actor, figures("T1", 120, 100)).id == id);
    exchange(*a.store, *b.store);
    exchange(*b.store, *a.store);
    CHECK(a.store->canonical_dump() == b.store->canonical_dump());
    CHECK(list_commitments(*a.store, std::nullopt, std::nullopt).size() == 1);
    CHECK(list_conflicts(*a.store).empty());
    CHECK(get_commitment(*a.store, id).recorders.size() == 2);  // both officers, no conflict over who
}

TEST_CASE("different figures entered offline leave a kept conflict, never a silent overwrite",
          "[commitment][merge]") {
    test::Replica a(groups_units), b(groups_units);
    std::string id = add_commitment(*a.store, a.actor, figures("T1", 120, 100)).id;
    add_commitment(*b.store, b.actor, figures("T1", 120, 90));
    exchange(*a.store, *b.store);
    exchange(*b.store, *a.store);
    CHECK(a.store->canonical_dump() == b.store->canonical_dump());
    auto conflicts = list_conflicts(*a.store);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].record_id == id);
    CHECK(conflicts[0].field == "signed");
    std::set<std::string> both{conflicts[0].lost_value, conflicts[0].winning_value};
    CHECK(both == std::set<std::string>{"100", "90"});

    // A correction that has seen both settles it, on every replica it reaches.
    CommitmentInput fix{.unit = "T1", .kind = "security_order", .year = this_year(), .signed_count = 95};
    update_commitment(*a.store, a.actor, fix);
    exchange(*a.store, *b.store);
    CHECK(list_conflicts(*b.store).empty());
    CHECK(get_commitment(*b.store, id).signed_count == 95);
}

TEST_CASE("replicas entering commitments in any order converge, with a conflict exactly where figures differ",
          "[commitment][merge][property]") {
    test::for_each_round("commitment convergence", 30, [](std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
        std::vector<std::unique_ptr<test::Replica>> replicas;
        for (int i = 0; i < 3; ++i) {
            replicas.push_back(std::make_unique<test::Replica>(groups_units));
            replicas.back()->actor.officer = "Cán bộ " + std::to_string(i);
        }
        // What each replica entered, per record id: the distinct (households, signed) pairs.
        std::map<std::string, std::set<std::pair<std::int64_t, std::int64_t>>> entered;
        const char* units[] = {"T1", "T2"};
        const char* kinds[] = {"security_order", "fire_safety"};
        for (auto& r : replicas)
            for (int n = 0, count = 1 + pick(3); n < count; ++n) {
                CommitmentInput in = figures(units[pick(2)], 100, 90 + pick(2), kinds[pick(2)]);
                std::string id = commitment_id(*in.unit, *in.year, *in.kind);
                if (auto held = list_commitments(*r->store, in.unit, in.year);
                    std::any_of(held.begin(), held.end(), [&](const Commitment& c) { return c.id == id; }))
                    continue;  // this replica recorded the group already
                add_commitment(*r->store, r->actor, in);
                entered[id].insert({*in.households, *in.signed_count});
            }
        for (int step = 0; step < 8; ++step) {
            int from = pick(3), to = pick(3);
            if (from != to) exchange(*replicas[static_cast<std::size_t>(from)]->store, *replicas[static_cast<std::size_t>(to)]->store);
        }
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                if (i != j) exchange(*replicas[static_cast<std::size_t>(i)]->store, *replicas[static_cast<std::size_t>(j)]->store);
        std::string dump = replicas[0]->store->canonical_dump();
        for (auto& r : replicas) CHECK(r->store->canonical_dump() == dump);
        Store& s = *replicas[0]->store;
        CHECK(list_commitments(s, std::nullopt, std::nullopt).size() == entered.size());
        std::set<std::string> conflicted;
        for (const auto& c : list_conflicts(s)) conflicted.insert(c.record_id);
        for (const auto& [id, pairs] : entered) CHECK(conflicted.contains(id) == (pairs.size() > 1));
    });
}

TEST_CASE("the commitments report rolls the share signed up the unit tree", "[commitment][report]") {
    test::Replica r(groups_units);
    Store& s = *r.store;
    add_commitment(s, r.actor, figures("T1", 120, 100));
    add_commitment(s, r.actor, figures("T2", 80, 72));
    add_commitment(s, r.actor, figures("T2", 80, 40, "fire_safety"));
    add_commitment(s, r.actor, figures("T9", 50, 50));
    CommitmentInput last_year = figures("T1", 120, 10);
    last_year.year = this_year() - 1;
    add_commitment(s, r.actor, last_year);  // another year: not in this report

    CommitmentReport report = commitment_report(s, "01", this_year());
    REQUIRE(report.rows.size() == 6);  // 01, 00004, T1, T2, 00008, T9
    std::vector<std::string> order;
    for (const auto& row : report.rows) order.push_back(row.code + ":" + std::to_string(row.level));
    CHECK(order == std::vector<std::string>{"01:0", "00004:1", "T1:2", "T2:2", "00008:1", "T9:2"});
    const auto& city = report.rows[0].by_kind;
    CHECK(city.at("security_order").households == 250);
    CHECK(city.at("security_order").signed_count == 222);
    CHECK(city.at("fire_safety").households == 80);
    CHECK(report.rows[1].by_kind.at("security_order").signed_count == 172);
    CHECK(*report.rows[1].by_kind.at("security_order").share() == Approx(172.0 / 200.0));
    CHECK_FALSE(report.rows[4].by_kind.contains("fire_safety"));

    CHECK(commitment_report(s, "00008", this_year()).rows.size() == 2);
    CHECK(commitment_report(s, "01", this_year() - 1).rows.size() == 3);  // 01, 00004, T1
    CHECK(commitment_report(s, "01", 2001).rows.empty());
    CHECK_THROWS_AS(commitment_report(s, "nowhere", this_year()), Error);

    std::string vi = commitment_report_text(report, Lang::vi);
    CHECK(vi.find("86,0%") != std::string::npos);  // 00004: 172/200, decimal comma
    CHECK(vi.find("Phòng cháy chữa cháy") != std::string::npos);
    std::string en = commitment_report_text(report, Lang::en);
    CHECK(en.find("86.0%") != std::string::npos);
    CHECK(en.find("Fire safety") != std::string::npos);

    auto json = nlohmann::json::parse(commitment_report_json(report));
    CHECK(json["year"] == this_year());
    REQUIRE(json["rows"].size() == 9);  // 01 and 00004 two kinds, T1 one, T2 two, 00008 and T9 one
    CHECK(json["rows"][0]["unit"] == "01");
    CHECK(json["rows"][0]["kind"] == "security_order");
    CHECK(json["rows"][0]["signed"] == 222);
    CHECK(json["rows"][0]["share"].get<double>() == Approx(0.888));

    std::string csv = commitment_report_csv(report, Lang::en);
    CHECK(csv.find("unit,name,level,kind,households,signed,share\r\n") != std::string::npos);
    CHECK(csv.find("00004,Phường Ba Đình,1,Security and order,200,172,0.8600\r\n") != std::string::npos);
    CHECK(percent_text(0.861, Lang::vi) == "86,1%");
    CHECK(percent_text(0.861, Lang::en) == "86.1%");
}
