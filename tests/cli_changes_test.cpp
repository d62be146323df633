// Two officers' devices record offline and converge by exchanging change files (a USB stick): the
// real binary, each device on its own temp database.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_device.h"

using namespace langnghe::test;
using nlohmann::json;

namespace {
class TwoDevices {
protected:
    TempDir dir;
    CliDevice a{dir, "a", "Nguyễn Văn An"};
    CliDevice b{dir, "b", "Trần Thị Bình"};
    int m_files = 0;

    TwoDevices() {
        a.init();
        b.init();
        // The station hands the unit list to both devices; B receives it from A's file.
        a.import_units(dir);
        send(a, b);
    }

    // `from` exports everything to a new file and `to` imports it; returns the file.
    std::string send(const CliDevice& from, const CliDevice& to) {
        std::string file = dir.file("changes-" + std::to_string(++m_files) + ".json");
        from.ok({"changes", "export", file});
        to.ok({"changes", "import", file});
        return file;
    }

    static std::string add(const CliDevice& d, const std::string& text) {
        std::string id = d.ok(
            {"feedback", "add", "--unit", "00004", "--kind", "criticism", "--category", "traffic", "--text", text});
        id.pop_back();
        return id;
    }

    static json show(const CliDevice& d, const std::string& id) {
        return json::parse(d.ok({"feedback", "show", id, "--json"}));
    }
};
}  // namespace

TEST_CASE_METHOD(TwoDevices, "two devices converge by change files, keeping the conflicting edit", "[cli]") {
    // Both record feedback at the same forum, offline.
    std::string f1 = add(a, "Xe tải chạy quá tốc độ qua cổng trường");
    std::string f2 = add(a, "Ùn tắc ở ngã tư giờ tan học");
    send(a, b);
    std::string f3 = add(b, "Xe tự chế chở quá tải");

    // Concurrent edits: the same field on both (a conflict), different fields (no conflict), a
    // tag added on one device while the other removes another.
    a.ok({"feedback", "update", f1, "--text", "Xe tải chạy quá tốc độ qua cổng trường Tiểu học Kim Đồng"});
    b.ok({"feedback", "update", f1, "--text", "Xe ben chạy nhanh qua cổng trường vào giờ tan học"});
    a.ok({"feedback", "answer", f2, "--text", "Sẽ bố trí lực lượng điều tiết giao thông"});
    b.ok({"feedback", "update", f2, "--category", "urban_order", "--tag", "cổng trường"});

    send(a, b);
    send(b, a);

    std::string dump_a = a.dump(), dump_b = b.dump();
    CHECK(dump_a == dump_b);

    for (const auto* d : {&a, &b}) {
        json j2 = show(*d, f2);
        CHECK(j2["status"] == "answered");
        CHECK(j2["answer"] == "Sẽ bố trí lực lượng điều tiết giao thông");
        CHECK(j2["category"] == "urban_order");
        CHECK(j2["tags"] == json::array({"cổng trường"}));
        CHECK(j2["conflicts"] == 0);
        CHECK(show(*d, f3)["text"] == "Xe tự chế chở quá tải");
        CHECK(show(*d, f1)["conflicts"] == 1);
    }

    // The losing text is kept in the dump's conflicts, so nothing a resident said is lost.
    json dump = json::parse(dump_a);
    std::vector<std::string> texts;
    for (const auto& r : dump["records"]) {
        if (r["id"] != f1) continue;
        texts.push_back(r["doc"]["text"]);
        REQUIRE(r.contains("conflicts"));
        for (const auto& c : r["conflicts"]) texts.push_back(c["value"]);
    }
    std::sort(texts.begin(), texts.end());
    CHECK(texts == std::vector<std::string>{"Xe ben chạy nhanh qua cổng trường vào giờ tan học",
                                            "Xe tải chạy quá tốc độ qua cổng trường Tiểu học Kim Đồng"});
    CHECK(json::parse(a.ok({"status", "--json"}))["conflicts"] == 1);
}

TEST_CASE_METHOD(TwoDevices, "importing the same change file twice changes nothing", "[cli]") {
    add(a, "Tiếng karaoke quá khuya");
    std::string file = dir.file("once.json");
    a.ok({"changes", "export", file});
    json first = json::parse(b.ok({"changes", "import", file, "--json"}));
    CHECK(first["changed"].get<int>() >= 1);
    std::string dump = b.dump();
    auto seq = json::parse(b.ok({"status", "--json"}))["seq"];

    json again = json::parse(b.ok({"changes", "import", file, "--json"}));
    CHECK(again["received"] == first["received"]);
    CHECK(again["changed"] == 0);
    CHECK(b.dump() == dump);
    CHECK(json::parse(b.ok({"status", "--json"}))["seq"] == seq);

    // A file imported back into the device that wrote it changes nothing either.
    CHECK(json::parse(a.ok({"changes", "import", file, "--json"}))["changed"] == 0);
}

TEST_CASE_METHOD(TwoDevices, "changes export --since carries only what changed after the last export", "[cli]") {
    std::string first = dir.file("first.json");
    json exported = json::parse(a.ok({"changes", "export", first, "--json"}));
    auto last_seq = exported["last_seq"].get<std::int64_t>();
    std::string f = add(a, "Đèn đường hỏng");
    std::string second = dir.file("second.json");
    json delta = json::parse(a.ok({"changes", "export", "--since", std::to_string(last_seq), second, "--json"}));
    CHECK(delta["count"] == 1);
    CHECK(delta["since"] == last_seq);

    json file = json::parse(dir.read("second.json"));
    CHECK(file["format"] == "langnghe-changes");
    CHECK(file["version"] == 2);
    CHECK_FALSE(file["links"].empty());          // the device's signed chain of custody
    CHECK(file["signature"].get<std::string>().size() == 128);
    CHECK(file["site"] == json::parse(a.ok({"status", "--json"}))["site"]);
    REQUIRE(file["records"].size() == 1);
    CHECK(file["records"][0]["id"] == f);

    b.ok({"changes", "import", second});
    CHECK(show(b, f)["text"] == "Đèn đường hỏng");
}

TEST_CASE_METHOD(TwoDevices, "a status change made offline never loses to a stale one", "[cli]") {
    std::string f = add(a, "Trộm cắp xe đạp ở chợ");
    send(a, b);
    a.ok({"feedback", "acknowledge", f});
    a.ok({"feedback", "resolve", f});
    b.ok({"feedback", "acknowledge", f});  // later on B's clock, but behind in the lifecycle
    send(b, a);
    send(a, b);
    CHECK(a.dump() == b.dump());
    CHECK(show(a, f)["status"] == "resolved");
    CHECK(show(b, f)["status"] == "resolved");
}

TEST_CASE_METHOD(TwoDevices, "a delete on one device and an edit on the other both hold", "[cli]") {
    for (const CliDevice* head : {&a, &b}) head->act_as("unit_head");  // deletes and restores
    std::string f = add(a, "Đổ rác ra lòng đường");
    send(a, b);
    a.ok({"feedback", "delete", f, "--reason", "Ghi trùng"});
    b.ok({"feedback", "update", f, "--category", "environment"});
    send(a, b);
    send(b, a);
    CHECK(a.dump() == b.dump());
    json shown = show(b, f);
    CHECK(shown["deleted"] == true);
    CHECK(shown["category"] == "environment");
    b.ok({"feedback", "restore", f, "--reason", "Không trùng"});
    send(b, a);
    CHECK(show(a, f)["deleted"] == false);
}

TEST_CASE_METHOD(TwoDevices, "a change file with one bad record imports nothing", "[cli]") {
    std::string f = add(a, "Bãi xe tự phát lấn chiếm vỉa hè");
    std::string file = dir.file("tampered.json");
    a.ok({"changes", "export", file});
    json changes = json::parse(dir.read("tampered.json"));
    // The unit record again, claiming another unit: well-formed, but it cannot be joined with the
    // unit record the device holds, so the batch fails after the feedback record was applied.
    json forged;
    for (const auto& r : changes["records"])
        if (r["id"] == "un-00004") forged = r;
    REQUIRE(forged.is_object());
    forged["unit"] = "00007";
    changes["records"].push_back(forged);
    changes["count"] = changes["records"].size();
    dir.write("tampered.json", changes.dump());

    std::string before = b.dump();
    ProcessResult r = b.run({"changes", "import", file});
    INFO(r.describe());
    CHECK(r.exit_code == 2);
    CHECK(b.dump() == before);
    CHECK(b.run({"feedback", "show", f}).exit_code == 1);
}
