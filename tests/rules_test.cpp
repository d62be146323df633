// The domain's rules, each defined once: the lifecycles and their lattice values (merge/lattice.h),
// what counts as a conflict, answered, satisfied, overdue, the resident name that makes a record
// named, and the list filters the core checks itself.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <span>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/note.h"
#include "langnghe/model/roles.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/minutes.h"
#include "langnghe/outputs/report.h"
#include "langnghe/sync/change_file.h"
#include "support/replica.h"

using namespace langnghe;
using nlohmann::json;

namespace {
struct Replica : test::Replica {
    Replica() : test::Replica("code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n") {}

    std::string feedback(const std::string& forum = {}, const char* text = "Đường Đội Cấn ùn tắc giờ tan học") {
        FeedbackInput in{.unit = "00004", .kind = "request", .category = "traffic", .text = text};
        if (!forum.empty()) in.forum = forum;
        return add_feedback(*store, actor, in);
    }
};

bool refused(const std::function<void()>& call, const std::string& field) {
    try {
        call();
    } catch (const Error& e) {
        INFO(e.what());
        return e.code() == ErrorCode::invalid_input && e.field() == field &&
               std::string(e.what()).find(field) != std::string::npos;
    }
    return false;
}

std::vector<std::string_view> codes(std::span<const Label> vocabulary) {
    std::vector<std::string_view> out;
    for (const auto& l : vocabulary) out.push_back(l.code);
    return out;
}

std::vector<std::string_view> codes(const Lifecycle& lifecycle) {
    std::vector<std::string_view> out;
    for (const auto& s : lifecycle.statuses) out.push_back(s.code);
    return out;
}
}  // namespace

TEST_CASE("a lattice value is read and written one way", "[merge]") {
    CHECK(parse_lattice_status("[0,\"new\"]") == LatticeStatus{0, "new"});
    CHECK(parse_lattice_status("[12,\"in_progress\"]") == LatticeStatus{12, "in_progress"});
    CHECK(parse_lattice_status("[1000000,\"held\"]") == LatticeStatus{1'000'000, "held"});
    for (const char* other : {"", "[]", "\"new\"", "[0,new]", "[ 0,\"new\"]", "[0, \"new\"]", "[01,\"new\"]",
                              "[-1,\"new\"]", "[1000001,\"new\"]", "[0,\"ne\\\"w\"]", "[0,\"new\"", "0,\"new\"]",
                              "[0,\"new\",1]", "[x,\"new\"]", "{\"0\":\"new\"}"}) {
        INFO(other);
        CHECK_FALSE(parse_lattice_status(other));
    }
    for (const auto* lifecycle : {&feedback_lifecycle(), &forum_lifecycle(), &action_lifecycle()})
        for (const auto& s : lifecycle->statuses)
            for (std::int64_t round : {0, 1, 7}) {
                LatticeStatus value{round, std::string(s.code)};
                CHECK(parse_lattice_status(encode_lattice_status(value)) == value);
                // The precedence the merge orders by is the round, then the lifecycle's rank.
                CHECK(precedence_for(lifecycle->type, "status")(encode_lattice_status(value)) == round * 100 + s.rank);
            }
    CHECK_THROWS_AS(encode_lattice_status({0, "a\"b"}), Error);
    CHECK_THROWS_AS(encode_lattice_status({-1, "new"}), Error);
}

TEST_CASE("the winning document reads the lattice value as the merge does", "[merge]") {
    RecordState r{"fo-0123456789ABCDEF", "forum", "00004", {}};
    Dot dot{stamp_from_ms(1750000000000), "a1b2c3d4e5f60718"};
    r.fields["status"] = overwrite({}, dot, "[3,\"held\"]");
    auto doc = json::parse(winning_document(r));
    CHECK(doc["status"] == "held");
    CHECK(doc["status_round"] == 3);

    // A value that is not a lattice value has no rank, and the document keeps it as it is.
    r.fields["status"] = overwrite({}, dot, "[3, \"held\"]");
    CHECK(precedence_for("forum", "status")("[3, \"held\"]") == 0);
    doc = json::parse(winning_document(r));
    CHECK(doc["status"] == json::array({3, "held"}));
    CHECK_FALSE(doc.contains("status_round"));
}

TEST_CASE("the vocabularies list each lifecycle's statuses in its order, each labelled", "[model]") {
    CHECK(codes(feedback_statuses()) == codes(feedback_lifecycle()));
    CHECK(codes(forum_statuses()) == codes(forum_lifecycle()));
    CHECK(codes(action_statuses()) == codes(action_lifecycle()));
    for (auto vocabulary : {feedback_statuses(), forum_statuses(), action_statuses()})
        for (const auto& l : vocabulary) {
            CHECK(l.vi != l.code);
            CHECK(l.en != l.code);
        }
}

TEST_CASE("which status may follow which is one table per lifecycle", "[merge]") {
    const Lifecycle& fb = feedback_lifecycle();
    CHECK(fb.initial() == "new");
    CHECK(fb.may_follow("new", "acknowledged"));
    CHECK_FALSE(fb.may_follow("acknowledged", "acknowledged"));
    CHECK(fb.may_follow("resolved", "acknowledged", true));  // a reopen
    CHECK_FALSE(fb.may_follow("resolved", "acknowledged"));
    CHECK_FALSE(fb.may_follow("new", "acknowledged", true));
    CHECK(fb.may_follow("planned", "answered"));
    CHECK_FALSE(fb.may_follow("answered", "referred"));
    CHECK(fb.is_final("resolved"));
    CHECK(fb.is_final("referred"));
    CHECK_FALSE(fb.is_final("answered"));

    const Lifecycle& forum = forum_lifecycle();
    CHECK(forum.may_follow("planned", "held"));
    CHECK(forum.may_follow("held", "reported"));
    CHECK_FALSE(forum.may_follow("planned", "reported"));
    CHECK_FALSE(forum.may_follow("held", "planned"));

    const Lifecycle& action = action_lifecycle();
    CHECK(action.may_follow("open", "done"));
    CHECK(action.may_follow("in_progress", "cancelled"));
    CHECK_FALSE(action.may_follow("done", "in_progress"));
    CHECK(action.is_final("done"));
    CHECK(action.is_final("cancelled"));
    CHECK_FALSE(action.is_final("open"));
    CHECK_FALSE(action.is_final("in_progress"));

    CHECK(lifecycle_of("forum") == &forum);
    CHECK(lifecycle_of("ballot") == nullptr);
}

TEST_CASE("the stored conflict count, the conflict list and the dump count the same conflicts", "[model]") {
    Replica a, b;
    auto id = a.feedback();
    import_changes(*b.store, export_changes(*a.store, 0));
    // Concurrent writes of a plain field (a conflict) and of the status (the lattice orders them).
    update_feedback(*a.store, a.actor, id, {.text = "Bản của An"});
    update_feedback(*b.store, b.actor, id, {.text = "Bản của Bình"});
    acknowledge_feedback(*a.store, a.actor, id);
    resolve_feedback(*b.store, b.actor, id);
    import_changes(*a.store, export_changes(*b.store, 0));

    auto stored = get_feedback(*a.store, id);
    CHECK(stored.status == "resolved");
    CHECK(stored.conflicts == 1);
    auto listed = list_conflicts(*a.store);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].field == "text");
    auto dump = json::parse(a.store->canonical_dump());
    std::size_t dumped = 0;
    for (const auto& r : dump["records"])
        if (r.contains("conflicts")) dumped += r["conflicts"].size();
    CHECK(dumped == 1);

    auto state = a.store->load(id);
    REQUIRE(state);
    CHECK(state->fields.at("status").heads.size() == 2);
    CHECK(conflicting_values("feedback", "status", state->fields.at("status")).empty());
    CHECK(conflicting_values("feedback", "text", state->fields.at("text")).size() == 1);
}

TEST_CASE("answered means one thing in the unit report and in the forum minutes", "[model]") {
    Replica r;
    std::string forum = add_forum(*r.store, r.actor, {.unit = "00004", .title = "Hội nghị quý IV", .date = "2026-11-15"});
    // Raised and answered at the forum, on its day: what the minutes list as answered there.
    auto raised = [&](const char* text) {
        return add_feedback(*r.store, r.actor, {.unit = "00004", .forum = forum, .kind = "request", .category = "traffic",
                                                .text = text, .received_at = "2026-11-15"});
    };
    auto answered = raised("Đã trả lời");
    answer_feedback(*r.store, r.actor, answered, "Đã bố trí phân luồng", "2026-11-15");
    auto answered_then_resolved = raised("Trả lời rồi giải quyết");
    answer_feedback(*r.store, r.actor, answered_then_resolved, "Đã kiểm tra", "2026-11-15");
    resolve_feedback(*r.store, r.actor, answered_then_resolved);
    // The old report counted these two (a status of planned, an answer text), the old minutes not.
    auto planned = raised("Chỉ có kế hoạch");
    add_action(*r.store, r.head, {.unit = "00004", .description = "Phân luồng", .owner = "Trung úy Hùng",
                                   .due = "2026-12-15", .add_feedback = {planned}});
    auto reopened = raised("Trả lời rồi mở lại");
    answer_feedback(*r.store, r.actor, reopened, "Trả lời chưa thỏa đáng", "2026-11-15");
    reopen_feedback(*r.store, r.actor, reopened, "Người dân chưa rõ");
    auto resolved_unanswered = raised("Giải quyết không trả lời");
    resolve_feedback(*r.store, r.actor, resolved_unanswered);
    raised("Mới");

    CHECK(get_feedback(*r.store, answered).is_answered());
    CHECK(get_feedback(*r.store, answered_then_resolved).is_answered());
    CHECK_FALSE(get_feedback(*r.store, planned).is_answered());
    CHECK(get_feedback(*r.store, reopened).answer == "Trả lời chưa thỏa đáng");
    CHECK_FALSE(get_feedback(*r.store, reopened).is_answered());
    CHECK_FALSE(get_feedback(*r.store, resolved_unanswered).is_answered());

    ForumMinutes minutes = forum_minutes(*r.store, forum);
    std::vector<std::string> listed;
    for (const auto& f : minutes.answered) listed.push_back(f.id);
    std::sort(listed.begin(), listed.end());
    std::vector<std::string> expected{answered, answered_then_resolved};
    std::sort(expected.begin(), expected.end());
    CHECK(listed == expected);

    UnitReport report = unit_report(*r.store, "00004", {"2000-01-01", "2100-12-31"}, "2100-12-31");
    REQUIRE(report.feedback_total == 6);
    CHECK(report.answered_share == Approx(2.0 / 6));
}

TEST_CASE("satisfied means an overall score of 4 or more, in the report and in the minutes", "[model]") {
    Ballot b;
    CHECK_FALSE(b.is_satisfied());
    b.scores["overall"] = 3;
    CHECK_FALSE(b.is_satisfied());
    b.scores["overall"] = 4;
    CHECK(b.is_satisfied());
    b.scores = {{"attitude", 5}, {"overall", 2}};
    CHECK_FALSE(b.is_satisfied());

    Replica r;
    std::string forum = add_forum(*r.store, r.actor, {.unit = "00004", .title = "Hội nghị", .date = "2026-11-15"});
    for (int overall : {2, 3, 4, 5, 5}) {
        BallotInput in{.unit = "00004", .forum = forum, .date = "2026-11-15"};
        for (const auto& c : ballot_criteria()) in.scores[std::string(c.code)] = 3;
        in.scores["overall"] = overall;
        add_ballot(*r.store, r.actor, in);
    }
    CHECK(forum_minutes(*r.store, forum).ballots.satisfied == 3);
    UnitReport report = unit_report(*r.store, "00004", {"2026-11-01", "2026-11-30"}, "2026-12-01");
    CHECK(report.satisfaction.satisfied_share == Approx(3.0 / 5));
}

TEST_CASE("overdue is one definition, for one action and for the overdue list", "[model]") {
    Replica r;
    auto action = [&](const char* due) {
        return add_action(*r.store, r.head, {.unit = "00004", .description = "Kế hoạch", .owner = "Trung úy Hùng", .due = due});
    };
    auto open_past = action("2026-03-01");
    auto started_past = action("2026-03-02");
    set_action_status(*r.store, r.head, started_past, "in_progress");
    auto done_past = action("2026-03-03");
    set_action_status(*r.store, r.head, done_past, "done", "Xong");
    auto cancelled_past = action("2026-03-04");
    set_action_status(*r.store, r.head, cancelled_past, "cancelled", "Không cần");
    action("2026-03-10");  // due today: not overdue
    action("2026-04-01");
    auto deleted_past = action("2026-03-05");
    delete_record(*r.store, r.head, deleted_past, "Trùng kế hoạch khác");

    const std::string today = "2026-03-10";
    for (bool include_deleted : {false, true}) {
        std::vector<std::string> listed, decided;
        for (const auto& a : list_actions(*r.store, {.overdue_on = today, .include_deleted = include_deleted}))
            listed.push_back(a.id);
        for (const auto& a : list_actions(*r.store, {.include_deleted = include_deleted}))
            if (a.overdue_on(today)) decided.push_back(a.id);
        CHECK(listed == decided);
        CHECK(listed == std::vector<std::string>{open_past, started_past});
    }
    // Due soon: open actions due on or before the day, whatever else.
    std::vector<std::string> due_soon;
    for (const auto& a : list_actions(*r.store, {.due_before = "2026-03-10"})) due_soon.push_back(a.id);
    CHECK(due_soon.size() == 3);
    CHECK(std::find(due_soon.begin(), due_soon.end(), done_past) == due_soon.end());
}

TEST_CASE("the core list functions refuse a bad filter, naming it", "[model]") {
    Replica r;
    r.feedback();
    CHECK(refused([&] { list_feedback(*r.store, {.statuses = {"new", "done"}}); }, "status"));
    CHECK(refused([&] { list_feedback(*r.store, {.statuses = {"resolved"}, .open_only = true}); }, "status"));
    CHECK(refused([&] { list_feedback(*r.store, {.group = " "}); }, "group"));
    CHECK(refused([&] { list_feedback(*r.store, {.kind = "rumour"}); }, "kind"));
    CHECK(refused([&] { list_feedback(*r.store, {.category = "weather"}); }, "category"));
    CHECK(refused([&] { list_feedback(*r.store, {.channel = "pigeon"}); }, "channel"));
    CHECK(refused([&] { list_feedback(*r.store, {.unit = "99999"}); }, "unit"));
    CHECK(refused([&] { list_feedback(*r.store, {.from_date = "2026-13-01"}); }, "from_date"));
    CHECK(refused([&] { list_feedback(*r.store, {.to_date = "soon"}); }, "to_date"));
    CHECK(refused([&] { list_forums(*r.store, {.status = "done"}); }, "status"));
    CHECK(refused([&] { list_forums(*r.store, {.unit = "99999"}); }, "unit"));
    CHECK(refused([&] { list_actions(*r.store, {.status = "held"}); }, "status"));
    CHECK(refused([&] { list_actions(*r.store, {.due_before = "31/02/2026"}); }, "due_before"));
    CHECK(refused([&] { list_ballots(*r.store, {.from_date = "yesterday"}); }, "from_date"));
    // Good filters, dates in either form, still list.
    CHECK(list_feedback(*r.store, {.statuses = {"new"}, .from_date = "01/01/2000", .to_date = "2100-12-31"}).size() == 1);
    CHECK(list_feedback(*r.store, {.statuses = {"resolved"}}).empty());
}

TEST_CASE("a resident's name or phone makes a record named, in the core", "[model]") {
    Replica r;
    auto id = add_feedback(*r.store, r.actor,
                           {.unit = "00004", .kind = "request", .category = "traffic", .text = "Ẩn danh", .anonymous = true});
    CHECK(get_feedback(*r.store, id).anonymous);
    update_feedback(*r.store, r.actor, id, {.resident_name = "Nguyễn Thị Lan"});
    auto named = get_feedback(*r.store, id);
    CHECK_FALSE(named.anonymous);
    CHECK(named.resident_name == "Nguyễn Thị Lan");

    // An empty name names no one: the record stays anonymous.
    auto blank = add_feedback(*r.store, r.actor,
                              {.unit = "00004", .kind = "request", .category = "traffic", .text = "Không tên", .resident_name = ""});
    CHECK(get_feedback(*r.store, blank).anonymous);
    CHECK(refused([&] { update_feedback(*r.store, r.actor, blank, {.resident_phone = "0912 345 678", .anonymous = true}); },
                  "anonymous"));
    CHECK(names_resident({.resident_phone = "0912 345 678"}));
    CHECK_FALSE(names_resident({.resident_name = "", .resident_phone = ""}));
}

namespace {
// One record of each kind a ward writes, for the role tests to try every write on.
struct WardRecords : Replica {
    std::string fb = feedback();
    std::string forum = add_forum(*store, actor, {.unit = "00004", .title = "Hội nghị", .date = "2026-11-15"});
    std::string action =
        add_action(*store, head, {.unit = "00004", .description = "Phân luồng", .owner = "Trung úy Hùng", .due = "2026-12-01"});
    BallotInput ballot_input = [] {
        BallotInput in{.unit = "00004", .date = "2026-11-15"};
        for (const auto& c : ballot_criteria()) in.scores[std::string(c.code)] = 4;
        return in;
    }();
    std::string ballot = add_ballot(*store, actor, ballot_input);
};
}  // namespace

TEST_CASE("a supervisor reads field records and every write of one is refused before anything is written", "[model]") {
    WardRecords r;
    const std::string &fb = r.fb, &forum = r.forum, &action = r.action, &ballot = r.ballot;
    const BallotInput& ballot_input = r.ballot_input;
    std::string before = r.store->canonical_dump();
    auto seq = r.store->current_seq();

    Actor supervisor{"Thượng tá Phạm Minh Dũng", "supervisor"};
    Store& s = *r.store;
    std::vector<std::pair<const char*, std::function<void()>>> writes{
        {"feedback add", [&] { add_feedback(s, supervisor, {.unit = "00004", .kind = "request", .category = "traffic", .text = "x"}); }},
        {"feedback update", [&] { update_feedback(s, supervisor, fb, {.text = "Sửa lời người dân"}); }},
        {"feedback acknowledge", [&] { acknowledge_feedback(s, supervisor, fb); }},
        {"feedback answer", [&] { answer_feedback(s, supervisor, fb, "Đã xử lý"); }},
        {"feedback resolve", [&] { resolve_feedback(s, supervisor, fb); }},
        {"feedback refer", [&] { refer_feedback(s, supervisor, fb, "UBND phường"); }},
        {"forum add", [&] { add_forum(s, supervisor, {.unit = "00004", .title = "H", .date = "2026-11-15"}); }},
        {"forum update", [&] { update_forum(s, supervisor, forum, {.summary = "Tóm tắt"}); }},
        {"forum status", [&] { set_forum_status(s, supervisor, forum, "held"); }},
        {"ballot add", [&] { add_ballot(s, supervisor, ballot_input); }},
        {"ballot void", [&] { void_ballot(s, supervisor, ballot, "nhầm"); }},
        {"action add", [&] { add_action(s, supervisor, {.unit = "00004", .description = "d", .owner = "o", .due = "2026-12-01"}); }},
        {"action update", [&] { update_action(s, supervisor, action, {.owner = "Người khác"}); }},
        {"action status", [&] { set_action_status(s, supervisor, action, "in_progress", ""); }},
        {"note add", [&] { add_note(s, supervisor, fb, "Ghi chú"); }},
        {"delete", [&] { delete_record(s, supervisor, fb, "ghi trùng"); }},
        {"restore", [&] { restore_record(s, supervisor, fb, "nhầm"); }},
    };
    for (const auto& [name, write] : writes) {
        INFO(name);
        try {
            write();
            FAIL("a supervisor's write was taken");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::forbidden);
            CHECK(e.field() == "role");
            CHECK(e.message(Lang::vi).find("chỉ xem") != std::string::npos);
        }
    }
    CHECK(r.store->canonical_dump() == before);
    CHECK(r.store->current_seq() == seq);
    // The officer and the unit head still write.
    CHECK_NOTHROW(acknowledge_feedback(s, Actor{"Trung úy An", "unit_head"}, fb));
    CHECK(writes_field_records("officer"));
    CHECK(writes_field_records("unit_head"));
    CHECK_FALSE(writes_field_records("supervisor"));
}

TEST_CASE("the role matrix: an officer does all but delete, restore, redact, void and manage actions", "[model]") {
    for (Act act : {Act::create, Act::edit, Act::answer, Act::resolve, Act::refer, Act::reopen}) {
        CHECK(may("officer", act));
        CHECK(may("unit_head", act));
    }
    for (Act act : {Act::delete_restore, Act::redact, Act::void_ballot, Act::manage_action}) {
        CHECK_FALSE(may("officer", act));
        CHECK(may("unit_head", act));
    }
    for (Act act : {Act::create, Act::edit, Act::delete_restore, Act::redact, Act::void_ballot, Act::manage_action})
        for (const char* role : {"supervisor", "admin", "", "Unit_Head"}) {
            INFO(role);
            CHECK_FALSE(may(role, act));
        }
    CHECK(may_do_everything("unit_head"));
    CHECK_FALSE(may_do_everything("officer"));
    CHECK_FALSE(writes_field_records("admin"));  // a role the table does not know writes nothing

    // require_may names the role and the act, in both languages.
    try {
        require_may(Actor{"Thượng úy An", "officer"}, Act::redact);
        FAIL("an officer may redact");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK(e.field() == "role");
        CHECK(std::string(e.what()).find("officer may not redact") != std::string::npos);
        CHECK(e.message(Lang::vi).find("officer không được che nội dung") != std::string::npos);
    }
    CHECK_NOTHROW(require_may(Actor{"Thiếu tá Cường", "unit_head"}, Act::redact));
}

TEST_CASE("only a unit head deletes, restores, voids ballots and manages actions, checked before anything is written",
          "[model]") {
    WardRecords r;
    const std::string &fb = r.fb, &action = r.action, &ballot = r.ballot;
    std::string deleted = r.feedback();
    delete_record(*r.store, r.head, deleted, "ghi trùng");
    std::string before = r.store->canonical_dump();
    auto seq = r.store->current_seq();

    Store& s = *r.store;
    auto head_only = [&](const Actor& who) {
        return std::vector<std::pair<const char*, std::function<void()>>>{
            {"delete", [&] { delete_record(s, who, fb, "ghi trùng"); }},
            {"restore", [&] { restore_record(s, who, deleted, "nhầm"); }},
            {"ballot void", [&] { void_ballot(s, who, ballot, "nhầm"); }},
            {"action add", [&] { add_action(s, who, {.unit = "00004", .description = "d", .owner = "o", .due = "2026-12-01"}); }},
            {"action update", [&] { update_action(s, who, action, {.owner = "Người khác"}); }},
            {"action status", [&] { set_action_status(s, who, action, "in_progress", ""); }},
            {"delete an action", [&] { delete_record(s, who, action, "trùng kế hoạch"); }},
        };
    };
    for (const Actor& who : {r.actor, Actor{"Thượng tá Phạm Minh Dũng", "supervisor"}})
        for (const auto& [name, write] : head_only(who)) {
            INFO(who.role << " " << name);
            try {
                write();
                FAIL("a write only a unit head may do was taken");
            } catch (const Error& e) {
                CHECK(e.code() == ErrorCode::forbidden);
                CHECK(e.field() == "role");
                CHECK(e.message(Lang::vi).find("vai trò " + who.role) != std::string::npos);
                CHECK(e.message(Lang::vi) != e.what());
            }
        }
    CHECK(r.store->canonical_dump() == before);
    CHECK(r.store->current_seq() == seq);

    for (const auto& [name, write] : head_only(r.head)) {
        INFO(name);
        CHECK_NOTHROW(write());
    }
    CHECK(r.store->current_seq() > seq);
}

TEST_CASE("a conflict on an action is settled by a unit head, an officer's settling is refused", "[model]") {
    Replica a, b;
    std::string action =
        add_action(*a.store, a.head, {.unit = "00004", .description = "Phân luồng", .owner = "Trung úy Hùng", .due = "2026-12-01"});
    import_changes(*b.store, export_changes(*a.store, 0));
    update_action(*a.store, a.head, action, {.owner = "Trung úy An"});
    update_action(*b.store, b.head, action, {.owner = "Trung úy Bình"});
    import_changes(*a.store, export_changes(*b.store, 0));
    auto conflicts = list_conflicts(*a.store);
    REQUIRE(conflicts.size() == 1);

    std::string before = a.store->canonical_dump();
    for (auto settle : {reapply_conflict, dismiss_conflict})
        CHECK_THROWS_MATCHES(settle(*a.store, a.actor, conflicts[0].id), Error,
                             Catch::Predicate<Error>([](const Error& e) { return e.code() == ErrorCode::forbidden && e.field() == "role"; }));
    CHECK(a.store->canonical_dump() == before);
    reapply_conflict(*a.store, a.head, conflicts[0].id);
    CHECK(list_conflicts(*a.store).empty());
}
