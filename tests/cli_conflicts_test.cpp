// Conflicts through the real binary: a concurrent edit of one field on two devices is listed on
// both, shown with both values, and re-applied (or dismissed) so that one value wins everywhere.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
class ConflictingDevices {
protected:
    TempDir dir;
    CliDevice a{dir, "a", "Nguyễn Văn An"};
    CliDevice b{dir, "b", "Trần Thị Bình"};
    std::string id;
    const std::string text_a = "Ùn tắc cổng trường Kim Đồng giờ tan học";
    const std::string text_b = "Xe đón học sinh đỗ tràn lòng đường";
    int m_files = 0;

    ConflictingDevices() {
        a.init();
        b.init();
        a.import_units(dir);
        id = a.ok({"feedback", "add", "--unit", "00004", "--kind", "request", "--category", "traffic", "--text",
                   "Ùn tắc cổng trường"});
        id.pop_back();
        send(a, b);
        a.ok({"feedback", "update", id, "--text", text_a});
        b.ok({"feedback", "update", id, "--text", text_b});
        exchange();
    }

    void send(const CliDevice& from, const CliDevice& to) {
        std::string file = dir.file("changes-" + std::to_string(++m_files) + ".json");
        from.ok({"changes", "export", file});
        to.ok({"changes", "import", file});
    }

    void exchange() {
        send(a, b);
        send(b, a);
    }

    static json conflicts(const CliDevice& d) { return json::parse(d.ok({"conflicts", "--json"})); }
    std::string text(const CliDevice& d) const { return json::parse(d.ok({"feedback", "show", id, "--json"}))["text"]; }
};
}  // namespace

TEST_CASE_METHOD(ConflictingDevices, "a conflict is listed on both devices with both values", "[cli]") {
    json on_a = conflicts(a), on_b = conflicts(b);
    REQUIRE(on_a.is_array());
    REQUIRE(on_a.size() == 1);
    CHECK(on_a == on_b);
    const json& c = on_a[0];
    CHECK(c["record_id"] == id);
    CHECK(c["record_type"] == "feedback");
    CHECK(c["field"] == "text");
    std::vector<std::string> values{c["winning_value"], c["lost_value"]};
    std::sort(values.begin(), values.end());
    CHECK(values == std::vector<std::string>{text_b, text_a});
    CHECK(text(a) == c["winning_value"]);

    json shown = json::parse(a.ok({"conflicts", "show", c["id"], "--json"}));
    CHECK(shown == c);
    std::string plain = a.ok({"conflicts", "show", c["id"], "--lang", "vi"});
    CHECK(plain.find("Giá trị bị thay thế") != std::string::npos);
    CHECK(plain.find(c["lost_value"].get<std::string>()) != std::string::npos);
    CHECK(a.ok({"conflicts"}).find(id) != std::string::npos);
}

TEST_CASE_METHOD(ConflictingDevices, "a re-applied value wins on both devices after another exchange", "[cli]") {
    json c = conflicts(a)[0];
    std::string lost = c["lost_value"];
    b.ok({"conflicts", "reapply", c["id"]});
    CHECK(text(b) == lost);
    CHECK(conflicts(b).empty());
    exchange();
    CHECK(text(a) == lost);
    CHECK(conflicts(a).empty());
    CHECK(conflicts(b).empty());
    CHECK(a.dump() == b.dump());
}

TEST_CASE_METHOD(ConflictingDevices, "a dismissed conflict keeps the winner everywhere", "[cli]") {
    json c = conflicts(a)[0];
    std::string winner = c["winning_value"];
    a.ok({"conflicts", "dismiss", c["id"]});
    exchange();
    CHECK(text(a) == winner);
    CHECK(text(b) == winner);
    CHECK(conflicts(a).empty());
    CHECK(conflicts(b).empty());
    CHECK(a.dump() == b.dump());
}

TEST_CASE_METHOD(ConflictingDevices, "an unknown conflict id is a runtime error", "[cli]") {
    std::string before = a.dump();
    for (const auto* sub : {"show", "reapply", "dismiss"}) {
        ProcessResult r = a.run({"conflicts", sub, "000000000000"});
        INFO(r.describe());
        CHECK(r.exit_code == 1);
    }
    CHECK(a.dump() == before);
}
