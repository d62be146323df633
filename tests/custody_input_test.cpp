// Forged bytes where the chain of custody comes in from outside (docs/custody.md): the links of a
// push, and the registry of a pull answer. Each is refused naming what is wrong — 400 when a link
// does not parse, 403 when it parses but does not hold, invalid_input for a registry — nothing is
// written, and the next sync goes through. Change files: custody_exchange_test.cpp.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>

#include "langnghe/base/error.h"
#include "langnghe/codec/bounded_json.h"
#include "langnghe/model/feedback.h"
#include "langnghe/storage/custody.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/sync/sync_client.h"
#include "langnghe/sync/sync_protocol.h"
#include "support/refusal.h"
#include "support/station_transport.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

namespace {
// A device enrolled with an in-process station, holding a write it has not pushed: its chain is
// link 1 (the units it imported) and link 2 (the feedback).
struct Field {
    ManualClock clock;
    InProcessStation station{clock.source()};
    StationTransport wire{station};
    TempDir dir;
    std::unique_ptr<Store> device = open_device();
    std::string fb = add_feedback(
        *device, Actor{"An"}, {.unit = "00004", .kind = "request", .category = "traffic", .text = "Đèn đường hỏng"});
    std::vector<CustodyLink> chain = custody_links(*device, device->site_id());

    std::unique_ptr<Store> open_device() {
        StoreOptions on_station_time;
        on_station_time.clock = clock.source();
        auto store = Store::open(dir.file("device.db"), on_station_time);
        import_units(*store, Actor{"An"}, InProcessStation::unit_csv());
        store->seal_unsealed_custody();  // the units are link 1, the write link 2
        enroll_device(*store, wire, "http://station.invalid", station.issue_code("00004"), "", "An");
        return store;
    }
    static SyncOptions options() {
        SyncOptions o;
        o.sleep = [](int) {};
        return o;
    }
    // The push a device sends with its chain, as JSON a test may forge.
    json push_body() const {
        auto records = device->export_since(0, 1000, [](const RecordState& r) { return r.type != "unit"; }).records;
        return json::parse(encode(PushRequest{device->site_id(), records, chain}));
    }
    std::string name_of(std::uint64_t n) const { return device->site_id() + "#" + std::to_string(n); }

    // Pushes `body` and requires the refusal `status` naming the links and saying `says`, with the
    // station's records and custody log as they were.
    json refused(const std::string& body, long status, const std::string& says) {
        std::string before = station.records().canonical_dump();
        auto log = custody_links(station.records());
        HttpResponse r = wire.send({"POST", "/v1/push", body, device->meta("sync.token").value_or("")});
        INFO(r.status << " " << r.body.substr(0, 300));
        CHECK(r.status == status);
        json error = json::parse(r.body);
        CHECK(error["error"] == (status == 400 ? "invalid_input" : "forbidden"));
        CHECK(error["field"] == "links");
        CHECK_THAT(error["message"].get<std::string>(), Catch::Contains(says));
        CHECK(error["message_vi"].get<std::string>() != error["message"].get<std::string>());
        CHECK(station.records().canonical_dump() == before);
        CHECK(custody_links(station.records()) == log);
        return error;
    }
};

std::string hex_digits(std::size_t count, char digit = 'a') {
    return std::string(count, digit);
}

// A link of the device's chain forged in its JSON, and what the station must answer.
struct Forgery {
    std::string name;
    std::function<void(json& links)> forge;
    long status;
    std::string says;
    std::uint64_t named = 2;  // the link a 403 names in its details
};
}  // namespace

TEST_CASE_METHOD(Field, "forged links in a push are refused naming what is wrong, and the next sync goes through",
                 "[sync][custody]") {
    REQUIRE(chain.size() == 2);
    const std::string shape = "an entry must be [record, stamp, [fields], hash, nonce]";
    const std::string max_entries = std::to_string(2 * max_link_entries);
    json entry = push_body()["links"][1]["entries"][0];
    // Link 2 signed by another enrolled device, and signed by this one with a time past int64.
    TempDir other_dir;
    auto other = Store::open(other_dir.file("binh.db"));
    enroll_device(*other, wire, "http://station.invalid", station.issue_code("00004"), "", "Bình");
    std::string signed_by_other = sign_as_replica(*other, chain[1].body());
    CustodyLink wrapped = chain[1];
    wrapped.signed_at = -5;
    std::string signed_wrapped = sign_as_replica(*device, wrapped.body());

    const std::vector<Forgery> forgeries = {
        {"links not an array", [](json& l) { l = l[0]; }, 400, "'links' must be an array"},
        {"a link that is not an object", [](json& l) { l[1] = "link 2"; }, 400, "a link must be an object"},
        {"a link without its signature", [](json& l) { l[1].erase("signature"); }, 400, "'signature' must be a string"},
        {"a link without its number", [](json& l) { l[1].erase("n"); }, 400, "'n' must be a number >= 0"},
        {"a link without entries", [](json& l) { l[1].erase("entries"); }, 400,
         "'entries' must be an array of 1 to " + max_entries},
        {"a link with a member of its own", [](json& l) { l[1]["note"] = 1; }, 400, "unknown member 'note'"},
        {"a site that is a number", [](json& l) { l[1]["site"] = 7; }, 400, "'site' must be a string"},
        {"a site that is not a site id", [](json& l) { l[1]["site"] = "Đèn đường\n"; }, 400,
         "'site' must be a site id"},
        {"a number that is text", [](json& l) { l[1]["n"] = "2"; }, 400, "'n' must be a number >= 0"},
        {"a negative number", [](json& l) { l[1]["n"] = -2; }, 400, "'n' must be a number >= 0"},
        {"a fractional number", [](json& l) { l[1]["n"] = 2.5; }, 400, "'n' must be a number >= 0"},
        {"a number past any integer", [](json& l) { l[1]["n"] = 1e30; }, 400, "'n' must be a number >= 0"},
        {"link number 0", [](json& l) { l[0]["n"] = 0; }, 400, "'n' must be 1 or more"},
        {"a signing time that is text", [](json& l) { l[1]["signed_at"] = "today"; }, 400,
         "'signed_at' must be a number >= 0"},
        {"a signing time past int64, signed as the negative it wraps to",
         [&](json& l) {
             l[1]["signed_at"] = std::numeric_limits<std::uint64_t>::max() - 4;
             l[1]["signature"] = signed_wrapped;
         },
         400, "'signed_at' is past any time"},
        {"prev that is not hex", [](json& l) { l[1]["prev"] = hex_digits(64, 'z'); }, 400, "#2 has a malformed 'prev'"},
        {"prev one digit short", [](json& l) { l[1]["prev"] = hex_digits(63); }, 400, "#2 has a malformed 'prev'"},
        {"prev on a first link", [](json& l) { l[0]["prev"] = hex_digits(64); }, 400, "#1 has a malformed 'prev'"},
        {"a signature that is not hex", [](json& l) { l[1]["signature"] = hex_digits(128, 'z'); }, 400,
         "#2 has a malformed 'signature'"},
        {"a signature one byte short", [](json& l) { l[1]["signature"] = hex_digits(126); }, 400,
         "#2 has a malformed 'signature'"},
        {"a signature one byte long", [](json& l) { l[1]["signature"] = hex_digits(130); }, 400,
         "'signature' is too long"},
        {"entries that are not an array", [](json& l) { l[1]["entries"] = "all"; }, 400, "'entries' must be an array"},
        {"no entries", [](json& l) { l[1]["entries"] = json::array(); }, 400, "'entries' must be an array of 1 to"},
        {"too many entries", [&](json& l) { l[1]["entries"] = json(2 * max_link_entries + 1, entry); }, 400,
         "'entries' must be an array of 1 to " + max_entries},
        {"an entry of four items", [](json& l) { l[1]["entries"][0].erase(4); }, 400, shape},
        {"an entry of six items", [](json& l) { l[1]["entries"][0].push_back(""); }, 400, shape},
        {"an entry that is an object",
         [](json& l) {
             l[1]["entries"][0] = {{"record", "fb-A"}};
         },
         400, shape},
        {"an entry's stamp as text", [](json& l) { l[1]["entries"][0][1] = "1"; }, 400, shape},
        {"an entry's fields as text", [](json& l) { l[1]["entries"][0][2] = "text"; }, 400, shape},
        {"an entry's hash as a number", [](json& l) { l[1]["entries"][0][3] = 0; }, 400, shape},
        {"an entry's nonce as null", [](json& l) { l[1]["entries"][0][4] = nullptr; }, 400, shape},
        {"an entry's record id empty", [](json& l) { l[1]["entries"][0][0] = ""; }, 400,
         "record id is empty or too long"},
        {"an entry's field that is a number", [](json& l) { l[1]["entries"][0][2] = {1}; }, 400,
         "a field that is not a short name"},
        {"an entry listing no fields", [](json& l) { l[1]["entries"][0][2] = json::array(); }, 400,
         "lists no fields or too many"},
        {"an entry's hash one byte short", [](json& l) { l[1]["entries"][0][3] = hex_digits(62); }, 400,
         "a hash that is not 64 hex digits"},
        {"an entry's hash not hex", [](json& l) { l[1]["entries"][0][3] = hex_digits(64, 'g'); }, 400,
         "a hash that is not 64 hex digits"},
        {"an entry's nonce of the wrong length", [](json& l) { l[1]["entries"][0][4] = hex_digits(30); }, 400,
         "a malformed nonce"},
        {"a signature of hex that is not the signer's",
         [](json& l) {
             std::string s = l[1]["signature"];
             s[0] = s[0] == 'a' ? 'b' : 'a';
             l[1]["signature"] = s;
         },
         403, "is altered or not signed by"},
        {"a link signed with another device's key", [&](json& l) { l[1]["signature"] = signed_by_other; }, 403,
         "is altered or not signed by"},
        {"a gap in the chain", [](json& l) { l.erase(0); }, 403, "breaks the chain: the next link of"},
        {"a link number far ahead", [](json& l) { l[1]["n"] = std::numeric_limits<std::uint64_t>::max(); }, 403,
         "breaks the chain: the next link of", std::numeric_limits<std::uint64_t>::max()},
        {"prev naming another link", [](json& l) { l[1]["prev"] = hex_digits(64, '0'); }, 403,
         "does not name the link before it"},
    };
    for (const auto& forgery : forgeries) {
        INFO(forgery.name);
        json body = push_body();
        forgery.forge(body["links"]);
        json error = refused(body.dump(), forgery.status, forgery.says);
        if (forgery.status == 403) CHECK(error["details"] == json::array({name_of(forgery.named)}));
    }

    SECTION("a link nested past the message depth") {
        json body = push_body();
        body["links"][1]["entries"][0][2] = "nested";
        std::string text = body.dump(), nested = std::string(80'000, '[') + std::string(80'000, ']');
        text.replace(text.find("\"nested\""), 8, nested);
        refused(text, 400, "nested deeper than " + std::to_string(max_message_depth - 1));
    }

    // Nothing of any of them stuck: the device's own sync pushes its chain and its write.
    SyncSummary synced = sync_device(*device, wire, options());
    CHECK(synced.refused.empty());
    CHECK(station.records().load(fb) == device->load(fb));
    CHECK(custody_links(station.records(), device->site_id()) == chain);
    CHECK_FALSE(station.station().verify().fault);
}

namespace {
// A pull answer as a station sends it, with a registry of the station's key and one device's.
json pull_answer() {
    PullAnswer answer{"[]", 1, false, "00004", "officer", "officer", 1, {}, {}, true};
    answer.registry = {{"00aa11bb22cc33dd", generate_key_pair().public_key, "active"},
                       {"station-01", generate_key_pair().public_key, "revoked"}};
    answer.registry_digest = registry_digest(answer.registry);
    return json::parse(encode(answer));
}
}  // namespace

TEST_CASE("a pull answer's registry that is not a list of well-formed keys is refused naming it", "[sync][custody]") {
    REQUIRE(decode_pull_response(pull_answer().dump()).registry.size() == 2);
    const std::string shape = "'registry' must hold entries [site, public key, status]";
    const std::string key = generate_key_pair().public_key;
    const std::string site = "00aa11bb22cc33dd";
    auto entry = [](json site_, json key_, json status) { return json::array({site_, key_, status}); };
    const std::vector<std::tuple<std::string, json, std::string>> registries = {
        {"an object", json::object({{site, key}}), "'registry' must be an array"},
        {"a text", site, "'registry' must be an array"},
        {"an entry that is a text", json::array({site}), shape},
        {"an entry of two items", json::array({json::array({site, key})}), shape},
        {"an entry of four items", json::array({json::array({site, key, "active", "extra"})}), shape},
        {"a key that is a number", json::array({entry(site, 5, "active")}), shape},
        {"a key that is not hex", json::array({entry(site, hex_digits(64, 'z'), "active")}),
         "is not an Ed25519 public key"},
        {"a key one byte short", json::array({entry(site, hex_digits(62), "active")}), "is not an Ed25519 public key"},
        {"a key in capitals", json::array({entry(site, hex_digits(64, 'A'), "active")}),
         "is not an Ed25519 public key"},
        {"an empty site", json::array({entry("", key, "active")}), "not a site id"},
        {"a site holding a newline", json::array({entry("00aa\n11bb", key, "active")}), "not a site id"},
        {"a status that is neither active nor revoked", json::array({entry(site, key, "trusted")}),
         "'active' or 'revoked'"},
        {"a good key before a bad one", json::array({entry(site, key, "active"), entry("station-01", "", "active")}),
         "is not an Ed25519 public key"},
    };
    for (const auto& [name, registry, says] : registries) {
        INFO(name);
        json answer = pull_answer();
        answer["registry"] = registry;
        Error e = refusal([&] { decode_pull_response(answer.dump()); });
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK(e.field() == "registry");
        CHECK_THAT(e.what(), Catch::Contains(says));
    }

    SECTION("a registry without its digest, or a digest that is not one") {
        json answer = pull_answer();
        answer.erase("registry_digest");
        CHECK(refusal([&] { decode_pull_response(answer.dump()); }).field() == "registry_digest");
        answer["registry_digest"] = "any";
        Error e = refusal([&] { decode_pull_response(answer.dump()); });
        CHECK(e.field() == "registry_digest");
        CHECK_THAT(e.what(), Catch::Contains("64 hex digits"));
    }
    SECTION("a registry of more values than a message may hold") {
        std::string huge = "[", one = entry(site, key, "active").dump();
        for (std::size_t i = 0; i <= max_message_values / 4; ++i) huge += (i ? "," : "") + one;
        json answer = pull_answer();
        answer["registry"] = "huge";
        std::string text = answer.dump();
        text.replace(text.find("\"huge\""), 6, huge + "]");
        Error e = refusal([&] { decode_pull_response(text); });
        CHECK(e.field() == "registry");
        CHECK_THAT(e.what(), Catch::Contains("more than " + std::to_string(max_message_values) + " values"));
    }
}

namespace {
// Hands the station's answers on, with the registry of every pull answer replaced by `registry`.
class ForgedRegistry final : public Transport {
public:
    ForgedRegistry(Transport& station, json registry) : m_station(station), m_registry(std::move(registry)) {}
    HttpResponse send(const HttpRequest& request) override {
        HttpResponse answer = m_station.send(request);
        if (request.path != "/v1/pull" || answer.status != 200) return answer;
        json body = json::parse(answer.body);
        body["registry"] = m_registry;
        answer.body = body.dump();
        return answer;
    }
    std::uint64_t bytes_sent() const override { return m_station.bytes_sent(); }
    std::uint64_t bytes_received() const override { return m_station.bytes_received(); }

private:
    Transport& m_station;
    json m_registry;
};
}  // namespace

TEST_CASE_METHOD(Field, "a device refuses a forged registry whole, keeps no key of it, and syncs after",
                 "[sync][custody]") {
    json forged = json::array({{"00aa11bb22cc33dd", generate_key_pair().public_key, "active"},
                               {"station-01", hex_digits(64, 'z'), "active"}});
    ForgedRegistry forger(wire, forged);
    Error e = refusal([&] { sync_device(*device, forger, options()); });
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK(e.field() == "registry");
    CHECK(registered_keys(*device).empty());
    CHECK_FALSE(device->meta("sync.registry_digest").has_value());
    CHECK(device->meta("sync.pull_cursor").value_or("0") == "0");

    sync_device(*device, wire, options());
    auto keys = registered_keys(*device);
    REQUIRE(keys.size() == 2);  // the station's and this device's, as the station holds them
    for (const auto& key : keys) CHECK(key.public_key != forged[0][1]);
    CHECK(device->meta("sync.registry_digest") == registry_digest(keys));
    CHECK(station.records().load(fb) == device->load(fb));
}

namespace {
// Answers the first push of links with a 403 naming `named` as refused links, as a forged or
// confused station could; everything else reaches the station.
class RefusesLinks final : public Transport {
public:
    RefusesLinks(Transport& station, std::vector<std::string> named) : m_station(station), m_named(std::move(named)) {}
    HttpResponse send(const HttpRequest& request) override {
        if (m_answered || request.path != "/v1/push" || request.body.find("\"links\":") == std::string::npos)
            return m_station.send(request);
        m_answered = true;
        return {403, encode(ErrorBody{"forbidden", "custody refused", "links", m_named, "chuỗi lưu vết bị từ chối"}),
                1};
    }
    std::uint64_t bytes_sent() const override { return m_station.bytes_sent(); }
    std::uint64_t bytes_received() const override { return m_station.bytes_received(); }

private:
    Transport& m_station;
    std::vector<std::string> m_named;
    bool m_answered = false;
};
}  // namespace

TEST_CASE_METHOD(Field, "a refusal naming links the device did not send ends the sync and sets nothing aside",
                 "[sync][custody]") {
    for (const auto& named : std::vector<std::vector<std::string>>{
             {"zz#x"}, {device->site_id() + "#99999999999999999999999"}, {"feedfeedfeedfeed#1"}, {name_of(9)}}) {
        INFO(named[0]);
        RefusesLinks refuses(wire, named);
        Error e = refusal([&] { sync_device(*device, refuses, options()); });
        CHECK(e.code() == ErrorCode::forbidden);
        CHECK(e.field() == "links");
        CHECK(unacknowledged_links(*device, 1 << 20) == chain);
        CHECK(custody_links(station.records(), device->site_id()).empty());
    }
    CHECK(sync_device(*device, wire, options()).refused.empty());
    CHECK(custody_links(station.records(), device->site_id()) == chain);
    CHECK(station.records().load(fb) == device->load(fb));
}
