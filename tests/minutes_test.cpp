// Forum minutes from a fixed forum: every figure against hand-computed values, and the printable
// HTML well-formed, one forum per page, with its Vietnamese labels.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "langnghe/model/units.h"
#include "langnghe/outputs/minutes.h"
#include "langnghe/outputs/minutes_layout.h"
#include "support/cli_device.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {
struct ForumDay {
    test::TempDir dir;
    std::unique_ptr<Store> store = Store::open(dir.file("device.db"));
    Actor actor{"Thiếu tá Lê Văn Cường", "unit_head"};  // writes the forum, its ballots and actions
    std::string forum, other, fb_traffic1, fb_traffic2, fb_conduct, fb_elsewhere;

    ForumDay() {
        import_units(*store, actor, "code,name,kind,parent_code\n00004,Phường Ba Đình,ward,\n");
        forum = add_forum(*store, actor, {.unit = "00004", .title = "Hội nghị lắng nghe ý kiến Nhân dân quý IV",
                                          .date = "2026-11-15", .venue = "Nhà văn hóa TDP 5", .chair = "Thiếu tá Lê Văn Cường",
                                          .attendee_count = 86, .add_groups = {"veterans", "residents"}});
        other = add_forum(*store, actor, {.unit = "00004", .title = "Hội nghị khác", .date = "2026-11-20"});
        auto said = [&](const std::string& at, const char* kind, const char* category, const char* text) {
            FeedbackInput in{.unit = "00004", .forum = at, .kind = kind, .category = category, .text = text,
                             .received_at = "2026-11-15"};
            return add_feedback(*store, actor, in);
        };
        fb_traffic1 = said(forum, "criticism", "traffic", "Cổng trường ùn tắc giờ tan học");
        fb_traffic2 = said(forum, "request", "traffic", "Đề nghị lắp đèn tín hiệu ngã tư");
        fb_conduct = said(forum, "praise", "conduct", "Cán bộ tiếp dân tận tình");
        fb_elsewhere = said(other, "request", "drugs", "Nghi có tụ điểm ma túy");
        answer_feedback(*store, actor, fb_conduct, "Cảm ơn bà con đã ghi nhận", "2026-11-15");
        add_action(*store, actor, {.unit = "00004", .description = "Phân luồng cổng trường", .owner = "Trung úy Hùng",
                                   .due = "2026-12-15", .add_feedback = {fb_traffic1}});
        add_action(*store, actor, {.unit = "00004", .description = "Kiểm tra tụ điểm", .owner = "Đại úy Minh",
                                   .due = "2026-12-01", .add_feedback = {fb_elsewhere}});
        auto ballot = [&](int attitude, int overall) {
            BallotInput b{.unit = "00004", .forum = forum};
            for (auto c : {"responsibility", "competence", "timeliness", "transparency"}) b.scores[c] = 4;
            b.scores["attitude"] = attitude;
            b.scores["overall"] = overall;
            return add_ballot(*store, actor, b);
        };
        ballot(5, 5);
        ballot(3, 3);
        ballot(4, 4);
        void_ballot(*store, actor, ballot(1, 1), "Ghi trùng");
    }
};
}  // namespace

TEST_CASE_METHOD(ForumDay, "forum minutes hold what was raised, answered, planned and scored", "[outputs]") {
    ForumMinutes m = forum_minutes(*store, forum);
    CHECK(m.unit_name == "Phường Ba Đình");
    CHECK(m.raised.size() == 3);
    CHECK(m.by_category == std::map<std::string, std::size_t>{{"conduct", 1}, {"traffic", 2}});
    CHECK(m.by_kind == std::map<std::string, std::size_t>{{"criticism", 1}, {"praise", 1}, {"request", 1}});
    REQUIRE(m.answered.size() == 1);
    CHECK(m.answered[0].id == fb_conduct);
    REQUIRE(m.actions.size() == 1);  // the other action addresses feedback of another forum
    CHECK(m.actions[0].owner == "Trung úy Hùng");
    CHECK(m.ballots.count == 3);     // the voided ballot is left out
    CHECK(m.ballots.satisfied == 2); // overall 5 and 4
    CHECK(m.ballots.mean.at("attitude") == Approx(4.0));  // (5 + 3 + 4) / 3
    CHECK(m.ballots.mean.at("overall") == Approx(4.0));
    CHECK(m.ballots.mean.at("competence") == Approx(4.0));
}

TEST_CASE_METHOD(ForumDay, "printable minutes: well-formed HTML, one forum per page, Vietnamese labels", "[outputs]") {
    std::string html = render_minutes({forum_minutes(*store, forum), forum_minutes(*store, other)}, MinutesFormat::html, Lang::en);
    for (const char* label : {"BIÊN BẢN HỘI NGHỊ: Hội nghị lắng nghe ý kiến Nhân dân quý IV", "Giải đáp tại hội nghị",
                              "Kế hoạch khắc phục", "Kết quả phiếu đánh giá sự hài lòng", "Hội Cựu chiến binh",
                              "An toàn giao thông", "15/11/2026", "66,7%"})
        CHECK(html.find(label) != std::string::npos);
    std::size_t pages = 0;
    for (std::size_t at = html.find("<section class=\"forum\">"); at != std::string::npos;
         at = html.find("<section class=\"forum\">", at + 1))
        ++pages;
    CHECK(pages == 2);
    CHECK(html.find("page-break-after: always") != std::string::npos);
    dir.write("minutes.html", html);
    REQUIRE(std::filesystem::exists("/usr/bin/xmllint"));
    CHECK(std::system(("/usr/bin/xmllint --noout '" + dir.file("minutes.html") + "'").c_str()) == 0);

    std::string md = render_minutes({forum_minutes(*store, forum)}, MinutesFormat::md, Lang::en);
    CHECK(md.find("# FORUM MINUTES: ") == 0);
    CHECK(md.find("| Traffic | 2 |") != std::string::npos);
    auto j = nlohmann::json::parse(render_minutes({forum_minutes(*store, forum)}, MinutesFormat::json, Lang::vi));
    CHECK(j[0]["by_category"]["traffic"] == 2);
    CHECK(j[0]["ballots"]["satisfied"] == 2);
}

TEST_CASE("langnghe forum report writes the minutes file", "[cli][outputs]") {
    test::TempDir dir;
    test::CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    std::string id = device.ok({"forum", "add", "--unit", "00004", "--title", "Hội nghị tháng 11", "--date", "2026-11-15"});
    id.pop_back();
    std::string out = device.ok({"forum", "report", id, "--format", "html", "--output", dir.file("m.html")});
    CHECK(out.find(dir.file("m.html")) != std::string::npos);
    CHECK(dir.read("m.html").find("BIÊN BẢN HỘI NGHỊ: Hội nghị tháng 11") != std::string::npos);
    CHECK(device.run({"forum", "report", id, "--format", "pdf"}).exit_code == 2);
    CHECK(device.run({"forum", "report", "fo-NOSUCHFORUM0000"}).exit_code == 1);
}

TEST_CASE("langnghe report prints text and writes CSV with a BOM and SVG", "[cli][outputs]") {
    test::TempDir dir;
    test::CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    device.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text", "Đèn đỏ hỏng"});
    std::string text = device.ok({"--lang", "vi", "report", "--unit", "01"});
    CHECK(text.find("An toàn giao thông") != std::string::npos);
    // CSV: a file per section into a directory, or one section.
    std::string out = device.ok({"report", "--unit", "01", "--format", "csv", "--output", dir.file("csv")});
    CHECK(out.find(dir.file("csv") + "/units.csv") != std::string::npos);
    CHECK(dir.read("csv/categories.csv").rfind("\xEF\xBB\xBF" "category,label,count\r\nconduct,", 0) == 0);
    CHECK(dir.read("csv/summary.csv").rfind("\xEF\xBB\xBF" "period,from,to,unit,", 0) == 0);
    CHECK(dir.read("csv/commitments.csv").size() > 3);
    device.ok({"--lang", "vi", "report", "--unit", "01", "--format", "csv", "--section", "kinds", "-o", dir.file("k.csv")});
    CHECK(dir.read("k.csv").rfind("\xEF\xBB\xBF" "loai,ten,so_luong\r\n", 0) == 0);
    auto no_section = device.run({"report", "--unit", "01", "--format", "csv"});
    CHECK(no_section.exit_code == 2);
    CHECK(no_section.err.find("--section") != std::string::npos);
    CHECK(device.run({"report", "--unit", "01", "--format", "csv", "--section", "all"}).err.find("units") != std::string::npos);
    CHECK(device.run({"report", "--unit", "01", "--section", "units"}).exit_code == 2);
    device.ok({"report", "--unit", "01", "--format", "svg", "--output", dir.file("r.svg")});
    CHECK(std::system(("/usr/bin/xmllint --noout '" + dir.file("r.svg") + "'").c_str()) == 0);
    auto j = nlohmann::json::parse(device.ok({"--json", "report", "--unit", "01"}));
    CHECK(j.is_object());
    CHECK(device.run({"report", "--unit", "01", "--format", "pdf"}).exit_code == 2);
    CHECK(device.run({"report", "--unit", "01", "--from", "31/02/2026"}).exit_code == 2);
}

TEST_CASE_METHOD(ForumDay, "an answer dated a later day than the forum is not answered at the forum", "[outputs]") {
    acknowledge_feedback(*store, actor, fb_traffic2);
    answer_feedback(*store, actor, fb_traffic2, "Đã đề nghị UBND phường lắp đèn", "2026-11-18");
    ForumMinutes m = forum_minutes(*store, forum);
    REQUIRE(m.answered.size() == 1);
    CHECK(m.answered[0].id == fb_conduct);
}

TEST_CASE("langnghe forum report counts an answer as given at the forum by the answer's date", "[cli][outputs]") {
    test::TempDir dir;
    test::CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    std::string forum = device.ok({"forum", "add", "--unit", "00004", "--title", "Hội nghị tháng 11", "--date", "2026-11-15"});
    forum.pop_back();
    auto raised = [&](const std::string& text) {
        std::string id = device.ok({"feedback", "add", "--unit", "00004", "--forum", forum, "--kind", "request",
                                    "--category", "traffic", "--text", text, "--received-at", "2026-11-15 08:30"});
        id.pop_back();
        device.ok({"feedback", "acknowledge", id, "--at", "2026-11-15"});
        return id;
    };
    std::string on_the_day = raised("Đề nghị lắp đèn tín hiệu ngã tư");
    std::string later = raised("Cổng trường ùn tắc giờ tan học");
    device.ok({"feedback", "answer", on_the_day, "--text", "Sẽ đề nghị UBND phường", "--at", "15/11/2026 10:15"});
    device.ok({"feedback", "answer", later, "--text", "Đã phân luồng", "--at", "2026-11-20"});

    auto minutes = nlohmann::json::parse(device.ok({"forum", "report", forum, "--format", "json"}));
    REQUIRE(minutes.size() == 1);
    const auto& answered = minutes[0]["answered"];
    REQUIRE(answered.size() == 1);
    CHECK(answered[0]["id"] == on_the_day);
    CHECK(minutes[0]["raised"].size() == 2);
}

namespace {
// The forum of ForumDay with what makes its minutes a biên bản: the times, the secretary and the
// attendees by group, some given in an order other than the minutes'.
void complete_for_minutes(Store& store, const Actor& actor, const std::string& forum) {
    update_forum(store, actor, forum,
                 {.add_groups = {"youth_union", "leaders", "group_heads"},
                  .secretary = "Trung úy Nguyễn Thị Lan",
                  .start_time = "08:00",
                  .end_time = "10:30",
                  .group_attendees = {"residents=60", "veterans=12"}});
}

std::size_t at(const std::string& text, const std::string& what) {
    std::size_t where = text.find(what);
    INFO(what << " in:\n" << text);
    CHECK(where != std::string::npos);
    return where;
}
}  // namespace

TEST_CASE_METHOD(ForumDay, "minutes are a biên bản: place and date, time, secretary, those present, signatures",
                 "[outputs][minutes]") {
    complete_for_minutes(*store, actor, forum);
    std::string vi = render_minutes({forum_minutes(*store, forum)}, MinutesFormat::text, Lang::vi);
    at(vi, "Phường Ba Đình, ngày 15 tháng 11 năm 2026\n");
    at(vi, "Thời gian · từ 08:00 đến 10:30\n");
    at(vi, "Thư ký · Trung úy Nguyễn Thị Lan\n");
    // Leaders first, then the mass organisations, the group heads, the residents last.
    at(vi,
       "Thành phần · Lãnh đạo cấp ủy, chính quyền; Hội Cựu chiến binh (12); Đoàn thanh niên; "
       "Tổ trưởng tổ dân phố; Nhân dân (60)\n");
    // The signature blocks close the minutes, chair and secretary on the same lines.
    std::size_t roles = at(vi, "CHỦ TRÌ");
    CHECK(vi.find('\n', roles) > vi.find("THƯ KÝ", roles));
    std::size_t names = at(vi, "Thiếu tá Lê Văn Cường  ");
    CHECK(vi.find('\n', names) > vi.find("Trung úy Nguyễn Thị Lan", names));
    CHECK(roles > at(vi, "Kết quả phiếu đánh giá sự hài lòng"));
    at(vi, "(Ký, ghi rõ họ tên)");

    std::string en = render_minutes({forum_minutes(*store, forum)}, MinutesFormat::text, Lang::en);
    at(en, "Phường Ba Đình, 15 November 2026\n");  // no English name in the unit list
    at(en, "Time · 08:00 to 10:30\n");
    at(en, "Secretary · Trung úy Nguyễn Thị Lan\n");
    at(en,
       "Attendee groups · Party committee and local government; Veterans' Association (12); Youth Union; "
       "Heads of residential groups; Residents (60)\n");
    std::size_t chair = at(en, "CHAIR");
    CHECK(en.find('\n', chair) > en.find("SECRETARY", chair));
    CHECK(en.find("CHỦ TRÌ") == std::string::npos);

    std::string md = render_minutes({forum_minutes(*store, forum)}, MinutesFormat::md, Lang::vi);
    at(md, "*Phường Ba Đình, ngày 15 tháng 11 năm 2026*");
    at(md, "| **CHỦ TRÌ** | **THƯ KÝ** |");
    at(md, "| Thiếu tá Lê Văn Cường | Trung úy Nguyễn Thị Lan |");

    std::string html = render_minutes({forum_minutes(*store, forum)}, MinutesFormat::html, Lang::en);
    at(html, "<p class=\"place\">Phường Ba Đình, ngày 15 tháng 11 năm 2026</p>");
    std::size_t signatures = at(html, "<table class=\"signatures\">");
    CHECK(signatures > at(html, "Kết quả phiếu đánh giá sự hài lòng"));
    at(html, "<td>Thiếu tá Lê Văn Cường</td><td>Trung úy Nguyễn Thị Lan</td>");
    dir.write("bien-ban.html", html);
    CHECK(std::system(("/usr/bin/xmllint --noout '" + dir.file("bien-ban.html") + "'").c_str()) == 0);

    auto j = nlohmann::json::parse(render_minutes({forum_minutes(*store, forum)}, MinutesFormat::json, Lang::vi));
    CHECK(j[0]["forum"]["secretary"] == "Trung úy Nguyễn Thị Lan");
    CHECK(j[0]["forum"]["start_time"] == "08:00");
    CHECK(j[0]["forum"]["end_time"] == "10:30");
    CHECK(j[0]["forum"]["group_attendees"] == nlohmann::json{{"residents", 60}, {"veterans", 12}});
    CHECK(j[0]["forum"]["groups"] == nlohmann::json{"leaders", "veterans", "youth_union", "group_heads", "residents"});
    CHECK(j[0]["place_date"]["vi"] == "Phường Ba Đình, ngày 15 tháng 11 năm 2026");
    CHECK(j[0]["place_date"]["en"] == "Phường Ba Đình, 15 November 2026");
}

TEST_CASE("the place-and-date line writes a leading zero where administrative documents do", "[outputs][minutes]") {
    CHECK(place_date_line("Phường Ba Đình", "2026-02-05", Lang::vi) == "Phường Ba Đình, ngày 05 tháng 02 năm 2026");
    CHECK(place_date_line("Phường Ba Đình", "2026-03-09", Lang::vi) == "Phường Ba Đình, ngày 09 tháng 3 năm 2026");
    CHECK(place_date_line("Phường Ba Đình", "2026-12-25", Lang::vi) == "Phường Ba Đình, ngày 25 tháng 12 năm 2026");
    CHECK(place_date_line("Ba Dinh Ward", "2026-02-05", Lang::en) == "Ba Dinh Ward, 5 February 2026");
    CHECK(time_span("08:00", "", Lang::vi) == "bắt đầu 08:00");
    CHECK(time_span("", "", Lang::en).empty());
}

TEST_CASE("langnghe forum add and update take the biên bản's fields and refuse bad ones", "[cli][minutes]") {
    test::TempDir dir;
    test::CliDevice device(dir, "d");
    device.init();
    device.import_units(dir);
    std::string id = device.ok(
        {"forum",       "add",     "--unit",      "00004",       "--title",     "Hội nghị tháng 11", "--date",
         "2026-11-12",  "--start", "08:00",       "--end",       "10:30",       "--secretary",       "Nguyễn Thị Lan",
         "--attendees", "80",      "--attendees", "veterans=12", "--attendees", "residents=50"});
    id.pop_back();
    auto shown = nlohmann::json::parse(device.ok({"forum", "show", id, "--json"}));
    CHECK(shown["secretary"] == "Nguyễn Thị Lan");
    CHECK(shown["start_time"] == "08:00");
    CHECK(shown["attendee_count"] == 80);
    CHECK(shown["group_attendees"] == nlohmann::json{{"residents", 50}, {"veterans", 12}});

    std::string before = device.dump();
    for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{{"--end", "07:45"},
                                                                                     {"--start", "8:00"},
                                                                                     {"--attendees", "veterans=many"},
                                                                                     {"--attendees", "pigeons=3"},
                                                                                     {"--attendees", "youth_union=30"},
                                                                                     {"--attendees", "abc"}}) {
        std::vector<std::string> args{"forum", "update", id};
        args.insert(args.end(), bad.begin(), bad.end());
        test::ProcessResult r = device.run(args);
        INFO(bad[0] << " " << bad[1] << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(bad[0] == "--end"     ? "end_time"
                         : bad[0] == "--start" ? "start_time"
                                               : "attendees") != std::string::npos);
    }
    CHECK(device.dump() == before);

    std::string show = device.ok({"--lang", "vi", "forum", "show", id});
    CHECK(show.find("từ 08:00 đến 10:30") != std::string::npos);
    CHECK(show.find("Nguyễn Thị Lan") != std::string::npos);
    CHECK(show.find("Hội Cựu chiến binh (12); Nhân dân (50)") != std::string::npos);
    std::string vi = device.ok({"--lang", "vi", "forum", "report", id});
    CHECK(vi.find("Phường Ba Đình, ngày 12 tháng 11 năm 2026") != std::string::npos);
    CHECK(vi.find("Hội Cựu chiến binh (12); Nhân dân (50)") != std::string::npos);
    CHECK(vi.find("THƯ KÝ") != std::string::npos);
}
