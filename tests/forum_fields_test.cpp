// The biên bản's forum fields (issue 15): start and end time, secretary and attendees by group are
// checked before anything is written, an older forum without them still reads, received records
// are checked for their shape, and two replicas editing different forum fields converge.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <functional>

#include "langnghe/base/error.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/merge/merge.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/record_schema.h"
#include "support/cli_device.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
void exchange(Store& from, Store& to) {
    to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records);
}

// Runs `write`, which must fail with invalid_input in both languages, and returns the field it
// names; nothing may have been stored.
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

ForumInput forum_of(std::vector<std::string> group_attendees, int attendees = 0) {
    return {.unit = "00004",
            .title = "Hội nghị lắng nghe ý kiến Nhân dân",
            .date = "2026-11-12",
            .attendee_count = attendees,
            .group_attendees = std::move(group_attendees)};
}
}  // namespace

TEST_CASE("a forum keeps its times, secretary and attendees by group", "[forum][model]") {
    test::Replica r;
    ForumInput in = forum_of({"veterans=12", "residents=50"}, 80);
    in.secretary = "Nguyễn Thị Lan";
    in.start_time = "08:00";
    in.end_time = "10:30";
    std::string id = add_forum(*r.store, r.actor, in);
    Forum f = get_forum(*r.store, id);
    CHECK(f.secretary == "Nguyễn Thị Lan");
    CHECK(f.start_time == "08:00");
    CHECK(f.end_time == "10:30");
    CHECK(f.group_attendees == std::map<std::string, int>{{"residents", 50}, {"veterans", 12}});
    CHECK(f.groups == std::vector<std::string>{"residents", "veterans"});  // a counted group attended

    update_forum(*r.store, r.actor, id, {.group_attendees = {"veterans=0"}});
    CHECK(get_forum(*r.store, id).group_attendees.at("veterans") == 0);
    CHECK(get_forum(*r.store, id).groups == std::vector<std::string>{"residents", "veterans"});
}

TEST_CASE("bad times, counts and groups are refused naming the field, and nothing is written", "[forum][model]") {
    test::Replica r;
    Store& s = *r.store;
    auto with = [&](std::function<void(ForumInput&)> change) {
        ForumInput in = forum_of({});
        change(in);
        return [&s, &r, in] { add_forum(s, r.actor, in); };
    };
    CHECK(refused_field(s, with([](auto& in) { in.start_time = "8h"; })) == "start_time");
    CHECK(refused_field(s, with([](auto& in) { in.start_time = "24:00"; })) == "start_time");
    CHECK(refused_field(s, with([](auto& in) { in.end_time = "10:60"; })) == "end_time");
    CHECK(refused_field(s, with([](auto& in) {
                            in.start_time = "10:00";
                            in.end_time = "09:59";
                        })) == "end_time");
    CHECK(refused_field(s, with([](auto& in) {
                            in.start_time = "10:00";
                            in.end_time = "10:00";
                        })) == "end_time");
    CHECK(refused_field(s, with([](auto& in) { in.secretary = std::string(max_short_text + 1, 'a'); })) == "secretary");
    CHECK(refused_field(s, with([](auto& in) { in.group_attendees = {"pigeons=3"}; })) == "attendees");
    CHECK(refused_field(s, with([](auto& in) { in.group_attendees = {"veterans"}; })) == "attendees");
    CHECK(refused_field(s, with([](auto& in) { in.group_attendees = {"veterans=-1"}; })) == "attendees");
    CHECK(refused_field(s, with([](auto& in) { in.group_attendees = {"veterans=1000000"}; })) == "attendees");
    CHECK(refused_field(s, with([](auto& in) { in.group_attendees = {"veterans=1", "veterans=2"}; })) == "attendees");
    CHECK(refused_field(s, with([](auto& in) {
                            in.attendee_count = 20;
                            in.group_attendees = {"veterans=12", "residents=9"};
                        })) == "attendees");

    // An update is checked against what the forum keeps: the stored start, the stored counts.
    ForumInput stored = forum_of({"veterans=12"}, 20);
    stored.start_time = "08:00";
    std::string id = add_forum(s, r.actor, stored);
    CHECK(refused_field(s, [&] { update_forum(s, r.actor, id, {.end_time = "07:30"}); }) == "end_time");
    CHECK(refused_field(s, [&] { update_forum(s, r.actor, id, {.group_attendees = {"residents=9"}}); }) == "attendees");
    CHECK(refused_field(s, [&] { update_forum(s, r.actor, id, {.attendee_count = 11}); }) == "attendees");
    CHECK(refused_field(s, [&] {
              update_forum(s, r.actor, id, {.remove_groups = {"residents"}, .group_attendees = {"residents=2"}});
          }) == "attendees");
    update_forum(s, r.actor, id, {.end_time = "09:30", .group_attendees = {"residents=8"}});
    CHECK(get_forum(s, id).end_time == "09:30");
}

TEST_CASE("a forum written before the new fields reads, and received forums are checked for them", "[forum][model]") {
    test::Replica r;
    std::string id =
        add_forum(*r.store, r.actor, {.unit = "00004", .title = "Hội nghị năm 2025", .date = "2025-10-24"});
    RecordState older = *r.store->load(id);
    for (const char* field : {"secretary", "start_time", "end_time"}) CHECK_FALSE(older.fields.contains(field));
    check_record_shape(older);
    Forum f = get_forum(*r.store, id);
    CHECK(f.secretary.empty());
    CHECK(f.start_time.empty());
    CHECK(f.group_attendees.empty());

    auto with_value = [&](const std::string& field, const std::string& value) {
        RecordState s = older;
        s.fields[field] = overwrite(s.fields[field], Dot{stamp_from_ms(1), "ffff"}, value);
        return s;
    };
    check_record_shape(with_value("attendees.veterans", "12"));
    check_record_shape(with_value("secretary", "\"Nguyễn Thị Lan\""));
    auto refused_shape = [](const RecordState& s, const std::string& field) {
        try {
            check_record_shape(s);
            FAIL("accepted a bad " << field);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_input);
            CHECK(e.field() == field);
        }
    };
    refused_shape(with_value("attendees.pigeons", "3"), "attendees.pigeons");
    refused_shape(with_value("attendees.veterans", "-3"), "attendees.veterans");
    refused_shape(with_value("attendees.veterans", "\"12\""), "attendees.veterans");
    refused_shape(with_value("start_time", "8"), "start_time");
}

TEST_CASE("two replicas editing different fields of a forum converge with no conflict", "[forum][merge]") {
    test::Replica a, b;
    std::string id = add_forum(*a.store, a.actor, forum_of({}, 90));
    exchange(*a.store, *b.store);
    update_forum(*a.store, a.actor, id,
                 {.secretary = "Nguyễn Thị Lan", .start_time = "08:00", .group_attendees = {"youth_union=15"}});
    update_forum(*b.store, b.actor, id,
                 {.chair = "Thiếu tá Lê Văn Cường", .end_time = "10:30", .group_attendees = {"veterans=12"}});
    exchange(*a.store, *b.store);
    exchange(*b.store, *a.store);
    CHECK(a.store->canonical_dump() == b.store->canonical_dump());
    CHECK(list_conflicts(*a.store).empty());
    Forum f = get_forum(*b.store, id);
    CHECK(f.secretary == "Nguyễn Thị Lan");
    CHECK(f.chair == "Thiếu tá Lê Văn Cường");
    CHECK(f.start_time == "08:00");
    CHECK(f.end_time == "10:30");
    CHECK(f.group_attendees == std::map<std::string, int>{{"veterans", 12}, {"youth_union", 15}});
    CHECK(f.groups == std::vector<std::string>{"veterans", "youth_union"});

    // The same group counted differently on both is one field: a kept conflict, never a silent loss.
    update_forum(*a.store, a.actor, id, {.group_attendees = {"veterans=10"}});
    update_forum(*b.store, b.actor, id, {.group_attendees = {"veterans=14"}});
    exchange(*a.store, *b.store);
    exchange(*b.store, *a.store);
    CHECK(a.store->canonical_dump() == b.store->canonical_dump());
    auto conflicts = list_conflicts(*a.store);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].field == "attendees.veterans");
}

TEST_CASE("forum fields edited on two devices travel in change files and converge", "[forum][merge][cli]") {
    test::TempDir dir;
    test::CliDevice a(dir, "a", "Thiếu tá Lê Văn Cường"), b(dir, "b", "Trung úy Nguyễn Thị Lan");
    a.init();
    a.import_units(dir);
    b.init();
    auto send = [&](const test::CliDevice& from, const test::CliDevice& to, const std::string& name) {
        from.ok({"changes", "export", dir.file(name)});
        to.ok({"changes", "import", dir.file(name)});
    };
    std::string id = a.ok({"forum", "add", "--unit", "00004", "--title", "Hội nghị tháng 11", "--date", "2026-11-12",
                           "--attendees", "90"});
    id.pop_back();
    send(a, b, "first.json");
    a.ok({"forum", "update", id, "--secretary", "Nguyễn Thị Lan", "--start", "08:00", "--attendees", "youth_union=15"});
    b.ok({"forum", "update", id, "--end", "10:30", "--attendees", "veterans=12", "--group", "leaders"});
    send(a, b, "to-b.json");
    send(b, a, "to-a.json");
    CHECK(a.dump() == b.dump());
    auto forum = nlohmann::json::parse(b.ok({"forum", "show", id, "--json"}));
    CHECK(forum["secretary"] == "Nguyễn Thị Lan");
    CHECK(forum["start_time"] == "08:00");
    CHECK(forum["end_time"] == "10:30");
    CHECK(forum["group_attendees"] == nlohmann::json{{"veterans", 12}, {"youth_union", 15}});
    CHECK(forum["groups"] == nlohmann::json{"leaders", "veterans", "youth_union"});
    CHECK(nlohmann::json::parse(a.ok({"conflicts", "--json"})).empty());
}
