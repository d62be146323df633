// The write path encodes records by appending text instead of building json DOMs (for speed, see
// docs/benchmarks.md). These tests hold it to the bytes the DOM-based encoding gives, because
// stored states, change files and the canonical dump must not change with the optimisation.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>

#include "langnghe/codec/codec.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/model/units.h"
#include "langnghe/sample/generator.h"
#include "support/temp_dir.h"

using namespace langnghe;
using nlohmann::json;

namespace {
// The reference: the record layout built with nlohmann::json and dumped.
json reference_head(const Head& h) {
    return json::array({h.dot.stamp, h.dot.site, json::parse(h.value)});
}

json reference_field(const FieldState& f) {
    bool simple = f.heads.size() == 1 && f.context.size() == 1 && f.context.begin()->first == f.heads[0].dot.site &&
                  f.context.begin()->second == f.heads[0].dot.stamp;
    if (simple) return reference_head(f.heads[0]);
    json heads = json::array();
    for (const auto& h : f.heads) heads.push_back(reference_head(h));
    json ctx = json::object();
    for (const auto& [site, stamp] : f.context) ctx[site] = stamp;
    return json{{"h", std::move(heads)}, {"c", std::move(ctx)}};
}

std::string reference_encode(const RecordState& r) {
    json fields = json::object();
    for (const auto& [name, field] : r.fields) fields[name] = reference_field(field);
    return json{{"id", r.id}, {"type", r.type}, {"unit", r.unit}, {"f", std::move(fields)}}.dump();
}

std::string reference_winning(const RecordState& r) {
    json doc = json::object();
    for (const auto& [name, field] : r.fields) {
        auto precedence = precedence_for(r.type, name);
        json value = json::parse(winner(field, precedence).value);
        auto slash = name.find('/');
        if (slash != std::string::npos) {
            auto& set = doc[name.substr(0, slash)];
            if (set.is_null()) set = json::array();
            if (value == true) set.push_back(name.substr(slash + 1));
        } else if (precedence && value.is_array() && value.size() == 2) {
            doc[name] = value[1];
            if (value[0].get<int>() > 0) doc[name + "_round"] = value[0];
        } else {
            doc[name] = std::move(value);
        }
    }
    return doc.dump();
}

RecordState tricky_record() {
    RecordState r{"fb-7K2QD9XM4BTEST", "feedback", "00004", {}};
    Dot a{stamp_from_ms(1750000000000), "a1b2c3d4e5f60718"}, b{stamp_from_ms(1750000000500) + 3, "ffeeddccbbaa9988"};
    auto set = [&](const std::string& name, const Dot& dot, const std::string& value) {
        r.fields[name] = overwrite(r.fields[name], dot, value);
    };
    set("text", a, json("Trộm cắp \"xe máy\" ở ngõ 5\\6,\nban đêm\t– “khẩn”").dump());
    r.fields["text"] = join(r.fields["text"], overwrite({}, b, json("Bản khác, viết đồng thời").dump()));  // a conflict
    set("status", a, "[2,\"resolved\"]");
    set("anonymous", a, "false");
    set("resident_phone", b, json("0912 345 678").dump());
    set("tags/tái diễn", a, "true");
    set("tags/khẩn", a, "true");
    set("tags/khẩn", b, "false");
    set("tags/ban đêm", b, "true");
    set("group", a, json(std::string("Tổ dân phố \x01 số 5")).dump());  // a control character must be escaped
    set("attendee_count", b, "142");
    return r;
}

class WritePathFixture {
public:
    WritePathFixture() {
        m_store = Store::open(m_dir.file("device.db"));
        import_units(*m_store, actor,
                     "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n");
    }
    WritePathFixture(const WritePathFixture&) = delete;
    WritePathFixture& operator=(const WritePathFixture&) = delete;
    Store& store() { return *m_store; }
    const Actor actor{"Trung úy Lê Văn Nam"};

private:
    test::TempDir m_dir;  // declared first: removed after the store is closed
    std::unique_ptr<Store> m_store;
};
}  // namespace

TEST_CASE("records encode to the same bytes as the json DOM layout", "[storage]") {
    auto r = tricky_record();
    REQUIRE(r.fields["text"].heads.size() == 2);
    CHECK(encode_record(r) == reference_encode(r));
    CHECK(winning_document(r) == reference_winning(r));
    CHECK(decode_record(encode_record(r)) == r);
    CHECK(encode_records({r, r}) == "[" + reference_encode(r) + "," + reference_encode(r) + "]");
    CHECK(decode_records(encode_records({r, r})) == std::vector<RecordState>{r, r});

    auto doc = json::parse(winning_document(r));
    CHECK(doc["status"] == "resolved");
    CHECK(doc["status_round"] == 2);
    CHECK(doc["tags"] == json::array({"ban đêm", "tái diễn"}));
    CHECK(doc["text"] == "Bản khác, viết đồng thời");  // the later of the two concurrent writes wins
    REQUIRE(losers(r.fields["text"]).size() == 1);
    CHECK(json::parse(losers(r.fields["text"])[0].value) == "Trộm cắp \"xe máy\" ở ngõ 5\\6,\nban đêm\t– “khẩn”");
}

TEST_CASE("json strings are what nlohmann::json dumps, escapes included", "[storage]") {
    for (std::string s : {std::string(""), std::string("plain ascii"), std::string("Thái độ “tận tụy” – đường"),
                          std::string("quote \" backslash \\ slash /"), std::string("tab\tnewline\nnul\0end", 19),
                          std::string("\x7f del"), std::string("\x1f unit separator")}) {
        INFO(s);
        std::string out = "prefix:";
        append_json_string(out, s);
        CHECK(out == "prefix:" + json(s).dump());
        CHECK(json_string(s) == json(s).dump());
    }
    // Invalid UTF-8 is refused exactly as the library refuses it.
    std::string bad = "abc\xC3";
    CHECK_THROWS_AS(json(bad).dump(), json::type_error);
    CHECK_THROWS_AS(json_string(bad), json::type_error);
}

TEST_CASE_METHOD(WritePathFixture, "generated feedback is stored with the reference encoding", "[storage]") {
    auto seed = std::random_device{}();
    INFO("seed " << seed);
    Generator gen({seed});
    Store::Scope scope(store());
    std::vector<std::string> ids;
    for (int i = 0; i < 200; ++i) {
        auto record = make_feedback(store(), actor, gen.feedback("00004"), store().next_dot());
        CHECK(encode_record(record) == reference_encode(record));
        CHECK(winning_document(record) == reference_winning(record));
        ids.push_back(record.id);
        store().insert_new(std::move(record));
    }
    scope.commit();
    for (const auto& id : ids) {
        auto loaded = store().load(id);
        REQUIRE(loaded);
        CHECK(encode_record(*loaded) == reference_encode(*loaded));
        auto stored = find_record(store(), id);
        REQUIRE(stored);
        CHECK(stored->doc == reference_winning(*loaded));
    }
}
