#include "support/station.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

#include "pg_connection.h"
#include "support/postgres_url.h"

namespace langnghe::test {

std::string server_path() { return LANGNGHE_SERVER; }

TestStation::TestStation(Store store) : m_data(m_dir.file("station")) {
    create(store == Store::as_run && postgres_store_requested() ? std::optional(postgres_test_url()) : std::nullopt);
}

TestStation::TestStation(const std::string& cluster_url) : m_data(m_dir.file("station")) { create(cluster_url); }

void TestStation::create(const std::optional<std::string>& cluster_url) {
    if (cluster_url) {
        static std::atomic<int> made{0};
        m_cluster_url = *cluster_url;
        m_database = "station_" + std::to_string(getpid()) + "_" + std::to_string(++made);
        pg::Connection(m_cluster_url).exec("CREATE DATABASE " + m_database);
        m_location = {"--db-url", pg::database_url(m_cluster_url, m_database)};
    } else {
        m_location = {"--data", m_data};
    }
    admin({"init"});
    m_dir.write("units.csv",
                "code,name,kind,parent_code\n"
                "01,Thành phố Hà Nội,city,\n"
                "00004,Phường Ba Đình,ward,01\n"
                "TDP1,Tổ dân phố số 1,residential_group,00004\n"
                "00007,Phường Ngọc Hà,ward,01\n"
                "79,Thành phố Hồ Chí Minh,city,\n"
                "26734,Phường Sài Gòn,ward,79\n");
    admin({"unit", "import", m_dir.file("units.csv")});
}

TestStation::~TestStation() {
    if (m_process && m_process->running()) stop();
    if (m_database.empty()) return;
    try {
        pg::Connection(m_cluster_url).exec("DROP DATABASE IF EXISTS " + m_database + " WITH (FORCE)");
    } catch (...) {
        // The cluster goes at the end of the run (scripts/pg-cluster stop), and its databases with it.
    }
}

ProcessResult TestStation::run_admin(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{server_path()};
    argv.insert(argv.end(), m_location.begin(), m_location.end());
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.unset_env = {"LANG", "LC_ALL", "LANGUAGE"};
    options.timeout = std::chrono::seconds(60);
    return run_process(argv, options);
}

std::string TestStation::admin(const std::vector<std::string>& args) const {
    ProcessResult r = run_admin(args);
    std::string command;
    for (const auto& a : args) command += " " + a;
    INFO("langnghe-server" << command << "\n" << r.describe());
    REQUIRE(r.exit_code == 0);
    return r.out;
}

namespace {
std::pair<Process, int> spawn_server(const std::vector<std::string>& location, int port, const std::vector<std::string>& tls) {
    std::vector<std::string> args{server_path()};
    args.insert(args.end(), location.begin(), location.end());
    args.insert(args.end(), {"serve", "--listen", "127.0.0.1:" + std::to_string(port)});
    args.insert(args.end(), tls.begin(), tls.end());
    Process process = Process::spawn(args);
    bool listening = process.wait_for_stdout("listening on 127.0.0.1:", std::chrono::seconds(20));
    INFO(process.stderr_text());
    REQUIRE(listening);
    std::string out = process.stdout_text();
    return {std::move(process), std::stoi(out.substr(out.find("127.0.0.1:") + 10))};
}
}  // namespace

void TestStation::start(int port) {
    auto [process, bound] = spawn_server(m_location, port, m_tls);
    m_process.emplace(std::move(process));
    m_port = bound;
}

std::pair<Process, int> TestStation::serve_another() const {
    REQUIRE(on_postgres());
    return spawn_server(m_location, 0, m_tls);
}

void TestStation::use_tls(const std::string& cert_file, const std::string& key_file) {
    m_tls = {"--cert", cert_file, "--key", key_file};
}

int TestStation::stop() {
    m_process->send_signal(SIGTERM);
    auto result = m_process->wait(std::chrono::seconds(20));
    if (!result) return m_process->kill().exit_code;
    return result->exit_code;
}

void TestStation::kill() { m_process->kill(); }

bool TestStation::running() { return m_process && m_process->running(); }

std::string TestStation::log() const { return m_process ? m_process->stderr_text() : std::string(); }

std::string TestStation::issue_code(const std::string& unit, const std::string& role, const std::string& expires) const {
    std::string out = admin({"enroll-code", "issue", "--unit", unit, "--role", role, "--expires", expires});
    return out.substr(0, out.find('\n'));
}

}  // namespace langnghe::test
