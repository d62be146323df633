// Redaction (issue 12): a unit head removes a resident's phone, name or words from every replica
// and every revision; the trace of who, when and why stays; the value leaves the database files.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/history.h"
#include "langnghe/model/redaction.h"
#include "langnghe/storage/redaction.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
const std::string phone = "0987 654 321";

std::string add_named(test::Replica& r) {
    return add_feedback(*r.store, r.actor,
                        {.unit = "00004", .kind = "request", .category = "traffic", .text = "Xe tải chạy đêm",
                         .resident_name = "Ông Phạm Văn Tư", .resident_phone = "0911 222 333"});
}

void exchange(Store& from, Store& to) { to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records); }

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

bool any_file_holds(const test::Replica& r, const std::string& needle) {
    for (const char* suffix : {"", "-wal", "-shm"})
        if (file_bytes(r.dir.file("device.db") + suffix).find(needle) != std::string::npos) return true;
    return false;
}

Actor unit_head(const test::Replica& r) { return {r.actor.officer, "unit_head"}; }
}  // namespace

TEST_CASE("a redaction removes the value from the record, every revision and the files", "[model][custody]") {
    test::Replica device;
    std::string id = add_named(device);
    update_feedback(*device.store, device.actor, id, {.resident_phone = phone});
    REQUIRE(any_file_holds(device, phone));

    redact_feedback(*device.store, unit_head(device), id, "resident_phone", "Người dân đề nghị không lưu số điện thoại");
    CHECK(get_feedback(*device.store, id).resident_phone == redacted_text());
    for (const auto& e : record_history(*device.store, id)) {
        CHECK(e.old_value.find("0911") == std::string::npos);
        CHECK(e.new_value != phone);
    }
    auto history = record_history(*device.store, id);
    REQUIRE(history.back().kind == HistoryEntry::Kind::redacted);
    CHECK(history.back().field == "resident_phone");
    CHECK(history.back().note == "Người dân đề nghị không lưu số điện thoại");
    CHECK(history.back().officer == device.actor.officer);
    CHECK(get_feedback(*device.store, id).resident_name == "Ông Phạm Văn Tư");  // only the field named
    CHECK_FALSE(any_file_holds(device, phone));
    CHECK_FALSE(any_file_holds(device, "0911 222 333"));

    CHECK_THROWS_AS(redact_feedback(*device.store, unit_head(device), id, "category", "x"), Error);
}

TEST_CASE("a redaction converges whatever order it and a concurrent edit arrive in", "[model][custody][sync]") {
    test::Replica head, officer, third;
    std::string id = add_named(head);
    exchange(*head.store, *officer.store);
    exchange(*head.store, *third.store);
    // Offline, the officer corrects the phone while the head redacts it: the officer's revision
    // holds the old number as its `old`, written before the redaction.
    update_feedback(*officer.store, officer.actor, id, {.resident_phone = phone});
    redact_feedback(*head.store, unit_head(head), id, "resident_phone", "Yêu cầu của người dân");

    exchange(*officer.store, *third.store);  // the revision first, then the redaction
    exchange(*head.store, *third.store);
    exchange(*head.store, *officer.store);   // the redaction first, then the revision
    exchange(*officer.store, *head.store);
    exchange(*third.store, *head.store);
    exchange(*head.store, *officer.store);
    exchange(*head.store, *third.store);

    CHECK(head.store->canonical_dump() == officer.store->canonical_dump());
    CHECK(head.store->canonical_dump() == third.store->canonical_dump());
    for (test::Replica* r : {&head, &officer, &third}) {
        scrub_redacted_values(*r->store);
        CHECK_FALSE(any_file_holds(*r, "0911 222 333"));
        std::string dump = r->store->canonical_dump();
        CHECK(dump.find("0911 222 333") == std::string::npos);
    }
    // The officer's new number was written after the redaction's stamp? Either way no replica
    // holds the redacted one, and the history still says who changed what, when.
    auto history = record_history(*third.store, id);
    CHECK(std::count_if(history.begin(), history.end(),
                        [](const HistoryEntry& e) { return e.kind == HistoryEntry::Kind::redacted; }) == 1);
}

TEST_CASE("a redaction is judged by when it was written, not by the stamps its record claims", "[model][custody]") {
    test::Replica device;
    std::string id = add_named(device);
    const std::string hidden = "0911 222 333";
    SECTION("a redaction claiming a far-future stamp does not redact later corrections") {
        {
            Store::Scope scope(*device.store);
            Dot dot = device.store->next_dot();
            device.store->write("rd-0000000000000000", "redaction", "00004",
                                {{"target", json_string(id)},
                                 {"field", json_string("resident_phone")},
                                 {"reason", json_string("giả mạo")},
                                 {"by", json_string("?")},
                                 {"at", json_string("2099-01-01T00:00")},
                                 {"stamp", json_int(std::numeric_limits<std::int64_t>::max())}},
                                dot);
            enforce_redactions(*device.store, {id});
            scope.commit();
        }
        CHECK(get_feedback(*device.store, id).resident_phone == redacted_text());
        update_feedback(*device.store, device.actor, id, {.resident_phone = phone});
        test::Replica other;
        exchange(*device.store, *other.store);
        CHECK(get_feedback(*other.store, id).resident_phone == phone);
    }
    SECTION("a revision claiming to replace a later value still loses its old value") {
        {
            Store::Scope scope(*device.store);
            Dot dot = device.store->next_dot();
            device.store->write("rv-0000000000000000", "revision", "00004",
                                {{"target", json_string(id)},
                                 {"field", json_string("resident_phone")},
                                 {"old", json_string(hidden)},
                                 {"new", json_string(phone)},
                                 {"based_on", json_int(std::numeric_limits<std::int64_t>::max())},
                                 {"by", json_string("?")},
                                 {"at", json_string("2026-12-03T00:00")},
                                 {"stamp", json_int(static_cast<std::int64_t>(dot.stamp))}},
                                dot);
            scope.commit();
        }
        redact_feedback(*device.store, unit_head(device), id, "resident_phone", "Người dân đề nghị");
        CHECK(device.store->canonical_dump().find(hidden) == std::string::npos);
        CHECK_FALSE(any_file_holds(device, hidden));
    }
}
