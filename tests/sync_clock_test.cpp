// The device side of sync and clocks: records the station refuses are set aside and everything else
// keeps syncing; clock correction never drops an edit; the health check is retried and slow answers
// are not trusted. Devices run in-process with injected clocks against a real station (or, where the
// station's answers must misbehave, a small httplib station on 127.0.0.1).
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/sync_client.h"
#include "support/cli_device.h"
#include "support/station.h"
#include "support/temp_dir.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
constexpr std::int64_t minute = 60 * 1000;
constexpr std::int64_t three_years = 3LL * 365 * 24 * 60 * minute;

std::int64_t wall_ms() { return system_clock_source()(); }

// A device whose clock runs `*offset` off the real time (the offset may change during a test).
std::unique_ptr<Store> device(const std::string& path, const std::int64_t* offset) {
    StoreOptions options;
    options.clock = [offset] { return wall_ms() + *offset; };
    return Store::open(path, options);
}

const Actor officer{"Thượng úy Nguyễn Văn An", "officer"};

std::string add(Store& store, const std::string& text) {
    FeedbackInput in;
    in.unit = "00004";
    in.kind = "request";
    in.category = "traffic";
    in.text = text;
    return add_feedback(store, officer, in);
}

void set_text(Store& store, const std::string& id, const std::string& text) {
    FeedbackInput in;
    in.text = text;
    update_feedback(store, officer, id, in);
}

SyncOptions quick() {
    SyncOptions o;
    o.sleep = [](int) {};
    return o;
}

bool holds(const std::string& dump, const std::string& id) { return dump.find(id) != std::string::npos; }
}  // namespace

TEST_CASE("a far-future record from a change file is set aside and everything else still syncs", "[sync][clock]") {
    TestStation station;
    station.start();
    TempDir dir;
    std::int64_t fast_offset = three_years, right = 0;
    auto fast = device(dir.file("fast.db"), &fast_offset);  // never synced, three years ahead
    auto b = device(dir.file("b.db"), &right);
    auto c = device(dir.file("c.db"), &right);
    for (auto* d : {b.get(), c.get()}) {
        enroll_device(*d, station.url(), station.issue_code("00004", "officer"), "", "B");
        sync_device(*d, quick());
    }
    import_units(*fast, {"admin", "admin"},
                 "code,name,kind,parent_code\n01,Thành phố Hà Nội,province,\n00004,Phường Ba Đình,ward,01\n");
    std::string far = add(*fast, "Ghi trên máy có đồng hồ nhanh ba năm");
    ChangeFile file = decode_change_file(encode_change_file(export_changes(*fast, 0)));
    // An importer bounds stamps as the station does: the file is refused whole, nothing written.
    std::string before = b->canonical_dump();
    CHECK_THROWS_WITH(import_changes(*b, file), Catch::Contains("minutes ahead"));
    CHECK(b->canonical_dump() == before);
    // A copy B came to hold before importers checked stamps (joined as it was then) must not wedge B.
    b->apply(file.records);

    // (a) Joining it does not drag B's clock beyond its own time + the tolerance.
    CHECK(stamp_ms(b->clock().last()) <= wall_ms() + clock_skew_tolerance_ms);
    std::string mine = add(*b, "Ghi trên máy B, đồng hồ đúng");
    std::string theirs = add(*c, "Ghi trên máy C");
    sync_device(*c, quick());

    // (b) The far record is set aside with its reason; B's own record goes, C's comes.
    SyncSummary s = sync_device(*b, quick());
    CHECK(s.refused == std::vector<std::string>{far});
    CHECK(s.pulled >= 1);
    CHECK(holds(station.dump(), mine));
    CHECK_FALSE(holds(station.dump(), far));
    CHECK(get_feedback(*b, theirs).text == "Ghi trên máy C");
    // (c) Kept, untouched, listed with the reason.
    CHECK(get_feedback(*b, far).text == "Ghi trên máy có đồng hồ nhanh ba năm");
    SyncStatus status = sync_status(*b);
    REQUIRE(status.set_aside.size() == 1);
    CHECK(status.set_aside[0].id == far);
    CHECK(status.set_aside[0].code == "clock_skew");
    CHECK(status.unpushed == 0);
    CliDevice b_cli(dir, "b");
    nlohmann::json listed = nlohmann::json::parse(b_cli.ok({"status", "--json"}))["set_aside"];
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["id"] == far);
    CHECK(listed[0]["code"] == "clock_skew");
    CHECK(listed[0]["what_to_do"].get<std::string>().find("clock") != std::string::npos);
    CHECK(b_cli.ok({"--lang", "vi", "status"}).find("Để riêng " + far) != std::string::npos);
    nlohmann::json synced = nlohmann::json::parse(b_cli.ok({"sync", "--json"}));
    CHECK(synced["set_aside"][0]["id"] == far);
    CHECK(synced["refused"] == nlohmann::json::array({far}));

    // The fast device enrolls: its copy is re-stamped and reaches the station.
    enroll_device(*fast, station.url(), station.issue_code("00004", "officer"), "", "A");
    SyncSummary a = sync_device(*fast, quick());
    CHECK(a.restamped > 0);
    CHECK(holds(station.dump(), far));

    // B keeps syncing: its later writes go, the set-aside record is offered again and stays aside.
    set_text(*b, mine, "B sửa lại sau");
    SyncSummary again = sync_device(*b, quick());
    CHECK(again.pushed == 2);  // the edit and its revision
    CHECK(again.refused == std::vector<std::string>{far});
    CHECK(sync_status(*b).set_aside.size() == 1);
    sync_device(*c, quick());
    CHECK(get_feedback(*c, mine).text == "B sửa lại sau");
    CHECK(get_feedback(*c, far).text == "Ghi trên máy có đồng hồ nhanh ba năm");
}

TEST_CASE("clock correction keeps an edit written after a pushed one", "[sync][clock]") {
    TestStation station;
    station.start();
    TempDir dir;
    std::int64_t offset = 114 * 1000;  // 1.9 minutes ahead: within the tolerance, no correction
    auto d = device(dir.file("d.db"), &offset);
    std::int64_t right = 0;
    auto other = device(dir.file("o.db"), &right);
    for (auto* s : {d.get(), other.get()}) {
        enroll_device(*s, station.url(), station.issue_code("00004", "officer"), "", "D");
        sync_device(*s, quick());
    }
    std::string id = add(*d, "v1");
    CHECK(sync_device(*d, quick()).restamped == 0);
    offset = 5 * minute;  // the clock runs further ahead; the officer edits again
    set_text(*d, id, "v2");
    SyncSummary s = sync_device(*d, quick());
    CHECK(s.restamped > 0);
    CHECK(get_feedback(*d, id).text == "v2");
    sync_device(*other, quick());
    Feedback there = get_feedback(*other, id);
    CHECK(there.text == "v2");
    CHECK(there.conflicts == 0);
    // The corrected clock's next edit supersedes both everywhere.
    set_text(*d, id, "v3");
    sync_device(*d, quick());
    sync_device(*other, quick());
    CHECK(get_feedback(*other, id).text == "v3");
}

namespace {
// A station that answers as scripted: the health check fails, then is slow, then answers; a push
// with a record stamped beyond its time + 10 minutes is refused 422 without naming the records
// (as a station before record-level details did).
struct ScriptedStation {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    std::int64_t clock_ahead_ms = 0;  // the station's clock against the real one
    std::atomic<int> health_calls = 0, failing_health = 0, slow_health = 0;
    int slow_ms = 0;
    std::atomic<int> pushes = 0;
    std::vector<std::string> accepted;
    std::mutex mutex;

    std::int64_t now() const { return wall_ms() + clock_ahead_ms; }

    ScriptedStation() {
        auto stamp = [this](httplib::Response& res) { res.set_header(std::string(server_time_header), std::to_string(now())); };
        server.Get("/v1/health", [this, stamp](const httplib::Request&, httplib::Response& res) {
            int call = ++health_calls;
            if (call <= failing_health) {
                res.status = 503;
                res.set_content(encode(ErrorBody{"internal", "busy", "", {}, ""}), "application/json");
                return;
            }
            if (call <= failing_health + slow_health) std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
            stamp(res);
            res.set_content("{\"ok\":true}", "application/json");
        });
        server.Post("/v1/enroll", [this, stamp](const httplib::Request&, httplib::Response& res) {
            stamp(res);
            res.set_content(encode(EnrollResponse{"dev-1", "lnt_test", "00004", "officer", now()}), "application/json");
        });
        server.Post("/v1/push", [this, stamp](const httplib::Request& req, httplib::Response& res) {
            ++pushes;
            PushRequest push = decode_push_request(req.body);
            stamp(res);
            for (const auto& r : push.records)
                if (max_stamp(r) > stamp_from_ms(now() + 10 * minute)) {
                    res.status = 422;
                    res.set_content(encode(ErrorBody{"clock_skew", "correct the device clock", "records", {}, ""}),
                                    "application/json");
                    return;
                }
            std::lock_guard lock(mutex);
            for (const auto& r : push.records) accepted.push_back(r.id);
            res.set_content(encode(PushResponse{push.records.size(), push.records.size(), now(), 0, 0}), "application/json");
        });
        server.Post("/v1/pull", [this, stamp](const httplib::Request&, httplib::Response& res) {
            stamp(res);
            res.set_content(encode(PullAnswer{"[]", 0, false, "00004", "officer", "officer", now(), {}, {}, false}), "application/json");
        });
        port = server.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { server.listen_after_bind(); });
        for (int i = 0; i < 5000 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~ScriptedStation() {
        server.stop();
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

std::unique_ptr<Store> enrolled_device(const std::string& path, const std::int64_t* offset, ScriptedStation& station) {
    auto d = device(path, offset);
    import_units(*d, {"admin", "admin"},
                 "code,name,kind,parent_code\n01,Thành phố Hà Nội,province,\n00004,Phường Ba Đình,ward,01\n");
    enroll_device(*d, station.url(), "code", "", "D");
    return d;
}
}  // namespace

TEST_CASE("the health check is retried and a slow answer does not set the clock", "[sync][clock]") {
    ScriptedStation station;
    station.clock_ahead_ms = 10 * minute;  // the device is 10 minutes behind
    station.failing_health = 2;
    station.slow_health = 1;
    station.slow_ms = 400;
    TempDir dir;
    std::int64_t right = 0;
    auto d = enrolled_device(dir.file("d.db"), &right, station);
    SyncOptions options = quick();
    options.max_clock_round_trip_ms = 200;
    SyncSummary s = sync_device(*d, options);
    CHECK(station.health_calls == 4);  // two failures, one slow answer discarded, one used
    CHECK(s.retries >= 3);
    REQUIRE(s.clock_measured);
    CHECK(std::llabs(s.clock_offset_ms - 10 * minute) < minute);
    CHECK(sync_status(*d).clock_offset_ms == s.clock_offset_ms);  // the device runs on the station's time
    // `sync` tells the user, in both languages and in --json.
    CliDevice cli(dir, "d");
    nlohmann::json summary = nlohmann::json::parse(cli.ok({"sync", "--json"}));
    CHECK(summary["clock_wrong"] == true);
    CHECK(summary["clock_warning"].get<std::string>().find("behind") != std::string::npos);
    CHECK(cli.ok({"sync"}).find("10 min behind the station") != std::string::npos);
    CHECK(cli.ok({"--lang", "vi", "sync"}).find("chậm 10 phút") != std::string::npos);

    SECTION("no useful answer: no estimate, and the sync still goes on") {
        station.health_calls = 0;
        station.failing_health = 0;
        station.slow_health = 100;
        options.max_attempts = 3;
        SyncSummary slow = sync_device(*d, options);
        CHECK(station.health_calls == 3);
        CHECK_FALSE(slow.clock_measured);
    }
}

TEST_CASE("a clock_skew refusal without names sets aside the records stamped beyond the station's time", "[sync][clock]") {
    ScriptedStation station;
    TempDir dir;
    std::int64_t right = 0, fast = three_years;
    auto d = enrolled_device(dir.file("d.db"), &right, station);
    auto writer = device(dir.file("w.db"), &fast);
    import_units(*writer, {"admin", "admin"},
                 "code,name,kind,parent_code\n01,Thành phố Hà Nội,province,\n00004,Phường Ba Đình,ward,01\n");
    std::string far = add(*writer, "nhanh ba năm");
    // Held from before importers checked stamps (an import now refuses the file).
    d->apply(decode_change_file(encode_change_file(export_changes(*writer, 0))).records);
    std::string mine = add(*d, "đồng hồ đúng");
    SyncSummary s = sync_device(*d, quick());
    CHECK(s.refused == std::vector<std::string>{far});
    CHECK(station.accepted == std::vector<std::string>{mine});
    // Offered again at the next sync (the reason, a stamp, can go away), and set aside again.
    station.accepted.clear();
    SyncSummary again = sync_device(*d, quick());
    CHECK(again.refused == std::vector<std::string>{far});
    CHECK(station.accepted.empty());
    CHECK(sync_status(*d).set_aside.size() == 1);
}
