// Faults during sync: the client killed (SIGKILL) at many points of a push and of a pull, and the
// server killed and restarted in the middle of a sync. After sync runs again, every device and the
// server agree, nothing is lost and nothing is duplicated.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

#include "langnghe/model/feedback.h"
#include "langnghe/sample/generator.h"
#include "langnghe/storage/store.h"
#include "support/cli_device.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

namespace {
constexpr int record_count = 1200;

struct Faulty {
    TestStation station;
    TempDir dir;
    CliDevice field{dir, "field", "Thượng úy Nguyễn Văn An"};
    CliDevice office{dir, "office", "Thiếu tá Lê Văn Cường"};
    int written = 0;  // feedback records the field device has recorded

    Faulty() {
        station.start();
        for (const CliDevice* d : {&field, &office}) {
            d->init();
            d->ok({"enroll", "--server", station.url(), "--code", station.issue_code("00004", "officer")});
            d->ok({"sync"});
        }
        record_door_to_door(record_count);
    }

    // Door-to-door work on the field device, written through the core as the app would.
    void record_door_to_door(int count) {
        field.write_feedback(count, static_cast<std::uint64_t>(7 + written));
        written += count;
    }

    // Starts a sync in small batches and kills it after `batches` progress lines of `phase`.
    void kill_sync_after(const CliDevice& d, const std::string& phase, int batches) {
        Process sync = Process::spawn({cli_path(), "--db", d.db(), "sync", "--push-batch", "50", "--pull-batch", "50"},
                                      {.unset_env = {"LANG", "LC_ALL", "LANGNGHE_DB"}});
        INFO(phase << " after " << batches << " batches");
        if (batches > 0)
            REQUIRE(sync.wait_for_stderr(phase + ": " + std::to_string(batches * 50) + " ", std::chrono::seconds(30)));
        ProcessResult killed = sync.kill();
        // A sync that had already ended when the kill came proves nothing about a kill mid-sync.
        INFO(killed.describe());
        REQUIRE(killed.signal == SIGKILL);
    }

    static std::size_t feedback_count(const std::string& dump) {
        std::size_t n = 0;
        json parsed = json::parse(dump);
        for (const auto& r : parsed["records"]) n += r["type"] == "feedback";
        return n;
    }

    // The records a device of ward 00004 holds: the station also has other wards' unit records.
    static json records(const std::string& dump) {
        json parsed = json::parse(dump), out = json::array();
        for (const auto& r : parsed["records"])
            if (r["type"] != "unit" || r["unit"] == "01" || r["unit"] == "00004" || r["unit"] == "TDP1") out.push_back(r);
        return out;
    }
};
}  // namespace

TEST_CASE_METHOD(Faulty, "a client killed during push and during pull loses and duplicates nothing", "[e2e][fault]") {
    // Each kill comes with new work, so every run has batches left to push when it is killed.
    for (int batches : {0, 1, 3, 7, 12, 18}) {
        record_door_to_door((batches + 4) * 50);
        kill_sync_after(field, "Push", batches);
    }
    field.ok({"sync"});
    CHECK(json::parse(field.ok({"status", "--json"}))["unpushed"] == 0);
    CHECK(feedback_count(station.dump()) == static_cast<std::size_t>(written));

    for (int batches : {0, 2, 5, 11, 17}) kill_sync_after(office, "Pull", batches);
    office.ok({"sync"});
    field.ok({"sync"});
    CHECK(records(office.dump()) == records(station.dump()));
    CHECK(records(field.dump()) == records(station.dump()));
    CHECK(feedback_count(office.dump()) == static_cast<std::size_t>(written));
}

TEST_CASE_METHOD(Faulty, "the server killed and restarted mid-sync loses nothing", "[e2e][fault]") {
    Process sync = Process::spawn({cli_path(), "--db", field.db(), "sync", "--push-batch", "50"},
                                  {.unset_env = {"LANG", "LC_ALL", "LANGNGHE_DB"}});
    REQUIRE(sync.wait_for_stderr("Push: 150 ", std::chrono::seconds(30)));
    int port = station.port();
    station.kill();
    station.start(port);  // the client retries with backoff and carries on
    auto result = sync.wait(std::chrono::seconds(60));
    REQUIRE(result);
    INFO(result->describe());
    CHECK(result->exit_code == 0);
    CHECK(feedback_count(station.dump()) == static_cast<std::size_t>(written));
    office.ok({"sync"});
    CHECK(records(office.dump()) == records(station.dump()));
}

TEST_CASE_METHOD(Faulty, "SIGTERM stops the server cleanly and a restart serves the same data", "[e2e][fault]") {
    field.ok({"sync"});
    std::string before = station.dump();
    CHECK(station.stop() == 0);
    CHECK(station.log().find("stopping on signal") != std::string::npos);
    CHECK(station.log().find("lnt_") == std::string::npos);  // tokens never reach the log
    station.start();
    CHECK(station.dump() == before);
}

namespace {
// Sends a request's headers and the first `sent` bytes of its body over a fresh loopback
// connection, then closes it, as a phone losing signal in the middle of an upload does.
void send_cut_short(int port, const std::string& head, const std::string& body, std::size_t sent) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    std::string bytes = head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, sent);
    for (std::size_t at = 0; at < bytes.size();) {
        ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
        REQUIRE(n > 0);
        at += static_cast<std::size_t>(n);
    }
    ::close(fd);
}
}  // namespace

TEST_CASE_METHOD(Faulty, "a push whose connection drops mid-body applies nothing, and the next sync completes it", "[e2e][fault]") {
    std::string token, site;
    {
        auto store = Store::open_existing(field.db());
        token = store->meta("sync.token").value_or("");
        site = store->site_id();
    }
    REQUIRE_FALSE(token.empty());
    field.ok({"changes", "export", dir.file("field.changes")});
    json file = json::parse(dir.read("field.changes"));
    std::string body = json{{"site", site}, {"records", file["records"]}}.dump();
    std::string head = "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                       "\r\nContent-Type: application/json\r\n";
    for (std::size_t sent : {std::size_t{0}, std::size_t{1}, body.size() / 2, body.size() - 1})
        send_cut_short(station.port(), head, body, sent);
    CHECK(feedback_count(station.dump()) == 0);

    field.ok({"sync"});
    office.ok({"sync"});
    CHECK(feedback_count(station.dump()) == static_cast<std::size_t>(written));
    CHECK(records(office.dump()) == records(station.dump()));
}
