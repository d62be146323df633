// Store::adopt_stored, the catch-up of a PostgreSQL station's working replica: a copy that takes
// another store's states as they are, without a join, ends byte for byte where that store is, and
// where a copy that joins them would be; a state that does not decode leaves the copy untouched.
#include <catch2/catch.hpp>

#include <random>

#include "langnghe/base/error.h"
#include "langnghe/storage/store.h"
#include "support/property.h"

using namespace langnghe;

namespace {
std::vector<std::string> states_since(Store& from, std::uint64_t& seq) {
    auto batch = from.export_stored_since(seq, static_cast<std::size_t>(-1), [](auto, auto) { return true; });
    seq = batch.last_seq;
    std::vector<std::string> states;
    for (auto& record : batch.records) states.push_back(std::move(record.state));
    return states;
}

std::vector<RecordState> decoded(Store& store, const std::vector<std::string>& states) {
    std::vector<RecordState> out;
    for (const auto& state : states) out.push_back(store.read_stored(state));
    return out;
}

void write_note(Store& store, const std::string& id, const std::string& field, const std::string& value) {
    Store::Scope scope(store);
    store.write(id, "note", "U1", {{field, "\"" + value + "\""}}, store.next_dot());
    scope.commit();
}

std::string state_of(Store& store, const std::string& id) { return store.load_stored(id).value().state; }
}  // namespace

TEST_CASE("a copy that adopts a store's states holds what that store holds, as one that joins them does",
          "[storage][property]") {
    test::for_each_round("adopt_stored", 60, [](std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
        // Two writers exchange their changes, so the source holds concurrent values and contexts.
        auto source = Store::open(":memory:"), other = Store::open(":memory:");
        auto adopting = Store::open(":memory:"), joining = Store::open(":memory:");
        std::uint64_t adopted_to = 0, other_sent = 0, source_sent = 0;
        for (int step = 0, steps = 20 + pick(40); step < steps; ++step) {
            Store& writer = pick(3) == 0 ? *other : *source;
            write_note(writer, "n" + std::to_string(pick(6)), pick(2) ? "text" : "status", "v" + std::to_string(step));
            if (pick(4) == 0) source->apply(decoded(*source, states_since(*other, other_sent)));
            if (pick(5) == 0) other->apply(decoded(*other, states_since(*source, source_sent)));
            if (pick(3) == 0) {
                auto states = states_since(*source, adopted_to);
                adopting->adopt_stored(states);
                joining->apply(decoded(*joining, states));
                REQUIRE(adopting->canonical_dump() == source->canonical_dump());
                REQUIRE(joining->canonical_dump() == source->canonical_dump());
            }
        }
        adopting->adopt_stored(states_since(*source, adopted_to));
        REQUIRE(adopting->canonical_dump() == source->canonical_dump());
        for (int i = 0; i < 6; ++i) {
            auto id = "n" + std::to_string(i);
            if (source->exists(id)) REQUIRE(state_of(*adopting, id) == state_of(*source, id));
        }
    });
}

TEST_CASE("an adopted state replaces the record held, with nothing joined back in", "[storage]") {
    auto source = Store::open(":memory:");
    write_note(*source, "n1", "text", "first");
    std::string first = state_of(*source, "n1");
    write_note(*source, "n1", "text", "second");
    std::string second = state_of(*source, "n1");

    auto copy = Store::open(":memory:");
    copy->adopt_stored({second});
    // Only a store that rewrites its history would send the older state; the copy takes it whole,
    // where a join would have kept "second".
    copy->adopt_stored({first});
    CHECK(state_of(*copy, "n1") == first);
    CHECK(copy->canonical_dump().find("second") == std::string::npos);
}

TEST_CASE("a batch with a state that does not decode is adopted not at all", "[storage]") {
    auto source = Store::open(":memory:");
    write_note(*source, "n1", "text", "kept");
    write_note(*source, "n2", "text", "new");
    auto copy = Store::open(":memory:");
    copy->adopt_stored({state_of(*source, "n1")});
    auto before = copy->canonical_dump();
    auto seq = copy->current_seq();

    CHECK_THROWS_AS(copy->adopt_stored({state_of(*source, "n2"), "{\"not\": \"a state\""}), Error);
    CHECK(copy->canonical_dump() == before);
    CHECK(copy->current_seq() == seq);
    CHECK_FALSE(copy->exists("n2"));
}
