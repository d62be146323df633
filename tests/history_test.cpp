// Nothing a resident said changes without a trace (issue 12): every change of a revised field is a
// revision record written with the change, append-only, merged without conflict, and shown with
// status changes, deletes, restores and notes in one history.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <algorithm>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/history.h"
#include "langnghe/model/note.h"
#include "langnghe/outputs/views.h"
#include "support/replica.h"

using namespace langnghe;
using Kind = HistoryEntry::Kind;

namespace {
std::string add_item(test::Replica& r, const char* text = "Đèn đường ngõ 5 hỏng") {
    return add_feedback(*r.store, r.actor, {.unit = "00004", .kind = "request", .category = "traffic", .text = text});
}

std::vector<HistoryEntry> revisions_of(Store& store, const std::string& id) {
    auto all = record_history(store, id);
    std::erase_if(all, [](const HistoryEntry& e) { return e.kind != Kind::revision; });
    return all;
}

void exchange(Store& from, Store& to) { to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records); }
}  // namespace

TEST_CASE("every change of what a resident said or the police answered is kept as a revision", "[model][custody]") {
    test::Replica device;
    std::string id = add_item(device);
    CHECK(record_history(*device.store, id).empty());  // the first text is the record itself

    update_feedback(*device.store, device.actor, id, {.text = "Đèn đường ngõ 5 và ngõ 7 hỏng"});
    acknowledge_feedback(*device.store, device.actor, id);
    answer_feedback(*device.store, device.actor, id, "Đã báo điện lực");
    answer_feedback(*device.store, device.actor, id, "Điện lực sửa xong trong tuần");
    update_feedback(*device.store, device.actor, id, {.resident_name = "Bà Lê Thị Hoa", .resident_phone = "0912 345 678"});
    update_feedback(*device.store, device.actor, id, {.category = "public_order"});  // not a revised field

    auto revisions = revisions_of(*device.store, id);
    REQUIRE(revisions.size() == 5);
    CHECK(revisions[0].field == "text");
    CHECK(revisions[0].old_value == "Đèn đường ngõ 5 hỏng");
    CHECK(revisions[0].new_value == "Đèn đường ngõ 5 và ngõ 7 hỏng");
    CHECK(revisions[1].field == "answer");
    CHECK(revisions[1].old_value.empty());
    CHECK(revisions[2].old_value == "Đã báo điện lực");  // the second answer keeps the first
    CHECK(revisions[2].new_value == "Điện lực sửa xong trong tuần");
    // One edit of two fields: two revisions at one stamp, in no particular order.
    std::set<std::pair<std::string, std::string>> named{{revisions[3].field, revisions[3].new_value},
                                                        {revisions[4].field, revisions[4].new_value}};
    CHECK(named == std::set<std::pair<std::string, std::string>>{{"resident_name", "Bà Lê Thị Hoa"},
                                                                 {"resident_phone", "0912 345 678"}});
    for (const auto& r : revisions) {
        CHECK(r.officer == device.actor.officer);
        CHECK(r.device == device.store->site_id());
        CHECK(r.at.size() == 25);  // 2026-12-03T04:36:12+07:00
        CHECK(r.at.ends_with("+07:00"));
    }
    CHECK(revision_count(*device.store, id) == 5);

    SECTION("the history merges revisions, status changes, deletes, restores and notes in order") {
        add_note(*device.store, device.actor, id, "Gọi lại cho bà Hoa");
        delete_record(*device.store, device.head, id, "Ghi trùng");
        restore_record(*device.store, device.head, id, "Không trùng");
        std::vector<std::string> kinds;
        for (const auto& e : record_history(*device.store, id)) kinds.emplace_back(kind_code(e.kind));
        CHECK(kinds == std::vector<std::string>{"revision", "status", "status", "revision", "status", "revision",
                                                "revision", "revision", "note", "deleted", "restored"});
        auto history = record_history(*device.store, id);
        CHECK(std::is_sorted(history.begin(), history.end(),
                             [](const HistoryEntry& a, const HistoryEntry& b) { return a.stamp < b.stamp; }));
        CHECK(history[9].note == "Ghi trùng");
        CHECK(history[2].old_value == "acknowledged");
        CHECK(history[2].new_value == "answered");
    }
}

TEST_CASE("an action's description and result and a forum's summary are revised fields", "[model][custody]") {
    test::Replica device;
    std::string action = add_action(*device.store, device.head,
                                    {.unit = "00004", .description = "Sửa đèn", .owner = "Trung úy Bình", .due = "2026-12-31"});
    update_action(*device.store, device.head, action, {.description = "Sửa đèn ngõ 5 và ngõ 7"});
    set_action_status(*device.store, device.head, action, "in_progress", "");
    set_action_status(*device.store, device.head, action, "done", "Đã thay 4 bóng");
    auto revisions = revisions_of(*device.store, action);
    REQUIRE(revisions.size() == 2);
    CHECK(revisions[0].field == "description");
    CHECK(revisions[1].field == "result");
    CHECK(revisions[1].new_value == "Đã thay 4 bóng");

    std::string forum = add_forum(*device.store, device.actor, {.unit = "00004", .title = "Hội nghị quý IV", .date = "2026-12-10"});
    update_forum(*device.store, device.actor, forum, {.summary = "Bà con phản ánh đèn đường"});
    update_forum(*device.store, device.actor, forum, {.venue = "Nhà văn hóa"});
    REQUIRE(revisions_of(*device.store, forum).size() == 1);
    CHECK(revisions_of(*device.store, forum)[0].field == "summary");
}

TEST_CASE("a refused change leaves no revision", "[model][custody]") {
    test::Replica device;
    std::string id = add_item(device);
    CHECK_THROWS_AS(update_feedback(*device.store, device.actor, id, {.kind = "no-such-kind", .text = "Mới"}), Error);
    CHECK_THROWS_AS(answer_feedback(*device.store, device.actor, id, "   "), Error);
    CHECK(record_history(*device.store, id).empty());
    CHECK(get_feedback(*device.store, id).text == "Đèn đường ngõ 5 hỏng");
}

TEST_CASE("concurrent edits keep both revisions and one kept conflict on every replica", "[model][custody][sync]") {
    test::Replica an, binh;
    std::string id = add_item(an);
    exchange(*an.store, *binh.store);
    binh.actor.officer = "Trung úy Trần Văn Bình";
    update_feedback(*an.store, an.actor, id, {.text = "Đèn ngõ 5 hỏng từ tháng trước"});
    update_feedback(*binh.store, binh.actor, id, {.text = "Đèn ngõ 5 hỏng, ngõ tối"});
    exchange(*an.store, *binh.store);
    exchange(*binh.store, *an.store);

    CHECK(an.store->canonical_dump() == binh.store->canonical_dump());
    for (Store* store : {an.store.get(), binh.store.get()}) {
        auto revisions = revisions_of(*store, id);
        REQUIRE(revisions.size() == 2);
        std::set<std::string> officers, new_texts;
        for (const auto& r : revisions) {
            CHECK(r.old_value == "Đèn đường ngõ 5 hỏng");
            officers.insert(r.officer);
            new_texts.insert(r.new_value);
        }
        CHECK(officers == std::set<std::string>{an.actor.officer, binh.actor.officer});
        CHECK(new_texts == std::set<std::string>{"Đèn ngõ 5 hỏng từ tháng trước", "Đèn ngõ 5 hỏng, ngõ tối"});
        REQUIRE(list_conflicts(*store).size() == 1);
    }

    SECTION("taking the lost text back is itself a revision") {
        Conflict c = list_conflicts(*an.store).front();
        reapply_conflict(*an.store, an.actor, c.id);
        auto revisions = revisions_of(*an.store, id);
        REQUIRE(revisions.size() == 3);
        CHECK(revisions.back().new_value == display_value(c.lost_value));
        CHECK(get_feedback(*an.store, id).text == revisions.back().new_value);
    }
}
