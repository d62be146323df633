// The dashboard's feedback pages over loopback against the real server (issue 16): the table's
// filters, search, paging and sorting; a ward's user kept to the ward, a record outside it
// answered as a missing one; residents' names and phones hidden from supervisors and audited for
// unit heads; exports with their BOM and audit line; the admin's audit page.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "langnghe/model/feedback.h"
#include "langnghe/model/redaction.h"
#include "langnghe/sample/generator.h"
#include "langnghe/storage/store.h"
#include "pg_connection.h"
#include "support/cli_device.h"
#include "support/postgres_url.h"
#include "support/station.h"
#include "support/ui_browser.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
const Actor recorder{"Thượng úy Nguyễn Văn An"};

// `count` generated items of `unit`, received in 2026-01-01 … 2026-03-21; returns their ids.
std::vector<std::string> seed_feedback(Store& store, const std::string& unit, int count, std::uint64_t seed) {
    Generator generator({.seed = seed, .first_day = "2026-01-01", .days = 80});
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) ids.push_back(add_feedback(store, recorder, generator.feedback(unit)));
    return ids;
}

FeedbackInput item(const std::string& unit, const std::string& text, const std::string& received_at) {
    FeedbackInput in;
    in.unit = unit;
    in.channel = "hotline";
    in.kind = "request";
    in.category = "traffic";
    in.text = text;
    in.received_at = received_at;
    in.anonymous = true;
    return in;
}

// Ids of the rows of a table page, in order.
std::vector<std::string> row_ids(const std::string& body) {
    std::vector<std::string> ids;
    std::regex row("<tr><th scope=\"row\"><a href=\"/ui/feedback/([^\"]+)\">");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), row); it != std::sregex_iterator(); ++it) ids.push_back((*it)[1]);
    return ids;
}

// The received dates of a table page's rows, in order.
std::vector<std::string> row_dates(const std::string& body) {
    std::vector<std::string> dates;
    std::regex row("</a></th><td>([0-9-]{10})</td>");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), row); it != std::sregex_iterator(); ++it) dates.push_back((*it)[1]);
    return dates;
}

int total_of(const std::string& body) {
    std::smatch m;
    if (!std::regex_search(body, m, std::regex("<p>([0-9]+) (ý kiến|items) · "))) return -1;
    return std::stoi(m[1]);
}

std::string error_of(const RawAnswer& a) {
    std::smatch m;
    std::regex_search(a.body, m, std::regex("<p class=\"error\"[^>]*>([^<]*)</p>"));
    return m.size() > 1 ? m[1].str() : std::string();
}

struct Seeded {
    std::vector<std::string> ward_a, ward_b;
    std::string lamp, officer, named, acknowledged, formula, redacted;
};

// 60 generated items of ward 00004, 5 of ward 00007, and a few made to be found.
Seeded seed(const TestStation& station) {
    auto store = Store::open_existing(station.data_dir() + "/station.db");
    Store::Scope scope(*store);
    Seeded s;
    s.ward_a = seed_feedback(*store, "00004", 60, 31);
    s.ward_b = seed_feedback(*store, "00007", 5, 32);
    s.lamp = add_feedback(*store, recorder, item("TDP1", "Đèn đường ở ngõ Hòa Bình bị hỏng đã lâu", "2026-02-10"));
    FeedbackInput about = item("00004", "Cán bộ tiếp dân rất nhiệt tình", "2026-02-11");
    about.officer = "Thiếu tá Trịnh Quang Khải";
    about.kind = "praise";
    about.category = "conduct";
    s.officer = add_feedback(*store, recorder, about);
    FeedbackInput named = item("00004", "Xe máy để tràn vỉa hè trước chợ", "2026-03-02");
    named.anonymous = false;
    named.resident_name = "Nguyễn Thị Hoa";
    named.resident_phone = "0912345678";
    s.named = add_feedback(*store, recorder, named);
    s.acknowledged = add_feedback(*store, recorder, item("00004", "Cần thêm biển báo giảm tốc", "2026-01-20"));
    acknowledge_feedback(*store, recorder, s.acknowledged);
    s.formula = add_feedback(*store, recorder, item("00004", "=HYPERLINK(\"http://example.com\")", "2026-03-05"));
    FeedbackInput asked = item("00004", "Đề nghị không lưu số điện thoại của tôi", "2026-01-15");
    asked.anonymous = false;
    asked.resident_name = "Trần Văn Nam";
    asked.resident_phone = "0987654321";
    s.redacted = add_feedback(*store, recorder, asked);
    scope.commit();
    redact_feedback(*store, Actor{"Thiếu tá Phạm Minh Đức", "unit_head"}, s.redacted, "resident_phone", "Người dân đề nghị");
    return s;
}
}  // namespace

TEST_CASE("the feedback table filters, searches, pages and sorts on the server, within the user's subtree", "[ui]") {
    TestStation station(TestStation::Store::embedded);
    Seeded s = seed(station);
    station.start();
    UiBrowser ward_a = signed_in_as(station, "ward.a", "00004", "supervisor", "mật khẩu phường A");

    RawAnswer all = ward_a.get("/ui/feedback");
    REQUIRE(all.status == 200);
    CHECK(all.body.find("<h1>Ý kiến người dân: 00004 Phường Ba Đình</h1>") != std::string::npos);
    CHECK(all.body.find("<label for=\"f-officer\">") != std::string::npos);
    CHECK(all.body.find("<th scope=\"col\"") != std::string::npos);
    CHECK(all.headers["cache-control"] == "no-store");
    CHECK(total_of(all.body) == 66);  // 60 generated, and 6 made, of 00004 and TDP1; none of 00007
    std::vector<std::string> first = row_ids(all.body);
    CHECK(first.size() == 50);
    // Never a row, a unit or a link of ward B.
    CHECK(all.body.find("00007") == std::string::npos);
    CHECK(all.body.find("Ngọc Hà") == std::string::npos);
    for (const auto& id : s.ward_b) CHECK(all.body.find(id) == std::string::npos);

    // Paging: the second page holds the rest, none of the first's.
    RawAnswer second = ward_a.get("/ui/feedback?page=2");
    std::vector<std::string> rest = row_ids(second.body);
    CHECK(rest.size() == 16);
    std::set<std::string> seen(first.begin(), first.end());
    for (const auto& id : rest) CHECK_FALSE(seen.contains(id));
    CHECK(second.body.find("rel=\"prev\"") != std::string::npos);
    CHECK(all.body.find("href=\"/ui/feedback?page=2\" rel=\"next\"") != std::string::npos);
    CHECK(ward_a.get("/ui/feedback?page=abc").status == 400);
    CHECK(row_ids(ward_a.get("/ui/feedback?page=9").body).empty());

    // Sorting: newest first by default, oldest first by ?sort=received, by status with ties newest first.
    std::vector<std::string> newest = row_dates(all.body);
    REQUIRE(newest.size() == 50);
    CHECK(std::is_sorted(newest.rbegin(), newest.rend()));
    RawAnswer oldest = ward_a.get("/ui/feedback?sort=received");
    std::vector<std::string> ascending = row_dates(oldest.body);
    REQUIRE(ascending.size() == 50);
    CHECK(std::is_sorted(ascending.begin(), ascending.end()));
    CHECK(ascending.front() <= newest.back());
    CHECK(oldest.body.find("aria-sort=\"ascending\"") != std::string::npos);
    CHECK(oldest.body.find("href=\"/ui/feedback?sort=received&amp;page=2\"") != std::string::npos);
    RawAnswer by_status = ward_a.get("/ui/feedback?sort=-status");
    CHECK(row_ids(by_status.body).front() == s.acknowledged);  // the lifecycle's order: acknowledged after new
    CHECK(ward_a.get("/ui/feedback?sort=text").status == 400);

    // Filters narrow the rows: status, category with kind, officer as the CLI matches it, period, unit.
    RawAnswer acknowledged = ward_a.get("/ui/feedback?status_acknowledged=1");
    CHECK(total_of(acknowledged.body) == 1);
    CHECK(row_ids(acknowledged.body) == std::vector<std::string>{s.acknowledged});
    CHECK(acknowledged.body.find("name=\"status_acknowledged\" value=\"1\" checked") != std::string::npos);
    CHECK(total_of(ward_a.get("/ui/feedback?status=new,acknowledged").body) == 66);
    CHECK(ward_a.get("/ui/feedback?status=bogus").status == 400);
    RawAnswer praise = ward_a.get("/ui/feedback?category=conduct&kind=praise");
    CHECK(total_of(praise.body) < 66);
    CHECK(total_of(praise.body) >= 1);
    RawAnswer officer = ward_a.get("/ui/feedback?officer=trinh%20quang%20khai");
    CHECK(row_ids(officer.body) == std::vector<std::string>{s.officer});
    RawAnswer february = ward_a.get("/ui/feedback?month=2026-02&sort=received");
    std::vector<std::string> feb = row_dates(february.body);
    REQUIRE_FALSE(feb.empty());
    CHECK(feb.size() < 50);
    for (const auto& d : feb) CHECK(d.rfind("2026-02", 0) == 0);
    CHECK(total_of(ward_a.get("/ui/feedback?from=2026-02-01&to=2026-02-28").body) == total_of(february.body));
    CHECK(ward_a.get("/ui/feedback?month=2026-13").status == 400);
    RawAnswer group = ward_a.get("/ui/feedback?unit=TDP1");
    CHECK(row_ids(group.body) == std::vector<std::string>{s.lamp});

    // Search ignores marks and case, through the search index.
    RawAnswer found = ward_a.get("/ui/feedback?q=den%20duong%20hoa%20binh");
    CHECK(row_ids(found.body) == std::vector<std::string>{s.lamp});
    CHECK(found.body.find("value=\"den duong hoa binh\"") != std::string::npos);

    // Ward B answers as a missing unit or record would, word for word.
    RawAnswer other_unit = ward_a.get("/ui/feedback?unit=00007");
    CHECK(other_unit.status == 404);
    CHECK(other_unit.body.find("Ngọc Hà") == std::string::npos);
    RawAnswer other_record = ward_a.get("/ui/feedback/" + s.ward_b.front());
    RawAnswer missing = ward_a.get("/ui/feedback/fb-0000000000000000");
    CHECK(other_record.status == 404);
    CHECK(missing.status == 404);
    CHECK(error_of(other_record) == error_of(missing));
    CHECK(other_record.body.find(s.ward_b.front()) == std::string::npos);
    CHECK(ward_a.get("/ui/feedback/export.csv?unit=00007").status == 404);

    // The city sees both wards, each row naming its unit.
    UiBrowser city = signed_in_as(station, "city", "01", "supervisor", "mật khẩu thành phố");
    RawAnswer everything = city.get("/ui/feedback?lang=en&unit=00007");
    CHECK(everything.status == 200);
    CHECK(total_of(everything.body) == 5);
    CHECK(everything.body.find("<td>00007 Phường Ngọc Hà</td>") != std::string::npos);
    CHECK(everything.body.find("<html lang=\"en\">") != std::string::npos);
    CHECK(city.get("/ui/feedback/" + s.ward_b.front()).status == 200);
}

TEST_CASE("a supervisor never sees a resident's name or phone; a unit head does, and each view and export is audited", "[ui]") {
    TestStation station(TestStation::Store::embedded);
    Seeded s = seed(station);
    station.start();
    UiBrowser supervisor = signed_in_as(station, "giamsat", "00004", "supervisor", "mật khẩu giám sát");
    UiBrowser head = signed_in_as(station, "truongdv", "00004", "unit_head", "mật khẩu trưởng đơn vị");
    UiBrowser admin = signed_in_as(station, "quantri", "01", "admin", "mật khẩu quản trị");
    auto audit = [&] { return station.admin({"user", "audit"}); };

    RawAnswer table = supervisor.get("/ui/feedback?month=2026-03");
    REQUIRE(table.status == 200);
    CHECK(table.body.find("0912345678") == std::string::npos);
    CHECK(table.body.find("Nguyễn Thị Hoa") == std::string::npos);
    CHECK(table.body.find("<td>ẩn</td>") != std::string::npos);
    RawAnswer detail = supervisor.get("/ui/feedback/" + s.named);
    REQUIRE(detail.status == 200);
    CHECK(detail.body.find("0912345678") == std::string::npos);
    CHECK(detail.body.find("Nguyễn Thị Hoa") == std::string::npos);
    CHECK(detail.body.find("<th scope=\"row\">Người dân</th><td>ẩn</td>") != std::string::npos);
    CHECK(supervisor.get("/ui/feedback/" + s.named + "?lang=en").body.find("<td>hidden</td>") != std::string::npos);
    CHECK(audit().find("view_personal") == std::string::npos);

    RawAnswer shown = head.get("/ui/feedback/" + s.named);
    REQUIRE(shown.status == 200);
    CHECK(shown.body.find("Nguyễn Thị Hoa · 0912345678") != std::string::npos);
    CHECK(shown.body.find("<h2 id=\"d-status\">Lịch sử trạng thái</h2>") != std::string::npos);
    std::string log = audit();
    CHECK(log.find("truongdv\t127.0.0.1\tview_personal\tfeedback " + s.named + "\n") != std::string::npos);
    RawAnswer head_table = head.get("/ui/feedback?month=2026-03");
    CHECK(head_table.body.find("0912345678") != std::string::npos);
    CHECK(std::regex_search(audit(), std::regex("truongdv\t127\\.0\\.0\\.1\tview_personal\tfeedback [^\n]*" + s.named)));
    // A redacted phone is gone for everyone; the name stays for the unit head.
    RawAnswer redacted = head.get("/ui/feedback/" + s.redacted);
    CHECK(redacted.body.find("0987654321") == std::string::npos);
    CHECK(redacted.body.find("Trần Văn Nam · [đã ẩn]") != std::string::npos);
    CHECK(redacted.body.find("Đã ẩn thông tin (Người dân đề nghị)") != std::string::npos);
    RawAnswer redacted_hidden = supervisor.get("/ui/feedback/" + s.redacted);
    CHECK(redacted_hidden.body.find("Trần Văn Nam") == std::string::npos);
    CHECK(redacted_hidden.body.find("Đã ẩn thông tin (Người dân đề nghị)") != std::string::npos);
    // A page without a named resident writes no line.
    std::string before = audit();
    CHECK(head.get("/ui/feedback/" + s.lamp).status == 200);
    CHECK(audit() == before);

    // Exports: CSV with a BOM and formulas kept as text, one audit line each, personal data by role.
    RawAnswer csv = supervisor.get("/ui/feedback/export.csv?month=2026-03");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv.headers["content-type"] == "text/csv; charset=utf-8");
    CHECK(csv.headers["content-disposition"].find("attachment; filename=\"langnghe-feedback-") == 0);
    CHECK(csv.body.find("0912345678") == std::string::npos);
    CHECK(csv.body.find("Nguyễn Thị Hoa") == std::string::npos);
    CHECK(csv.body.find("'=HYPERLINK") != std::string::npos);
    std::size_t csv_rows = static_cast<std::size_t>(std::count(csv.body.begin(), csv.body.end(), '\n')) - 1;
    CHECK(csv_rows == row_ids(table.body).size());
    CHECK(audit().find("giamsat\t127.0.0.1\texport\tcsv month=2026-03\n") != std::string::npos);
    std::string json_log = station.admin({"--json", "user", "audit"});
    CHECK(json_log.find("\"rows\": " + std::to_string(csv_rows)) != std::string::npos);

    RawAnswer head_csv = head.get("/ui/feedback/export.csv?month=2026-03");
    CHECK(head_csv.body.find("0912345678") != std::string::npos);
    CHECK(audit().find("truongdv\t127.0.0.1\texport\tcsv with personal data month=2026-03\n") != std::string::npos);
    RawAnswer head_json = head.get("/ui/feedback/export.json?q=xe%20may%20via%20he");
    REQUIRE(head_json.status == 200);
    CHECK(head_json.headers["content-type"] == "application/json; charset=utf-8");
    nlohmann::json rows = head_json.json();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["id"] == s.named);
    CHECK(rows[0]["resident_phone"] == "0912345678");
    nlohmann::json hidden = supervisor.get("/ui/feedback/export.json?q=xe%20may%20via%20he").json();
    REQUIRE(hidden.size() == 1);
    CHECK_FALSE(hidden[0].contains("resident_phone"));

    // The audit log is the admin's page, newest first; nobody else's.
    CHECK(supervisor.get("/ui/audit").status == 403);
    CHECK(head.get("/ui/audit").status == 403);
    RawAnswer page = admin.get("/ui/audit");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<h1>Nhật ký truy cập</h1>") != std::string::npos);
    std::size_t export_at = page.body.find("Xuất dữ liệu"), login_at = page.body.find("Đăng nhập");
    CHECK(export_at != std::string::npos);
    CHECK(login_at != std::string::npos);
    CHECK(export_at < login_at);  // newest first
    CHECK(page.body.find(s.named) != std::string::npos);
    CHECK(admin.get("/ui/audit?page=x").status == 400);
    CHECK(admin.get("/ui/feedback").body.find("href=\"/ui/audit\"") != std::string::npos);
}

TEST_CASE("the feedback pages answer 303 to the login form without a session", "[ui]") {
    TestStation station(TestStation::Store::embedded);
    station.start();
    UiBrowser b{station.port(), {}};
    for (const std::string path : {"/ui/feedback", "/ui/feedback?status=new", "/ui/feedback/fb-0000000000000000",
                                   "/ui/feedback/export.csv", "/ui/feedback/export.json", "/ui/audit"}) {
        INFO(path);
        RawAnswer a = b.get(path);
        CHECK(a.status == 303);
        CHECK(a.headers["location"] == "/ui/");
    }
}

namespace {
// A PostgreSQL station with a ward device enrolled that recorded six sample feedback items.
struct PgWard {
    TestStation station{postgres_test_url()};
    TempDir dir;
    CliDevice device{dir, "field"};

    PgWard() {
        station.start();
        device.init();
        device.ok({"enroll", "--server", station.url(), "--code", station.issue_code("00004", "officer")});
        device.ok({"sample", "--unit", "00004", "--feedback", "6"});
    }
};
}  // namespace

// Hidden ([.]): CTest runs it as pg/... against the throwaway cluster (tests/CMakeLists.txt). The
// pages read the server's working replica, search included, of records a field device synced.
TEST_CASE_METHOD(PgWard, "a PostgreSQL station's feedback pages read what a device synced", "[.][postgres][station]") {
    std::smatch m;
    std::string added = device.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--channel",
                                   "hotline", "--text", "Đèn đường ở ngõ Hòa Bình bị hỏng", "--resident-name", "Nguyễn Thị Hoa",
                                   "--resident-phone", "0912345678"});
    REQUIRE(std::regex_search(added, m, std::regex("fb-[0-9A-Z]{16}")));
    std::string lamp = m[0];
    device.ok({"sync"});

    UiBrowser head = signed_in_as(station, "truongdv", "00004", "unit_head", "mật khẩu trưởng đơn vị");
    RawAnswer table = head.get("/ui/feedback");
    REQUIRE(table.status == 200);
    CHECK(total_of(table.body) == 7);
    CHECK(row_ids(head.get("/ui/feedback?q=den%20duong%20hoa%20binh").body) == std::vector<std::string>{lamp});
    RawAnswer detail = head.get("/ui/feedback/" + lamp);
    CHECK(detail.status == 200);
    CHECK(detail.body.find("Nguyễn Thị Hoa · 0912345678") != std::string::npos);
    RawAnswer csv = head.get("/ui/feedback/export.csv");
    CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
    std::string audit = station.admin({"user", "audit"});
    CHECK(audit.find("truongdv\t127.0.0.1\tview_personal\tfeedback " + lamp + "\n") != std::string::npos);
    CHECK(audit.find("truongdv\t127.0.0.1\texport\tcsv with personal data (none)\n") != std::string::npos);

    UiBrowser ward_b = signed_in_as(station, "ward.b", "00007", "supervisor", "mật khẩu phường B");
    CHECK(total_of(ward_b.get("/ui/feedback").body) == 0);
    CHECK(ward_b.get("/ui/feedback/" + lamp).status == 404);
}

// Hidden ([.]): CTest runs it as pg/... A server makes its working replica as it starts, before any
// request asks for it (docs/postgres.md); its pages then read it caught up with what another server
// committed since.
TEST_CASE_METHOD(PgWard, "a PostgreSQL server makes its working replica as it starts, and its pages catch up with later writes",
                 "[.][postgres][station]") {
    device.ok({"sync"});

    auto [second, port] = station.serve_another();
    REQUIRE(second.wait_for_stderr("working replica ready: ", std::chrono::seconds(60)));
    pg::Connection db(station.location().at(1));
    std::string held = std::to_string(db.exec("SELECT count(*) FROM records").int64(0, 0)) + " records up to change " +
                       std::string(db.exec("SELECT value FROM meta WHERE key = 'pos'").text(0, 0));
    INFO(second.stderr_text());
    CHECK(second.stderr_text().find("working replica ready: " + held + " in ") != std::string::npos);

    // Pushed through the first server after the second made its replica.
    device.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text",
               "Ngõ 12 Đội Cấn thiếu đèn chiếu sáng"});
    device.ok({"sync"});
    UiBrowser head = signed_in_as(station, "truongdv", "00004", "unit_head", "mật khẩu trưởng đơn vị");
    head.port = port;  // the session is good at every server of the station
    RawAnswer table = head.get("/ui/feedback");
    REQUIRE(table.status == 200);
    CHECK(total_of(table.body) == 7);
}
