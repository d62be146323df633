// The domain services on one replica: validation refuses bad input naming the field and writes
// nothing; forums, actions, ballots and notes follow their rules; search folds marks and đ;
// conflicts are listed, re-applied and dismissed; received records are checked for shape.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/note.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/search.h"
#include "langnghe/model/units.h"
#include "langnghe/sync/change_file.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
struct Replica : test::Replica {

    FeedbackInput feedback(std::string text = "Đường Đội Cấn ùn tắc giờ tan học") const {
        FeedbackInput in;
        in.unit = "00004";
        in.kind = "request";
        in.category = "traffic";
        in.text = std::move(text);
        return in;
    }

    BallotInput ballot() const {
        BallotInput in;
        in.unit = "00004";
        for (auto c : {"attitude", "responsibility", "competence", "timeliness", "transparency", "overall"})
            in.scores[c] = 4;
        return in;
    }
};

// Runs `write`, which must fail with invalid_input naming `field`, and checks nothing was stored.
template <class Write>
void refused(Replica& r, Write write, const std::string& field) {
    auto before = r.store->canonical_dump();
    try {
        write();
        FAIL("expected invalid_input for " << field);
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == field);
        CHECK(std::string(e.what()).find(field) != std::string::npos);
    }
    CHECK(r.store->canonical_dump() == before);
}
}  // namespace

TEST_CASE_METHOD(Replica, "each validation error names its field and writes nothing", "[model]") {
    auto with = [&](auto change) {
        FeedbackInput in = feedback();
        change(in);
        return [this, in] { add_feedback(*store, actor, in); };
    };
    refused(*this, with([](auto& in) { in.category = "weather"; }), "category");
    refused(*this, with([](auto& in) { in.kind = "rumour"; }), "kind");
    refused(*this, with([](auto& in) { in.unit = "99999"; }), "unit");
    refused(*this, with([](auto& in) { in.received_at = "31/02/2026"; }), "received_at");
    refused(*this, with([](auto& in) { in.text = "   "; }), "text");
    refused(*this, with([](auto& in) { in.text = std::string(max_long_text + 1, 'a'); }), "text");
    refused(*this, with([](auto& in) { in.text = "bad \xC3\x28 bytes"; }), "text");
    refused(*this, with([](auto& in) { in.channel = "pigeon"; }), "channel");
    refused(*this, with([](auto& in) { in.resident_phone = "call me"; }), "resident_phone");

    BallotInput low = ballot();
    low.scores["attitude"] = 0;
    refused(*this, [&] { add_ballot(*store, actor, low); }, "scores.attitude");
    BallotInput high = ballot();
    high.scores["overall"] = 6;
    refused(*this, [&] { add_ballot(*store, actor, high); }, "scores.overall");
    BallotInput missing = ballot();
    missing.scores.erase("timeliness");
    refused(*this, [&] { add_ballot(*store, actor, missing); }, "scores.timeliness");

    ForumInput forum{.unit = "00004", .title = "Hội nghị quý IV", .date = "2026-13-01"};
    refused(*this, [&] { add_forum(*store, actor, forum); }, "date");
    ActionInput action{.unit = "00004", .description = "Phân luồng", .owner = "Trung úy Lê Hùng", .due = "hôm qua"};
    refused(*this, [&] { add_action(*store, head, action); }, "due");
}

TEST_CASE_METHOD(Replica, "text is stored in NFC whatever form it was typed in", "[model]") {
    std::string decomposed = "Tha\xCC\x81i \xC4\x91o\xCC\xA3\xCC\x82";  // "Thái độ" with combining marks
    auto id = add_feedback(*store, actor, feedback(decomposed));
    CHECK(get_feedback(*store, id).text == "Thái độ");
}

TEST_CASE_METHOD(Replica, "a forum goes planned, held, reported, and never backwards", "[model]") {
    auto id = add_forum(*store, actor, {.unit = "00004", .title = "Công an lắng nghe ý kiến nhân dân", .date = "15/10/2026",
                                        .attendee_count = 120, .add_groups = {"veterans", "youth_union"}});
    Forum f = get_forum(*store, id);
    CHECK(f.status == "planned");
    CHECK(f.date == "2026-10-15");
    CHECK(f.groups == std::vector<std::string>{"veterans", "youth_union"});
    CHECK_THROWS_MATCHES(set_forum_status(*store, actor, id, "reported"), Error,
                         Catch::Predicate<Error>([](const Error& e) { return e.code() == ErrorCode::invalid_state; }));
    set_forum_status(*store, actor, id, "held");
    set_forum_status(*store, actor, id, "reported");
    CHECK(get_forum(*store, id).status == "reported");
    CHECK(status_history(*store, id).size() == 2);
    CHECK(list_forums(*store, {.unit = "01"}).size() == 1);
    CHECK(list_forums(*store, {.unit = "00008"}).empty());
}

TEST_CASE_METHOD(Replica, "an action plans its feedback and is overdue past its due date until done", "[model]") {
    auto fb = add_feedback(*store, actor, feedback());
    auto id = add_action(*store, head,
                         {.unit = "00004", .description = "Bố trí lực lượng phân luồng giờ tan học",
                          .owner = "Trung úy Lê Văn Hùng", .due = "2026-11-01", .add_feedback = {fb}});
    CHECK(get_feedback(*store, fb).status == "planned");
    CHECK(get_action(*store, id).overdue_on("2026-11-02"));
    CHECK_FALSE(get_action(*store, id).overdue_on("2026-11-01"));
    CHECK(list_actions(*store, {.overdue_on = "2026-11-02"}).size() == 1);
    CHECK(list_actions(*store, {.feedback = fb}).size() == 1);
    CHECK_THROWS_AS(set_action_status(*store, head, id, "done", ""), Error);  // a result is required
    set_action_status(*store, head, id, "done", "Đã bố trí 2 đồng chí mỗi buổi");
    CHECK_FALSE(get_action(*store, id).overdue_on("2026-11-02"));
    CHECK(list_actions(*store, {.overdue_on = "2026-11-02"}).empty());

    auto other_ward = [&] {
        FeedbackInput in = feedback();
        in.unit = "00008";
        return add_feedback(*store, actor, in);
    }();
    refused(*this, [&] {
        add_action(*store, head, {.unit = "00004", .description = "x", .owner = "y", .due = "2026-12-01",
                                   .add_feedback = {other_ward}});
    }, "feedback");
}

TEST_CASE_METHOD(Replica, "a ballot is written once and can only be voided", "[model]") {
    auto id = add_ballot(*store, actor, ballot());
    CHECK(get_ballot(*store, id).scores.at("overall") == 4);
    CHECK(list_ballots(*store, {.unit = "01"}).size() == 1);
    void_ballot(*store, head, id, "Phiếu ghi trùng");
    CHECK(get_ballot(*store, id).voided);
    CHECK(list_ballots(*store, {}).empty());
    CHECK(list_ballots(*store, {.include_voided = true}).size() == 1);
    CHECK_THROWS_AS(void_ballot(*store, head, id, "again"), Error);
    CHECK_THROWS_AS(delete_record(*store, head, id, "nhầm"), Error);
}

TEST_CASE_METHOD(Replica, "notes are appended in order and found by search", "[model]") {
    auto id = add_feedback(*store, actor, feedback("Xe máy để trên vỉa hè"));
    add_note(*store, actor, id, "Đã nhắc nhở chủ quán lần một");
    add_note(*store, actor, id, "Chủ quán đã cam kết dọn dẹp");
    auto notes = list_notes(*store, id);
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].text == "Đã nhắc nhở chủ quán lần một");
    CHECK(notes[1].author == actor.officer);
    CHECK(search_feedback(*store, "cam ket").size() == 1);
    CHECK_THROWS_AS(add_note(*store, actor, "fb-NOSUCHRECORD000", "x"), Error);
}

TEST_CASE_METHOD(Replica, "search ignores case and marks, đ included, and leaves deleted feedback out", "[model]") {
    auto a = add_feedback(*store, actor, feedback("Cán bộ có THÁI ĐỘ chưa niềm nở"));
    auto b = add_feedback(*store, actor, feedback("Đèn đường ngõ 12 hỏng"));
    CHECK(search_feedback(*store, "thai do").at(0).id == a);
    CHECK(search_feedback(*store, "duong").at(0).id == b);
    CHECK(search_feedback(*store, "Đường").at(0).id == b);
    CHECK(search_feedback(*store, "ngo 1").size() == 1);  // the last word is a prefix
    CHECK(search_feedback(*store, "\"OR").empty());      // FTS5 syntax typed by a user is plain text
    answer_feedback(*store, actor, a, "Đã nhắc nhở, chấn chỉnh tác phong");
    CHECK(search_feedback(*store, "chan chinh").at(0).id == a);
    delete_record(*store, head, b, "ghi trùng");
    CHECK(search_feedback(*store, "duong").empty());
    refused(*this, [&] { search_feedback(*store, "  "); }, "query");
}

TEST_CASE("a conflict is listed, re-applied or dismissed, and then gone", "[model]") {
    Replica a, b;
    auto id = add_feedback(*a.store, a.actor, a.feedback("Ban đầu"));
    import_changes(*b.store, export_changes(*a.store, 0));
    update_feedback(*a.store, a.actor, id, {.text = "Bản của An"});
    update_feedback(*b.store, b.actor, id, {.text = "Bản của Bình"});
    import_changes(*b.store, export_changes(*a.store, 0));
    import_changes(*a.store, export_changes(*b.store, 0));
    auto conflicts = list_conflicts(*a.store);
    REQUIRE(conflicts.size() == 1);
    CHECK(list_conflicts(*b.store).at(0).id == conflicts[0].id);
    std::string lost = conflicts[0].lost_value;
    CHECK(get_conflict(*a.store, conflicts[0].id).field == "text");

    SECTION("re-applied: the lost text becomes the value everywhere") {
        reapply_conflict(*a.store, a.actor, conflicts[0].id);
        import_changes(*b.store, export_changes(*a.store, 0));
        CHECK("\"" + get_feedback(*b.store, id).text + "\"" == lost);
    }
    SECTION("dismissed: the winner stays and the conflict is gone") {
        std::string kept = get_feedback(*a.store, id).text;
        dismiss_conflict(*a.store, a.actor, conflicts[0].id);
        import_changes(*b.store, export_changes(*a.store, 0));
        CHECK(get_feedback(*b.store, id).text == kept);
    }
    CHECK(list_conflicts(*a.store).empty());
    CHECK(list_conflicts(*b.store).empty());
    CHECK(a.store->canonical_dump() == b.store->canonical_dump());
    CHECK_THROWS_AS(get_conflict(*a.store, conflicts[0].id), Error);
}

TEST_CASE_METHOD(Replica, "received records of an unknown shape are refused before anything is joined", "[model]") {
    auto id = add_feedback(*store, actor, feedback());
    RecordState good = *store->load(id);
    check_record_shape(good);
    auto refused_shape = [](RecordState r, const std::string& field) {
        try {
            check_record_shape(r);
            FAIL("accepted a bad " << field);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_input);
            CHECK(e.field() == field);
            CHECK(e.details() == std::vector<std::string>{r.id});
        }
    };
    auto with_value = [&](const std::string& field, const std::string& value) {
        RecordState r = good;
        r.fields[field] = overwrite(r.fields[field], Dot{stamp_from_ms(1), "ffff"}, value);
        return r;
    };
    refused_shape(with_value("category", "\"weather\""), "category");
    refused_shape(with_value("anonymous", "\"yes\""), "anonymous");
    refused_shape(with_value("status", "[0,\"lost\"]"), "status");
    refused_shape(with_value("text", "\"Thai\\u0301\""), "text");  // not NFC
    refused_shape(with_value("secret", "\"x\""), "secret");
    RecordState wrong_type = good;
    wrong_type.type = "payment";
    refused_shape(wrong_type, "type");
    RecordState wrong_prefix = good;
    wrong_prefix.type = "forum";
    refused_shape(wrong_prefix, "id");

    ChangeFile file = export_changes(*store, 0);
    file.records.push_back(with_value("secret", "\"x\""));
    auto before = store->canonical_dump();
    CHECK_THROWS_AS(import_changes(*store, file), Error);
    CHECK(store->canonical_dump() == before);
}
