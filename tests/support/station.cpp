#include "support/station.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

#include "pg_connection.h"

namespace langnghe::test {

std::string server_path() { return LANGNGHE_SERVER; }

namespace {
bool postgres_wanted() {
    const char* store = std::getenv("LANGNGHE_TEST_STORE");
    return store && std::string(store) == "postgres";
}

// The URL of the test cluster's maintenance database, from the file scripts/pg-cluster wrote.
std::string cluster_url() {
    const char* file = std::getenv("LANGNGHE_TEST_PG_URL_FILE");
    REQUIRE(file != nullptr);
    std::ifstream in(file);
    std::string url;
    std::getline(in, url);
    REQUIRE(!url.empty());
    return url;
}

// The URL of another database of the same cluster.
std::string database_url(const std::string& url, const std::string& database) {
    auto path = url.find(":///");
    REQUIRE(path != std::string::npos);
    auto query = url.find('?', path);
    return url.substr(0, path + 4) + database + (query == std::string::npos ? "" : url.substr(query));
}
}  // namespace

TestStation::TestStation() : m_data(m_dir.file("station")) {
    if (postgres_wanted()) {
        static std::atomic<int> made{0};
        m_database = "station_" + std::to_string(getpid()) + "_" + std::to_string(++made);
        pg::Connection(cluster_url()).exec("CREATE DATABASE " + m_database);
        m_location = {"--db-url", database_url(cluster_url(), m_database)};
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
        pg::Connection(cluster_url()).exec("DROP DATABASE IF EXISTS " + m_database + " WITH (FORCE)");
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

void TestStation::start(int port) {
    std::string listen = "127.0.0.1:" + std::to_string(port);
    std::vector<std::string> args{server_path()};
    args.insert(args.end(), m_location.begin(), m_location.end());
    args.insert(args.end(), {"serve", "--listen", listen});
    args.insert(args.end(), m_tls.begin(), m_tls.end());
    m_process.emplace(Process::spawn(args));
    INFO(m_process->stderr_text());
    REQUIRE(m_process->wait_for_stdout("listening on 127.0.0.1:", std::chrono::seconds(20)));
    std::string out = m_process->stdout_text();
    auto at = out.find("127.0.0.1:") + 10;
    m_port = std::stoi(out.substr(at));
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
