// Bad input and access at the station's HTTP endpoints, sent by a raw client to a real server: each
// gets the right 4xx and a JSON error body that says what is wrong; the server stays up and its
// data is unchanged.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http_server.h"
#include "langnghe/base/gzip.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/hlc.h"
#include "langnghe/model/units.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/sync/http_client.h"
#include "station.h"
#include "support/raw_http.h"
#include "support/signed_links.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

namespace {
const std::string site = "00aa11bb22cc33dd";

struct Endpoint {
    TestStation station;
    std::unique_ptr<HttpClient> http;
    std::string token;
    SignedChain chain{site};

    Endpoint() {
        station.start();
        http = std::make_unique<HttpClient>(station.url());
        auto r = http->post_json("/v1/enroll", json{{"code", station.issue_code("00004", "officer")}, {"site", site},
                                                    {"label", "Thượng úy An"}, {"public_key", chain.public_key()}}.dump());
        REQUIRE(r.status == 200);
        token = json::parse(r.body)["token"];
    }

    // A feedback record of `unit` written by `writer` at `ms`, with every field a feedback item has.
    static json record(const std::string& id, const std::string& unit, const std::string& writer, std::int64_t ms) {
        RecordState r{id, "feedback", unit, {}};
        for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
                 {"text", "\"Đèn đường hỏng\""}, {"channel", "\"patrol\""}, {"kind", "\"request\""},
                 {"category", "\"traffic\""}, {"received_at", "\"2026-11-23T12:33\""}, {"anonymous", "true"},
                 {"recorded_by", "\"An\""}, {"status", "[0,\"new\"]"}, {"deleted", "false"}})
            r.fields[name] = overwrite({}, Dot{stamp_from_ms(ms), writer}, value);
        return json::parse(encode_record(r));
    }

    json push_body(const std::vector<json>& records, const std::string& claimed_site = site) const {
        return json{{"site", claimed_site}, {"records", records}};
    }
    // The same with the signed link a device sends with its writes.
    json signed_push_body(const std::vector<json>& records) {
        std::vector<RecordState> states;
        for (const auto& r : records) states.push_back(decode_record(r.dump()));
        json body = push_body(records);
        body["links"] = json::parse(encode_links({chain.link(states)}));
        return body;
    }

    // Sends, and checks the status, the error body and that nothing changed.
    json refused(int status, const std::string& path, const std::string& body, const std::string& with_token) {
        std::string before = station.dump();
        HttpResponse r = http->post_json(path, body, with_token);
        INFO(path << " " << body.substr(0, 200) << "\n→ " << r.status << " " << r.body);
        CHECK(r.status == status);
        CHECK(r.server_time > 0);
        json error = json::parse(r.body);
        CHECK(error["error"].is_string());
        CHECK_FALSE(error["message"].get<std::string>().empty());
        CHECK(http->get("/v1/health").status == 200);
        CHECK(station.dump() == before);
        return error;
    }
};

std::int64_t now_ms() { return system_clock_source()(); }
}  // namespace

TEST_CASE_METHOD(Endpoint, "missing, unknown and revoked tokens are 401", "[e2e][sync]") {
    std::string body = push_body({record("fb-AAAAAAAAAAAAAAAA", "00004", site, now_ms())}).dump();
    CHECK(refused(401, "/v1/push", body, "")["error"] == "unauthorized");
    CHECK(refused(401, "/v1/push", body, "lnt_0000")["error"] == "unauthorized");
    json devices = json::parse(station.admin({"--json", "device", "list"}));
    station.admin({"device", "revoke", devices[0]["id"]});
    CHECK(refused(401, "/v1/pull", json{{"cursor", 0}, {"limit", 10}}.dump(), token)["message"].get<std::string>().find(
              "revoked") != std::string::npos);
}

TEST_CASE_METHOD(Endpoint, "reused and unknown enrollment codes are refused", "[e2e][sync]") {
    std::string code = station.issue_code("00004", "officer");
    REQUIRE(http->post_json("/v1/enroll", json{{"code", code}, {"site", "feedfeedfeedfeed"}, {"label", "x"}, {"public_key", generate_key_pair().public_key}}.dump()).status == 200);
    refused(403, "/v1/enroll", json{{"code", code}, {"site", "beefbeefbeefbeef"}, {"label", "x"}, {"public_key", generate_key_pair().public_key}}.dump(), "");
    refused(401, "/v1/enroll", json{{"code", "ZZZZ-ZZZZ-ZZZZ"}, {"site", "beefbeefbeefbeef"}, {"label", "x"}, {"public_key", generate_key_pair().public_key}}.dump(), "");
}

TEST_CASE_METHOD(Endpoint, "scope, forged sites and far-future stamps are refused naming the records", "[e2e][sync]") {
    json outside = refused(403, "/v1/push",
                           push_body({record("fb-BBBBBBBBBBBBBBBB", "00004", site, now_ms()),
                                      record("fb-CCCCCCCCCCCCCCCC", "26734", site, now_ms())})
                               .dump(),
                           token);
    CHECK(outside["details"] == json::array({"fb-CCCCCCCCCCCCCCCC"}));
    CHECK(refused(403, "/v1/push", push_body({record("fb-DDDDDDDDDDDDDDDD", "00004", site, now_ms())}, "0123456789abcdef").dump(),
                  token)["field"] == "site");
    json future = refused(422, "/v1/push",
                          push_body({record("fb-EEEEEEEEEEEEEEEE", "00004", site, now_ms() + 24LL * 3600 * 1000)}).dump(), token);
    CHECK(future["error"] == "clock_skew");
    CHECK(future["details"] == json::array({"fb-EEEEEEEEEEEEEEEE"}));
}

TEST_CASE_METHOD(Endpoint, "malformed bodies, wrong types, unknown members and oversized bodies", "[e2e][sync]") {
    CHECK(refused(400, "/v1/push", "{\"site\": \"00aa", token)["error"] == "invalid_input");
    // A number past what a double holds is a JSON error too (found by the fuzz corpus test), not a 500.
    CHECK(refused(400, "/v1/push", "{\"site\": \"00aa\", \"records\": [1e999]}", token)["field"] == "body");
    CHECK(refused(400, "/v1/pull", json{{"cursor", "zero"}, {"limit", 10}}.dump(), token)["field"] == "cursor");
    CHECK(refused(400, "/v1/pull", json{{"cursor", 0}, {"limit", 10}, {"since", 5}}.dump(), token)["field"] == "since");
    CHECK(refused(400, "/v1/pull", json{{"cursor", 0}, {"limit", 0}}.dump(), token)["field"] == "limit");
    json bad_record = record("fb-FFFFFFFFFFFFFFFF", "00004", site, now_ms());
    bad_record["f"]["secret"] = bad_record["f"]["text"];
    CHECK(refused(400, "/v1/push", push_body({bad_record}).dump(), token)["field"] == "secret");
    std::string huge = push_body({}).dump();
    huge.insert(huge.size() - 1, ",\"pad\":\"" + std::string(max_request_bytes, 'x') + "\"");
    CHECK(refused(413, "/v1/push", huge, token)["error"] == "too_large");
    CHECK(refused(404, "/v1/nothing", "{}", token)["error"] == "not_found");
}

TEST_CASE("an enrollment code stops working when it expires", "[sync]") {
    TempDir dir;
    std::int64_t now = 1'790'000'000'000;
    StoreOptions options;
    options.clock = [&now] { return now; };
    server::Station::init(dir.file("st"));
    auto station = server::Station::open(dir.file("st"), options);
    station->data().import_units(Actor{"admin"}, "code,name,kind,parent_code\n00004,Phường Ba Đình,ward,\n");
    auto code = station->issue_code("00004", "officer", 60'000);
    now += 60'001;
    try {
        station->enroll({code.code, "00aa11bb22cc33dd", "An", generate_key_pair().public_key});
        FAIL("an expired code enrolled a device");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK(std::string(e.what()).find("expired") != std::string::npos);
    }
    CHECK(station->devices().empty());
}

TEST_CASE_METHOD(Endpoint, "gzip both ways, and the body bound holds after decompression", "[e2e][sync]") {
    httplib::Client raw("127.0.0.1", station.port());
    raw.set_decompress(false);
    httplib::Headers auth{{"Authorization", "Bearer " + token}};

    std::string push = signed_push_body({record("fb-GGGGGGGGGGGGGGGG", "00004", site, now_ms())}).dump();
    httplib::Headers gzipped = auth;
    gzipped.emplace("Content-Encoding", "gzip");
    auto pushed = raw.Post("/v1/push", gzipped, gzip_compress(push), "application/json");
    REQUIRE(pushed);
    CHECK(pushed->status == 200);
    CHECK(station.dump().find("fb-GGGGGGGGGGGGGGGG") != std::string::npos);

    httplib::Headers accepts_gzip = auth;
    accepts_gzip.emplace("Accept-Encoding", "gzip");
    auto pulled = raw.Post("/v1/pull", accepts_gzip, json{{"cursor", 0}, {"limit", 100}}.dump(), "application/json");
    REQUIRE(pulled);
    CHECK(pulled->status == 200);
    CHECK(pulled->get_header_value("Content-Encoding") == "gzip");
    CHECK(pulled->body.substr(0, 2) == "\x1f\x8b");  // the gzip magic, not JSON

    // 17 MiB of padding is 17 KiB gzipped: under the Content-Length check, over the bound once inflated.
    std::string bomb = push_body({}).dump();
    bomb.insert(bomb.size() - 1, ",\"pad\":\"" + std::string(max_request_bytes + (1 << 20), ' ') + "\"");
    std::string before = station.dump();
    auto inflated = raw.Post("/v1/push", gzipped, gzip_compress(bomb), "application/json");
    REQUIRE(inflated);
    CHECK(inflated->status == 413);
    CHECK(json::parse(inflated->body)["error"] == "too_large");

    // The same without gzip is refused on its Content-Length, before it is read: the answer comes to
    // the headers alone (and the connection closes, so a client still writing would see a reset).
    Socket plain_socket(station.port());
    REQUIRE(plain_socket.send("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Authorization: Bearer " + token + "\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n\r\n"));
    RawAnswer plain = read_answer(plain_socket);
    CHECK(plain.status == 413);
    CHECK(plain.json()["error"] == "too_large");
    CHECK(station.dump() == before);
    CHECK(http->get("/v1/health").status == 200);
}

TEST_CASE_METHOD(Endpoint, "CBOR by content negotiation: a CBOR push is stored, a CBOR pull reads back the same", "[e2e][sync]") {
    httplib::Client raw("127.0.0.1", station.port());
    httplib::Headers cbor_both{{"Authorization", "Bearer " + token}, {"Accept", "application/cbor"}};

    json body = signed_push_body({record("fb-CCCCCCCCCCCCCCCC", "00004", site, now_ms())});
    std::vector<std::uint8_t> cbor = json::to_cbor(body);
    auto pushed = raw.Post("/v1/push", cbor_both, std::string(cbor.begin(), cbor.end()), "application/cbor");
    REQUIRE(pushed);
    CHECK(pushed->status == 200);
    CHECK(pushed->get_header_value("Content-Type") == "application/cbor");
    json push_answer = json::from_cbor(pushed->body);
    CHECK(push_answer["received"] == 1);
    CHECK(push_answer["changed"] == 1);

    // Another device of the ward reads it back (the pusher holds it already: it is not sent back to it).
    auto enrolled = http->post_json("/v1/enroll", json{{"code", station.issue_code("00004", "officer")},
                                                       {"site", "0badbeef0badbeef"}, {"label", "Trung úy Bình"},
                                                       {"public_key", generate_key_pair().public_key}}.dump());
    REQUIRE(enrolled.status == 200);
    std::string reader = json::parse(enrolled.body)["token"];
    std::vector<std::uint8_t> pull_request = json::to_cbor(json{{"cursor", 0}, {"limit", 100}});
    auto own = raw.Post("/v1/pull", cbor_both, std::string(pull_request.begin(), pull_request.end()), "application/cbor");
    REQUIRE(own);
    json own_answer = json::from_cbor(own->body);
    for (const auto& r : own_answer["records"]) CHECK(r["id"] != "fb-CCCCCCCCCCCCCCCC");
    cbor_both = {{"Authorization", "Bearer " + reader}, {"Accept", "application/cbor"}};
    auto pulled = raw.Post("/v1/pull", cbor_both, std::string(pull_request.begin(), pull_request.end()), "application/cbor");
    REQUIRE(pulled);
    CHECK(pulled->status == 200);
    CHECK(pulled->get_header_value("Content-Type") == "application/cbor");
    json pull_answer = json::from_cbor(pulled->body);
    json stored;
    for (const auto& r : pull_answer["records"])
        if (r["id"] == "fb-CCCCCCCCCCCCCCCC") stored = r;
    CHECK(stored == body["records"][0]);  // the resident's words, stamps and all, as sent

    // The same pull in JSON gives the same answer: the encodings differ, the content does not.
    httplib::Headers json_only{{"Authorization", "Bearer " + reader}};
    auto as_json = raw.Post("/v1/pull", json_only, json{{"cursor", 0}, {"limit", 100}}.dump(), "application/json");
    REQUIRE(as_json);
    json plain = json::parse(as_json->body);
    plain.erase("server_time");
    pull_answer.erase("server_time");
    CHECK(plain == pull_answer);

    // Bad CBOR is refused like bad JSON: 400 naming the body, in CBOR for a client that asked for it.
    std::string before = station.dump();
    auto bad = raw.Post("/v1/push", cbor_both, std::string("\xbf\x61", 2), "application/cbor");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    json error = json::from_cbor(bad->body);
    CHECK(error["error"] == "invalid_input");
    CHECK(error["field"] == "body");
    CHECK(station.dump() == before);
}

namespace {
struct Malformed {
    std::string name, body, field;  // field: what the error body must name
};

std::string cbor_text(const std::string& s) {  // a CBOR text string holding `s` as is, valid or not
    return std::string(1, '\x78') + static_cast<char>(s.size()) + s;
}

// Each class of malformed JSON, built around a valid body: an extra member "note" carries the fault
// (the decoders refuse while parsing, before they look at members), or the body as a whole is bad.
std::vector<Malformed> malformed_json(const std::string& valid) {
    std::string rest = valid.substr(1);
    auto with_note = [&](const std::string& member) { return "{" + member + "," + rest; };
    std::vector<Malformed> out;
    const std::pair<std::string, std::string> strings[] = {
        {"raw 0xff", "a\xff"},          {"overlong", "a\xc0\xaf"},         {"truncated", "a\xe1\x80"},
        {"CESU surrogate", "\xed\xa0\x80"}, {"escaped lone surrogate", "\\ud800"}, {"escaped low surrogate", "\\udc00x"},
        {"raw NUL", std::string("a\0b", 3)}, {"escaped NUL", "a\\u0000b"}};
    for (const auto& [name, s] : strings) {
        bool lexer_refuses = name != "escaped NUL";
        out.push_back({name + " in a value", with_note("\"note\":\"" + s + "\""), lexer_refuses ? "body" : "note"});
        out.push_back({name + " in a key", with_note("\"" + s + "\":1"), "body"});
    }
    out.push_back({"ESC in a key", with_note("\"a\\u001b[31m\":1"), "body"});
    out.push_back({"U+FEFF in a key", with_note("\"a\xEF\xBB\xBF\":1"), "body"});
    out.push_back({"a byte order mark", "\xEF\xBB\xBF" + valid, "body"});
    out.push_back({"a repeated key", with_note("\"note\":1,\"note\":2"), "note"});
    out.push_back({"a member nested 80,000 deep", with_note("\"note\":" + std::string(80'000, '[') + std::string(80'000, ']')), "note"});
    out.push_back({"a body nested 80,000 deep", std::string(80'000, '[') + std::string(80'000, ']'), "body"});
    return out;
}

// The same classes in CBOR: `valid` is a CBOR map of fewer than 23 members, "note" is added to it.
std::vector<Malformed> malformed_cbor(const std::string& valid) {
    auto with = [&](int extra, const std::string& entries) {
        return std::string(1, static_cast<char>(valid[0] + extra)) + entries + valid.substr(1);
    };
    std::vector<Malformed> out;
    const std::pair<std::string, std::string> strings[] = {{"raw 0xff", "a\xff"},
                                                           {"overlong", "a\xc0\xaf"},
                                                           {"truncated", "a\xe1\x80"},
                                                           {"CESU surrogate", "\xed\xa0\x80"},
                                                           {"NUL", std::string("a\0b", 3)}};
    for (const auto& [name, s] : strings) {
        out.push_back({name + " in a text value", with(1, cbor_text("note") + cbor_text(s)), "note"});
        out.push_back({name + " in a key", with(1, cbor_text(s) + cbor_text("x")), "body"});
    }
    out.push_back({"ESC in a key", with(1, cbor_text("a\x1b") + cbor_text("x")), "body"});
    out.push_back({"U+FEFF in a key", with(1, cbor_text("\xEF\xBB\xBF") + cbor_text("x")), "body"});
    out.push_back({"a repeated key", with(2, cbor_text("note") + cbor_text("a") + cbor_text("note") + cbor_text("b")), "note"});
    out.push_back({"a byte string", with(1, cbor_text("note") + std::string("\x41\x00", 2)), "note"});
    out.push_back({"a member nested 100,000 deep", with(1, cbor_text("note") + std::string(100'000, '\x81') + '\0'), "body"});
    out.push_back({"nested indefinite strings", with(1, cbor_text("note") + std::string(100'000, '\x7f')), "body"});
    out.push_back({"a body nested 100,000 deep", std::string(100'000, '\x81') + '\0', "body"});
    return out;
}
}  // namespace

TEST_CASE_METHOD(Endpoint, "every class of malformed body is a 400 with the JSON error body at every endpoint, JSON and CBOR",
                 "[e2e][sync]") {
    httplib::Client raw("127.0.0.1", station.port());
    raw.set_read_timeout(20, 0);
    httplib::Headers auth{{"Authorization", "Bearer " + token}};
    std::string code = station.issue_code("00004", "officer");
    const std::pair<std::string, json> endpoints[] = {
        {"/v1/enroll", {{"code", code}, {"site", "beefbeefbeefbeef"}, {"label", "An"}}},
        {"/v1/push", push_body({record("fb-HHHHHHHHHHHHHHHH", "00004", site, now_ms())})},
        {"/v1/pull", {{"cursor", 0}, {"limit", 10}}},
    };
    std::string before = station.dump();
    std::size_t sent = 0;
    for (const auto& [path, valid] : endpoints) {
        auto cbor = json::to_cbor(valid);
        std::vector<std::pair<std::string, Malformed>> cases;
        for (auto& m : malformed_json(valid.dump())) cases.emplace_back("application/json", std::move(m));
        for (auto& m : malformed_cbor(std::string(cbor.begin(), cbor.end()))) cases.emplace_back("application/cbor", std::move(m));
        if (path == "/v1/push") {  // and in a record, where the error names the record
            json deep = json::parse(std::string(50, '[') + std::string(50, ']'));
            json record_with = record("fb-JJJJJJJJJJJJJJJJ", "00004", site, now_ms());
            std::string text = push_body({record_with}).dump();
            std::string value = "\"Đèn đường hỏng\"";
            auto replaced = [&](const std::string& by) {
                std::string t = text;
                return t.replace(t.find(value), value.size(), by);
            };
            cases.emplace_back("application/json", Malformed{"NUL in a record value", replaced("\"a\\u0000\""), "changes"});
            cases.emplace_back("application/json", Malformed{"a repeated key in a record value", replaced("{\"a\":1,\"a\":2}"), "changes"});
            cases.emplace_back("application/json", Malformed{"a record value nested 80,000 deep",
                                                             replaced(std::string(80'000, '[') + std::string(80'000, ']')), "changes"});
            cases.emplace_back("application/json", Malformed{"a record value nested 50 deep", replaced(deep.dump()), "changes"});
        }
        for (const auto& [type, m] : cases) {
            INFO(path << " " << type << ": " << m.name);
            auto r = raw.Post(path, auth, m.body, type.c_str());
            ++sent;
            REQUIRE(r);
            // Enrollment bodies are bounded before they are decoded: a deep one is too large first.
            bool over_enroll_bound = path == "/v1/enroll" && m.body.size() > server::max_enroll_bytes;
            CHECK(r->status == (over_enroll_bound ? 413 : 400));
            CHECK_FALSE(r->has_header("EXCEPTION_WHAT"));
            CHECK(r->get_header_value("Content-Type").find("application/json") == 0);
            json error = json::parse(r->body);  // throws, failing the test, when the body is not JSON
            if (over_enroll_bound) {
                CHECK(error["error"] == "too_large");
                continue;
            }
            CHECK(error["error"] == "invalid_input");
            CHECK_FALSE(error["message"].get<std::string>().empty());
            CHECK(error["field"] == m.field);
            CHECK(error["message"].get<std::string>().find("unknown member") == std::string::npos);
        }
    }
    CHECK(sent > 100);
    CHECK(http->get("/v1/health").status == 200);
    CHECK(station.dump() == before);
    // Nothing was consumed: the code still enrolls.
    CHECK(http->post_json("/v1/enroll", json{{"code", code}, {"site", "beefbeefbeefbeef"}, {"label", "An"}, {"public_key", generate_key_pair().public_key}}.dump()).status == 200);
}
