// Every decoder of bytes from outside (sync messages in JSON and CBOR, records, change files, the
// device's reading of answers) refuses hostile input with invalid_input and an error body that
// encodes: nesting past the limits, too many values, repeated keys, text that is not valid UTF-8 or
// holds NUL, keys with control characters or U+FEFF, a byte order mark. None of them may crash or
// throw anything but langnghe::Error (docs/protocol.md, "Limits"). And CBOR read as JSON text, and
// JSON text written as CBOR, keep every value that is not refused.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/bounded_json.h"
#include "langnghe/codec/codec.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/sync_protocol.h"
#include "support/property.h"

using namespace langnghe;
using nlohmann::json;

namespace {
const std::string site = "00aa11bb22cc33dd";

// The error `decode` refuses with; fails the test when it accepts or throws anything else.
Error refusal(const std::function<void()>& decode) {
    try {
        decode();
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        std::string body;
        CHECK_NOTHROW(body = encode(error_body(e)));
        CHECK(is_valid_utf8(body));
        CHECK(is_valid_utf8(e.what()));
        CHECK(is_valid_utf8(e.message(Lang::vi)));
        return e;
    }
    FAIL_CHECK("the input was accepted");
    return Error(ErrorCode::internal, "accepted");
}

std::string bytes(std::initializer_list<unsigned> list) {
    std::string out;
    for (unsigned b : list) out += static_cast<char>(b);
    return out;
}

std::string cbor_text(const std::string& s) {  // a CBOR text string holding `s` as is, valid or not
    return static_cast<char>(0x78) + std::string(1, static_cast<char>(s.size())) + s;
}

std::string record_text(const std::string& value, const std::string& id = "fb-AAAAAAAAAAAAAAAA") {
    return R"({"f":{"text":[1790000000000000,")" + site + R"(",)" + value + R"(]},"id":")" + id +
           R"(","type":"feedback","unit":"00004"})";
}

std::string push_text(const std::string& records) { return R"({"site":")" + site + R"(","records":[)" + records + "]}"; }

std::string change_file_text(const std::string& record) {
    return R"({"format":"langnghe-changes","version":2,"site":")" + site +
           R"(","since":0,"last_seq":1,"created_at":"2026-01-01T00:00:00.000Z","count":1,"records":[)" + record + "]}";
}

std::string pull_answer_text(const std::string& records) {
    return R"({"cursor":1,"more":false,"unit":"00004","role":"officer","server_time":1,"records":[)" + records + "]}";
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + "0" + std::string(depth, ']'); }

// Each decoder of JSON text from outside, by name.
const std::vector<std::pair<std::string, std::function<void(std::string_view)>>>& json_decoders() {
    static const std::vector<std::pair<std::string, std::function<void(std::string_view)>>> decoders = {
        {"enroll", [](std::string_view t) { decode_enroll_request(t); }},
        {"enroll response", [](std::string_view t) { decode_enroll_response(t); }},
        {"push", [](std::string_view t) { decode_push_request(t); }},
        {"push response", [](std::string_view t) { decode_push_response(t); }},
        {"pull", [](std::string_view t) { decode_pull_request(t); }},
        {"pull response", [](std::string_view t) { decode_pull_response(t); }},
        {"error body", [](std::string_view t) { decode_error_body(t); }},
        {"change file", [](std::string_view t) { decode_change_file(t); }},
    };
    return decoders;
}

// Strings no decoder may accept, as they appear inside a JSON string literal.
const std::vector<std::pair<std::string, std::string>>& bad_json_strings() {
    static const std::vector<std::pair<std::string, std::string>> strings = {
        {"a raw 0xff byte", "a\xff" "b"},
        {"an overlong '/'", "a\xc0\xaf" "b"},
        {"a truncated sequence", "a\xe1\x80"},
        {"a raw surrogate (CESU-8)", "a\xed\xa0\x80" "b"},
        {"an escaped lone high surrogate", "a\\ud800b"},
        {"an escaped lone low surrogate", "a\\udc00b"},
        {"an escaped NUL", "a\\u0000b"},
        {"a raw NUL", std::string("a\0b", 3)},
    };
    return strings;
}
}  // namespace

TEST_CASE("deep CBOR nesting is refused before the reader recurses", "[codec][sync]") {
    // 100,000 nested one-element arrays: SIGSEGV in nlohmann's recursive CBOR reader before.
    Error arrays = refusal([] { cbor_to_json_text(std::string(100'000, '\x81') + '\0'); });
    CHECK(arrays.field() == "body");
    CHECK_THAT(arrays.what(), Catch::Contains("nested deeper than 32"));
    refusal([] { cbor_to_json_text(std::string(100'000, '\x9f')); });  // indefinite-length arrays
    std::string maps;
    for (int i = 0; i < 100'000; ++i) maps += bytes({0xa1, 0x61, 'k'});
    refusal([&] { cbor_to_json_text(maps + '\0'); });
    // Chunks of an indefinite-length string nested in each other: recursion without any SAX event.
    refusal([] { cbor_to_json_text(std::string(100'000, '\x7f')); });
    refusal([] { cbor_to_json_text(bytes({0xa1, 0x61, 'k'}) + std::string(100'000, '\x5f')); });
    // … also inside an array or map that claims more items than the body holds.
    std::string huge_count = bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    refusal([&] { cbor_to_json_text(bytes({0x9b}) + huge_count + std::string(100'000, '\x7f')); });
    refusal([&] { cbor_to_json_text(bytes({0xbb}) + huge_count + bytes({0x61, 'k'}) + std::string(100'000, '\x7f')); });

    // Up to the limit it reads; one more is refused.
    CHECK(cbor_to_json_text(std::string(max_message_depth, '\x81') + '\0') == nested_arrays(max_message_depth));
    refusal([] { cbor_to_json_text(std::string(max_message_depth + 1, '\x81') + '\0'); });
}

TEST_CASE("a message member nested deep is refused naming it", "[codec][sync]") {
    std::string deep = nested_arrays(80'000);
    CHECK(refusal([&] { decode_enroll_request(R"({"code":)" + deep + R"(,"site":"a","label":"b"})"); }).field() == "code");
    CHECK(refusal([&] { decode_push_request(R"({"site":)" + deep + R"(,"records":[]})"); }).field() == "site");
    CHECK(refusal([&] { decode_pull_request(R"({"cursor":)" + deep + R"(,"limit":1})"); }).field() == "cursor");
    CHECK(refusal([&] { decode_error_body(R"({"error":"x","message":"y","details":)" + deep + "}"); }).field() == "details");
    CHECK(refusal([&] { decode_pull_response(R"({"cursor":1,"extra":)" + deep + R"(,"records":[]})"); }).field() ==
          "extra");
    CHECK(refusal([&] { decode_enroll_request(deep); }).field() == "body");
}

TEST_CASE("a record value nested deep or too large is refused naming the record", "[codec][sync]") {
    // 80,000 nested arrays in a head value: SIGSEGV in the recursive dump of the record reader before.
    std::string deep = record_text(nested_arrays(80'000));
    for (const auto& [name, decode] : std::vector<std::pair<std::string, std::function<void()>>>{
             {"push", [&] { decode_push_request(push_text(deep)); }},
             {"pull response", [&] { decode_pull_response(pull_answer_text(deep)); }},
             {"change file", [&] { decode_change_file(change_file_text(deep)); }},
             {"record", [&] { decode_record(deep); }},
             {"records", [&] { decode_records("[" + deep + "]"); }}}) {
        INFO(name);
        Error e = refusal(decode);
        CHECK(e.details() == std::vector<std::string>{"fb-AAAAAAAAAAAAAAAA"});
        CHECK_THAT(e.what(), Catch::Contains("nested deeper than 8"));
    }
    CHECK_NOTHROW(decode_record(record_text(nested_arrays(max_record_value_depth))));
    refusal([] { decode_record(record_text(nested_arrays(max_record_value_depth + 1))); });

    std::string wide = "[0";
    for (std::size_t i = 1; i < max_record_value_values + 1; ++i) wide += ",0";
    CHECK_THAT(refusal([&] { decode_record(record_text(wide + "]")); }).what(), Catch::Contains("more than 10000 values"));
}

TEST_CASE("a message with too many values is refused", "[codec][sync]") {
    std::string many = bytes({0xa1, 0x61, 'k', 0x9f}) + std::string(max_message_values, '\0') + bytes({0xff});
    CHECK(refusal([&] { cbor_to_json_text(many); }).field() == "k");
}

TEST_CASE("repeated keys are refused, not last-wins", "[codec][sync]") {
    CHECK(refusal([] { decode_enroll_request(R"({"code":"a","code":"b","site":"s","label":"l"})"); }).field() == "code");
    CHECK(refusal([] { decode_pull_request(R"({"cursor":0,"limit":5,"limit":6})"); }).field() == "limit");
    CHECK(refusal([] { decode_push_request(R"({"site":"a","site":"b","records":[]})"); }).field() == "site");
    CHECK(refusal([] { decode_pull_response(R"({"cursor":1,"cursor":2,"records":[]})"); }).field() == "cursor");
    CHECK(refusal([] { decode_error_body(R"({"error":"a","message":"b","message":"c"})"); }).field() == "message");
    std::string file = change_file_text(record_text("\"x\""));
    refusal([&] { decode_change_file(file.substr(0, file.size() - 1) + R"(,"count":1})"); });

    // Inside records: a record key, a context site, a key of an object value, deep in a value.
    std::string id = "fb-AAAAAAAAAAAAAAAA";
    for (const std::string& record :
         {R"({"f":{"text":[1,")" + site + R"(","x"]},"id":"fb-BBBBBBBBBBBBBBBB","id":")" + id + R"(","type":"feedback","unit":"00004"})",
          record_text(R"({"a":1,"a":2})"), record_text(R"([{"a":[{"b":1,"c":2,"b":3}]}])"),
          R"({"f":{"text":{"c":{")" + site + R"(":2,")" + site + R"(":1},"h":[[1,")" + site + R"(","x"]]}},"id":")" + id +
              R"(","type":"feedback","unit":"00004"})"}) {
        INFO(record);
        CHECK(refusal([&] { decode_push_request(push_text(record)); }).details() == std::vector<std::string>{id});
        refusal([&] { decode_change_file(change_file_text(record)); });
    }

    // CBOR: a map with the same key twice.
    std::string twice = bytes({0xa2}) + cbor_text("code") + cbor_text("a") + cbor_text("code") + cbor_text("b");
    CHECK(refusal([&] { cbor_to_json_text(twice); }).field() == "code");
}

TEST_CASE("text that is not valid UTF-8 or holds NUL is refused in values and keys, by every decoder", "[codec][sync]") {
    for (const auto& [decoder, decode] : json_decoders()) {
        for (const auto& [what, bad] : bad_json_strings()) {
            INFO(decoder << ": " << what);
            // In a member value, in a member key, in a record's value and in a key inside a record.
            std::string bodies[] = {
                R"({"code":")" + bad + R"(","site":"s","label":"l","records":[]})",
                R"({")" + bad + R"(":1,"records":[]})",
                change_file_text(record_text("\"" + bad + "\"")),
                change_file_text(record_text(R"({")" + bad + R"(":1})")),
            };
            for (const auto& body : bodies) {
                Error e = refusal([&] { decode(body); });
                std::string raw = bad.substr(1, 2);
                if (raw[0] != '\\') CHECK(std::string(e.what()).find(raw) == std::string::npos);  // never echoed raw
            }
        }
    }
    // Record text read from anywhere goes through the same reader.
    refusal([] { decode_record(record_text("\"a\\u0000b\"")); });
    refusal([] { decode_records("[" + record_text("\"a\xc0\xaf\"") + "]"); });
}

TEST_CASE("a byte order mark, control characters and U+FEFF in keys are refused", "[codec][sync]") {
    const std::string bom = "\xEF\xBB\xBF";
    for (const auto& [decoder, decode] : json_decoders()) {
        INFO(decoder);
        std::string valid_enroll = R"({"code":"a","site":"s","label":"l"})";
        CHECK(refusal([&] { decode(bom + valid_enroll); }).field() != "code");
        refusal([&] { decode(R"({"a)" + bom + R"(b":1,"records":[]})"); });
        refusal([&] { decode(R"({"a\ufeffb":1,"records":[]})"); });
        refusal([&] { decode(R"({"a\u001bb":1,"records":[]})"); });
        refusal([&] { decode(R"({"a\u0085b":1,"records":[]})"); });
        refusal([&] { decode(change_file_text(record_text(R"({"a\u001b[31m":1})"))); });
    }
    refusal([&] { decode_record(bom + record_text("\"x\"")); });
    refusal([&] { decode_records(bom + "[]"); });
    // A BOM or a control character in a value is text like any other.
    CHECK(decode_record(record_text("\"a\\ufeff\\u001bb\"")).fields.at("text").heads[0].value == "\"a\xEF\xBB\xBF\\u001bb\"");
}

TEST_CASE("CBOR text strings are checked as JSON's are", "[codec][sync]") {
    const std::string bad_texts[] = {"a\xff", "a\xc0\xaf", "a\xe1\x80", "a\xed\xa0\x80", std::string("a\0b", 3)};
    for (const auto& bad : bad_texts) {
        INFO(json(bad).dump(-1, ' ', true, json::error_handler_t::replace));
        CHECK(refusal([&] { cbor_to_json_text(bytes({0xa1}) + cbor_text("code") + cbor_text(bad)); }).field() == "code");
        CHECK(refusal([&] { cbor_to_json_text(bytes({0xa1}) + cbor_text(bad) + cbor_text("x")); }).field() == "body");
    }
    refusal([] { cbor_to_json_text(bytes({0xa1}) + cbor_text("a\xEF\xBB\xBF") + cbor_text("x")); });
    refusal([] { cbor_to_json_text(bytes({0xa1}) + cbor_text("a\x1b") + cbor_text("x")); });
    // Byte strings and NaN have no JSON form; tags and bad CBOR are refused as before.
    refusal([] { cbor_to_json_text(bytes({0xa1}) + cbor_text("k") + bytes({0x41, 0x00})); });
    refusal([] { cbor_to_json_text(bytes({0xa1}) + cbor_text("k") + bytes({0xf9, 0x7e, 0x00})); });
    refusal([] { cbor_to_json_text(bytes({0xc1, 0x00})); });
    refusal([] { cbor_to_json_text(bytes({0xbf, 0x61})); });
    // Valid text, Vietnamese included, passes.
    json body = {{"site", site}, {"label", "Thượng úy An"}};
    auto cbor = json::to_cbor(body);
    CHECK(json::parse(cbor_to_json_text(std::string(cbor.begin(), cbor.end()))) == body);
}

TEST_CASE("an error body encodes whatever an error holds", "[codec][sync]") {
    Error e(ErrorCode::invalid_input, "bad \xff\xc0 text", "fi\xedld", {"id\xe1", "ok"});
    std::string text;
    REQUIRE_NOTHROW(text = encode(error_body(e)));
    json body = json::parse(text);
    CHECK(body["message"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD text");
    CHECK(body["details"][1] == "ok");
    ErrorBody direct{"internal", "\xff", "\xff", {"\xff"}, "\xff"};
    CHECK_NOTHROW(json::parse(encode(direct)));
}

// CBOR ⇄ JSON text, both ways without a json document (sync_protocol.h). What must hold: no value
// is changed on the way, the CBOR is byte for byte what json::to_cbor writes for text whose keys
// are sorted (as json::dump() writes them), and members keep the order they come in.
namespace {
const std::uint64_t head_boundaries[] = {0,           1,           23,          24,
                                         255,         256,         65'535,      65'536,
                                         0xFFFF'FFFF, 0x1'0000'0000, 0x7FFF'FFFF'FFFF'FFFF, 0xFFFF'FFFF'FFFF'FFFF};

class Values {
public:
    explicit Values(std::uint64_t seed) : m_rng(seed) {}

    json any(int depth) {
        switch (pick(depth > 0 ? 8 : 6)) {
            case 0: return nullptr;
            case 1: return pick(2) == 0;
            case 2: return integer();
            case 3: return floating();
            case 4:
            case 5: return text(false);
            case 6: {
                json array = json::array();
                for (std::size_t n = length(); n > 0; --n) array.push_back(any(depth - 1));
                return array;
            }
            default: {
                json object = json::object();
                for (std::size_t n = length(); n > 0; --n) object[text(true)] = any(depth - 1);
                return object;
            }
        }
    }
    // The text json::dump() would write, with the members of each object in a random order.
    std::string shuffled_text(const json& v) {
        if (!v.is_structured()) return v.dump();
        std::vector<std::string> items;
        for (const auto& [key, item] : v.items()) items.push_back((v.is_object() ? json(key).dump() + ":" : "") + shuffled_text(item));
        if (v.is_object()) std::shuffle(items.begin(), items.end(), m_rng);
        std::string out(1, v.is_object() ? '{' : '[');
        for (const auto& item : items) out += (out.size() > 1 ? "," : "") + item;
        return out + (v.is_object() ? '}' : ']');
    }

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }
    // Mostly short, sometimes across the 23/24 items a one-byte head holds.
    std::size_t length() { return pick(4) == 0 ? 20 + pick(8) : pick(5); }
    json integer() {
        std::uint64_t b = head_boundaries[pick(std::size(head_boundaries))];
        if (pick(3) == 0 && b > 0) --b;
        else if (pick(3) == 0 && b < head_boundaries[std::size(head_boundaries) - 1]) ++b;
        if (pick(2) == 0 && b <= head_boundaries[std::size(head_boundaries) - 2])
            return -1 - static_cast<std::int64_t>(b);  // the negative whose CBOR argument is b
        return b;
    }
    json floating() {
        const double specials[] = {0.5,  -0.0, 1.0, 65'504.0, 0.1, 1e300, -1e-300, 5e-324, std::numeric_limits<float>::max(),
                                   std::nextafter(static_cast<double>(std::numeric_limits<float>::max()), 1e300),
                                   std::numeric_limits<float>::denorm_min(), 1e15, 1e16};
        switch (pick(3)) {
            case 0: return specials[pick(std::size(specials))];
            case 1: {  // exactly a float
                float f;
                do f = std::bit_cast<float>(static_cast<std::uint32_t>(m_rng())); while (!std::isfinite(f));
                return static_cast<double>(f);
            }
            default: {
                double d;
                do d = std::bit_cast<double>(m_rng()); while (!std::isfinite(d));
                return d;
            }
        }
    }
    // Text a key or a value may hold (no control characters in keys, no NUL anywhere), sometimes
    // across the lengths where a string's head grows.
    std::string text(bool key) {
        static const std::string key_pieces[] = {"a", "b", "khóa", "Thượng úy", "€", "😀", "_", "1", "\"", "\\", "/"};
        static const std::string value_pieces[] = {"\n", "\t", "\x1b", "\xEF\xBB\xBF", "\x7f"};
        if (!key && pick(10) == 0) return std::string(head_boundaries[1 + pick(7)], 'x');
        std::string out;
        for (std::size_t n = pick(6); n > 0; --n)
            out += !key && pick(4) == 0 ? value_pieces[pick(std::size(value_pieces))] : key_pieces[pick(std::size(key_pieces))];
        return out;
    }

    std::mt19937_64 m_rng;
};

std::string as_string(const std::vector<std::uint8_t>& bytes) { return std::string(bytes.begin(), bytes.end()); }
}  // namespace

TEST_CASE("JSON text to CBOR and back keeps every value, in json::to_cbor's bytes", "[codec][sync][property]") {
    test::for_each_round("CBOR property", 500, [](std::uint64_t seed) {
        Values values(seed);
        json value = values.any(5);
        std::string text = value.dump();
        json expected = json::parse(text);

        std::string cbor = json_text_to_cbor(text);
        REQUIRE(json::from_cbor(cbor) == expected);
        REQUIRE(cbor == as_string(json::to_cbor(expected)));
        REQUIRE(json::parse(cbor_to_json_text(cbor)) == expected);
        REQUIRE(cbor_to_json_text(cbor) == text);

        // Members in another order stay in it, both ways.
        std::string shuffled = values.shuffled_text(value);
        std::string shuffled_cbor = json_text_to_cbor(shuffled);
        REQUIRE(json::from_cbor(shuffled_cbor) == expected);
        REQUIRE(cbor_to_json_text(shuffled_cbor) == shuffled);
    });
}

TEST_CASE("every CBOR head size is written as json::to_cbor writes it", "[codec][sync]") {
    for (std::uint64_t b : head_boundaries) {
        INFO(b);
        std::vector<json> values = {b, std::string(std::min<std::uint64_t>(b, 70'000), 'x')};
        if (b <= 0x7FFF'FFFF'FFFF'FFFF) values.push_back(-1 - static_cast<std::int64_t>(b));
        if (b <= 70'000) {
            values.push_back(json(std::vector<int>(b, 0)));
            json object = json::object();
            for (std::uint64_t k = 0; k < b; ++k) object[std::to_string(k)] = k;
            values.push_back(object);
        }
        for (const json& v : values) {
            std::string text = v.dump();
            CHECK(json_text_to_cbor(text) == as_string(json::to_cbor(v)));
            CHECK(cbor_to_json_text(json_text_to_cbor(text)) == text);
        }
    }
    for (double d : {0.5, -0.0, 0.1, 1e300, static_cast<double>(std::numeric_limits<float>::max())}) {
        INFO(d);
        CHECK(json_text_to_cbor(json(d).dump()) == as_string(json::to_cbor(d)));
    }
    CHECK(refusal([] { json_text_to_cbor("{\"a\":"); }).field() == "body");
}

TEST_CASE("CBOR read as text keeps the members' order and refuses what the document reader refused", "[codec][sync]") {
    std::string unsorted = bytes({0xa2}) + cbor_text("b") + bytes({0x01}) + cbor_text("a") + bytes({0x82, 0xf5, 0xf6});
    CHECK(cbor_to_json_text(unsorted) == R"({"b":1,"a":[true,null]})");

    // Inside a member, a repeated key and a byte string name the member; nesting too deep is
    // refused before anything is read, naming the body.
    std::string repeated = bytes({0xa2}) + cbor_text("site") + cbor_text("s") + cbor_text("records") +
                           bytes({0x81, 0xa2}) + cbor_text("id") + cbor_text("x") + cbor_text("id") + cbor_text("y");
    Error twice = refusal([&] { cbor_to_json_text(repeated); });
    CHECK(twice.field() == "records");
    CHECK_THAT(twice.what(), Catch::Contains("key 'id' appears twice"));
    CHECK_THAT(twice.message(Lang::vi), Catch::Contains("khóa 'id' xuất hiện hai lần"));

    Error byte_string = refusal([&] { cbor_to_json_text(bytes({0xa1}) + cbor_text("note") + bytes({0x81, 0x42, 0x00, 0x01})); });
    CHECK(byte_string.field() == "note");
    CHECK_THAT(byte_string.what(), Catch::Contains("byte string"));
    CHECK_THAT(byte_string.message(Lang::vi), Catch::Contains("chuỗi byte"));

    Error deep = refusal([&] { cbor_to_json_text(bytes({0xa1}) + cbor_text("note") + std::string(max_message_depth, '\x81') + '\0'); });
    CHECK(deep.field() == "body");
    CHECK_THAT(deep.what(), Catch::Contains("nested deeper than 32 levels"));
    CHECK_THAT(deep.message(Lang::vi), Catch::Contains("lồng sâu quá 32 mức"));
}
