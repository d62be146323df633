// What a received record may claim (record_check.h): every rule on its own, on records as the
// domain services write them and then altered the way a forged or corrupt change would be.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <limits>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/note.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/records.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/record_check.h"
#include "langnghe/sync/sync_client.h"
#include "support/refusal.h"
#include "support/temp_dir.h"

using namespace langnghe;
using langnghe::test::refusal;

namespace {
const char* const unit_csv =
    "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n00007,Phường Ngọc Hà,ward,01\n";

struct Replica {
    test::TempDir dir;
    std::unique_ptr<Store> store;
    Actor actor{"Thượng úy Nguyễn Văn An"};
    Actor head{"Thiếu tá Lê Văn Cường", "unit_head"};  // manages actions

    Replica() : store(Store::open(dir.file("device.db"))) { import_units(*store, actor, unit_csv); }

    std::string feedback(const std::string& unit = "00004") {
        FeedbackInput in;
        in.unit = unit;
        in.kind = "request";
        in.category = "traffic";
        in.text = "Đèn đường hỏng ở ngõ 12";
        in.resident_phone = "0912345678";
        return add_feedback(*store, actor, in);
    }
    RecordState record(const std::string& id) { return *store->load(id); }
    Receiver receiver() { return receiver_of(*store); }
    // The records of `ids` checked as one received batch by this replica, writer scope `units`.
    void receive(const std::vector<RecordState>& records, std::set<std::string, std::less<>> units = {"01", "00004", "00007"},
                 bool records_in_scope = false) {
        check_received(*store, records, receiver(), WriterScope{std::move(units), records_in_scope});
    }
};

Stamp now_stamp() { return stamp_from_ms(system_clock_source()()); }

FieldState written(const std::string& site, Stamp stamp, const std::string& value) {
    return overwrite({}, Dot{stamp, site}, value);
}
}  // namespace

TEST_CASE("records as the domain services write them pass every check", "[merge]") {
    Replica r;
    std::string f = r.feedback();
    acknowledge_feedback(*r.store, r.actor, f);
    add_note(*r.store, r.actor, f, "Đã báo điện lực");
    std::string forum = add_forum(*r.store, r.actor, {.unit = "00004", .title = "Hội nghị quý IV", .date = "2026-11-20"});
    BallotInput ballot{.unit = "00004", .forum = forum};
    for (const auto& c : ballot_criteria()) ballot.scores[std::string(c.code)] = 4;
    add_ballot(*r.store, r.actor, ballot);
    add_action(*r.store, r.head,
               {.unit = "01", .description = "Thay đèn", .owner = "Điện lực", .due = "2026-12-31", .add_feedback = {f}});
    auto records = export_changes(*r.store, 0).records;
    REQUIRE(records.size() >= 9);
    CHECK_NOTHROW(r.receive(records));
    for (const auto& record : records) CHECK_NOTHROW(check_record_stamps(record, r.receiver()));

    // A second replica receives them all in one batch: targets found in the batch itself.
    Replica other;
    std::vector<RecordState> not_units;
    for (const auto& record : records)
        if (record.type != "unit") not_units.push_back(record);
    CHECK_NOTHROW(other.receive(not_units));
}

TEST_CASE("every stamp, of a value or of a context, is bounded by the receiver's clock", "[merge]") {
    Replica r;
    RecordState f = r.record(r.feedback());
    const std::string victim = "0a0a0a0a0a0a0a0a", forger = "0b0b0b0b0b0b0b0b";

    SECTION("a context claiming a write at the end of time (the forged context of issue 11)") {
        f.fields["text"].heads = {Head{Dot{now_stamp(), forger}, "\"Nội dung giả\""}};
        f.fields["text"].context = {{victim, std::numeric_limits<Stamp>::max()}, {forger, now_stamp()}};
        Error e = refusal([&] { check_record_stamps(f, r.receiver()); });
        CHECK(e.code() == ErrorCode::clock_skew);
        CHECK(e.details() == std::vector<std::string>{f.id});
        e = refusal([&] { r.receive({f}); });
        CHECK(e.code() == ErrorCode::clock_skew);
        CHECK(e.details() == std::vector<std::string>{f.id});
    }
    SECTION("a value stamped a day ahead") {
        f.fields["text"] = written(forger, now_stamp() + stamp_from_ms(24LL * 3600 * 1000), "\"Ngày mai\"");
        CHECK(refusal([&] { r.receive({f}); }).code() == ErrorCode::clock_skew);
    }
    SECTION("within the tolerance a clock may be ahead, it is accepted") {
        f.fields["text"] = written(forger, now_stamp() + stamp_from_ms(clock_skew_tolerance_ms - 30'000), "\"Sớm\"");
        CHECK_NOTHROW(r.receive({f}));
    }
}

TEST_CASE("a context claiming a write of the receiver that it never made is forged", "[merge]") {
    Replica r;
    RecordState f = r.record(r.feedback());
    Receiver me = r.receiver();
    // Still within the clock bound, but this replica has issued nothing that late.
    f.fields["text"].context[me.site] = me.own_latest + 1;
    REQUIRE(me.own_latest + 1 <= me.latest);
    Error e = refusal([&] { check_record_stamps(f, me); });
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.field() == "text");
    CHECK_THAT(e.what(), Catch::Contains("never made"));
}

TEST_CASE("the merge state must be one a replica can write", "[merge]") {
    Replica r;
    RecordState good = r.record(r.feedback());
    const std::string other = "0c0c0c0c0c0c0c0c";
    Stamp t = now_stamp();
    auto broken = [&](const std::string& why, auto&& alter) {
        RecordState f = good;
        alter(f.fields["text"]);
        INFO(why);
        Error e = refusal([&] { r.receive({f}); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == "text");
        CHECK(e.details() == std::vector<std::string>{f.id});
    };
    broken("no value", [](FieldState& s) { s.heads.clear(); });
    broken("values out of order", [&](FieldState& s) {
        Stamp before = s.heads.front().dot.stamp - 1;
        s.heads.push_back(Head{Dot{before, other}, "\"b\""});
        s.context[other] = before;
    });
    broken("the same value twice", [&](FieldState& s) { s.heads.push_back(s.heads.back()); });
    broken("a malformed site in a value", [&](FieldState& s) {
        s.heads = {Head{Dot{t, "../etc"}, "\"x\""}};
        s.context = {{"../etc", t}};
    });
    broken("a malformed site in a context", [&](FieldState& s) { s.context["<b>"] = t; });
    broken("a value its own site's context does not cover", [&](FieldState& s) {
        s.heads.push_back(Head{Dot{t + 10, other}, "\"y\""});
        s.context[other] = t;  // below the value
    });
    broken("a value covered by another site's entry only", [&](FieldState& s) {
        s.heads = {Head{Dot{t, other}, "\"z\""}};
        s.context = {{r.store->site_id(), t}};
    });
    broken("a value stamped 0", [&](FieldState& s) {
        s.heads = {Head{Dot{0, other}, "\"z\""}};
        s.context = {{other, 0}};
    });
}

TEST_CASE("ids and unit codes match their syntax", "[model]") {
    Replica r;
    RecordState good = r.record(r.feedback());
    for (std::string id : {std::string("fb-AAAA\0AAAAAAAAAAA", 19), std::string("fb-AAAAAAA\nAAAAAAAA"),
                           std::string("fb-<b>AAAAAAAAAA</b>"), std::string("fb-../../AAAAAAAAAA"),
                           std::string("fb-aaaaaaaaaaaaaaaa"), std::string("fb-AAAA"), std::string("fb-IIIIIIIIIIIIIIII"),
                           std::string("fb-AAAAAAAAAAAAAAAAA"), std::string("fb-")}) {
        RecordState f = good;
        f.id = id;
        INFO(id);
        Error e = refusal([&] { r.receive({f}); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == "id");
        CHECK(e.details() == std::vector<std::string>{id});
        CHECK(std::string(e.what()).find('\n') == std::string::npos);  // quoted, escaped: never raw in a message
    }
    for (std::string unit : {std::string("00004\n"), std::string("../00004"), std::string("<i>"), std::string()}) {
        RecordState f = good;
        f.unit = unit;
        INFO(unit);
        CHECK(refusal([&] { r.receive({f}); }).field() == "unit");
    }
    CHECK(is_record_id(good.id));
    CHECK(is_record_id("un-00004"));
    CHECK_FALSE(is_record_id("un-../x"));
    CHECK_FALSE(is_record_id("xx-AAAAAAAAAAAAAAAA"));
}

TEST_CASE("every record type has the fields it always has, of the right types", "[model]") {
    Replica r;
    std::string fid = r.feedback();
    RecordState good = r.record(fid);
    Stamp t = now_stamp();
    const std::string site = r.store->site_id();
    auto refused = [&](RecordState f, const std::string& field, const std::string& words) {
        INFO(field << ": " << words);
        Error e = refusal([&] { r.receive({f}); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == field);
        CHECK_THAT(e.what(), Catch::Contains(words));
        CHECK(e.details() == std::vector<std::string>{f.id});
    };
    RecordState empty = good;
    empty.fields.clear();  // "f":{}
    refused(empty, "channel", "must have the field");
    RecordState no_text = good;
    no_text.fields.erase("text");
    refused(no_text, "text", "must have the field 'text'");
    RecordState number_text = good;
    number_text.fields["text"] = overwrite(good.fields["text"], Dot{t, site}, "42");
    refused(number_text, "text", "must be text");
    RecordState yes = good;
    yes.fields["anonymous"] = overwrite(good.fields["anonymous"], Dot{t, site}, "\"yes\"");
    refused(yes, "anonymous", "true or false");

    std::string nid = add_note(*r.store, r.actor, fid, "Ghi chú");
    RecordState note = r.record(nid);
    RecordState text_stamp = note;
    text_stamp.fields["stamp"] = overwrite(note.fields["stamp"], Dot{t, site}, "\"sớm\"");
    refused(text_stamp, "stamp", "must be an integer");
    RecordState no_target = note;
    no_target.fields["target"] = overwrite(note.fields["target"], Dot{t, site}, "\"\"");
    refused(no_target, "target", "must name a feedback");
    RecordState path_target = note;
    path_target.fields["target"] = overwrite(note.fields["target"], Dot{t, site}, "\"fb-../../etc/passwd\"");
    refused(path_target, "target", "must name a feedback");

    BallotInput in{.unit = "00004"};
    for (const auto& c : ballot_criteria()) in.scores[std::string(c.code)] = 4;
    RecordState ballot = r.record(add_ballot(*r.store, r.actor, in));
    ballot.fields.erase("scores.overall");
    refused(ballot, "scores.overall", "must have the field");

    RecordState action = r.record(add_action(*r.store, r.head, {.unit = "00004", .description = "Sửa", .owner = "Tổ 1", .due = "2026-12-01"}));
    action.fields["feedback/<script>"] = written(site, t, "true");
    refused(action, "feedback/<script>", "must name a feedback");
}

TEST_CASE("a record names only records of the writer's scope, of the unit its rule says", "[model]") {
    Replica r;
    std::string mine = r.feedback("00004"), theirs = r.feedback("00007");
    const std::string site = r.store->site_id();
    Stamp t = now_stamp();
    auto event = [&](const std::string& unit, const std::string& target) {
        RecordState se{new_record_id("se"), "status_event", unit, {}};
        for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
                 {"target", "\"" + target + "\""}, {"from", "\"new\""}, {"to", "\"resolved\""}, {"by", "\"X\""},
                 {"at", "\"2026-11-23T12:33\""}, {"stamp", std::to_string(t)}})
            se.fields[name] = written(site, t, value);
        return se;
    };
    auto forbidden = [&](const std::vector<RecordState>& batch, std::set<std::string, std::less<>> scope,
                         const std::vector<std::string>& ids) {
        Error e = refusal([&] { r.receive(batch, std::move(scope)); });
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK(e.details() == ids);
        return e;
    };

    CHECK_NOTHROW(r.receive({event("00004", mine)}));
    // Tagged with the writer's ward, targeting another ward's feedback: the cross-ward history.
    RecordState cross = event("00004", theirs);
    CHECK_THAT(forbidden({cross}, {"00004"}, {cross.id}).what(), Catch::Contains("outside the writer's scope"));
    CHECK_THAT(forbidden({cross}, {"01", "00004", "00007"}, {cross.id}).what(), Catch::Contains("must be of its target's unit"));
    RecordState note = r.record(add_note(*r.store, r.actor, mine, "Đã xử lý"));
    RecordState cross_note = note;
    cross_note.fields["target"] = overwrite(note.fields["target"], Dot{t, site}, "\"" + theirs + "\"");
    forbidden({cross_note}, {"00004"}, {note.id});
    // A target nobody holds.
    RecordState ghost = event("00004", new_record_id("fb"));
    CHECK_THAT(forbidden({ghost}, {"00004"}, {ghost.id}).what(), Catch::Contains("never received"));
    // Every refused record is named, in batch order.
    forbidden({cross, event("00004", mine), ghost}, {"00004"}, {cross.id, ghost.id});

    // An action plans feedback of its unit and the units below it, never of a sibling ward.
    RecordState action = r.record(add_action(*r.store, r.head, {.unit = "00004", .description = "Sửa", .owner = "Tổ 1", .due = "2026-12-01"}));
    action.fields["feedback/" + theirs] = written(site, t, "true");
    forbidden({action}, {"01", "00004", "00007"}, {action.id});
    RecordState district = r.record(add_action(*r.store, r.head, {.unit = "01", .description = "Sửa", .owner = "Quận", .due = "2026-12-01"}));
    district.fields["feedback/" + theirs] = written(site, t, "true");
    CHECK_NOTHROW(r.receive({district}));

    // A ballot's forum is of the ballot's unit.
    std::string forum = add_forum(*r.store, r.actor, {.unit = "00007", .title = "Hội nghị", .date = "2026-11-20"});
    BallotInput in{.unit = "00004"};
    for (const auto& c : ballot_criteria()) in.scores[std::string(c.code)] = 4;
    RecordState ballot = r.record(add_ballot(*r.store, r.actor, in));
    ballot.fields["forum"] = overwrite(ballot.fields["forum"], Dot{t, site}, "\"" + forum + "\"");
    forbidden({ballot}, {"01", "00004", "00007"}, {ballot.id});
}

TEST_CASE("a batch is refused at its first kind of fault, naming every record that has it", "[merge]") {
    Replica r;
    RecordState a = r.record(r.feedback()), b = r.record(r.feedback()), c = r.record(r.feedback("00007")),
                d = r.record(r.feedback());
    RecordState bad_shape = a;
    bad_shape.fields.clear();
    RecordState bad_id = b;
    bad_id.id = "fb-../../../AAAAAA";
    RecordState future = d;
    future.fields["text"] = written("0e0e0e0e0e0e0e0e", now_stamp() + stamp_from_ms(3'600'000), "\"x\"");
    std::set<std::string, std::less<>> ward{"00004"};

    Error first = refusal([&] { r.receive({bad_shape, c, bad_id, future}, ward, true); });
    CHECK(first.code() == ErrorCode::invalid_input);
    CHECK(first.details() == std::vector<std::string>{a.id, bad_id.id});
    Error second = refusal([&] { r.receive({c, future}, ward, true); });
    CHECK(second.code() == ErrorCode::forbidden);
    CHECK(second.details() == std::vector<std::string>{c.id});
    Error third = refusal([&] { r.receive({future}, ward, true); });
    CHECK(third.code() == ErrorCode::clock_skew);
    CHECK(third.details() == std::vector<std::string>{d.id});
    // Unit records are the station's: a writer never sends them.
    Error unit = refusal([&] { r.receive({r.record("un-00004")}, ward, true); });
    CHECK(unit.code() == ErrorCode::forbidden);
}

TEST_CASE("a local write is later than every write of its own site the record claims", "[merge]") {
    // A record that claims this device wrote its text in the future reached the store (an older
    // station's pull, before these checks): the next edit must still win, and joining it where the
    // claim came from must leave the field a value.
    Replica station, device;
    std::string id = device.feedback();
    RecordState forged = device.record(id);
    const std::string forger = "0d0d0d0d0d0d0d0d";
    Stamp t = now_stamp();
    forged.fields["text"].heads = {Head{Dot{t, forger}, "\"Nội dung giả\""}};
    forged.fields["text"].context = {{device.store->site_id(), t + stamp_from_ms(3'600'000)}, {forger, t}};
    station.store->apply({forged});
    device.store->apply({forged});
    update_feedback(*device.store, device.actor, id, {.text = "Nội dung thật"});
    RecordState edited = device.record(id);
    CHECK(edited.fields["text"].heads.back().dot.stamp > t + stamp_from_ms(3'600'000));
    CHECK_NOTHROW(station.store->apply({edited}));
    CHECK(get_feedback(*station.store, id).text == "Nội dung thật");
}
