// The summary of many forums (issue 15, seed 001: a city's conference hears its wards' forums):
// every figure of a fixed quarter against hand-computed values, the JSON shape, the text in both
// languages, the CSV, and the period options shared with `report`.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/forum.h"
#include "langnghe/outputs/forum_summary.h"
#include "langnghe/outputs/period_choice.h"
#include "support/cli_device.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
const char* city_units =
    "code,name,kind,parent_code,name_en\n01,Thành phố Hà Nội,city,,Hanoi\n00004,Phường Ba Đình,ward,01,Ba Dinh Ward\n"
    "00007,Phường Ngọc Hà,ward,01,Ngoc Ha Ward\n00009,Phường Giảng Võ,ward,01,Giang Vo Ward\n"
    "79,Thành phố Hồ Chí Minh,city,,Ho Chi Minh City\n26734,Phường Bến Thành,ward,79,Ben Thanh Ward\n";

// Two wards' forums in 2026-Q4, one ward's forum in Q3, and another city's forum.
struct CityQuarter : test::Replica {
    CityQuarter() : test::Replica(city_units) {
        std::string ba_dinh = held("00004", "2026-11-12", 100, {"veterans=10", "residents=80"}, {"leaders"});
        set_forum_status(*store, head, ba_dinh, "reported");
        add_forum(*store, head,
                  {.unit = "00004", .title = "Hội nghị tháng 12", .date = "2026-12-20", .attendee_count = 90});
        std::string ngoc_ha = held("00007", "2026-10-05", 50, {"residents=40"}, {"youth_union"});
        std::string earlier = held("00009", "2026-09-30", 70, {"residents=70"}, {});
        std::string elsewhere = held("26734", "2026-11-12", 200, {"residents=150"}, {});

        std::string jam = said(ba_dinh, "2026-11-12", "traffic", "Cổng trường ùn tắc giờ tan học");
        std::string light = said(ba_dinh, "2026-11-12", "traffic", "Đề nghị lắp đèn tín hiệu ngã tư");
        std::string praise = said(ba_dinh, "2026-11-12", "conduct", "Cán bộ tiếp dân tận tình");
        answer_feedback(*store, head, praise, "Cảm ơn bà con", "2026-11-12");          // on the spot
        answer_feedback(*store, head, light, "Đã đề nghị UBND phường", "2026-11-20");  // a later day
        add_action(*store, head,
                   {.unit = "00004",
                    .description = "Phân luồng cổng trường",
                    .owner = "Trung úy Hùng",
                    .due = "2026-12-15",
                    .add_feedback = {jam}});

        std::string drugs = said(ngoc_ha, "2026-10-05", "drugs", "Nghi có tụ điểm ma túy");
        std::string theft = said(ngoc_ha, "2026-10-05", "theft", "Mất trộm xe máy");
        answer_feedback(*store, head, theft, "Đã tiếp nhận, đang xác minh", "2026-10-05 10:40");
        std::string check = add_action(*store, head,
                                       {.unit = "00007",
                                        .description = "Kiểm tra tụ điểm",
                                        .owner = "Đại úy Minh",
                                        .due = "2026-11-01",
                                        .add_feedback = {drugs}});
        set_action_status(*store, head, check, "done", "Đã triệt xóa");
        std::string dropped = add_action(*store, head,
                                         {.unit = "00007",
                                          .description = "Tuần tra đêm",
                                          .owner = "Đại úy Minh",
                                          .due = "2026-11-01",
                                          .add_feedback = {theft}});
        set_action_status(*store, head, dropped, "cancelled", "Gộp vào kế hoạch tuần tra chung");

        said(earlier, "2026-09-30", "traffic", "Xe tải chạy giờ cấm");
        said(elsewhere, "2026-11-12", "traffic", "Ùn tắc chợ Bến Thành");
    }

    std::string held(const std::string& unit, const std::string& date, int attendees, std::vector<std::string> counts,
                     std::vector<std::string> groups) {
        std::string id = add_forum(*store, head,
                                   {.unit = unit,
                                    .title = "Hội nghị lắng nghe ý kiến Nhân dân",
                                    .date = date,
                                    .attendee_count = attendees,
                                    .add_groups = std::move(groups),
                                    .group_attendees = std::move(counts)});
        set_forum_status(*store, head, id, "held");
        return id;
    }

    std::string said(const std::string& forum, const std::string& day, const char* category, const char* text) {
        FeedbackInput in{.unit = get_forum(*store, forum).unit,
                         .forum = forum,
                         .kind = "request",
                         .category = category,
                         .text = text,
                         .received_at = day};
        return add_feedback(*store, actor, in);
    }

    ForumSummary quarter() { return forum_summary(*store, "01", parse_quarter("2026-Q4")); }
};
}  // namespace

TEST_CASE_METHOD(CityQuarter, "the forum summary counts the wards' forums, attendees, groups and what was raised",
                 "[outputs][forum_summary]") {
    ForumSummary s = quarter();
    CHECK(s.period.from == "2026-10-01");
    CHECK(s.period.to == "2026-12-31");
    CHECK(s.period_code == "2026-Q4");
    CHECK(s.forums == 3);
    CHECK(s.held == 2);
    CHECK(s.reported == 1);
    CHECK(s.planned == 1);
    CHECK(s.attendees == 150);  // the planned forum's 90 are expected, not present

    REQUIRE(s.units.size() == 2);  // Giảng Võ's forum was in Q3, Bến Thành is in another city
    CHECK(s.units[0].code == "00004");
    CHECK(s.units[0].held == 1);
    CHECK(s.units[0].planned == 1);
    CHECK(s.units[0].attendees == 100);
    CHECK(s.units[0].raised == 3);
    CHECK(s.units[1].code == "00007");
    CHECK(s.units[1].held == 1);
    CHECK(s.units[1].attendees == 50);
    CHECK(s.units[1].raised == 2);

    CHECK(s.by_group.at("residents").forums == 2);
    CHECK(s.by_group.at("residents").counted_forums == 2);
    CHECK(s.by_group.at("residents").attendees == 120);
    CHECK(s.by_group.at("veterans").attendees == 10);
    CHECK(s.by_group.at("leaders").forums == 1);
    CHECK(s.by_group.at("leaders").counted_forums == 0);  // present, not counted
    CHECK(s.by_group.at("youth_union").forums == 1);
    CHECK(s.by_group.at("schools").forums == 0);

    CHECK(s.raised.raised == 5);
    CHECK(s.raised.answered_on_the_spot == 2);  // the praise and the theft; the light was answered later
    CHECK(s.raised.with_action == 2);           // the jam and the drugs; the theft's action was cancelled
    CHECK(s.by_category.at("traffic").raised == 2);
    CHECK(s.by_category.at("traffic").answered_on_the_spot == 0);
    CHECK(s.by_category.at("traffic").with_action == 1);
    CHECK(s.by_category.at("conduct").answered_on_the_spot == 1);
    CHECK(s.by_category.at("theft").answered_on_the_spot == 1);
    CHECK(s.by_category.at("theft").with_action == 0);
    CHECK(s.by_category.at("drugs").with_action == 1);
    CHECK(s.by_category.at("fire_safety").raised == 0);
    CHECK(s.actions == 2);
    CHECK(s.actions_done == 1);

    ForumSummary ward = forum_summary(*store, "00007", ReportPeriod{"2026-01-01", "2026-12-31"});
    CHECK(ward.forums == 1);
    CHECK(ward.raised.raised == 2);
    CHECK(ward.period_code.empty());
}

TEST_CASE_METHOD(CityQuarter, "the forum summary in JSON has codes and a fixed shape", "[outputs][forum_summary]") {
    auto j = nlohmann::json::parse(forum_summary_json(quarter()));
    CHECK(j["unit"] == nlohmann::json{{"code", "01"}, {"name", "Thành phố Hà Nội"}, {"name_en", "Hanoi"}});
    CHECK(j["period"] == nlohmann::json{{"from", "2026-10-01"}, {"to", "2026-12-31"}, {"code", "2026-Q4"}});
    CHECK(j["forums"] == nlohmann::json{{"total", 3}, {"held", 2}, {"reported", 1}, {"planned", 1}});
    CHECK(j["attendees"]["total"] == 150);
    CHECK(j["attendees"]["by_group"]["residents"] ==
          nlohmann::json{{"forums", 2}, {"counted_forums", 2}, {"attendees", 120}});
    CHECK(j["attendees"]["by_group"].size() == 9);  // every attendee group
    REQUIRE(j["units"].size() == 2);
    CHECK(j["units"][0] == nlohmann::json{{"code", "00004"},
                                          {"name", "Phường Ba Đình"},
                                          {"name_en", "Ba Dinh Ward"},
                                          {"held", 1},
                                          {"planned", 1},
                                          {"attendees", 100},
                                          {"raised", 3}});
    CHECK(j["raised"]["raised"] == 5);
    CHECK(j["raised"]["answered_on_the_spot"] == 2);
    CHECK(j["raised"]["with_action"] == 2);
    CHECK(j["raised"]["by_category"]["traffic"] ==
          nlohmann::json{{"raised", 2}, {"answered_on_the_spot", 0}, {"with_action", 1}});
    CHECK(j["actions"] == nlohmann::json{{"total", 2}, {"done", 1}});
    std::vector<std::string> keys;
    const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(forum_summary_json(quarter()));
    for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"unit", "period", "forums", "attendees", "units", "raised", "actions"});
}

TEST_CASE_METHOD(CityQuarter, "the forum summary reads in Vietnamese and in English", "[outputs][forum_summary]") {
    std::string vi = forum_summary_text(quarter(), Lang::vi);
    for (const char* line : {"Thành phố Hà Nội (01) · Quý IV/2026 (01/10/2026 – 31/12/2026)\n", "Đã tổ chức · 2\n",
                             "Trong đó đã báo cáo · 1\n", "Dự kiến, chưa tổ chức · 1\n", "Số người dự · 150\n",
                             "Phường Ba Đình (00004) · 1 · 1 · 100 · 3\n", "Nhân dân · 2 · 120\n",
                             "Lãnh đạo cấp ủy, chính quyền · 1 · –\n", "An toàn giao thông · 2 · 0 · 1\n",
                             "Tổng · 5 · 2 (40,0%) · 2 (40,0%)\n", "Đã hoàn thành · 1 (50,0%)\n"}) {
        INFO(line << " in:\n" << vi);
        CHECK(vi.find(line) != std::string::npos);
    }
    CHECK(vi.find("Phòng cháy") == std::string::npos);  // categories nothing was raised in are left out

    std::string en = forum_summary_text(quarter(), Lang::en);
    for (const char* line :
         {"Hanoi (01) · Q4 2026 (2026-10-01 – 2026-12-31)\n", "Held · 2\n", "Ba Dinh Ward (00004) · 1 · 1 · 100 · 3\n",
          "Residents · 2 · 120\n", "Traffic · 2 · 0 · 1\n", "Total · 5 · 2 (40.0%) · 2 (40.0%)\n"}) {
        INFO(line << " in:\n" << en);
        CHECK(en.find(line) != std::string::npos);
    }
    CHECK(en.find("Đã tổ chức") == std::string::npos);

    std::string csv = forum_summary_csv(quarter(), Lang::vi);
    CHECK(csv.rfind("\xEF\xBB\xBF"
                    "section,key,label,value\r\n",
                    0) == 0);
    CHECK(csv.find("unit_attendees,00007,Phường Ngọc Hà,50\r\n") != std::string::npos);
    CHECK(csv.find("category_with_action,drugs,Ma túy,1\r\n") != std::string::npos);
    CHECK(csv.find("raised,answered_on_the_spot,Giải đáp tại hội nghị,2\r\n") != std::string::npos);
}

TEST_CASE("the period options are chosen and refused alike for every report", "[outputs][forum_summary]") {
    auto field_of = [](const PeriodOptions& o) {
        try {
            choose_period(o, "2026-12-04");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_input);
            CHECK(e.message(Lang::vi) != e.message(Lang::en));
            return e.field();
        }
        return std::string("accepted");
    };
    CHECK(field_of({.month = "2026-11", .year = "2026"}) == "year");
    CHECK(field_of({.from = "2026-01-01", .quarter = "2026-Q4"}) == "quarter");
    CHECK(field_of({.month = "2026-13"}) == "month");
    CHECK(field_of({.quarter = "2026-Q5"}) == "quarter");
    CHECK(field_of({.from = "31/02/2026"}) == "from");
    CHECK(field_of({.from = "2026-12-01", .to = "2026-11-01"}) == "to");
    ChosenPeriod by_default = choose_period({}, "2026-12-04");
    CHECK(by_default.dates.from == "2026-01-01");
    CHECK(by_default.dates.to == "2026-12-04");
    CHECK_FALSE(by_default.calendar);
    ChosenPeriod month = choose_period({.month = "11/2026"}, "2026-12-04");
    REQUIRE(month.calendar);
    CHECK(month.dates.to == "2026-11-30");
    CHECK(choose_period({.from = "01/10/2026", .to = "2026-10-31"}, "2026-12-04").dates.from == "2026-10-01");
}

TEST_CASE("langnghe forum summary prints, writes files and refuses a bad period", "[cli][forum_summary]") {
    test::TempDir dir;
    test::CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    auto forum = [&](const std::string& unit, const std::string& date, const std::string& attendees) {
        std::string id = device.ok({"forum", "add", "--unit", unit, "--title", "Hội nghị lắng nghe", "--date", date,
                                    "--attendees", attendees, "--attendees", "residents=20"});
        id.pop_back();
        device.ok({"forum", "hold", id});
        return id;
    };
    std::string ba_dinh = forum("00004", "2026-11-12", "60");
    forum("00007", "2026-11-14", "40");
    std::string fb =
        device.ok({"feedback", "add", "--unit", "00004", "--forum", ba_dinh, "--kind", "request", "--category",
                   "traffic", "--text", "Đèn tín hiệu hỏng", "--received-at", "2026-11-12 08:30"});
    fb = fb.substr(0, fb.find('\n'));
    device.ok({"feedback", "answer", fb, "--text", "Sẽ báo UBND phường", "--at", "12/11/2026 09:00"});

    auto j = nlohmann::json::parse(
        device.ok({"forum", "summary", "--unit", "01", "--month", "2026-11", "--format", "json"}));
    CHECK(j["forums"]["held"] == 2);
    CHECK(j["attendees"]["total"] == 100);
    CHECK(j["attendees"]["by_group"]["residents"]["attendees"] == 40);
    CHECK(j["raised"]["answered_on_the_spot"] == 1);
    CHECK(nlohmann::json::parse(device.ok({"--json", "forum", "summary", "--unit", "01", "--year", "2026"}))["units"]
              .size() == 2);

    std::string vi =
        device.ok({"--lang", "vi", "forum", "summary", "--unit", "01", "--from", "01/11/2026", "--to", "30/11/2026"});
    CHECK(vi.find("Thành phố Hà Nội (01) · 01/11/2026 – 30/11/2026") != std::string::npos);
    CHECK(vi.find("Phường Ngọc Hà (00007) · 1 · 0 · 40 · 0") != std::string::npos);
    device.ok(
        {"forum", "summary", "--unit", "01", "--quarter", "2026-Q4", "--format", "csv", "--output", dir.file("s.csv")});
    CHECK(dir.read("s.csv").rfind("\xEF\xBB\xBF"
                                  "section,key,label,value",
                                  0) == 0);

    for (const std::vector<std::string>& bad :
         std::vector<std::vector<std::string>>{{"--month", "2026-13"},
                                               {"--month", "2026-11", "--year", "2026"},
                                               {"--quarter", "2026-Q4", "--to", "2026-12-01"},
                                               {"--from", "2026-12-01", "--to", "2026-11-01"},
                                               {"--format", "pdf"}}) {
        std::vector<std::string> args{"forum", "summary", "--unit", "01"};
        args.insert(args.end(), bad.begin(), bad.end());
        test::ProcessResult r = device.run(args);
        INFO(bad[0] << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
    }
    CHECK(device.run({"forum", "summary", "--unit", "99", "--year", "2026"}).exit_code == 2);
}
