// Two servers on one PostgreSQL station (docs/postgres.md): devices pushing through both while
// others pull get every record exactly once (the cursor skips nothing that commits late and sends
// nothing twice), a server killed mid-sync leaves its devices to finish through the other, alone or
// behind HAProxy, two devices editing the same records through both servers keep every edit, and
// rate limits hold across servers. Runs only in the PostgreSQL copy of the
// suite ([postgres]: scripts/pg-cluster).
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <thread>
#include <map>
#include <memory>
#include <set>

#include "langnghe/model/feedback.h"
#include "langnghe/sample/generator.h"
#include "langnghe/storage/store.h"
#include "langnghe/storage/custody_crypto.h"
#include "support/cli_device.h"
#include "support/raw_http.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::test;
using nlohmann::json;

namespace {
const ProcessOptions quiet{.unset_env = {"LANG", "LC_ALL", "LANGNGHE_DB"}};

std::string url_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// The device's sync, in small batches, as JSON (its "pulled" counts every record received).
Process start_sync(const CliDevice& device) {
    return Process::spawn({cli_path(), "--db", device.db(), "--json", "sync", "--push-batch", "10", "--pull-batch", "7"}, quiet);
}

json finished(Process& sync) {
    auto result = sync.wait(std::chrono::seconds(120));
    REQUIRE(result);
    INFO(result->describe());
    REQUIRE(result->exit_code == 0);
    return json::parse(result->out);
}

struct TwoServers {
    TestStation station;
    std::pair<Process, int> second;
    TempDir dir;

    TwoServers() : second((station.start(), station.serve_another())) {}

    std::unique_ptr<CliDevice> device(const std::string& name, int port) {
        auto d = std::make_unique<CliDevice>(dir, name);
        d->init();
        d->ok({"enroll", "--server", url_of(port), "--code", station.issue_code("00004", "officer")});
        d->ok({"sync"});
        return d;
    }
};
}  // namespace

TEST_CASE_METHOD(TwoServers, "devices pushing through two servers while others pull get every record exactly once",
                 "[.][postgres]") {
    std::vector<std::unique_ptr<CliDevice>> pushers, pullers;
    for (int i = 0; i < 4; ++i) pushers.push_back(device("pusher" + std::to_string(i), i % 2 ? second.second : station.port()));
    for (int i = 0; i < 2; ++i) pullers.push_back(device("puller" + std::to_string(i), i % 2 ? second.second : station.port()));
    std::vector<std::size_t> pulled(pullers.size(), 0);
    std::size_t pushed = 0;
    constexpr int rounds = 3, per_device = 40;
    for (int round = 0; round < rounds; ++round) {
        for (std::size_t i = 0; i < pushers.size(); ++i) pushers[i]->write_feedback(per_device, 100 * round + i);
        pushed += pushers.size() * per_device;
        // Pushes of four devices in batches of 10 commit interleaved through both servers while the
        // pullers read in batches of 7, again and again until the pushes are done.
        std::vector<Process> pushes;
        for (const auto& p : pushers) pushes.push_back(start_sync(*p));
        for (int pass = 0; pass < 3; ++pass)
            for (std::size_t i = 0; i < pullers.size(); ++i) {
                Process pull = start_sync(*pullers[i]);
                pulled[i] += finished(pull)["pulled"].get<std::size_t>();
            }
        for (auto& push : pushes) finished(push);
    }
    for (std::size_t i = 0; i < pullers.size(); ++i) {
        Process pull = start_sync(*pullers[i]);
        pulled[i] += finished(pull)["pulled"].get<std::size_t>();
    }
    auto at_station = feedback_ids(station.dump());
    REQUIRE(at_station.size() == pushed);
    for (std::size_t i = 0; i < pullers.size(); ++i) {
        INFO("puller " << i);
        CHECK(feedback_ids(pullers[i]->dump()) == at_station);  // nothing skipped
        CHECK(pulled[i] == pushed);                             // nothing sent twice
    }
    // A pusher's own sync pulled before the others' last pushes committed: one more brings it level.
    for (const auto& p : pushers) {
        p->ok({"sync"});
        CHECK(feedback_ids(p->dump()) == at_station);
    }
}

namespace {
// Every feedback item the device holds gets `change`, one write each, through the core on its file.
void edit_every_item(const CliDevice& device, const FeedbackInput& change) {
    auto store = Store::open_existing(device.db());
    for (const auto& id : feedback_ids(device.dump())) update_feedback(*store, Actor{"Thượng úy Trần Văn Bình"}, id, change);
}
}  // namespace

// Servers join in parallel and write back one at a time (docs/postgres.md, "Writers in parallel"):
// a write-back that finds a record changed by the other server since its catch-up runs again. Two
// devices edit the same records, different fields, and push them at once through different servers
// in small batches, so the servers' writes of the same records interleave: no edit is lost.
TEST_CASE_METHOD(TwoServers, "two devices editing the same records through two servers at once keep every edit",
                 "[.][postgres]") {
    auto an = device("an", station.port());
    auto binh = device("binh", second.second);
    an->write_feedback(60, 11);
    an->ok({"sync"});
    binh->ok({"sync"});
    auto ids = feedback_ids(an->dump());
    REQUIRE(feedback_ids(binh->dump()) == ids);
    for (int round = 0; round < 3; ++round) {
        FeedbackInput text, category;
        text.text = "Vòng " + std::to_string(round) + ": đèn đường ở ngõ 5 vẫn hỏng";
        category.category = round % 2 ? "traffic" : "public_order";
        edit_every_item(*an, text);
        edit_every_item(*binh, category);
        Process an_push = start_sync(*an), binh_push = start_sync(*binh);
        finished(an_push);
        finished(binh_push);
        // Each pulled before the other's last batches committed: one more sync each brings both level.
        an->ok({"sync"});
        binh->ok({"sync"});
        binh->ok({"sync"});
        an->ok({"sync"});
        INFO("round " << round);
        REQUIRE(an->dump() == binh->dump());
        REQUIRE(feedback_ids(station.dump()) == ids);
        auto store = Store::open_existing(an->db());
        for (const auto& id : ids) {
            Feedback item = get_feedback(*store, id);
            CHECK(item.text == *text.text);
            CHECK(item.category == *category.category);
        }
    }
}

TEST_CASE_METHOD(TwoServers, "a server killed mid-sync leaves its devices to finish through the other", "[.][postgres][fault]") {
    auto field = device("field", station.port());
    auto office = device("office", second.second);
    field->write_feedback(600, 7);
    Process sync = Process::spawn({cli_path(), "--db", field->db(), "sync", "--push-batch", "50"}, quiet);
    REQUIRE(sync.wait_for_stderr("Push: 100 ", std::chrono::seconds(60)));
    station.kill();
    auto interrupted = sync.wait(std::chrono::seconds(120));
    REQUIRE(interrupted);
    CHECK(interrupted->exit_code != 0);
    // The load balancer's part: the device's next request goes to the server still up.
    Store::open_existing(field->db())->set_meta("sync.server", url_of(second.second));
    field->ok({"sync"});
    office->ok({"sync"});
    auto ids = feedback_ids(field->dump());
    REQUIRE(ids.size() == 600);
    CHECK(feedback_ids(office->dump()) == ids);
    // The station is whole: a server started now serves all of it.
    auto third = station.serve_another();
    auto late = std::make_unique<CliDevice>(dir, "late");
    late->init();
    late->ok({"enroll", "--server", url_of(third.second), "--code", station.issue_code("00004", "officer")});
    late->ok({"sync"});
    CHECK(feedback_ids(late->dump()) == ids);
}

TEST_CASE_METHOD(TwoServers, "wrong enrollment codes spread over two servers meet one limit, not one per server",
                 "[.][postgres]") {
    std::string body = json{{"code", "ZZZZ-ZZZZ-ZZZZ"},
                            {"site", "00aa11bb22cc33dd"},
                            {"label", "An"},
                            {"public_key", generate_key_pair().public_key}}
                           .dump();
    std::map<int, int> statuses;
    // 20 guesses from one address, every other one to each server: each server alone would let its
    // 10 through (the per-address burst); sharing the bucket, the station lets 10 through in all.
    for (int i = 0; i < 20; ++i) {
        int port = i % 2 ? second.second : station.port();
        ++statuses[ask(port, raw_request("POST", "/v1/enroll", {"Content-Type: application/json"}, body), "127.0.0.9").status];
    }
    CHECK(statuses[401] + statuses[429] == 20);
    CHECK(statuses[401] >= 10);  // a full bucket first
    CHECK(statuses[429] >= 5);   // then refusals, from both servers, although neither had 10 of its own
}

namespace {
// A free loopback port, for a process that cannot say which one it bound (HAProxy).
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
                 getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    close(fd);
    REQUIRE(bound);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return connected;
}

// HAProxy in the foreground, round robin over `servers` with health checks and no stickiness, as
// deploy/haproxy.cfg sets it up, on its own loopback port.
struct Balancer {
    Process process;
    int port;
};

Balancer start_haproxy(const TempDir& dir, const std::vector<int>& servers) {
    int port = free_port();
    std::string config = "global\n    maxconn 200\n"
                         "defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n"
                         "    timeout server 120s\n    retries 2\n    option redispatch\n"
                         "frontend devices\n    bind 127.0.0.1:" + std::to_string(port) + "\n    default_backend stations\n"
                         "backend stations\n    balance roundrobin\n    option httpchk\n"
                         "    http-check send meth GET uri /v1/health\n    default-server check inter 300ms fall 1 rise 1\n";
    for (int server : servers) config += "    server s" + std::to_string(server) + " 127.0.0.1:" + std::to_string(server) + "\n";
    dir.write("haproxy.cfg", config);
    REQUIRE(std::filesystem::exists("/usr/sbin/haproxy"));  // scripts/install-deps installs it
    Balancer balancer{Process::spawn({"/usr/sbin/haproxy", "-db", "-f", dir.file("haproxy.cfg")}), port};
    // HAProxy says nothing when it is ready: its port accepting is the sign (bounded, 20 s).
    for (int attempt = 0; attempt < 400 && !accepts_connections(port); ++attempt) {
        REQUIRE(balancer.process.running());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    INFO(balancer.process.stderr_text());
    REQUIRE(accepts_connections(port));
    return balancer;
}
}  // namespace

TEST_CASE_METHOD(TwoServers, "devices behind HAProxy keep syncing when one of the two servers is killed, and converge",
                 "[.][postgres][fault]") {
    Balancer balancer = start_haproxy(dir, {station.port(), second.second});
    std::vector<std::unique_ptr<CliDevice>> devices;
    for (int i = 0; i < 3; ++i) {
        devices.push_back(device("behind" + std::to_string(i), balancer.port));
        devices.back()->write_feedback(30, 500 + i);
        devices.back()->ok({"sync"});
    }
    station.kill();
    for (int i = 0; i < 3; ++i) {
        devices[i]->write_feedback(20, 600 + i);
        devices[i]->ok({"sync"});  // HAProxy sends it to the server still up
    }
    for (const auto& d : devices) d->ok({"sync"});
    auto at_station = feedback_ids(station.dump());
    CHECK(at_station.size() == 150);
    for (const auto& d : devices) CHECK(feedback_ids(d->dump()) == at_station);
    INFO(balancer.process.stderr_text());
    CHECK(balancer.process.running());
}
