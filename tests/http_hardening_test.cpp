// The station's HTTP layer against hostile clients, over real sockets to the real server: slow and
// silent connections do not stop others being served, bodies are refused before they are read when
// the headers already decide, unknown media types are 415, and the unauthenticated endpoints are rate
// limited per address and in total. Loopback only (127.0.0.0/8 is all loopback, so other source
// addresses are other clients); every socket is closed and every wait bounded.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "langnghe/storage/custody_crypto.h"
#include "langnghe/base/gzip.h"
#include "langnghe/sync/http_client.h"
#include "langnghe/sync/sync_protocol.h"
#include "rate_limiter.h"
#include "request_body.h"
#include "support/raw_http.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {
const std::string site = "00aa11bb22cc33dd";

void check_error_body(const RawAnswer& a, int status, const std::string& error) {
    INFO(a.status << " " << a.body);
    CHECK(a.status == status);
    CHECK(a.headers.count("x-langnghe-server-time") == 1);
    CHECK(a.headers.count("exception_what") == 0);
    json body = a.json();
    CHECK(body["error"] == error);
    CHECK_FALSE(body["message"].get<std::string>().empty());
}

std::string enroll_body(const std::string& code, const std::string& label = "An") {
    return json{{"code", code}, {"site", site}, {"label", label}, {"public_key", generate_key_pair().public_key}}.dump();
}

std::string enroll(TestStation& station) {
    HttpClient http(station.url(), {}, 10);
    auto r = http.post_json("/v1/enroll", enroll_body(station.issue_code("00004", "officer")));
    REQUIRE(r.status == 200);
    return json::parse(r.body)["token"];
}

std::string pull_request(const std::string& token) {
    return raw_request("POST", "/v1/pull", {"Content-Type: application/json", "Authorization: Bearer " + token, "Connection: close"},
                   json{{"cursor", 0}, {"limit", 10}}.dump());
}

const std::string health = raw_request("GET", "/v1/health", {"Connection: close"});

// Sends one more byte of a never-finished request line to every connection, about once a second.
class Trickler {
public:
    explicit Trickler(std::vector<Socket>& sockets) : m_thread([this, &sockets] {
        const std::string line = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(4000, 'x');
        for (std::size_t i = 0; i < line.size() && !m_stop; ++i) {
            for (auto& s : sockets) s.send(line.substr(i, 1));
            for (int tick = 0; tick < 10 && !m_stop; ++tick) std::this_thread::sleep_for(100ms);
        }
    }) {}
    ~Trickler() {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};
}  // namespace

TEST_CASE("eight connections trickling their headers do not stop health checks", "[station][e2e]") {
    TestStation station;
    station.start();
    std::vector<Socket> slow;
    for (int i = 0; i < 8; ++i) slow.emplace_back(station.port());
    Trickler trickler(slow);
    std::this_thread::sleep_for(1500ms);  // every slow connection has sent a byte or two
    for (int i = 0; i < 3; ++i) CHECK(ask(station.port(), health, {}, 5s).status == 200);
}

TEST_CASE("with 200 silent and trickling connections open, a device is still served", "[station][e2e]") {
    TestStation station;
    station.start();
    std::string token = enroll(station);
    std::vector<Socket> silent, slow;
    for (int i = 0; i < 100; ++i) silent.emplace_back(station.port());
    for (int i = 0; i < 100; ++i) slow.emplace_back(station.port());
    Trickler trickler(slow);
    std::this_thread::sleep_for(1500ms);
    CHECK(ask(station.port(), health, {}, 10s).status == 200);
    RawAnswer pulled = ask(station.port(), pull_request(token), {}, 10s);
    INFO(pulled.body);
    CHECK(pulled.status == 200);
    CHECK(json::parse(pulled.body).contains("records"));
}

TEST_CASE("a push without a token is refused from its headers, before its body is sent", "[station][e2e]") {
    TestStation station;
    station.start();
    Socket s(station.port());
    // Headers only: the 10 MB the length announces never come.
    REQUIRE(s.send("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Content-Length: 10000000\r\n\r\n"));
    check_error_body(read_answer(s), 401, "unauthorized");
    // A wrong token, the same.
    Socket t(station.port());
    REQUIRE(t.send("POST /v1/pull HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Authorization: Bearer lnt_0000\r\nContent-Length: 10000000\r\n\r\n"));
    check_error_body(read_answer(t), 401, "unauthorized");
}

TEST_CASE("an enrollment body over its own small bound is 413, declared or chunked", "[station][e2e]") {
    TestStation station;
    station.start();
    std::string code = station.issue_code("00004", "officer");
    std::string big = enroll_body(code, std::string(8000, 'a'));
    check_error_body(ask(station.port(), raw_request("POST", "/v1/enroll", {"Content-Type: application/json"}, big)), 413, "too_large");
    char size[16];
    std::snprintf(size, sizeof size, "%zx", big.size());
    check_error_body(ask(station.port(), raw_request("POST", "/v1/enroll", {"Content-Type: application/json", "Transfer-Encoding: chunked"}) +
                                             size + "\r\n" + big + "\r\n0\r\n\r\n"),
                     413, "too_large");
    // The code was not used up: the same code enrolls with a proper body.
    CHECK(ask(station.port(), raw_request("POST", "/v1/enroll", {"Content-Type: application/json"}, enroll_body(code))).status == 200);
}

TEST_CASE("a body that is neither JSON nor CBOR, or in an unknown encoding, is 415", "[station][e2e]") {
    TestStation station;
    station.start();
    std::string token = enroll(station);
    std::string body = json{{"cursor", 0}, {"limit", 10}}.dump();
    std::string auth = "Authorization: Bearer " + token;
    check_error_body(ask(station.port(), raw_request("POST", "/v1/pull", {"Content-Type: text/plain", auth}, body)), 415,
                     "unsupported_media_type");
    check_error_body(ask(station.port(), raw_request("POST", "/v1/pull", {auth}, body)), 415, "unsupported_media_type");
    check_error_body(ask(station.port(), raw_request("POST", "/v1/pull", {"Content-Type: application/json", "Content-Encoding: xyz", auth}, body)),
                     415, "unsupported_media_type");
    CHECK(ask(station.port(), raw_request("POST", "/v1/pull", {"Content-Type: application/json; charset=utf-8", auth}, body)).status == 200);
}

TEST_CASE("an error body that cannot be encoded still answers 4xx with a JSON body and no exception text", "[station][e2e]") {
    TestStation station;
    station.start();
    RawAnswer a = ask(station.port(), raw_request("POST", "/v1/enroll", {"Content-Type: application/json"},
                                           "{\"code\":\"\xff\xfe\",\"site\":\"" + site + "\",\"label\":\"An\"}"));
    INFO(a.status << " " << a.body);
    CHECK(a.status >= 400);
    CHECK(a.status < 500);
    CHECK(a.headers.count("exception_what") == 0);
    CHECK(a.json()["error"].is_string());
    CHECK(a.body.find("json.exception") == std::string::npos);
}

TEST_CASE("wrong enrollment codes are rate limited per address and in total", "[station][e2e]") {
    TestStation station;
    station.start();
    auto guess = [&](const std::string& source) {
        return ask(station.port(), raw_request("POST", "/v1/enroll", {"Content-Type: application/json"}, enroll_body("ZZZZ-ZZZZ-ZZZZ")),
                   source);
    };
    SECTION("one address") {
        std::map<int, int> statuses;
        RawAnswer limited;
        for (int i = 0; i < 100; ++i) {
            RawAnswer a = guess("127.0.0.1");
            ++statuses[a.status];
            if (a.status == 429) limited = a;
        }
        CHECK(statuses[401] > 0);
        CHECK(statuses[429] > 0);
        CHECK(statuses[401] + statuses[429] == 100);
        check_error_body(limited, 429, "too_many_requests");
        CHECK(std::stoi(limited.headers["retry-after"]) >= 1);
        // Another address is not held back by the first one's guesses.
        CHECK(guess("127.0.0.2").status == 401);
    }
    SECTION("many addresses, each under its own limit") {
        int limited = 0, answered = 0;
        for (int i = 2; i <= 51; ++i)
            for (int n = 0; n < 5; ++n) {
                RawAnswer a = guess("127.0.0." + std::to_string(i));
                limited += a.status == 429;
                answered += a.status == 401 || a.status == 429;
            }
        CHECK(answered == 250);
        CHECK(limited > 0);
    }
}

TEST_CASE("receipt lookups from many addresses meet the global limit, and the log holds no receipt code", "[station][e2e]") {
    TestStation station;
    station.start();
    int limited = 0, answered = 0;
    for (int i = 2; i <= 51; ++i)
        for (int n = 0; n < 10; ++n) {
            RawAnswer a = ask(station.port(), raw_request("GET", "/v1/receipts/QWERT-" + std::to_string(10000 + i * 10 + n)),
                           "127.0.0." + std::to_string(i));
            limited += a.status == 429;
            answered += a.status == 404 || a.status == 400 || a.status == 429;
            if (a.status == 429) CHECK(a.headers.count("retry-after") == 1);
        }
    CHECK(answered == 500);
    CHECK(limited > 0);
    station.stop();
    std::string log = station.log();
    CHECK(log.find("/v1/receipts/") != std::string::npos);
    CHECK(log.find("QWERT") == std::string::npos);
}

TEST_CASE("token buckets: a burst, then one per refill, a refusal by the global bucket costs the address nothing", "[station]") {
    auto store = std::make_shared<server::MemoryRateStore>();
    server::EndpointLimit limit("enroll", {2, 1000}, {3, 10000}, store);
    std::int64_t t = 1'000'000;
    CHECK(limit.admit("a", t).allowed);
    CHECK(limit.admit("a", t).allowed);
    server::RateDecision third = limit.admit("a", t);
    CHECK_FALSE(third.allowed);
    CHECK(third.retry_after_ms == 1000);
    CHECK(limit.admit("b", t).allowed);         // the global bucket's last token
    server::RateDecision global = limit.admit("c", t);
    CHECK_FALSE(global.allowed);                // refused by the global bucket…
    CHECK(global.retry_after_ms == 10000);
    limit.give_back("b", t);                    // (a success gives both tokens back)
    CHECK(limit.admit("c", t).allowed);         // …without having spent c's own token
    CHECK(limit.admit("a", t + 1000).allowed == false);  // a's bucket refilled, the global one not
}

TEST_CASE("a gzip request body is inflated piece by piece and bounded after inflation", "[station]") {
    std::string text = json{{"site", site}, {"records", std::string(100000, 'x')}}.dump();
    std::string packed = gzip_compress(text);
    server::RequestBody body(max_request_bytes, true);
    for (char c : packed) body.append(&c, 1);
    CHECK(body.finish() == text);

    std::string two_members = gzip_compress("{\"a\":") + gzip_compress("1}");
    server::RequestBody concatenated(100, true);
    concatenated.append(two_members.data(), two_members.size());
    CHECK(concatenated.finish() == "{\"a\":1}");

    server::RequestBody bounded(1000, true);
    std::string bomb = gzip_compress(std::string(100000, ' '));
    REQUIRE(bomb.size() < 1000);
    CHECK_THROWS_WITH(bounded.append(bomb.data(), bomb.size()), Catch::Contains("over 1000 bytes"));

    server::RequestBody cut(max_request_bytes, true);
    cut.append(packed.data(), packed.size() / 2);
    CHECK_THROWS_WITH(cut.finish(), Catch::Contains("ends early"));

    server::RequestBody not_gzip(max_request_bytes, true);
    CHECK_THROWS_WITH(not_gzip.append("{\"a\":1}", 7), Catch::Contains("not valid gzip"));
}
