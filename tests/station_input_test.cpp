// What the station keeps from a device that it later shows a person (the device label), and the
// pull cursor it is handed: each refused or made safe at the real server, nothing else changed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "langnghe/storage/custody_crypto.h"
#include "langnghe/base/text.h"
#include "langnghe/sync/http_client.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

namespace {
struct Served {
    TestStation station;
    std::unique_ptr<HttpClient> http;

    Served() {
        station.start();
        http = std::make_unique<HttpClient>(station.url());
    }

    HttpResponse enroll(const std::string& site, const std::string& label) {
        return http->post_json("/v1/enroll", json{{"code", station.issue_code("00004", "officer")}, {"site", site}, {"label", label}, {"public_key", generate_key_pair().public_key}}.dump());
    }
};
}  // namespace

TEST_CASE_METHOD(Served, "a long label is cut between characters and device list still works", "[e2e][station]") {
    // 199 ASCII letters, then two-byte and three-byte characters: a cut at byte 200 lands inside one.
    std::string label = std::string(199, 'a') + "ễ" + std::string(50, 'x');
    REQUIRE(label.size() > 200);
    REQUIRE(enroll("0a0a0a0a0a0a0a0a", label).status == 200);

    json devices = json::parse(station.admin({"--json", "device", "list"}));
    std::string stored = devices[0]["label"];
    CHECK(is_valid_utf8(stored));
    CHECK(codepoint_count(stored) == 200);
    CHECK(stored == std::string(199, 'a') + "ễ");
}

TEST_CASE_METHOD(Served, "labels holding control characters or escape sequences are refused", "[e2e][station]") {
    for (const std::string& label : {std::string("An\x1b[2J\x1b[31mrevoked"), std::string("An\nB"), std::string("An\x7f"),
                                     std::string("An\xc2\x9b" "31m"), std::string("An\xe2\x80\xae" "gnp.exe")}) {
        HttpResponse r = enroll("0b0b0b0b0b0b0b0b", label);
        INFO(r.body);
        CHECK(r.status == 400);
        CHECK(json::parse(r.body)["field"] == "label");
    }
    CHECK(json::parse(station.admin({"--json", "device", "list"})).empty());
    REQUIRE(enroll("0b0b0b0b0b0b0b0b", "Thượng úy An").status == 200);
    CHECK(station.admin({"device", "list"}).find("Thượng úy An") != std::string::npos);
}

TEST_CASE_METHOD(Served, "a pull cursor past the station's newest change is refused, not answered as up to date", "[e2e][station]") {
    HttpResponse e = enroll("0c0c0c0c0c0c0c0c", "An");
    REQUIRE(e.status == 200);
    std::string token = json::parse(e.body)["token"];
    HttpResponse first = http->post_json("/v1/pull", json{{"cursor", 0}, {"limit", 1000}}.dump(), token);
    REQUIRE(first.status == 200);
    std::uint64_t newest = json::parse(first.body)["cursor"];

    CHECK(http->post_json("/v1/pull", json{{"cursor", newest}, {"limit", 10}}.dump(), token).status == 200);
    HttpResponse past = http->post_json("/v1/pull", json{{"cursor", newest + 1000}, {"limit", 10}}.dump(), token);
    INFO(past.body);
    CHECK(past.status == 400);
    json error = json::parse(past.body);
    CHECK(error["field"] == "cursor");
    CHECK(error["message"].get<std::string>().find("sync --full") != std::string::npos);
}
