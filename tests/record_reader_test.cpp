// The streaming record reader behind decode_record, decode_records and the sync messages: it must
// give what parsing into a json document gives, refuse every malformed shape, and name the record
// even when the fault comes before the id in the text.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/sync/sync_protocol.h"

using namespace langnghe;
using nlohmann::json;

namespace {
const std::string site_a = "00aa11bb22cc33dd", site_b = "ffee0011ffee0011";

std::string record_text(const std::string& fields, const std::string& id = "fb-1") {
    return R"({"f":{)" + fields + R"(},"id":")" + id + R"(","type":"feedback","unit":"00004"})";
}

Error decode_error(const std::string& text) {
    try {
        decode_record(text);
    } catch (const Error& e) {
        return e;
    }
    FAIL("decoded without an error: " << text);
    return Error(ErrorCode::internal, "unreachable");
}
}  // namespace

TEST_CASE("head values read back as the json document dumps them", "[codec]") {
    // Objects with keys out of order, escapes, floats, negatives, nesting, Vietnamese. (Repeated keys
    // are refused: tests/decoder_limits_test.cpp.)
    const std::vector<std::string> values = {
        R"("Đèn đường hỏng \"ngõ 5\"\n")", "-17", "18446744073709551615", "2.5e3", "0.1", "true", "false", "null",
        R"([3,"resolved"])", R"({"z":1,"a":{"y":[1,{"b":2,"a":1}],"x":null}})", "[]", "{}", R"("")",
    };
    for (const auto& value : values) {
        INFO(value);
        RecordState r = decode_record(record_text(R"("text":[5,")" + site_a + R"(",)" + value + "]"));
        REQUIRE(r.fields.size() == 1);
        CHECK(r.fields.at("text").heads.at(0).value == json::parse(value).dump());
        CHECK(r.fields.at("text").context.at(site_a) == 5);
    }
}

TEST_CASE("a field with several heads reads back whole, heads in dot order", "[codec]") {
    std::string text = record_text(R"("status":{"c":{")" + site_a + R"(":9,")" + site_b + R"(":4},"h":[[4,")" + site_b +
                                   R"(",[0,"new"]],[9,")" + site_a + R"(",[1,"answered"]]]},"text":[3,")" + site_a +
                                   R"(","x"])");
    RecordState r = decode_record(text);
    CHECK(r.id == "fb-1");
    CHECK(r.type == "feedback");
    CHECK(r.unit == "00004");
    const FieldState& status = r.fields.at("status");
    REQUIRE(status.heads.size() == 2);
    CHECK(status.heads[0].dot == Dot{4, site_b});
    CHECK(status.heads[1].value == R"([1,"answered"])");
    CHECK(status.context == Context{{site_a, 9}, {site_b, 4}});
    CHECK(encode_record(r) == text);  // canonical text reads and writes back byte for byte
    CHECK(decode_records("[" + text + "," + text + "]") == std::vector<RecordState>{r, r});
}

TEST_CASE("a malformed record is refused naming its id, even when the fault comes first", "[codec]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"("text":[0,")" + site_a + R"(","x"])", "stamp must be positive"},
        {R"("text":[5,"NOT A SITE","x"])", "site id 'NOT A SITE' is not valid"},
        {R"("text":[5,")" + site_a + R"("])", "[stamp, site, value]"},
        {R"("text":[5,")" + site_a + R"(","x",1])", "[stamp, site, value]"},
        {R"("text":[-5,")" + site_a + R"(","x"])", "[stamp, site, value]"},
        {R"("text":["5",")" + site_a + R"(","x"])", "[stamp, site, value]"},
        {R"("text":"x")", "field 'text' must be"},
        {R"("text":{"h":[[5,")" + site_a + R"(","x"]]})", "field 'text' must be"},
        {R"("text":{"c":{},"h":[]})", "field 'text' must be"},
        {R"("text":{"c":{},"h":[[5,")" + site_a + R"(","x"]],"x":1})", "field 'text' must be"},
        {R"("text":{"c":{")" + site_a + R"(":4},"h":[[5,")" + site_a + R"(","x"]]})", "context does not cover"},
        {R"("text":{"c":{")" + site_a + R"(":-1},"h":[[5,")" + site_a + R"(","x"]]})", "bad context"},
        {R"("text":{"c":{")" + site_a + R"(":5},"h":[[5,")" + site_a + R"(","x"],[5,")" + site_a + R"(","y"]]})",
         "repeats a value"},
        {R"("text":[5,")" + site_a + R"(","x"],"text":[6,")" + site_a + R"(","y"])", "appears twice"},
        {R"("":[5,")" + site_a + R"(","x"])", "field name must be 1 to 120 characters"},
    };
    for (const auto& [fields, expected] : cases) {
        INFO(fields);
        Error e = decode_error(record_text(fields, "fb-NAMED"));
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK_THAT(e.what(), Catch::Contains("'fb-NAMED'") && Catch::Contains(expected));
        CHECK(e.details() == std::vector<std::string>{"fb-NAMED"});
    }
}

TEST_CASE("a record without its parts, or with unknown ones, is refused", "[codec]") {
    const std::string field = R"("text":[5,")" + site_a + R"(","x"])";
    CHECK_THAT(decode_error(R"({"f":{},"type":"feedback","unit":"00004"})").what(), Catch::Contains("missing string 'id'"));
    CHECK_THAT(decode_error(R"({"f":{},"id":7,"type":"feedback","unit":"00004"})").what(),
               Catch::Contains("missing string 'id'"));
    CHECK_THAT(decode_error(R"({"f":{},"id":"","type":"feedback","unit":"00004"})").what(),
               Catch::Contains("id must be 1 to 80"));
    CHECK_THAT(decode_error(R"({"f":{},"id":"fb-1","unit":"00004"})").what(), Catch::Contains("missing string 'type'"));
    CHECK_THAT(decode_error(R"({"f":{},"id":"fb-1","type":"feedback"})").what(), Catch::Contains("missing string 'unit'"));
    CHECK_THAT(decode_error(R"({"id":"fb-1","type":"feedback","unit":"00004"})").what(), Catch::Contains("missing object 'f'"));
    CHECK_THAT(decode_error(R"({"f":[],"id":"fb-1","type":"feedback","unit":"00004"})").what(),
               Catch::Contains("missing object 'f'"));
    CHECK_THAT(decode_error(R"({"f":{},"id":"fb-1","type":"feedback","unit":"00004","x":1})").what(),
               Catch::Contains("unknown key 'x'"));
    CHECK_THAT(decode_error("[]").what(), Catch::Contains("a record must be a JSON object"));
    CHECK_THAT(decode_error(record_text(field) + " x").what(), Catch::Contains("not valid JSON"));
    CHECK_THAT(decode_error(record_text(R"("text":[5,")" + site_a + R"(",1e999])")).what(), Catch::Contains("overflow"));
    CHECK_THROWS_WITH(decode_records("{}"), Catch::Contains("must be a JSON array"));
    CHECK_THROWS_WITH(decode_records("[1]"), Catch::Contains("a record must be a JSON object"));
}

TEST_CASE("sync messages read their records and their other members", "[sync]") {
    std::string record = record_text(R"("text":[5,")" + site_a + R"(","x"])");
    PullResponse pull = decode_pull_response(R"({"cursor":12,"more":true,"role":"officer","server_time":99,"unit":"00004","records":[)" +
                                             record + "," + record + "]}");
    CHECK(pull.cursor == 12);
    CHECK(pull.more);
    CHECK(pull.unit == "00004");
    CHECK(pull.role == "officer");
    CHECK(pull.server_time == 99);
    CHECK(pull.records == std::vector<RecordState>{decode_record(record), decode_record(record)});
    // A member a newer station adds is ignored by this device, not refused.
    CHECK(decode_pull_response(R"({"cursor":1,"more":false,"role":"officer","server_time":9,"unit":"00004","x":[1],"records":[]})")
              .cursor == 1);

    // The station splices stored states in: what it sends reads back as they were.
    PullAnswer answer{"[" + record + "]", 3, false, "00004", "officer", "officer", 7, {}, {}, false};
    PullResponse read = decode_pull_response(encode(answer));
    CHECK(read.records == std::vector<RecordState>{decode_record(record)});
    CHECK(read.cursor == 3);
    CHECK_FALSE(read.more);

    PushRequest push = decode_push_request(R"({"records":[)" + record + R"(],"site":")" + site_a + R"("})");
    CHECK(push.site == site_a);
    CHECK(push.records.size() == 1);

    auto field_of = [](const std::string& body) {
        try {
            decode_push_request(body);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_input);
            return e.field();
        }
        FAIL("accepted: " << body);
        return std::string();
    };
    CHECK(field_of(R"({"site":")" + site_a + R"("})") == "records");
    CHECK(field_of(R"({"site":")" + site_a + R"(","records":{}})") == "records");
    CHECK(field_of(R"({"site":")" + site_a + R"(","records":[],"records":[]})") == "records");
    CHECK(field_of(R"({"site":")" + site_a + R"(","records":[],"extra":{"a":[1]}})") == "extra");
    CHECK(field_of(R"({"site":7,"records":[]})") == "site");
    CHECK(field_of(R"([1,2])") == "body");
    CHECK(field_of(R"({"site":")" + site_a + R"(","records":[1e999]})") == "body");
    CHECK(field_of(R"({"site":")" + site_a + R"(","records":[)") == "body");
    CHECK(field_of(R"({"site":")" + site_a + R"(","records":[{"f":{}}]})") == "changes");
}
