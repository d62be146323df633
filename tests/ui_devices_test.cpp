// The dashboard's devices pages over loopback against the real server (issue 16): an admin sees the
// devices of its subtree with their last sync, client version and refused records, issues a code a
// device enrolls with, and revokes a device whose next sync is then refused; nobody else opens them.
#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "langnghe/base/text.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/enrollment_card.h"
#include "langnghe/sync/sync_client.h"
#include "http_endpoints.h"
#include "pg_connection.h"
#include "support/postgres_url.h"
#include "support/station.h"
#include "support/temp_dir.h"
#include "support/ui_browser.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
const Actor officer{"Thượng úy Nguyễn Văn An", "officer"};

SyncOptions quick() {
    SyncOptions o;
    o.sleep = [](int) {};
    return o;
}

std::unique_ptr<Store> enrolled(const TempDir& dir, const std::string& name, const TestStation& station, const std::string& code) {
    auto store = Store::open(dir.file(name + ".db"));
    enroll_device(*store, station.url(), code, "", name);
    sync_device(*store, quick());
    return store;
}

// The station's id for the device labelled `label` (`device list --json`).
std::string device_id(const TestStation& station, const std::string& label) {
    for (const auto& d : nlohmann::json::parse(station.admin({"device", "list", "--json"})))
        if (d["label"] == label) return d["id"];
    FAIL("no device labelled " << label);
    return {};
}

// The table row of device `id` on the devices page.
std::string row_of(const std::string& page, const std::string& id) {
    auto at = page.find("<code>" + id + "</code>");
    if (at == std::string::npos) return {};
    return page.substr(at, page.find("</tr>", at) - at);
}

// A record stamped three years ahead, held by `store` as a copy from before importers checked
// stamps: the station refuses it by name at the next push.
std::string hold_far_future_record(const TempDir& dir, Store& store) {
    StoreOptions fast;
    fast.clock = [] { return system_clock_source()() + 3LL * 365 * 86'400'000; };
    auto writer = Store::open(dir.file("fast.db"), fast);
    import_units(*writer, {"admin", "admin"}, "code,name,kind,parent_code\n01,Thành phố Hà Nội,province,\n00004,Phường Ba Đình,ward,01\n");
    FeedbackInput in;
    in.unit = "00004";
    in.kind = "request";
    in.category = "traffic";
    in.text = "Ghi trên máy có đồng hồ nhanh ba năm";
    std::string far = add_feedback(*writer, officer, in);
    store.apply(decode_change_file(encode_change_file(export_changes(*writer, 0))).records);
    return far;
}

// An admin's device list: its subtree's devices with last sync, version and the records refused in
// their last push; nobody else's.
void check_device_list(TestStation& station) {
    station.start();
    TempDir dir;
    auto ward = enrolled(dir, "may-phuong", station, station.issue_code("00004", "officer"));
    auto elsewhere = enrolled(dir, "may-tinh-khac", station, station.issue_code("26734", "officer"));
    auto ward_second = enrolled(dir, "may-phuong-2", station, station.issue_code("00004", "officer"));
    std::string far = hold_far_future_record(dir, *ward);
    CHECK(sync_device(*ward, quick()).refused == std::vector<std::string>{far});
    std::string ward_id = device_id(station, "may-phuong"), other_id = device_id(station, "may-tinh-khac");

    UiBrowser admin = signed_in_as(station, "quan-tri", "01", "admin", "mật khẩu quản trị dài");
    RawAnswer page = admin.get("/ui/devices");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("href=\"/ui/devices\"") != std::string::npos);  // the admin's navigation offers it
    std::string row = row_of(page.body, ward_id);
    REQUIRE_FALSE(row.empty());
    CHECK(std::regex_search(row, std::regex("<td>[0-9]+\\.[0-9]+\\.[0-9]+</td>")));
    CHECK(row.find("<td class=\"n\">1</td>") != std::string::npos);  // the far record, refused by name
    CHECK(row.find("/ui/devices/revoke") != std::string::npos);
    CHECK(row_of(page.body, other_id).empty());  // another province: outside the admin's subtree
    CHECK(page.body.find(other_id) == std::string::npos);

    // A device whose pushes were all taken shows none.
    std::string other_row = row_of(page.body, device_id(station, "may-phuong-2"));
    CHECK(other_row.find("<td class=\"n\">0</td>") != std::string::npos);

    UiBrowser supervisor = signed_in_as(station, "giam-sat", "01", "supervisor", "mật khẩu giám sát dài");
    RawAnswer refused = supervisor.get("/ui/devices");
    CHECK(refused.status == 403);
    CHECK(refused.body.find(ward_id) == std::string::npos);
    CHECK(supervisor.get("/ui/").body.find("href=\"/ui/devices\"") == std::string::npos);
}
}  // namespace

TEST_CASE("an admin's device list shows its subtree's devices with last sync, version and the records refused in their last push",
          "[ui][devices]") {
    TestStation station(TestStation::Store::embedded);
    check_device_list(station);
}

// Hidden ([.]): CTest runs it as pg/... against the throwaway cluster; the columns it reads were added
// to `devices` after the first PostgreSQL stations were made.
TEST_CASE("a PostgreSQL station lists its devices' last sync, version and refused records", "[.][postgres][station]") {
    TestStation station(postgres_test_url());
    // As a station made before the columns were: the server adds them when it opens the database.
    pg::Connection(station.location().at(1)).exec("ALTER TABLE devices DROP COLUMN client, DROP COLUMN refused_last");
    check_device_list(station);
}

TEST_CASE("an admin issues a code a device enrolls with, and a revoked device's next sync is refused", "[ui][devices]") {
    TestStation station(TestStation::Store::embedded);
    station.start();
    TempDir dir;
    UiBrowser admin = signed_in_as(station, "quan-tri", "01", "admin", "mật khẩu quản trị dài");
    std::string token = admin.csrf("/ui/devices");

    // Without the session's token nothing is issued; outside the subtree nothing is issued.
    CHECK(admin.post("/ui/devices/code", {{"unit", "00004"}, {"role", "officer"}, {"expires", "1d"}}).status == 403);
    RawAnswer outside = admin.post("/ui/devices/code", {{"csrf", token}, {"unit", "26734"}, {"role", "officer"}, {"expires", "1d"}});
    CHECK(outside.status == 404);
    CHECK(outside.body.find("26734") != std::string::npos);
    CHECK(admin.post("/ui/devices/code", {{"csrf", token}, {"unit", "00004"}, {"role", "officer"}, {"expires", "1y"}}).status == 400);

    RawAnswer issued = admin.post("/ui/devices/code", {{"csrf", token}, {"unit", "00004"}, {"role", "officer"}, {"expires", "7d"}});
    REQUIRE(issued.status == 200);
    std::smatch code, card;
    REQUIRE(std::regex_search(issued.body, code, std::regex("id=\"enroll-code\">([^<]+)<")));
    REQUIRE(std::regex_search(issued.body, card, std::regex("id=\"enroll-card\" class=\"wrap\">([^<]+)<")));
    EnrollmentCard scanned = parse_card_uri(std::regex_replace(card.str(1), std::regex("&amp;"), "&"));
    CHECK(scanned.code == code.str(1));
    CHECK(scanned.unit == "00004");
    CHECK(scanned.server == "http://127.0.0.1");  // the Host the admin's browser reached the station by (raw_request's)
    CHECK(issued.body.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
    CHECK(issued.body.find("<?xml") == std::string::npos);
    auto phone = enrolled(dir, "dien-thoai", station, code.str(1));
    std::string id = device_id(station, "dien-thoai");

    // Revoking asks first; until it is confirmed the device syncs.
    RawAnswer confirm = admin.post("/ui/devices/revoke", {{"csrf", token}, {"device", id}});
    REQUIRE(confirm.status == 200);
    CHECK(confirm.body.find("name=\"confirm\" value=\"yes\"") != std::string::npos);
    sync_device(*phone, quick());
    RawAnswer revoked = admin.post("/ui/devices/revoke", {{"csrf", token}, {"device", id}, {"confirm", "yes"}});
    CHECK(revoked.status == 303);
    CHECK(revoked.headers["location"] == "/ui/devices?revoked=" + id);
    CHECK_THROWS_WITH(sync_device(*phone, quick()), Catch::Contains("revoked") || Catch::Contains("unauthorized") ||
                                                        Catch::Contains("token"));
    CHECK(admin.post("/ui/devices/revoke", {{"csrf", token}, {"device", id}, {"confirm", "yes"}}).status == 400);

    // A device outside the subtree answers as one that does not exist, and stays enrolled.
    auto elsewhere = enrolled(dir, "may-tinh-khac", station, station.issue_code("26734", "officer"));
    std::string other_id = device_id(station, "may-tinh-khac");
    CHECK(admin.post("/ui/devices/revoke", {{"csrf", token}, {"device", other_id}, {"confirm", "yes"}}).status == 404);
    CHECK(admin.post("/ui/devices/rotate", {{"csrf", token}, {"device", "dv_no_such"}, {"confirm", "yes"}}).status == 404);
    sync_device(*elsewhere, quick());

    std::string audit = station.admin({"user", "audit"});
    CHECK(audit.find("code_issued") != std::string::npos);
    CHECK(audit.find("device_revoked") != std::string::npos);
}

TEST_CASE("rotating a device from the dashboard ends its token and shows the code that re-enrolls it", "[ui][devices]") {
    TestStation station(TestStation::Store::embedded);
    station.start();
    TempDir dir;
    auto phone = enrolled(dir, "dien-thoai", station, station.issue_code("00004", "officer"));
    std::string id = device_id(station, "dien-thoai");
    UiBrowser admin = signed_in_as(station, "quan-tri", "00004", "admin", "mật khẩu quản trị dài");
    std::string token = admin.csrf("/ui/devices");
    RawAnswer rotated = admin.post("/ui/devices/rotate", {{"csrf", token}, {"device", id}, {"confirm", "yes"}});
    REQUIRE(rotated.status == 200);
    CHECK(rotated.body.find("<code>" + id + "</code>") != std::string::npos);
    std::smatch code;
    REQUIRE(std::regex_search(rotated.body, code, std::regex("id=\"enroll-code\">([^<]+)<")));
    CHECK_THROWS(sync_device(*phone, quick()));
    CHECK(station.admin({"user", "audit"}).find("device_rotated") != std::string::npos);
}

TEST_CASE("the version a device syncs with is taken only from a langnghe User-Agent, and only as a version", "[ui][devices]") {
    CHECK(server::client_version("langnghe/0.1.0") == "0.1.0");
    CHECK(server::client_version("langnghe/1.2.3-rc.1+build5 (Android)") == "1.2.3-rc.1+build5");
    CHECK(server::client_version("curl/7.88.1").empty());
    CHECK(server::client_version("").empty());
    CHECK(server::client_version("langnghe/1.0<script>").empty());
    CHECK(server::client_version("langnghe/1.0\x1b[2J").empty());
    CHECK(server::client_version("langnghe/" + std::string(200, '9')).empty());
}

TEST_CASE("forged values in the devices forms are refused by name, never echoed as sent", "[ui][devices]") {
    TestStation station(TestStation::Store::embedded);
    station.start();
    UiBrowser admin = signed_in_as(station, "quan-tri", "01", "admin", "mật khẩu quản trị dài");
    std::string token = admin.csrf("/ui/devices");
    std::string forged = "\xff\xfe<script>" + std::string(10000, 'x');
    RawAnswer device = admin.post("/ui/devices/revoke", {{"csrf", token}, {"device", forged}, {"confirm", "yes"}});
    CHECK(device.status == 404);
    RawAnswer role = admin.post("/ui/devices/code", {{"csrf", token}, {"unit", "00004"}, {"role", forged}, {"expires", "7d"}});
    CHECK(role.status == 400);
    CHECK(role.body.find("role") != std::string::npos);
    RawAnswer expires = admin.post("/ui/devices/code", {{"csrf", token}, {"unit", "00004"}, {"role", "officer"}, {"expires", "\x1b[2J"}});
    CHECK(expires.status == 400);
    CHECK(expires.body.find("expires") != std::string::npos);
    RawAnswer unit = admin.post("/ui/devices/code", {{"csrf", token}, {"unit", "\xc3\x28"}, {"role", "officer"}, {"expires", "7d"}});
    CHECK(unit.status == 400);
    for (const RawAnswer* a : {&device, &role, &expires, &unit}) {
        CHECK(is_valid_utf8(a->body));
        CHECK(a->body.find("<script>") == std::string::npos);
        CHECK(a->body.find(std::string(65, 'x')) == std::string::npos);
        CHECK(a->body.find('\x1b') == std::string::npos);
    }
    RawAnswer notice = admin.get("/ui/devices?revoked=%3Cscript%3E");
    CHECK(notice.status == 200);
    CHECK(notice.body.find("<script>") == std::string::npos);  // the language switch keeps it only percent-encoded
    CHECK(notice.body.find("class=\"notice\"") == std::string::npos);
    CHECK(station.admin({"user", "audit"}).find("code_issued") == std::string::npos);  // nothing was issued
}
