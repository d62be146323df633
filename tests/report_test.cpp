// The unit report over a fixed data set whose every figure is computed by hand below: feedback by
// kind and category, shares, median days to the first answer, overdue actions, ballots, months,
// and the children side by side; then the JSON, CSV, text and SVG renderings.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>

#include "langnghe/base/csv.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/commitment.h"
#include "langnghe/model/criteria.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/report.h"
#include "langnghe/outputs/report_period.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {

// Milliseconds at `hour`:00 Vietnam time (UTC+7) on an ISO date.
std::int64_t ms_at(const std::string& iso, int hour) {
    return days_from_iso(iso) * 86400000 + (hour - 7) * std::int64_t{3600000};
}

// Units: 01 (city) → 00004 (ward) → 0000401 (residential group); 01 → 00008 (ward); 79 elsewhere.
// Period 2026-03-01 .. 2026-04-30, today 2026-05-10.
//
// Feedback (received, unit, kind, category → what happens):
//   F1  03-02 00004   request    traffic      answered 03-05 (3 days)
//   F2  03-10 00004   criticism  conduct      answered 03-20 (10 days), resolved 03-25
//   F3  03-15 0000401 request    traffic      acknowledged 03-16
//   F12 03-20 0000401 request    fire_safety  answered 03-27 (7 days)
//   F4  04-01 00008   praise     conduct      resolved 04-02 (never answered: no answer given)
//   F11 04-05 00004   request    urban_order  planned by action A1 on 04-06
//   F5  04-10 00008   question   procedures   answered 04-11 (1 day), reopened 04-12, answered 04-20
//   F6  04-30 00008   incident   theft        new (23:00 on the last day: inside)
//   F7  02-28 00004   suggestion environment  outside the period (answered 03-01)
//   F8  05-01 00004   request    traffic      outside the period
//   F9  03-10 79      request    traffic      outside the unit
//   F10 03-11 00004   request    traffic      deleted
// In the period under 01: 8. Acknowledged 7 (all but F6); answered 4 (F1 F2 F5 F12: an answer
// given and standing; F4 and F11 were resolved and planned without one);
// resolved 2 (F2 F4). Days to first answer 1, 3, 7, 10 → median (3 + 7) / 2 = 5.
//
// Actions (unit, due, status): A1 00004 04-30 open (F11) → 10 days overdue; A2 0000401 05-09
// in_progress → 1 day; A3 00008 05-01 done; A4 00008 05-10 open (due today: not overdue);
// A5 79 04-01 open (outside); A6 00008 03-15 cancelled.
//
// Ballots (unit, date, attitude responsibility competence timeliness transparency overall):
//   B1 00004   03-05  5 4 4 3 4 5
//   B2 00004   03-20  4 4 3 3 4 4
//   B3 0000401 03-28  3 3 3 2 3 3
//   B4 00008   04-02  5 5 5 4 5 5
//   B5 00008   04-15  2 2 2 1 2 2
//   B6 00008   04-20  all 5, voided;  B7 00004 02-27 all 1 (outside);  B8 79 03-10 all 5 (outside)
// 5 ballots, satisfied 3 (B1 B2 B4) = 0.6; means 3.8 3.6 3.4 2.6 3.6 3.8;
// 2026-03: 3 ballots, overall (5+4+3)/3 = 4; 2026-04: 2 ballots, (5+2)/2 = 3.5.
struct ReportFixture {
    test::TempDir dir;
    std::int64_t now_ms = ms_at("2026-02-01", 8);
    std::unique_ptr<Store> store;
    Actor actor{"Thiếu tá Lê Văn Cường", "unit_head"};  // records, deletes, voids and manages actions
    std::map<std::string, std::string> fb;  // F1.. → id
    std::map<std::string, std::string> ac;  // A1.. → id
    ReportPeriod period{"2026-03-01", "2026-04-30"};
    std::string today = "2026-05-10";

    static std::unique_ptr<Store> open(const std::string& path, std::int64_t* clock) {
        StoreOptions options;
        options.clock = [clock] { return *clock; };
        return Store::open(path, options);
    }

    void at(const std::string& iso, int hour) {
        std::int64_t next = ms_at(iso, hour);
        REQUIRE(next > now_ms);  // the clock only moves forward
        now_ms = next;
    }

    void feedback(const std::string& name, const std::string& unit, const std::string& kind,
                  const std::string& category, const std::string& received_at) {
        fb[name] = add_feedback(*store, actor,
                                {.unit = unit, .kind = kind, .category = category,
                                 .text = "Ý kiến " + name + " của nhân dân", .received_at = received_at});
    }

    void ballot(const std::string& unit, const std::string& date, std::array<int, 6> s, bool voided = false) {
        BallotInput in{.unit = unit, .date = date};
        in.scores = {{"attitude", s[0]},   {"responsibility", s[1]}, {"competence", s[2]},
                     {"timeliness", s[3]}, {"transparency", s[4]},   {"overall", s[5]}};
        auto id = add_ballot(*store, actor, in);
        if (voided) void_ballot(*store, actor, id, "Phiếu ghi trùng");
    }

    std::string action(const std::string& unit, const std::string& due, const std::string& owner,
                       const std::string& description, std::vector<std::string> feedback_ids = {}) {
        return add_action(*store, actor,
                          {.unit = unit, .description = description, .owner = owner, .due = due,
                           .add_feedback = std::move(feedback_ids)});
    }

    ReportFixture() : store(open(dir.file("device.db"), &now_ms)) {
        import_units(*store, actor,
                     "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n"
                     "0000401,Tổ dân phố số 1 & 2,residential_group,00004\n00008,Phường Ngọc Hà,ward,01\n"
                     "79,Thành phố Hồ Chí Minh,city,\n");
        feedback("F1", "00004", "request", "traffic", "2026-03-02 09:00");
        feedback("F2", "00004", "criticism", "conduct", "2026-03-10 08:00");
        feedback("F3", "0000401", "request", "traffic", "2026-03-15 10:00");
        feedback("F12", "0000401", "request", "fire_safety", "2026-03-20 09:00");
        feedback("F4", "00008", "praise", "conduct", "2026-04-01 09:00");
        feedback("F11", "00004", "request", "urban_order", "2026-04-05 09:00");
        feedback("F5", "00008", "question", "procedures", "2026-04-10 09:00");
        feedback("F6", "00008", "incident", "theft", "2026-04-30 23:00");
        feedback("F7", "00004", "suggestion", "environment", "2026-02-28 09:00");
        feedback("F8", "00004", "request", "traffic", "2026-05-01 08:00");
        feedback("F9", "79", "request", "traffic", "2026-03-10 09:00");
        feedback("F10", "00004", "request", "traffic", "2026-03-11 09:00");
        delete_record(*store, actor, fb["F10"], "ghi trùng");

        ballot("00004", "2026-03-05", {5, 4, 4, 3, 4, 5});
        ballot("00004", "2026-03-20", {4, 4, 3, 3, 4, 4});
        ballot("0000401", "2026-03-28", {3, 3, 3, 2, 3, 3});
        ballot("00008", "2026-04-02", {5, 5, 5, 4, 5, 5});
        ballot("00008", "2026-04-15", {2, 2, 2, 1, 2, 2});
        ballot("00008", "2026-04-20", {5, 5, 5, 5, 5, 5}, true);
        ballot("00004", "2026-02-27", {1, 1, 1, 1, 1, 1});
        ballot("79", "2026-03-10", {5, 5, 5, 5, 5, 5});

        at("2026-03-01", 10);
        answer_feedback(*store, actor, fb["F7"], "Đã trả lời");
        at("2026-03-05", 10);
        answer_feedback(*store, actor, fb["F1"], "Đã bố trí lực lượng phân luồng giờ tan học");
        at("2026-03-16", 9);
        acknowledge_feedback(*store, actor, fb["F3"]);
        at("2026-03-20", 15);
        answer_feedback(*store, actor, fb["F2"], "Đã kiểm điểm cán bộ");
        at("2026-03-25", 9);
        resolve_feedback(*store, actor, fb["F2"]);
        at("2026-03-27", 23);  // 23:00 local is still 03-27 in Vietnam (16:00 UTC)
        answer_feedback(*store, actor, fb["F12"], "Đã kiểm tra bình chữa cháy");
        at("2026-04-02", 8);
        resolve_feedback(*store, actor, fb["F4"]);
        at("2026-04-06", 8);
        ac["A1"] = action("00004", "2026-04-30", "Trung úy Lê Hùng", "Dọn lấn chiếm vỉa hè phố Đội Cấn", {fb["F11"]});
        ac["A2"] = action("0000401", "2026-05-09", "Thiếu úy Trần Mai", "Kiểm tra PCCC nhà trọ");
        set_action_status(*store, actor, ac["A2"], "in_progress");
        ac["A3"] = action("00008", "2026-05-01", "Đại úy Phạm Minh", "Hướng dẫn thủ tục cư trú");
        set_action_status(*store, actor, ac["A3"], "done", "Đã hướng dẫn");
        ac["A4"] = action("00008", "2026-05-10", "Đại úy Phạm Minh", "Tuần tra đêm");
        ac["A5"] = action("79", "2026-04-01", "Trung úy Võ Nam", "Ngoài phạm vi");
        ac["A6"] = action("00008", "2026-03-15", "Đại úy Phạm Minh", "Đã hủy");
        set_action_status(*store, actor, ac["A6"], "cancelled", "Không còn cần");
        at("2026-04-11", 10);
        answer_feedback(*store, actor, fb["F5"], "Hướng dẫn lần một");
        at("2026-04-12", 10);
        reopen_feedback(*store, actor, fb["F5"], "Người dân chưa rõ");
        at("2026-04-20", 10);
        answer_feedback(*store, actor, fb["F5"], "Hướng dẫn lần hai");
        at("2026-05-10", 12);
    }
};

bool ends_with_error(const std::function<void()>& f, ErrorCode code, const std::string& field) {
    try {
        f();
    } catch (const Error& e) {
        return e.code() == code && e.field() == field;
    }
    return false;
}

}  // namespace

TEST_CASE_METHOD(ReportFixture, "the unit report counts feedback by kind and category over the subtree and period",
                 "[outputs]") {
    UnitReport r = unit_report(*store, "01", period, today);
    CHECK(r.unit == "01");
    CHECK(r.name == "Thành phố Hà Nội");
    CHECK(r.period.from == "2026-03-01");
    CHECK(r.period.to == "2026-04-30");
    CHECK(r.feedback_total == 8);
    CHECK(r.by_kind == std::map<std::string, std::size_t>{{"praise", 1},   {"criticism", 1}, {"suggestion", 0},
                                                          {"request", 4},  {"question", 1},  {"incident", 1}});
    std::map<std::string, std::size_t> categories_expected;
    for (const auto& c : categories()) categories_expected[std::string(c.code)] = 0;
    categories_expected["traffic"] = 2;
    categories_expected["conduct"] = 2;
    categories_expected["fire_safety"] = 1;
    categories_expected["urban_order"] = 1;
    categories_expected["procedures"] = 1;
    categories_expected["theft"] = 1;
    CHECK(r.by_category == categories_expected);
    CHECK(r.by_category.size() == 15);
}

TEST_CASE_METHOD(ReportFixture, "the unit report's shares and median days to the first answer", "[outputs]") {
    UnitReport r = unit_report(*store, "01", period, today);
    CHECK(r.acknowledged_share == Approx(7.0 / 8));
    CHECK(r.answered_share == Approx(4.0 / 8));
    CHECK(r.resolved_share == Approx(2.0 / 8));
    REQUIRE(r.median_days_to_answer);
    CHECK(*r.median_days_to_answer == Approx(5.0));  // 1, 3, 7, 10
    CHECK(r.answered_with_date == 4);

    // Odd count: 00008's subtree has only F5 (1 day); 00004's has F1 3, F2 10, F12 7 → 7.
    CHECK(*unit_report(*store, "00008", period, today).median_days_to_answer == Approx(1.0));
    CHECK(*unit_report(*store, "00004", period, today).median_days_to_answer == Approx(7.0));
}

TEST_CASE_METHOD(ReportFixture, "the unit report lists overdue actions with owners as of today", "[outputs]") {
    UnitReport r = unit_report(*store, "01", period, today);
    REQUIRE(r.overdue_actions.size() == 2);
    CHECK(r.overdue_actions[0].id == ac["A1"]);
    CHECK(r.overdue_actions[0].owner == "Trung úy Lê Hùng");
    CHECK(r.overdue_actions[0].due == "2026-04-30");
    CHECK(r.overdue_actions[0].description == "Dọn lấn chiếm vỉa hè phố Đội Cấn");
    CHECK(r.overdue_actions[0].days_overdue == 10);
    CHECK(r.overdue_actions[0].unit == "00004");
    CHECK(r.overdue_actions[0].unit_name == "Phường Ba Đình");
    CHECK(r.overdue_actions[1].id == ac["A2"]);
    CHECK(r.overdue_actions[1].unit == "0000401");
    CHECK(r.overdue_actions[1].owner == "Thiếu úy Trần Mai");
    CHECK(r.overdue_actions[1].days_overdue == 1);
    CHECK(get_feedback(*store, fb["F11"]).status == "planned");

    // The next day A4 (due 05-10) is overdue too.
    auto tomorrow = unit_report(*store, "00008", period, "2026-05-11");
    REQUIRE(tomorrow.overdue_actions.size() == 1);
    CHECK(tomorrow.overdue_actions[0].id == ac["A4"]);
    CHECK(tomorrow.overdue_actions[0].days_overdue == 1);
}

TEST_CASE_METHOD(ReportFixture, "the unit report's satisfaction figures", "[outputs]") {
    const auto& s = unit_report(*store, "01", period, today).satisfaction;
    CHECK(s.ballots == 5);
    CHECK(s.satisfied_share == Approx(0.6));
    REQUIRE(s.mean_by_criterion.size() == 6);
    CHECK(s.mean_by_criterion.at("attitude") == Approx(3.8));
    CHECK(s.mean_by_criterion.at("responsibility") == Approx(3.6));
    CHECK(s.mean_by_criterion.at("competence") == Approx(3.4));
    CHECK(s.mean_by_criterion.at("timeliness") == Approx(2.6));
    CHECK(s.mean_by_criterion.at("transparency") == Approx(3.6));
    CHECK(s.mean_by_criterion.at("overall") == Approx(3.8));
    REQUIRE(s.by_month.size() == 2);
    CHECK(s.by_month.at("2026-03").count == 3);
    CHECK(s.by_month.at("2026-03").mean_overall == Approx(4.0));
    CHECK(s.by_month.at("2026-04").count == 2);
    CHECK(s.by_month.at("2026-04").mean_overall == Approx(3.5));
}

TEST_CASE_METHOD(ReportFixture, "the unit report puts direct children side by side, each rolled up", "[outputs]") {
    UnitReport r = unit_report(*store, "01", period, today);
    REQUIRE(r.children.size() == 2);
    const auto& ba_dinh = r.children[0];  // 00004 with 0000401 below it
    CHECK(ba_dinh.code == "00004");
    CHECK(ba_dinh.name == "Phường Ba Đình");
    CHECK(ba_dinh.feedback_total == 5);  // F1 F2 F3 F11 F12
    CHECK(ba_dinh.answered_share == Approx(3.0 / 5));  // F1 F2 F12
    CHECK(ba_dinh.resolved_share == Approx(1.0 / 5));
    CHECK(ba_dinh.ballots == 3);
    CHECK(ba_dinh.satisfied_share == Approx(2.0 / 3));
    const auto& ngoc_ha = r.children[1];
    CHECK(ngoc_ha.code == "00008");
    CHECK(ngoc_ha.feedback_total == 3);  // F4 F5 F6
    CHECK(ngoc_ha.answered_share == Approx(1.0 / 3));  // F5
    CHECK(ngoc_ha.resolved_share == Approx(1.0 / 3));
    CHECK(ngoc_ha.ballots == 2);
    CHECK(ngoc_ha.satisfied_share == Approx(0.5));
    // The rest of each row: acknowledged, median days to the first answer, overdue actions today.
    CHECK(ba_dinh.acknowledged_share == Approx(1.0));
    CHECK(ngoc_ha.acknowledged_share == Approx(2.0 / 3));  // F6 is new
    REQUIRE(ba_dinh.median_days_to_answer);
    CHECK(*ba_dinh.median_days_to_answer == Approx(7.0));  // F1 3, F2 10, F12 7
    REQUIRE(ngoc_ha.median_days_to_answer);
    CHECK(*ngoc_ha.median_days_to_answer == Approx(1.0));
    CHECK(ba_dinh.overdue_actions == 2);  // A1 at the ward, A2 at its group
    CHECK(ngoc_ha.overdue_actions == 0);

    UnitReport ward = unit_report(*store, "00004", period, today);
    REQUIRE(ward.children.size() == 1);
    CHECK(ward.children[0].code == "0000401");
    CHECK(ward.children[0].feedback_total == 2);
    CHECK(ward.children[0].answered_share == Approx(0.5));
    CHECK(ward.children[0].ballots == 1);
    CHECK(ward.children[0].satisfied_share == Approx(0.0));
    CHECK(unit_report(*store, "0000401", period, today).children.empty());
}

TEST_CASE_METHOD(ReportFixture, "an empty period gives zeros, every code and no median", "[outputs]") {
    UnitReport r = unit_report(*store, "01", {"01/01/2025", "31/01/2025"}, today);
    CHECK(r.period.from == "2025-01-01");
    CHECK(r.feedback_total == 0);
    CHECK(r.by_kind.size() == 6);
    CHECK(r.by_kind.at("praise") == 0);
    CHECK(r.answered_share == 0.0);
    CHECK_FALSE(r.median_days_to_answer);
    CHECK(r.satisfaction.ballots == 0);
    CHECK(r.satisfaction.by_month.empty());
    auto j = nlohmann::json::parse(report_json(r));
    CHECK(j["feedback"]["median_days_to_answer"].is_null());
    CHECK(j["satisfaction"]["mean_by_criterion"]["overall"].is_null());
    CHECK(report_svg(r, Lang::vi).find("Chưa có phiếu đánh giá trong kỳ") != std::string::npos);
}

TEST_CASE_METHOD(ReportFixture, "the unit report refuses bad input", "[outputs]") {
    CHECK(ends_with_error([&] { unit_report(*store, "99999", period, today); }, ErrorCode::not_found, "unit"));
    CHECK(ends_with_error([&] { unit_report(*store, "01", {"2026-04-30", "2026-03-01"}, today); },
                          ErrorCode::invalid_input, "to"));
    CHECK(ends_with_error([&] { unit_report(*store, "01", {"2026-02-30", "2026-03-01"}, today); },
                          ErrorCode::invalid_input, "from"));
    CHECK(ends_with_error([&] { unit_report(*store, "01", period, "hôm nay"); }, ErrorCode::invalid_input, "today"));
}

TEST_CASE_METHOD(ReportFixture, "the report as JSON keeps codes and a fixed key order", "[outputs]") {
    std::string text = report_json(unit_report(*store, "01", period, today));
    auto j = nlohmann::ordered_json::parse(text);
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"unit", "period", "today", "feedback", "overdue_actions", "satisfaction",
                                           "criteria", "commitments", "children"});
    CHECK(j["unit"]["code"] == "01");
    CHECK(j["feedback"]["total"] == 8);
    CHECK(j["feedback"]["by_kind"]["request"] == 4);
    CHECK(j["feedback"]["by_kind"]["suggestion"] == 0);
    CHECK(j["feedback"]["by_category"].begin().key() == "conduct");  // vocabulary order
    CHECK(j["feedback"]["by_category"]["traffic"] == 2);
    CHECK(j["feedback"]["answered_share"].get<double>() == Approx(0.5));
    CHECK(j["feedback"]["median_days_to_answer"].get<double>() == Approx(5.0));
    CHECK(j["overdue_actions"].size() == 2);
    CHECK(j["overdue_actions"][0]["owner"] == "Trung úy Lê Hùng");
    CHECK(j["overdue_actions"][0]["days_overdue"] == 10);
    CHECK(j["satisfaction"]["mean_by_criterion"]["timeliness"].get<double>() == Approx(2.6));
    CHECK(j["satisfaction"]["by_month"]["2026-04"]["mean_overall"].get<double>() == Approx(3.5));
    CHECK(j["children"][1]["code"] == "00008");
    CHECK(j["children"][1]["satisfied_share"].get<double>() == Approx(0.5));
    CHECK(text.find("Thái độ") == std::string::npos);  // codes, not labels
}

// One CSV section as rows, after checking the BOM and that every row is as wide as the header.
std::vector<std::vector<std::string>> csv_section(const UnitReport& r, const std::string& section, Lang lang) {
    std::string csv = report_csv(r, section, lang);
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    auto rows = parse_csv(csv);
    REQUIRE_FALSE(rows.empty());
    for (const auto& row : rows) CHECK(row.size() == rows[0].size());
    return rows;
}

// The row whose first cell is `key` ({} when none).
std::vector<std::string> row_of(const std::vector<std::vector<std::string>>& rows, const std::string& key) {
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i][0] == key) return rows[i];
    return {};
}

TEST_CASE_METHOD(ReportFixture, "the report as CSV is one table per section, with a header of columns", "[outputs]") {
    UnitReport r = unit_report(*store, "01", period, today);
    auto kinds = csv_section(r, "kinds", Lang::vi);
    CHECK(kinds[0] == std::vector<std::string>{"loai", "ten", "so_luong"});
    CHECK(row_of(kinds, "request") == std::vector<std::string>{"request", "Kiến nghị", "4"});
    auto categories = csv_section(r, "categories", Lang::en);
    CHECK(categories[0] == std::vector<std::string>{"category", "label", "count"});
    CHECK(row_of(categories, "conduct") == std::vector<std::string>{"conduct", "Conduct", "2"});
    CHECK(row_of(categories, "drugs") == std::vector<std::string>{"drugs", "Drugs", "0"});

    auto summary = csv_section(r, "summary", Lang::en);
    REQUIRE(summary.size() == 2);  // no previous period over --from/--to
    auto cell = [&](const std::vector<std::vector<std::string>>& rows, std::size_t row, const std::string& column) {
        auto at = std::find(rows[0].begin(), rows[0].end(), column);
        REQUIRE(at != rows[0].end());
        return rows[row][static_cast<std::size_t>(at - rows[0].begin())];
    };
    CHECK(cell(summary, 1, "unit") == "01");
    CHECK(cell(summary, 1, "feedback_total") == "8");
    CHECK(cell(summary, 1, "answered_share") == "0.5000");
    CHECK(cell(summary, 1, "median_days_to_answer") == "5.0");
    CHECK(cell(summary, 1, "overdue_count") == "2");

    auto overdue = csv_section(r, "overdue_actions", Lang::en);
    CHECK(overdue[0] == std::vector<std::string>{"unit", "unit_name", "id", "owner", "due", "days_overdue", "description"});
    REQUIRE(overdue.size() == 3);
    CHECK(cell(overdue, 1, "owner") == "Trung úy Lê Hùng");

    auto satisfaction = csv_section(r, "satisfaction", Lang::vi);
    CHECK(row_of(satisfaction, "attitude") == std::vector<std::string>{"attitude", "Thái độ", "3.80"});
    // Every month of the period, those without ballots too.
    auto months = csv_section(r, "months", Lang::vi);
    REQUIRE(months.size() == 3);
    CHECK(row_of(months, "2026-03") == std::vector<std::string>{"2026-03", "Tháng 03/2026", "3", "4.00"});

    auto units = csv_section(r, "units", Lang::en);
    CHECK(units[0].front() == "unit");
    CHECK(row_of(units, "00008")[2] == "3");
    CHECK(units.size() == r.children.size() + 1);  // empty units too: a table for programs

    CHECK(ends_with_error([&] { report_csv(r, "everything", Lang::en); }, ErrorCode::invalid_input, "section"));
    CHECK(report_csv_sections().size() == 8);
}

TEST_CASE_METHOD(ReportFixture, "the report as text has aligned tables in either language", "[outputs]") {
    UnitReport r = unit_report(*store, "01", period, today);
    std::string vi = report_text(r, Lang::vi);
    CHECK(vi.find("BÁO CÁO ĐƠN VỊ") != std::string::npos);
    CHECK(vi.find("01/03/2026 – 30/04/2026") != std::string::npos);
    auto answered_row = vi.find("Tỷ lệ đã giải đáp");
    REQUIRE(answered_row != std::string::npos);
    // Vietnamese writes the decimal comma; English the dot.
    CHECK(vi.substr(answered_row, vi.find('\n', answered_row) - answered_row).find("50,0%") != std::string::npos);
    CHECK(vi.find("50.0%") == std::string::npos);
    CHECK(vi.find("Trung úy Lê Hùng") != std::string::npos);
    std::map<std::string, std::size_t> widths;  // category rows end at the same column
    std::istringstream lines(vi);
    for (std::string line; std::getline(lines, line);)
        for (const auto& c : categories())
            if (line.rfind("  " + std::string(c.vi) + " ", 0) == 0) widths[std::string(c.code)] = codepoint_count(line);
    REQUIRE(widths.size() == 15);
    for (const auto& [code, w] : widths) CHECK(w == widths.at("conduct"));

    std::string en = report_text(r, Lang::en);
    CHECK(en.find("UNIT REPORT") != std::string::npos);
    CHECK(en.find("Units side by side") != std::string::npos);
    CHECK(en.find("Fire safety") != std::string::npos);
    CHECK(en.find("50.0%") != std::string::npos);
    CHECK(en.find("50,0%") == std::string::npos);
}

TEST_CASE_METHOD(ReportFixture, "units with nothing in the period share one line of the side-by-side table",
                 "[outputs]") {
    import_units(*store, actor,
                 "code,name,kind,parent_code\n00010,Phường Hoàn Kiếm,ward,01\n00011,Phường Cửa Nam,ward,01\n");
    UnitReport r = unit_report(*store, "01", period, today);
    REQUIRE(r.children.size() == 4);  // every child is in the data, empty or not
    CHECK(r.children[2].empty());
    CHECK_FALSE(r.children[0].empty());

    std::string vi = report_text(r, Lang::vi);
    CHECK(vi.find("2 đơn vị không có ý kiến, phiếu hay kế hoạch quá hạn trong kỳ: 00010 Phường Hoàn Kiếm, 00011 Phường "
                  "Cửa Nam\n") != std::string::npos);
    CHECK(vi.find("00004 Phường Ba Đình") != std::string::npos);
    std::size_t rows_naming_hoan_kiem = 0;
    for (std::size_t at = vi.find("Hoàn Kiếm"); at != std::string::npos; at = vi.find("Hoàn Kiếm", at + 1)) ++rows_naming_hoan_kiem;
    CHECK(rows_naming_hoan_kiem == 1);
    CHECK(report_text(r, Lang::en).find("2 units with no feedback, ballots or overdue actions in the period") !=
          std::string::npos);
}

TEST_CASE_METHOD(ReportFixture, "the report as SVG is one well-formed document with Vietnamese labels", "[outputs]") {
    std::string svg = report_svg(unit_report(*store, "0000401", period, today), Lang::vi);
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    CHECK(svg.find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
    CHECK(svg.find("Noto Sans, Arial, sans-serif") != std::string::npos);
    CHECK(svg.find("Thái độ, tác phong, ứng xử") != std::string::npos);
    CHECK(svg.find("Phòng cháy chữa cháy") != std::string::npos);
    CHECK(svg.find(">T3</text>") != std::string::npos);
    CHECK(svg.find(">2026</text>") != std::string::npos);
    CHECK(svg.find("Tổ dân phố số 1 &amp; 2") != std::string::npos);
    CHECK(svg.find("số 1 & 2") == std::string::npos);

    std::string full = report_svg(unit_report(*store, "01", period, today), Lang::en);
    CHECK(full.find("Conduct") != std::string::npos);
    // xmllint (libxml2-utils) is installed by scripts/install-deps for exactly this check.
    REQUIRE(std::filesystem::exists("/usr/bin/xmllint"));
    for (const auto& [name, doc] : {std::pair{"vi.svg", svg}, std::pair{"en.svg", full}}) {
        dir.write(name, doc);
        std::string command = "/usr/bin/xmllint --noout '" + dir.file(name) + "'";
        CHECK(std::system(command.c_str()) == 0);
    }
}

TEST_CASE("calendar periods know their days and the period before", "[outputs][periods]") {
    CalendarPeriod q1 = parse_quarter("2026-Q1");
    CHECK(q1.dates().from == "2026-01-01");
    CHECK(q1.dates().to == "2026-03-31");
    CalendarPeriod q4 = q1.previous();
    CHECK(q4.code() == "2025-Q4");
    CHECK(q4.dates().from == "2025-10-01");
    CHECK(q4.dates().to == "2025-12-31");
    CHECK(q4.label(Lang::vi) == "Quý IV/2025");
    CHECK(q4.label(Lang::en) == "Q4 2025");
    CHECK(parse_quarter("2026-q3").previous().code() == "2026-Q2");

    CalendarPeriod january = parse_month("2026-01");
    CHECK(january.previous().code() == "2025-12");
    CHECK(january.previous().dates().from == "2025-12-01");
    CHECK(january.previous().dates().to == "2025-12-31");
    CHECK(january.previous().label(Lang::vi) == "Tháng 12/2025");
    CHECK(parse_month("11/2026").code() == "2026-11");
    CHECK(parse_month("2024-03").previous().dates().to == "2024-02-29");  // a leap year
    CHECK(parse_month("2026-03").previous().dates().to == "2026-02-28");
    CHECK(parse_month("2026-11").dates().to == "2026-11-30");

    CalendarPeriod year = parse_year("2026");
    CHECK(year.dates().from == "2026-01-01");
    CHECK(year.dates().to == "2026-12-31");
    CHECK(year.previous().code() == "2025");
    CHECK(year.label(Lang::vi) == "Năm 2026");

    for (std::string bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "abcd-11", ""})
        CHECK(ends_with_error([&] { parse_month(bad); }, ErrorCode::invalid_input, "month"));
    for (std::string bad : {"2026-Q5", "2026-Q0", "2026Q4", "2026-4", "Q4-2026"})
        CHECK(ends_with_error([&] { parse_quarter(bad); }, ErrorCode::invalid_input, "quarter"));
    for (std::string bad : {"26", "20266", "year", "1899"})
        CHECK(ends_with_error([&] { parse_year(bad); }, ErrorCode::invalid_input, "year"));
}

// April against March in the fixture: feedback 4 (F4 F11 F5 F6) against 4 (F1 F2 F3 F12);
// answered 1 (F5) against 3 (F1 F2 F12); ballots 2 (B4 B5, satisfied 1) against 3 (B1 B2 B3,
// satisfied 2).
TEST_CASE_METHOD(ReportFixture, "a month's report has the month before side by side", "[outputs][periods]") {
    UnitReport r = unit_report(*store, "01", parse_month("2026-04"), today);
    CHECK(r.period.from == "2026-04-01");
    CHECK(r.period.to == "2026-04-30");
    CHECK(r.period_code == "2026-04");
    REQUIRE(r.previous);
    CHECK(r.previous->code == "2026-03");
    CHECK(r.previous->period.from == "2026-03-01");
    CHECK(r.previous->period.to == "2026-03-31");
    CHECK(r.feedback_total == 4);
    CHECK(r.answered_share == Approx(0.25));
    CHECK(r.satisfaction.ballots == 2);
    CHECK(r.previous->figures.feedback_total == 4);
    CHECK(r.previous->figures.answered_share == Approx(0.75));
    CHECK(r.previous->figures.ballots == 3);
    CHECK(r.previous->figures.satisfied_share == Approx(2.0 / 3.0));

    auto j = nlohmann::ordered_json::parse(report_json(r));
    CHECK(j["period"]["code"] == "2026-04");
    CHECK(j["previous"]["period"]["code"] == "2026-03");
    CHECK(j["previous"]["period"]["from"] == "2026-03-01");
    CHECK(j["previous"]["feedback"]["total"] == 4);
    CHECK(j["previous"]["feedback"]["answered_share"].get<double>() == Approx(0.75));
    CHECK(j["previous"]["satisfaction"]["ballots"] == 3);

    // The summary has a row for each period; what is counted on the report's day only is left blank.
    auto summary = csv_section(r, "summary", Lang::en);
    REQUIRE(summary.size() == 3);
    CHECK(summary[0][0] == "period");
    CHECK(summary[1][0] == "2026-04");
    CHECK(summary[2][0] == "2026-03");
    CHECK(summary[2][1] == "2026-03-01");
    auto answered = static_cast<std::size_t>(std::find(summary[0].begin(), summary[0].end(), "answered_share") - summary[0].begin());
    auto ballots = static_cast<std::size_t>(std::find(summary[0].begin(), summary[0].end(), "ballots") - summary[0].begin());
    auto overdue = static_cast<std::size_t>(std::find(summary[0].begin(), summary[0].end(), "overdue_count") - summary[0].begin());
    REQUIRE(overdue < summary[0].size());
    CHECK(summary[1][answered] == "0.2500");
    CHECK(summary[2][answered] == "0.7500");
    CHECK(summary[1][ballots] == "2");
    CHECK(summary[2][ballots] == "3");
    CHECK_FALSE(summary[1][overdue].empty());
    CHECK(summary[2][overdue].empty());

    std::string vi = report_text(r, Lang::vi);
    CHECK(vi.find("Tháng 04/2026: 01/04/2026 – 30/04/2026") != std::string::npos);
    auto answered_row = vi.find("Tỷ lệ đã giải đáp");
    REQUIRE(answered_row != std::string::npos);
    std::string line = vi.substr(answered_row, vi.find('\n', answered_row) - answered_row);
    CHECK(line.find("25,0%") != std::string::npos);
    CHECK(line.find("75,0%") > line.find("25,0%"));
    CHECK(line.find("75,0%") != std::string::npos);
    CHECK(vi.find("Tháng 03/2026") != std::string::npos);
    CHECK(report_text(r, Lang::en).find("March 2026") != std::string::npos);
}

TEST_CASE_METHOD(ReportFixture, "a quarter's report has the quarter before, across a year", "[outputs][periods]") {
    UnitReport q2 = unit_report(*store, "01", parse_quarter("2026-Q2"), today);
    CHECK(q2.feedback_total == 5);  // F4 F11 F5 F6 F8
    REQUIRE(q2.previous);
    CHECK(q2.previous->code == "2026-Q1");
    CHECK(q2.previous->figures.feedback_total == 5);  // F7 F1 F2 F3 F12
    CHECK(q2.previous->figures.ballots == 4);         // B7 B1 B2 B3

    UnitReport q1 = unit_report(*store, "01", parse_quarter("2026-Q1"), today);
    REQUIRE(q1.previous);
    CHECK(q1.previous->code == "2025-Q4");
    CHECK(q1.previous->period.from == "2025-10-01");
    CHECK(q1.previous->figures.feedback_total == 0);
    CHECK_FALSE(nlohmann::json::parse(report_json(q1))["previous"]["satisfaction"]["satisfied_share"].is_number());

    // A report over --from/--to has no previous period, and its renderings stay as they were.
    UnitReport range = unit_report(*store, "01", period, today);
    CHECK_FALSE(range.previous);
    CHECK_FALSE(nlohmann::json::parse(report_json(range)).contains("previous"));
    CHECK(csv_section(range, "summary", Lang::en).size() == 2);
}

TEST_CASE_METHOD(ReportFixture, "the units side by side carry their criteria score and commitments", "[outputs][periods]") {
    import_criteria_set(*store,
                        R"({"code": "mau", "version": "1", "title_vi": "Bộ mẫu", "title_en": "Sample set", "example": true,
                            "note": "test", "criteria": [
                              {"code": "C1", "group": "A", "title_vi": "Một", "title_en": "One"},
                              {"code": "C2", "group": "A", "title_vi": "Hai", "title_en": "Two"},
                              {"code": "C3", "group": "B", "title_vi": "Ba", "title_en": "Three"}]})");
    auto assess_all = [&](const std::string& unit, const std::string& period_code, std::array<const char*, 3> results) {
        for (int i = 0; i < 3; ++i)
            assess(*store, actor, {.unit = unit, .period = period_code, .criterion = "C" + std::to_string(i + 1),
                                   .result = results[static_cast<std::size_t>(i)], .set = std::nullopt, .evidence = std::nullopt});
    };
    assess_all("00004", "2026-Q2", {"met", "met", "partly"});
    assess_all("00008", "2026-04", {"met", "met", "met"});
    auto commit = [&](const std::string& unit, const std::string& kind, std::int64_t households, std::int64_t signed_count) {
        add_commitment(*store, actor, {.unit = unit, .kind = kind, .year = 2026, .households = households, .signed_count = signed_count});
    };
    commit("0000401", "security_order", 100, 90);
    commit("00004", "fire_safety", 50, 40);

    // The quarter's own assessments come first; 00008 was assessed for a month only.
    UnitReport q2 = unit_report(*store, "01", parse_quarter("2026-Q2"), today);
    REQUIRE(q2.criteria);
    CHECK(q2.criteria->period == "2026-Q2");
    CHECK(q2.criteria->set_key == "mau@1");
    CHECK(q2.criteria->units_assessed == 1);
    CHECK(q2.criteria->units_meeting_all == 0);
    REQUIRE(q2.children.size() == 2);
    REQUIRE(q2.children[0].criteria);
    CHECK(q2.children[0].criteria->met == 2);
    CHECK(q2.children[0].criteria->total == 3);
    CHECK_FALSE(q2.children[1].criteria);
    // Commitments of the year, rolled up: the group's households count for its ward.
    REQUIRE(q2.children[0].commitments);
    CHECK(q2.children[0].commitments->households == 150);
    CHECK(q2.children[0].commitments->signed_count == 130);
    CHECK_FALSE(q2.children[1].commitments);
    CHECK(q2.commitment_year == 2026);
    CHECK(q2.commitments.at("security_order").signed_count == 90);
    CHECK(q2.commitments.at("fire_safety").households == 50);

    std::string vi = report_text(q2, Lang::vi);
    auto ward_row = vi.rfind("00004 Phường Ba Đình  ");  // the side-by-side table comes last
    REQUIRE(ward_row != std::string::npos);
    std::string row = vi.substr(ward_row, vi.find('\n', ward_row) - ward_row);
    CHECK(row.find("2/3") != std::string::npos);
    CHECK(row.find("86,7%") != std::string::npos);
    CHECK(vi.find("Ký cam kết") != std::string::npos);
    CHECK(vi.find("Số đơn vị đạt đủ tiêu chí") != std::string::npos);

    auto j = nlohmann::json::parse(report_json(q2));
    CHECK(j["criteria"]["period"] == "2026-Q2");
    CHECK(j["children"][0]["criteria"]["met"] == 2);
    CHECK(j["children"][1]["criteria"].is_null());
    CHECK(j["children"][0]["commitments"]["signed"] == 130);
    CHECK(j["commitments"]["by_kind"]["security_order"]["households"] == 100);

    auto units = csv_section(q2, "units", Lang::en);
    auto met = static_cast<std::size_t>(std::find(units[0].begin(), units[0].end(), "criteria_met") - units[0].begin());
    REQUIRE(met < units[0].size());
    CHECK(row_of(units, "00004")[met] == "2");
    CHECK(row_of(units, "00008")[met].empty());
    auto commitments = csv_section(q2, "commitments", Lang::en);
    CHECK(row_of(commitments, "2026").size() == 6);
    CHECK(commitments.size() == 3);

    // A month report takes that month's assessments.
    UnitReport april = unit_report(*store, "01", parse_month("2026-04"), today);
    REQUIRE(april.criteria);
    CHECK(april.criteria->period == "2026-04");
    CHECK(april.criteria->units_meeting_all == 1);
    CHECK(april.children[1].criteria->met == 3);
    CHECK_FALSE(april.children[0].criteria);

    // Without a calendar period there is no criteria column; a set not imported is named.
    CHECK_FALSE(unit_report(*store, "01", period, today).criteria);
    CHECK(ends_with_error([&] { unit_report(*store, "01", parse_quarter("2026-Q2"), today, std::string("khac@1")); },
                          ErrorCode::not_found, "set"));
}

TEST_CASE_METHOD(ReportFixture, "the satisfaction chart has every month of the period, gaps where no ballot was cast",
                 "[outputs][periods]") {
    UnitReport year = unit_report(*store, "01", parse_year("2026"), today);
    auto count = [](const std::string& text, const std::string& needle) {
        std::size_t n = 0;
        for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
        return n;
    };
    std::string vi = report_svg(year, Lang::vi);
    CHECK(count(vi, "<text class=\"month\"") == 12);
    CHECK(count(vi, "<rect class=\"bar\"") == 3);  // February (B7), March and April
    CHECK(count(vi, "<line class=\"gap\"") == 9);
    CHECK(vi.find(">T12<") != std::string::npos);
    CHECK(vi.find(">không có phiếu<") == std::string::npos);  // the legend has the mark before it
    CHECK(vi.find("không có phiếu") != std::string::npos);
    std::string en = report_svg(year, Lang::en);
    CHECK(en.find(">Dec<") != std::string::npos);
    CHECK(en.find("no ballots") != std::string::npos);

    // Three years of months: every month has its place, the labels thin out.
    UnitReport long_range = unit_report(*store, "01", {"2024-01-01", "2026-12-31"}, today);
    std::string svg = report_svg(long_range, Lang::en);
    CHECK(count(svg, "<line class=\"gap\"") + count(svg, "<rect class=\"bar\"") == 36);
    CHECK(count(svg, "<text class=\"month\"") < 36);
    CHECK(count(svg, "<text class=\"month\"") >= 12);
}

TEST_CASE_METHOD(ReportFixture, "the report's figures are the listed feedback's, and first answers are the histories' first",
                 "[outputs]") {
    for (const std::string unit : {"01", "00004", "00008"}) {
        FeedbackFilter filter;
        filter.unit = unit;
        filter.from_date = period.from;
        filter.to_date = period.to;
        std::vector<Feedback> listed = list_feedback(*store, filter);
        std::vector<FeedbackFigures> figures = list_feedback_figures(*store, filter);
        REQUIRE(figures.size() == listed.size());
        std::map<std::string, std::string> answers = first_answered_at(*store, unit);
        for (std::size_t i = 0; i < listed.size(); ++i) {
            const Feedback& f = listed[i];
            INFO(unit << " " << f.id);
            CHECK(figures[i].id == f.id);
            CHECK(figures[i].unit == f.unit);
            CHECK(figures[i].kind == f.kind);
            CHECK(figures[i].category == f.category);
            CHECK(figures[i].status == f.status);
            CHECK(figures[i].received_at == f.received_at);
            CHECK(figures[i].channel == f.channel);
            CHECK(figures[i].answered == f.is_answered());
            std::optional<std::string> first;
            for (const auto& event : status_history(*store, f.id))
                if (event.to == "answered" && event.at.size() >= 10) {
                    first = event.at;
                    break;
                }
            auto found = answers.find(f.id);
            CHECK((found == answers.end() ? std::optional<std::string>() : found->second) == first);
        }
    }
    FeedbackFilter by_name;
    by_name.officer = "Cường";
    CHECK_THROWS_AS(list_feedback_figures(*store, by_name), Error);
}
