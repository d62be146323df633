// Writers of a PostgreSQL station join without waiting for each other and take the write lock only
// to write back (docs/postgres.md, "Writers in parallel"). These cases put another server's commit
// between one server's catch-up and its write-back, the one moment a parallel writer can lose a
// change: the write must start again and keep both, never write over what it did not see. Needs
// the test cluster ([postgres]: scripts/pg-cluster).
#include <catch2/catch.hpp>

#include "langnghe/model/feedback.h"
#include "support/pg_two_servers.h"
#include "support/replica.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
FeedbackInput lamp() {
    FeedbackInput input;
    input.unit = "00004", input.kind = "request", input.category = "traffic", input.text = "Đèn đường hỏng";
    return input;
}

// Opens the writing transaction's side on the working replica (its catch-up) without writing.
void begin_writing(server::PgStationStore& store) {
    store.check_push({}, {}, WriterScope{}, [](const std::string&) { return std::optional<RegisteredKey>(); });
}

RecordState edited(Replica& device, const std::string& id, FeedbackInput change) {
    update_feedback(*device.store, device.actor, id, change);
    return *device.store->load(id);
}
}  // namespace

TEST_CASE_METHOD(TwoPgServers, "a server whose join another server's commit overtook writes again, and both changes are kept",
                 "[.][postgres]") {

    Replica an, binh, witness;
    std::string id = add_feedback(*an.store, an.actor, lamp());
    RecordState created = *an.store->load(id);
    binh.store->apply({created});
    FeedbackInput new_text, new_category;
    new_text.text = "Đèn đường ở ngõ 5 hỏng đã hai tuần";
    new_category.category = "public_order";
    RecordState an_edit = edited(an, id, new_text);
    RecordState binh_edit = edited(binh, id, new_category);
    witness.store->apply({created, an_edit, binh_edit});
    RecordState both = *witness.store->load(id);
    REQUIRE(both != an_edit);
    REQUIRE(both != binh_edit);

    int attempts = 0;
    SECTION("a record both servers change") {
        first->apply({created}, {}, "");
        first->transaction([&] {
            ++attempts;
            begin_writing(*first);
            if (attempts == 1) second->apply({binh_edit}, {}, "");  // commits while the first joins
            first->apply({an_edit}, {}, "");
        });
    }
    SECTION("a record both servers insert") {
        first->transaction([&] {
            ++attempts;
            begin_writing(*first);
            if (attempts == 1) second->apply({binh_edit}, {}, "");
            first->apply({an_edit}, {}, "");
        });
    }
    CHECK(attempts == 2);
    auto reader = open_reader();
    CHECK(reader->records_to_read().load(id) == both);
    CHECK(first->records_to_read().load(id) == both);
    CHECK(second->records_to_read().load(id) == both);
}

TEST_CASE_METHOD(TwoPgServers, "servers writing different records commit without waiting for each other's join, each change once",
                 "[.][postgres]") {
    Replica an, binh;
    std::string an_id = add_feedback(*an.store, an.actor, lamp());
    std::string binh_id = add_feedback(*binh.store, binh.actor, lamp());

    int attempts = 0;
    first->transaction([&] {
        ++attempts;
        begin_writing(*first);
        second->apply({*binh.store->load(binh_id)}, {}, "");  // commits while the first joins
        first->apply({*an.store->load(an_id)}, {}, "");
    });
    CHECK(attempts == 1);

    auto reader = open_reader();
    auto batch = reader->changes_since(0, 100, {"00004"}, {"00004"}, "");
    CHECK(batch.records_json.find(an_id) != std::string::npos);
    CHECK(batch.records_json.find(binh_id) != std::string::npos);
    CHECK(batch.last_seq == 2);  // one position each: the second server's first, then the first's
    // The first server took up the other's record after its commit, and holds both.
    CHECK(first->records_to_read().load(binh_id) == binh.store->load(binh_id));
    CHECK(first->canonical_dump() == reader->canonical_dump());
}
