// PostgreSQL restarted in the middle of a sync (docs/postgres.md, "Faults"): the server stays up,
// the sync cut off fails cleanly, the device's next sync goes through, and nothing is lost or sent
// twice. The test runs its own cluster (scripts/pg-cluster), since restarting the suite's would cut
// off the tests running beside it.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <fstream>

#include "support/cli_device.h"
#include "support/station.h"

using namespace langnghe;
using namespace langnghe::test;

namespace {
const std::string cluster_script = std::string(LANGNGHE_SOURCE_DIR) + "/scripts/pg-cluster";

// A cluster of the test's own, stopped and removed when the object goes.
class OwnCluster {
public:
    OwnCluster() {
        auto started = run_process({"bash", cluster_script, "start", m_dir.file("pg")}, {.timeout = std::chrono::seconds(120)});
        INFO(started.describe());
        REQUIRE(started.exit_code == 0);
        std::ifstream in(m_dir.file("pg/url"));
        std::getline(in, m_url);
        REQUIRE(!m_url.empty());
    }
    ~OwnCluster() { run_process({"bash", cluster_script, "stop", m_dir.file("pg")}, {.timeout = std::chrono::seconds(120)}); }
    OwnCluster(const OwnCluster&) = delete;
    OwnCluster& operator=(const OwnCluster&) = delete;

    const std::string& url() const { return m_url; }
    void restart() const {
        auto restarted = run_process({"bash", cluster_script, "restart", m_dir.file("pg")}, {.timeout = std::chrono::seconds(120)});
        INFO(restarted.describe());
        REQUIRE(restarted.exit_code == 0);
    }

private:
    TempDir m_dir;
    std::string m_url;
};

}  // namespace

TEST_CASE("PostgreSQL restarted mid-sync: the server stays up and the device's next sync converges",
          "[.][postgres][fault]") {
    OwnCluster cluster;
    TestStation station(cluster.url());
    station.start();
    TempDir dir;
    CliDevice field(dir, "field"), office(dir, "office");
    for (CliDevice* d : {&field, &office}) {
        d->init();
        d->ok({"enroll", "--server", "http://127.0.0.1:" + std::to_string(station.port()), "--code",
               station.issue_code("00004", "officer")});
        d->ok({"sync"});  // the units of its scope
    }
    field.write_feedback(600, 41);
    Process sync = Process::spawn({cli_path(), "--db", field.db(), "sync", "--push-batch", "50"},
                                  {.unset_env = {"LANG", "LC_ALL", "LANGNGHE_DB"}});
    REQUIRE(sync.wait_for_stderr("Push: 100 ", std::chrono::seconds(60)));
    cluster.restart();
    auto cut = sync.wait(std::chrono::seconds(120));
    REQUIRE(cut);  // finished one way or the other: through the retries, or failed naming why
    // The server outlived PostgreSQL's restart and reconnects on its next request.
    field.ok({"sync"});
    office.ok({"sync"});
    auto at_station = feedback_ids(station.dump());
    CHECK(at_station.size() == 600);
    CHECK(feedback_ids(field.dump()) == at_station);
    CHECK(feedback_ids(office.dump()) == at_station);
    CHECK(station.stop() == 0);  // still up, and stops cleanly
}
