// The store on its own: opening, writing, joining, scopes (and a COMMIT that fails), meta.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/restamp.h"
#include "langnghe/storage/queries.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/custody_check.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {
std::int64_t fixed_ms = 1'790'000'000'000;

StoreOptions fixed_clock(std::function<bool()> commit_allowed = {}) {
    StoreOptions options;
    options.clock = [] { return fixed_ms; };
    options.commit_allowed = std::move(commit_allowed);
    return options;
}

void write_one(Store& store, const std::string& id, const std::string& value) {
    Store::Scope scope(store);
    store.write(id, "note", "U1", {{"text", "\"" + value + "\""}}, store.next_dot());
    scope.commit();
}
}  // namespace

static_assert(std::is_nothrow_destructible_v<Store::Scope>);
static_assert(std::is_nothrow_destructible_v<sql::Transaction>);

TEST_CASE("A store keeps its site id and fails on a missing file when asked to open an existing one", "[storage]") {
    test::TempDir dir;
    std::string site;
    {
        auto store = Store::open(dir.file("a.db"), fixed_clock());
        site = store->site_id();
        CHECK(site.size() == 16);
    }
    CHECK(Store::open_existing(dir.file("a.db"))->site_id() == site);
    try {
        Store::open_existing(dir.file("missing.db"));
        FAIL("opened a missing database");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::not_found);
    }
}

TEST_CASE("A write outside a scope is refused", "[storage]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("a.db"), fixed_clock());
    try {
        store->write("n1", "note", "U1", {{"text", "\"x\""}}, store->next_dot());
        FAIL("wrote outside a scope");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::internal);
    }
    CHECK_FALSE(store->exists("n1"));
}

TEST_CASE("Writes commit with the sequence and clock and survive reopening", "[storage]") {
    test::TempDir dir;
    Stamp last = 0;
    {
        auto store = Store::open(dir.file("a.db"), fixed_clock());
        write_one(*store, "n1", "one");
        write_one(*store, "n2", "two");
        write_one(*store, "n1", "three");
        CHECK(store->current_seq() == 3);
        last = store->clock().last();
        CHECK(stamp_ms(last) == fixed_ms);
    }
    auto store = Store::open_existing(dir.file("a.db"), fixed_clock());
    CHECK(store->current_seq() == 3);
    CHECK(store->clock().last() == last);
    auto n1 = store->load("n1");
    REQUIRE(n1);
    CHECK(n1->fields.at("text").heads.at(0).value == "\"three\"");
    // Only the newest change of each record is after sequence 1.
    auto batch = store->export_since(1, 10);
    REQUIRE(batch.records.size() == 2);
    CHECK(batch.records[0].id == "n2");
    CHECK(batch.records[1].id == "n1");
    CHECK(batch.last_seq == 3);
    CHECK_FALSE(batch.more);
    auto limited = store->export_since(0, 1);
    CHECK(limited.records.size() == 1);
    CHECK(limited.more);
}

TEST_CASE("Two connections to one file take turns without giving a sequence, a stamp or a link twice", "[storage][custody]") {
    // The server and an admin command (`langnghe-server changes import`) write the station's file at once.
    test::TempDir dir;
    auto server = Store::open(dir.file("station.db"), fixed_clock());
    auto admin = Store::open_existing(dir.file("station.db"), fixed_clock());
    // Sealed at once, a link each: which connection seals next must not matter.
    auto write_sealed = [](Store& store, const std::string& id, const std::string& value) {
        write_one(store, id, value);
        store.seal_unsealed_custody();
    };
    write_sealed(*server, "n1", "one");
    write_sealed(*admin, "n2", "two");
    write_sealed(*admin, "n3", "three");
    write_sealed(*server, "n4", "four");
    write_sealed(*server, "n1", "five");
    CHECK(server->current_seq() == 5);
    std::set<Stamp> stamps;
    std::size_t heads = 0;
    for (const auto& r : server->export_since(0, 10).records)
        for (const auto& [field, reg] : r.fields)
            for (const auto& head : reg.heads) {
                stamps.insert(head.dot.stamp);
                ++heads;
            }
    CHECK(heads == 4);
    CHECK(stamps.size() == heads);
    auto links = custody_links(*server, server->site_id());
    REQUIRE(links.size() == 5);
    for (std::size_t i = 0; i < links.size(); ++i) CHECK(links[i].n == i + 1);
    CHECK_FALSE(verify_replica(*server).fault);
}

TEST_CASE("Two connections to one file keep each other's unsealed writes: one link seals them all", "[storage][custody]") {
    test::TempDir dir;
    auto device = Store::open(dir.file("device.db"), fixed_clock());
    auto other = Store::open_existing(dir.file("device.db"), fixed_clock());
    write_one(*device, "n1", "one");
    write_one(*other, "n2", "two");
    write_one(*device, "n3", "three");
    CHECK(unsealed_custody_entries(*other).size() == 3);
    CHECK(verify_replica(*other).unsealed_entries == 3);
    auto links = custody_links(*other, other->site_id());  // leaving: sealed first
    REQUIRE(links.size() == 1);
    std::vector<std::string> named;
    for (const auto& e : links[0].entries) named.push_back(e.record);
    CHECK(named == std::vector<std::string>{"n1", "n2", "n3"});
    CHECK(unsealed_custody_entries(*device).empty());
    write_one(*device, "n4", "four");  // continues the chain the other connection sealed
    CHECK(custody_links(*device, device->site_id()).size() == 2);
    CHECK_FALSE(verify_replica(*device).fault);
}

TEST_CASE("A scope left without commit rolls back the records, the sequence and the clock", "[storage]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("a.db"), fixed_clock());
    write_one(*store, "n1", "one");
    auto seq = store->current_seq();
    auto last = store->clock().last();
    {
        Store::Scope outer(*store);
        {
            Store::Scope inner(*store);
            store->write("n2", "note", "U1", {{"text", "\"two\""}}, store->next_dot());
            inner.commit();  // an inner commit defers to the outermost scope
        }
        CHECK(store->exists("n2"));
    }
    CHECK_FALSE(store->exists("n2"));
    CHECK(store->current_seq() == seq);
    CHECK(store->clock().last() == last);
}

TEST_CASE("A failed COMMIT rolls back the records, the sequence and the clock, the next write is durable", "[storage]") {
    test::TempDir dir;
    bool commits_fail = false;
    auto store = Store::open(dir.file("a.db"), fixed_clock([&] { return !commits_fail; }));
    write_one(*store, "n1", "one");
    auto seq = store->current_seq();
    auto last = store->clock().last();

    commits_fail = true;
    try {
        write_one(*store, "n2", "lost");
        FAIL("the COMMIT did not fail");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::storage);
    }
    CHECK(store->current_seq() == seq);
    CHECK(store->clock().last() == last);
    CHECK_FALSE(store->exists("n2"));
    CHECK(store->meta("seq") == std::to_string(seq));
    CHECK(store->meta("clock") == std::to_string(last));

    commits_fail = false;
    write_one(*store, "n3", "kept");
    CHECK(store->current_seq() == seq + 1);
    store.reset();

    auto reopened = Store::open_existing(dir.file("a.db"), fixed_clock());
    CHECK(reopened->exists("n1"));
    CHECK_FALSE(reopened->exists("n2"));
    CHECK(reopened->exists("n3"));
    CHECK(reopened->current_seq() == seq + 1);
    auto batch = reopened->export_since(seq, 10);
    REQUIRE(batch.records.size() == 1);
    CHECK(batch.records[0].id == "n3");
}

TEST_CASE("A failed COMMIT of received records leaves the store as it was", "[storage]") {
    test::TempDir dir;
    auto source = Store::open(dir.file("source.db"), fixed_clock());
    write_one(*source, "n1", "one");
    write_one(*source, "n2", "two");
    auto states = source->export_since(0, 10).records;

    bool commits_fail = false;
    auto store = Store::open(dir.file("a.db"), fixed_clock([&] { return !commits_fail; }));
    commits_fail = true;
    CHECK_THROWS_AS(store->apply(states), Error);
    CHECK(store->current_seq() == 0);
    CHECK(store->clock().last() == 0);
    CHECK_FALSE(store->exists("n1"));

    commits_fail = false;
    auto applied = store->apply(states);
    CHECK(applied.changed == 2);
    CHECK(store->current_seq() == 2);
    CHECK(store->canonical_dump() == source->canonical_dump());
}

TEST_CASE("Applying states already held changes nothing", "[storage]") {
    test::TempDir dir;
    auto a = Store::open(dir.file("a.db"), fixed_clock());
    auto b = Store::open(dir.file("b.db"), fixed_clock());
    write_one(*a, "n1", "one");
    auto states = a->export_since(0, 10).records;
    CHECK(b->apply(states).changed == 1);
    auto again = b->apply(states);
    CHECK(again.received == 1);
    CHECK(again.changed == 0);
    CHECK(b->current_seq() == 1);
}

TEST_CASE("Meta values are set, replaced and read back", "[storage]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("a.db"), fixed_clock());
    CHECK_FALSE(store->meta("cursor"));
    store->set_meta("cursor", "7");
    store->set_meta("cursor", "9");
    CHECK(store->meta("cursor") == "9");
}

namespace {
void put(Store& store, const std::string& id, const std::string& type, const std::string& unit,
         const std::vector<std::pair<std::string, std::string>>& values) {
    Store::Scope scope(store);
    store.write(id, type, unit, values, store.next_dot());
    scope.commit();
}

std::vector<std::string> ids_of(const std::vector<StoredRecord>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(row.id);
    return out;
}

// Units 01 ⊃ 02 ⊃ 03 and 09 on its own; 04 under 01, deleted.
std::unique_ptr<Store> store_with_units(const test::TempDir& dir) {
    auto store = Store::open(dir.file("q.db"), fixed_clock());
    put(*store, "un-01", "unit", "01", {{"code", "\"01\""}, {"parent", "\"\""}});
    put(*store, "un-02", "unit", "02", {{"code", "\"02\""}, {"parent", "\"01\""}});
    put(*store, "un-03", "unit", "03", {{"code", "\"03\""}, {"parent", "\"02\""}});
    put(*store, "un-09", "unit", "09", {{"code", "\"09\""}, {"parent", "\"\""}});
    put(*store, "un-04", "unit", "04", {{"code", "\"04\""}, {"parent", "\"01\""}, {"deleted", "true"}});
    return store;
}
}  // namespace

TEST_CASE("Units are found by subtree and liveness", "[storage]") {
    test::TempDir dir;
    auto store = store_with_units(dir);
    CHECK(unit_subtree(*store, "01") == std::vector<std::string>{"01", "02", "03", "04"});
    CHECK(unit_subtree(*store, "02") == std::vector<std::string>{"02", "03"});
    CHECK(is_live_unit(*store, "03"));
    CHECK_FALSE(is_live_unit(*store, "04"));
    CHECK_FALSE(is_live_unit(*store, "77"));
    auto codes = unit_codes(*store);
    std::sort(codes.begin(), codes.end());
    CHECK(codes == std::vector<std::string>{"01", "02", "03", "04", "09"});
}

TEST_CASE("A record filter narrows by unit, field tests and flags, ordered and limited", "[storage]") {
    test::TempDir dir;
    auto store = store_with_units(dir);
    put(*store, "a1", "action", "02", {{"due", "\"2026-01-05\""}, {"status", "\"open\""}, {"feedback", "[\"f1\",\"f2\"]"}});
    put(*store, "a2", "action", "03", {{"due", "\"2026-01-01\""}, {"status", "\"done\""}, {"feedback", "[\"f2\"]"}});
    put(*store, "a3", "action", "09", {{"due", "\"2026-01-03\""}, {"status", "\"in_progress\""}, {"feedback", "[]"}});
    put(*store, "a4", "action", "02", {{"due", "\"2026-01-02T10:00\""}, {"status", "\"open\""}, {"deleted", "true"}});
    put(*store, "n1", "note", "02", {{"due", "\"2026-01-01\""}});

    RecordFilter all;
    all.type = "action";
    all.order_path = "$.due";
    CHECK(ids_of(find_records(*store, all)) == std::vector<std::string>{"a2", "a4", "a3", "a1"});

    RecordFilter filter = all;
    filter.units = unit_subtree(*store, "02");
    filter.not_true = {"$.deleted"};
    CHECK(ids_of(find_records(*store, filter)) == std::vector<std::string>{"a2", "a1"});

    RecordFilter tests = all;
    tests.tests = {{"$.status", FieldTest::Op::one_of, {"open", "in_progress"}, 0},
                   {"$.due", FieldTest::Op::less, {"2026-01-05"}, 0}};
    CHECK(ids_of(find_records(*store, tests)) == std::vector<std::string>{"a4", "a3"});

    RecordFilter dates = all;
    // The date of a time: "2026-01-02T10:00" is on 2026-01-02.
    dates.tests = {{"$.due", FieldTest::Op::at_least, {"2026-01-02"}, 10},
                   {"$.due", FieldTest::Op::at_most, {"2026-01-02"}, 10}};
    CHECK(ids_of(find_records(*store, dates)) == std::vector<std::string>{"a4"});

    RecordFilter contains = all;
    contains.tests = {{"$.feedback", FieldTest::Op::contains, {"f2"}, 0}};
    contains.limit = 1;
    CHECK(ids_of(find_records(*store, contains)) == std::vector<std::string>{"a2"});

    RecordFilter equals = all;
    equals.tests = {{"$.status", FieldTest::Op::equals, {"done"}, 0}};
    CHECK(ids_of(find_records(*store, equals)) == std::vector<std::string>{"a2"});

    RecordFilter injected = all;
    injected.order_path = "$.due') OR 1=1 --";
    CHECK_THROWS_AS(find_records(*store, injected), Error);
}

TEST_CASE("Records are found by id, id prefix, target and key, and counted", "[storage]") {
    test::TempDir dir;
    auto store = store_with_units(dir);
    put(*store, "fb-ABC1", "feedback", "02", {{"text", "\"x\""}});
    put(*store, "fb-ABC2", "feedback", "02", {{"text", "\"y\""}, {"deleted", "true"}});
    put(*store, "fb-XYZ1", "feedback", "02", {{"text", "\"z\""}});
    put(*store, "nt-2", "note", "02", {{"target", "\"fb-ABC1\""}, {"stamp", "2"}, {"text", "\"second\""}});
    put(*store, "nt-1", "note", "02", {{"target", "\"fb-ABC1\""}, {"stamp", "1"}, {"text", "\"first\""}});
    put(*store, "nt-3", "note", "02", {{"target", "\"fb-XYZ1\""}, {"stamp", "0"}, {"text", "\"other\""}});

    auto found = find_record(*store, "fb-ABC1");
    REQUIRE(found);
    CHECK(found->type == "feedback");
    CHECK(found->unit == "02");
    CHECK(found->doc.find(R"("text":"x")") != std::string::npos);
    CHECK_FALSE(find_record(*store, "fb-NONE"));

    CHECK(ids_of(find_by_id_prefix(*store, "feedback", "fb-ABC")) == std::vector<std::string>{"fb-ABC1", "fb-ABC2"});
    CHECK(find_by_id_prefix(*store, "note", "fb-ABC").empty());
    CHECK(ids_of(find_by_target(*store, "note", "fb-ABC1")) == std::vector<std::string>{"nt-1", "nt-2"});

    auto keys = find_keys(*store, {"fb-XYZ1", "nt-3", "missing"});
    REQUIRE(keys.size() == 2);
    for (const auto& key : keys) CHECK((key.id == "fb-XYZ1" ? key.type == "feedback" : key.type == "note"));

    std::map<std::pair<std::string, bool>, std::int64_t> counts;
    for (const auto& c : count_records(*store)) counts[{c.type, c.deleted}] = c.records;
    CHECK(counts[{"feedback", false}] == 2);
    CHECK(counts[{"feedback", true}] == 1);
    CHECK(counts[{"note", false}] == 3);
    CHECK(counts[{"unit", true}] == 1);
    CHECK(records_in_conflict(*store).empty());

    std::size_t states = 0;
    for_each_state(*store, [&](const RecordState&) { ++states; });
    CHECK(states == 11);
}

TEST_CASE("Records are exported as stored text with their latest stamps, also rows from before the stamps were kept", "[storage]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("a.db"), fixed_clock());
    write_one(*store, "n1", "one");
    write_one(*store, "n2", "two");
    RecordState other{"n3", "note", "U1", {}};
    other.fields["text"] = overwrite({}, Dot{stamp_from_ms(fixed_ms + 5000), "zz-other"}, "\"ba\"");
    store->apply({other});

    auto expected = [&](const std::string& id) {
        RecordState r = *store->load(id);
        return StoredState{id, "note", encode_record(r), max_stamp(r), max_stamp_of(r, store->site_id())};
    };
    auto check_all = [&] {
        StoredBatch batch = store->export_stored_since(0, 10, [](std::string_view id, std::string_view) { return id != "n2"; });
        REQUIRE(batch.records.size() == 2);
        CHECK(batch.last_seq == 3);
        for (const auto& got : batch.records) {
            StoredState want = expected(got.id);
            CHECK(got.type == want.type);
            CHECK(got.state == want.state);
            CHECK(got.max_stamp == want.max_stamp);
            CHECK(got.own_max_stamp == want.own_max_stamp);
        }
        CHECK(batch.records[1].id == "n3");
        CHECK(batch.records[1].own_max_stamp == 0);  // only another site wrote it
        CHECK(batch.records[1].max_stamp == stamp_from_ms(fixed_ms + 5000));
        CHECK(batch.records[0].own_max_stamp > 0);
        REQUIRE(store->load_stored("n2"));
        CHECK(store->load_stored("n2")->state == expected("n2").state);
        CHECK_FALSE(store->load_stored("n9"));
    };
    check_all();
    sql::Database(dir.file("a.db"), false).exec("UPDATE records SET max_stamp = NULL, own_stamp = NULL");
    check_all();
}

TEST_CASE("Whether a unit is live, as a scope remembers it, follows the unit's writes, a rollback and another connection",
          "[storage]") {
    test::TempDir dir;
    auto store = Store::open(dir.file("device.db"), fixed_clock());
    auto write_unit = [](Store& s, bool deleted) {
        s.write("un-00004", "unit", "00004",
                {{"code", "\"00004\""}, {"kind", "\"ward\""}, {"deleted", deleted ? "true" : "false"}}, s.next_dot());
    };
    {
        Store::Scope scope(*store);
        CHECK_FALSE(is_live_unit(*store, "00004"));  // remembered as unknown …
        write_unit(*store, false);
        CHECK(is_live_unit(*store, "00004"));  // … and forgotten when the unit is written
        write_unit(*store, true);
        CHECK_FALSE(is_live_unit(*store, "00004"));
    }  // rolled back
    {
        Store::Scope scope(*store);
        CHECK_FALSE(is_live_unit(*store, "00004"));
        write_unit(*store, false);
        CHECK(is_live_unit(*store, "00004"));
        scope.commit();
    }
    auto other = Store::open_existing(dir.file("device.db"), fixed_clock());
    {
        Store::Scope scope(*other);
        write_unit(*other, true);
        scope.commit();
    }
    Store::Scope scope(*store);
    CHECK_FALSE(is_live_unit(*store, "00004"));
}
