// The dashboard's time rules with the station's clock in the test's hand (issue 16): a lockout ends
// after 15 minutes, a session after 30 idle minutes or 12 hours. The routes are called in-process
// through the WebHandler the HTTP layer calls; no sleeping.
#include <catch2/catch.hpp>

#include <memory>
#include <regex>

#include "accounts.h"
#include "form.h"
#include "station.h"
#include "support/temp_dir.h"
#include "ui_routes.h"

using namespace langnghe;
using namespace langnghe::server;

namespace {
constexpr std::int64_t minute = 60 * 1000;

struct ClockedStation {
    test::TempDir dir;
    std::shared_ptr<std::int64_t> now = std::make_shared<std::int64_t>(1'790'000'000'000);
    std::unique_ptr<Station> station;
    std::unique_ptr<ui::UiRoutes> routes;

    ClockedStation() {
        Station::init(dir.file("st"));
        StoreOptions options;
        options.clock = [clock = now] { return *clock; };
        station = Station::open(dir.file("st"), options);
        station->data().import_units(Actor{"station"}, "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n");
        routes = std::make_unique<ui::UiRoutes>(*station);
    }

    WebReply request(const std::string& method, const std::string& path, const std::string& cookie = {},
                     const std::string& body = {}) {
        WebRequest r;
        r.method = method;
        r.path = path;
        r.address = "127.0.0.1";
        r.cookie = cookie;
        r.content_type = "application/x-www-form-urlencoded";
        r.body = body;
        return routes->answer(r);
    }
    std::string login(const std::string& name, const std::string& password) {
        WebReply reply = request("POST", "/ui/login", {}, "username=" + ui::query_encode(name) + "&password=" + ui::query_encode(password));
        for (const auto& [header, value] : reply.headers)
            if (header == "Set-Cookie" && value.rfind("langnghe_session=", 0) == 0) return value.substr(0, value.find(';'));
        return {};
    }
};

std::string location(const WebReply& reply) {
    for (const auto& [header, value] : reply.headers)
        if (header == "Location") return value;
    return {};
}
}  // namespace

TEST_CASE("a lockout ends after 15 minutes, and a reset ends it at once", "[ui]") {
    ClockedStation s;
    std::string password = ui::Accounts(*s.station).add("an", "00004", "supervisor");
    for (int i = 0; i < ui::max_failed_logins; ++i) CHECK(s.login("an", "sai").empty());
    CHECK(s.login("an", password).empty());
    *s.now += 14 * minute;
    CHECK(s.login("an", password).empty());
    *s.now += 2 * minute;
    CHECK_FALSE(s.login("an", password).empty());

    // Four failures, then a success: the count starts again.
    for (int i = 0; i < ui::max_failed_logins - 1; ++i) CHECK(s.login("an", "sai").empty());
    CHECK_FALSE(s.login("an", password).empty());
    CHECK(s.login("an", "sai").empty());
    CHECK_FALSE(s.login("an", password).empty());
}

TEST_CASE("a session ends after 30 minutes without a request, and after 12 hours in any case", "[ui]") {
    ClockedStation s;
    std::string first = ui::Accounts(*s.station).add("binh", "00004", "unit_head");
    std::string cookie = s.login("binh", first);
    REQUIRE_FALSE(cookie.empty());
    CHECK(location(s.request("GET", "/ui/", cookie)) == "/ui/password");
    *s.now += 29 * minute;
    CHECK(location(s.request("GET", "/ui/", cookie)) == "/ui/password");  // and moves its idle time on
    *s.now += 29 * minute;
    CHECK(location(s.request("GET", "/ui/", cookie)) == "/ui/password");
    *s.now += 31 * minute;
    WebReply idle = s.request("GET", "/ui/password", cookie);
    CHECK(idle.status == 303);
    CHECK(location(idle) == "/ui/");

    cookie = s.login("binh", first);
    REQUIRE_FALSE(cookie.empty());
    for (int i = 0; i < 12 * 3; ++i) {  // a request every 20 minutes for 12 hours
        *s.now += 20 * minute;
        if (i < 12 * 3 - 1) REQUIRE(location(s.request("GET", "/ui/", cookie)) == "/ui/password");
    }
    CHECK(location(s.request("GET", "/ui/password", cookie)) == "/ui/");
}

TEST_CASE("the audit log has logins, failures, lockouts and password changes, and user audit prints them", "[ui]") {
    ClockedStation s;
    std::string first = ui::Accounts(*s.station).add("chi", "00004", "admin");
    for (int i = 0; i < ui::max_failed_logins; ++i) s.login("chi", "sai");
    *s.now += 16 * minute;
    std::string cookie = s.login("chi", first);
    std::smatch m;
    std::string page = s.request("GET", "/ui/password", cookie).body;
    REQUIRE(std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
    WebReply changed = s.request("POST", "/ui/password", cookie,
                                 "csrf=" + m[1].str() + "&current=" + ui::query_encode(first) + "&new_password=abcdefghijk&confirm=abcdefghijk");
    CHECK(changed.status == 303);
    auto acts = ui::Accounts(*s.station).audit_log(100);
    std::string seen;
    for (const auto& e : acts) seen += e.act + ",";
    CHECK(seen == "password_changed,login,lockout,login_failed,login_failed,login_failed,login_failed,login_failed,");
}

TEST_CASE("behind TLS the session cookie is Secure; an address gets 20 login attempts, then waits", "[ui]") {
    ClockedStation s;
    std::string first = ui::Accounts(*s.station).add("dung", "00004", "supervisor");
    WebRequest r;
    r.method = "POST";
    r.path = "/ui/login";
    r.address = "127.0.0.9";
    r.tls = true;
    r.content_type = "application/x-www-form-urlencoded";
    r.body = "username=dung&password=" + ui::query_encode(first);
    WebReply reply = s.routes->answer(r);
    CHECK(reply.status == 303);
    bool secure = false;
    for (const auto& [header, value] : reply.headers)
        if (header == "Set-Cookie") secure = value.find("; Secure") != std::string::npos;
    CHECK(secure);
    CHECK(s.login("dung", first).find("langnghe_session=") == 0);  // without TLS: no Secure, the same login
    for (const auto& [header, value] : s.request("POST", "/ui/login", {}, r.body).headers)
        if (header == "Set-Cookie") CHECK(value.find("Secure") == std::string::npos);

    // Failures from one address: the 21st within the minute is refused before any password is checked.
    r.tls = false;
    r.body = "username=nobody&password=x";
    for (int i = 0; i < 20; ++i) REQUIRE(s.routes->answer(r).status == 401);
    CHECK(s.routes->answer(r).status == 429);
    r.address = "127.0.0.10";
    CHECK(s.routes->answer(r).status == 401);  // another address is not held back
}

TEST_CASE("a hash made under older scrypt parameters is made again at login; a form from another origin is refused",
          "[ui]") {
    ClockedStation s;
    ui::Accounts accounts(*s.station);
    std::string first = accounts.add("em", "00004", "supervisor");
    ui::PasswordHash weak;
    weak.params = {1024, 8, 1};
    weak.salt_hex = std::string(32, '0');
    weak.key_hex = ui::scrypt_hex(first, std::string(16, '\0'), weak.params, 32);
    accounts.rehash("em", weak);
    REQUIRE(accounts.find("em")->hash.params.n == 1024);
    CHECK_FALSE(s.login("em", first).empty());
    auto after = accounts.find("em");
    CHECK(after->hash.params == ui::ScryptParams{});
    CHECK(after->must_change);
    CHECK(ui::password_matches(first, after->hash));

    WebRequest r;
    r.method = "POST";
    r.path = "/ui/login";
    r.address = "127.0.0.1";
    r.host = "127.0.0.1:8470";
    r.origin = "http://evil.example";
    r.content_type = "application/x-www-form-urlencoded";
    r.body = "username=em&password=" + ui::query_encode(first);
    CHECK(s.routes->answer(r).status == 403);
    r.origin = "http://127.0.0.1:8470";
    CHECK(s.routes->answer(r).status == 303);
}
