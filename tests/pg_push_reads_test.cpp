// A push's catch-up on PostgreSQL adopts only the rows its check and join read, besides units,
// redactions and links (docs/postgres.md, "A push catches up only what it reads"): a pushing server
// no longer applies every other server's writes, yet joins with every committed change of the
// records it touches. Needs the test cluster ([postgres]: scripts/pg-cluster).
#include <catch2/catch.hpp>

#include "langnghe/model/feedback.h"
#include "langnghe/model/note.h"
#include "langnghe/model/redaction.h"
#include "langnghe/storage/custody.h"
#include "support/pg_two_servers.h"
#include "support/replica.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
FeedbackInput lamp(const std::string& text = "Đèn đường hỏng") {
    FeedbackInput input;
    input.unit = "00004", input.kind = "request", input.category = "traffic", input.text = text;
    return input;
}

// What the station does with a device's push: the check, then the join, in one transaction.
// With `from_link`, only the device's links from that one on go with the push, as a device sends
// only the links the station has not acknowledged.
int push(server::PgStationStore& station, Replica& device, const std::vector<RecordState>& records,
         std::uint64_t from_link = 1) {
    auto links = custody_links(*device.store, device.store->site_id(), from_link);
    RegisteredKey key{device.store->site_id(), own_public_key(*device.store), "active"};
    KeyOf key_of = [key](const std::string& site) {
        return site == key.site ? std::optional<RegisteredKey>(key) : std::nullopt;
    };
    int attempts = 0;
    station.transaction([&] {
        ++attempts;
        auto fresh = station.check_push(records, links, WriterScope{{"01", "00004", "00008"}, true, {}}, key_of);
        station.apply(records, fresh, device.store->site_id());
    });
    return attempts;
}

// What a device wrote or rewrote since its store's change `since` (unit records stay on the device).
std::vector<RecordState> written_since(Replica& device, std::uint64_t since) {
    std::vector<RecordState> out;
    for (auto& record : device.store->export_since(since, 1000).records)
        if (record.type != "unit") out.push_back(std::move(record));
    return out;
}

std::vector<RecordState> new_feedback(Replica& device, int count) {
    std::vector<RecordState> out;
    for (int i = 0; i < count; ++i)
        out.push_back(*device.store->load(add_feedback(*device.store, device.actor, lamp("Ý kiến số " + std::to_string(i)))));
    return out;
}
}  // namespace

TEST_CASE_METHOD(TwoPgServers, "a pushing server adopts none of the records other servers pushed that its push does not read",
                 "[.][postgres]") {
    Replica an, binh;
    CHECK(push(*first, an, new_feedback(an, 1)) == 1);
    auto before = first->records_taken_up();
    CHECK(push(*second, binh, new_feedback(binh, 40)) == 1);
    CHECK(push(*first, an, new_feedback(an, 1)) == 1);
    CHECK(first->records_taken_up() - before < 40);  // the whole catch-up took all 40

    // A read of the whole station catches up then, and finds what PostgreSQL holds.
    auto reader = open_reader();
    CHECK(first->canonical_dump() == reader->canonical_dump());
    CHECK(second->canonical_dump() == reader->canonical_dump());
}

TEST_CASE_METHOD(TwoPgServers, "a push joins with what another server committed of its records before, without writing again",
                 "[.][postgres]") {
    Replica an, binh, witness;
    auto created = new_feedback(an, 1).front();
    CHECK(push(*first, an, {created}) == 1);
    binh.store->apply({created});
    FeedbackInput new_text, new_category;
    new_text.text = "Đèn đường ở ngõ 5 hỏng đã hai tuần";
    new_category.category = "public_order";
    update_feedback(*binh.store, binh.actor, created.id, new_category);
    update_feedback(*an.store, an.actor, created.id, new_text);
    RecordState binh_edit = *binh.store->load(created.id), an_edit = *an.store->load(created.id);
    witness.store->apply({created, an_edit, binh_edit});

    CHECK(push(*second, binh, {binh_edit}) == 1);
    // A push of another device's record in between: the first server then holds every unit,
    // redaction and link up to the counter, but not the second's edit.
    Replica chi;
    CHECK(push(*first, chi, new_feedback(chi, 1)) == 1);
    // The first server's replica still holds the record as the first push left it: its catch-up
    // must read the second's change, or the write-back check refuses the write (a second attempt).
    CHECK(push(*first, an, {an_edit}) == 1);
    auto reader = open_reader();
    CHECK(reader->records_to_read().load(created.id) == witness.store->load(created.id));
}

TEST_CASE_METHOD(TwoPgServers, "a push that refers to a record another server took in finds it",
                 "[.][postgres]") {
    Replica an, binh;
    CHECK(push(*first, an, new_feedback(an, 1)) == 1);  // the first server's replica is made
    auto item = new_feedback(binh, 1).front();
    CHECK(push(*second, binh, {item}) == 1);
    // A note names the record it is about; the first server must find it to check the scope.
    an.store->apply({item});
    auto note = *an.store->load(add_note(*an.store, an.actor, item.id, "Đã liên hệ người dân"));
    CHECK(push(*first, an, {note}) == 1);
    auto reader = open_reader();
    CHECK(reader->records_to_read().load(note.id) == note);
}

TEST_CASE_METHOD(TwoPgServers, "a push touching a redacted record catches up the whole station and is written once, redacted",
                 "[.][postgres]") {
    Replica an, binh, witness;
    std::string id = add_feedback(*an.store, an.actor, lamp("Ông Tư ở số 12 báo đèn hỏng"));
    FeedbackInput fix;
    fix.text = "Ông Tư ở số 12 báo đèn ngõ 5 hỏng";
    update_feedback(*an.store, an.actor, id, fix);  // a revision of the text
    CHECK(push(*first, an, written_since(an, 0)) == 1);
    auto links_sent = custody_links(*an.store, an.store->site_id()).size();
    auto an_seq = an.store->current_seq();

    // Through the second server, a unit head redacts the text: it rewrites the record and its
    // revision in PostgreSQL; the first server's replica still holds the revision unredacted.
    auto binh_seq = binh.store->current_seq();
    binh.store->apply(written_since(an, 0));
    redact_feedback(*binh.store, binh.head, id, "text", "Lộ thông tin cá nhân");
    CHECK(push(*second, binh, written_since(binh, binh_seq)) == 1);

    // The officer, who has not synced, edits the text again and pushes through the first server.
    fix.text = "Đèn ngõ 5 vẫn hỏng";
    update_feedback(*an.store, an.actor, id, fix);
    // Its revisions are read only by a whole catch-up: a targeted one would redact the stale
    // revision it holds, and its write-back would be refused once (a second attempt).
    CHECK(push(*first, an, written_since(an, an_seq), links_sent + 1) == 1);

    witness.store->apply(written_since(an, 0));
    witness.store->apply(written_since(binh, binh_seq));
    auto reader = open_reader();
    CHECK(reader->canonical_dump() == first->canonical_dump());
    for (const auto& record : witness.store->export_since(0, 1000).records)
        if (record.type != "unit") CHECK(reader->records_to_read().load(record.id) == record);
}
