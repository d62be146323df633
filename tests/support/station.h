#pragma once
// A real `langnghe-server` for a test: its own data directory with a small unit tree, serving on a
// free loopback port, stopped (and, if need be, killed) when the object goes. With
// LANGNGHE_TEST_STORE=postgres, its own PostgreSQL database instead, made in the cluster whose URL
// the file LANGNGHE_TEST_PG_URL_FILE holds (scripts/pg-cluster) and dropped when the object goes.
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

namespace langnghe::test {

std::string server_path();

class TestStation {
public:
    // The store the run asks for (LANGNGHE_TEST_STORE), or the embedded one whatever it asks
    // (a station to move to PostgreSQL).
    enum class Store { as_run, embedded };

    // Units: 01 › 00004 › TDP1, 01 › 00007, and 79 › 26734 (another province).
    explicit TestStation(Store store = Store::as_run);
    // The same, on PostgreSQL: a database of its own in the cluster at `cluster_url`.
    explicit TestStation(const std::string& cluster_url);
    ~TestStation();

    // The station is at `location` from now on (`--db-url URL` once moved there): start() and
    // admin commands use it. The database there is the caller's to drop.
    void move_to(std::vector<std::string> location) { m_location = std::move(location); }

    // Starts the server (on `port`, or a free one) and waits until it listens.
    void start(int port = 0);
    // Makes the next start() serve HTTPS with this certificate and key (PEM files).
    void use_tls(const std::string& cert_file, const std::string& key_file);
    // Another server on the same station (PostgreSQL only: the embedded store has one server),
    // on a free loopback port; its URL is "http://127.0.0.1:" + the port.
    std::pair<Process, int> serve_another() const;
    // SIGTERM and a bounded wait: the exit code.
    int stop();
    // SIGKILL.
    void kill();
    bool running();

    std::string url() const { return (m_tls.empty() ? "http://" : "https://") + std::string("127.0.0.1:") + std::to_string(m_port); }
    int port() const { return m_port; }
    const std::string& data_dir() const { return m_data; }
    // `--data DIR`, or `--db-url URL` on PostgreSQL: where a second server or a command finds the station.
    const std::vector<std::string>& location() const { return m_location; }
    bool on_postgres() const { return !m_database.empty(); }

    // Runs an admin command (`langnghe-server --data DIR args…`); requires exit 0; returns stdout.
    std::string admin(const std::vector<std::string>& args) const;
    ProcessResult run_admin(const std::vector<std::string>& args) const;
    // A one-time code for a device of `unit` with `role`.
    std::string issue_code(const std::string& unit, const std::string& role, const std::string& expires = "1d") const;
    std::string dump() const { return admin({"dump"}); }
    std::string log() const;

private:
    TempDir m_dir;
    std::string m_data;
    void create(const std::optional<std::string>& cluster_url);

    std::string m_cluster_url, m_database;  // on PostgreSQL: the cluster, and the test's own database in it
    std::vector<std::string> m_location;
    int m_port = 0;
    std::vector<std::string> m_tls;  // --cert FILE --key FILE, or empty
    std::optional<Process> m_process;
};

}  // namespace langnghe::test
