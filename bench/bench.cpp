#include "bench.h"

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/sample/generator.h"
#include "langnghe/storage/store.h"

namespace langnghe::bench {

ScratchDir::ScratchDir(const std::string& parent, bool keep) : m_keep(keep) {
    std::filesystem::path base =
        parent.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(parent);
    m_path = base / ("langnghe-bench-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
    if (m_keep) return;
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

double per_second(std::size_t count, double seconds) {
    return seconds > 0 ? static_cast<double>(count) / seconds : 0.0;
}

std::string with_thousands(double value) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

void print_rate(const std::string& label, std::size_t count, double seconds) {
    char line[256];
    std::snprintf(line, sizeof line, "%-52s %9s records in %7.3f s = %10s records/s", label.c_str(),
                  with_thousands(static_cast<double>(count)).c_str(), seconds,
                  with_thousands(per_second(count, seconds)).c_str());
    std::cout << line << std::endl;
}

void print_json_line(const std::vector<std::pair<std::string, std::optional<double>>>& figures, const std::string& bench_name,
                     const std::vector<std::pair<std::string, std::string>>& labels) {
    nlohmann::ordered_json line;
    line["bench"] = bench_name;
    for (const auto& [name, value] : labels) line[name] = value;
    for (const auto& [name, figure] : figures) {
        if (!figure) {
            line[name] = nullptr;
            continue;
        }
        double rounded = std::round(*figure * 1000.0) / 1000.0;
        if (rounded == std::floor(rounded) && std::abs(rounded) < 9e15)
            line[name] = static_cast<long long>(rounded);
        else
            line[name] = rounded;
    }
    std::cout << line.dump() << std::endl;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

std::string default_units_file() {
    return std::string(LANGNGHE_SOURCE_DIR) + "/data/vn-admin-units/head_2026-07-25_full_34prov_3321wards.json";
}

test::ProcessResult run_checked(const std::vector<std::string>& argv) {
    test::ProcessOptions options;
    options.timeout = std::chrono::minutes(30);
    test::ProcessResult r = test::run_process(argv, options);
    if (r.exit_code != 0) throw Error(ErrorCode::internal, argv[0] + " " + argv[1] + " failed: " + r.describe());
    return r;
}

void add_station_run_options(CLI::App& cmd, StationSetup& setup, std::uint64_t& seed, std::string& dir, bool& keep) {
    cmd.add_option("--seed", seed, "generator seed");
    cmd.add_option("--units", setup.units_file, "unit list the station imports");
    cmd.add_option("--cli", setup.cli, "the langnghe binary");
    cmd.add_option("--server", setup.server, "the langnghe-server binary");
    cmd.add_option("--dir", dir, "where the databases go (default: the system temp directory)");
    cmd.add_flag("--keep", keep, "keep the databases and logs");
}

Station::Station(StationSetup setup, const ScratchDir& dir) : m_setup(std::move(setup)), m_dir(dir) {
    run_checked(admin_argv({"init"}));
    run_checked(admin_argv({"unit", "import", m_setup.units_file}));
    serve();
}

Station::~Station() {
    for (auto& server : m_servers) server.process.send_signal(SIGTERM);
    for (auto& server : m_servers)
        if (!server.process.wait(std::chrono::seconds(30))) server.process.kill();
}

std::vector<std::string> Station::admin_argv(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{m_setup.server};
    argv.insert(argv.end(), m_setup.location.begin(), m_setup.location.end());
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

void Station::serve() {
    test::Process process = test::Process::spawn(admin_argv({"serve", "--listen", "127.0.0.1:0"}));
    const std::string listening = "listening on 127.0.0.1:";
    if (!process.wait_for_stdout(listening, std::chrono::seconds(30)))
        throw Error(ErrorCode::internal, "the server did not start listening within 30 s: " + process.stderr_text());
    // The port follows on the same line; wait for its end so the number is whole.
    std::string out;
    for (int i = 0; i < 100; ++i) {
        out = process.stdout_text();
        if (out.find('\n', out.find(listening)) != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    auto at = out.find(listening) + listening.size() - std::string("127.0.0.1:").size();
    m_servers.push_back({std::move(process), "http://" + out.substr(at, out.find_first_of(" \n", at) - at)});
}

std::string Station::serve_another() {
    serve();
    return m_servers.back().url;
}

std::string Station::enroll(const std::string& name, const std::string& unit, const std::string& role,
                            const std::string& server_url, FirstPull first_pull) {
    std::string db = m_dir.file(name + ".db");
    test::ProcessResult code = run_checked(admin_argv({"enroll-code", "issue", "--unit", unit, "--role", role}));
    run_checked({m_setup.cli, "--db", db, "init", "--officer", "Thượng úy Nguyễn Văn An"});
    std::vector<std::string> enroll{m_setup.cli, "--db", db, "enroll", "--server", server_url.empty() ? url() : server_url,
                                    "--code", code.out.substr(0, code.out.find('\n'))};
    if (first_pull == FirstPull::at_first_sync) enroll.push_back("--no-pull");
    run_checked(enroll);
    return db;
}

test::Process Station::start_sync(const std::string& db) const {
    return test::Process::spawn({m_setup.cli, "--db", db, "--json", "sync"});
}

std::vector<double> Station::peak_rss_mib() const {
    std::vector<double> out;
    for (const auto& server : m_servers) {
        std::ifstream status("/proc/" + std::to_string(server.process.pid()) + "/status");
        double kib = 0;
        for (std::string line; std::getline(status, line);)
            if (line.rfind("VmHWM:", 0) == 0) kib = std::stod(line.substr(6));
        out.push_back(kib / 1024.0);
    }
    return out;
}

SyncFigures finish(test::Process& sync) {
    SyncFigures f{sync.wait_to_end(), {}};
    if (f.process.exit_code == 0) f.summary = nlohmann::json::parse(f.process.out);
    return f;
}

std::vector<std::string> wards_of(const std::string& db) {
    auto store = Store::open_existing(db);
    std::vector<std::string> out;
    for (const auto& u : list_units(*store, province))
        if (u.code != province) out.push_back(u.code);
    return out;
}

void write_feedback(const std::string& db, std::size_t count, std::uint64_t seed, const std::vector<std::string>& units) {
    auto store = Store::open_existing(db);
    Generator gen({seed});
    Actor actor{"Thượng úy Nguyễn Văn An"};
    Store::Scope scope(*store);
    for (std::size_t i = 0; i < count; ++i) add_feedback(*store, actor, gen.feedback(units[(i * 7919) % units.size()]));
    scope.commit();
}

}  // namespace langnghe::bench
