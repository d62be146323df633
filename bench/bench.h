#pragma once
// Shared pieces of the benchmarks: a scratch directory, a stopwatch, rates and the result line.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"

namespace CLI {
class App;
}

namespace langnghe::bench {

// Each benchmark adds its subcommand; main.cpp calls them all.
void add_write_command(CLI::App& app);
void add_sync_command(CLI::App& app);
void add_station_command(CLI::App& app);
void add_ui_command(CLI::App& app);

// A directory for the benchmark's databases, removed on exit unless kept.
class ScratchDir {
public:
    // Under `parent` (the system temp directory when empty).
    ScratchDir(const std::string& parent, bool keep);
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    bool m_keep;
};

// Accumulates the time spent between start() and stop(), so untimed setup can sit in between.
class Stopwatch {
public:
    void start() { m_started = std::chrono::steady_clock::now(); }
    void stop() { m_total += std::chrono::steady_clock::now() - m_started; }
    double seconds() const { return std::chrono::duration<double>(m_total).count(); }

private:
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::duration m_total{};
};

double per_second(std::size_t count, double seconds);
// "12,345" — figures people read.
std::string with_thousands(double value);
// One line of the human-readable report: label, count, time and rate.
void print_rate(const std::string& label, std::size_t count, double seconds);
// The last line of every benchmark: one JSON object of its labels (the store measured, …) and
// figures; a figure not measured in this run is null.
void print_json_line(const std::vector<std::pair<std::string, std::optional<double>>>& figures, const std::string& bench_name,
                     const std::vector<std::pair<std::string, std::string>>& labels = {});

double percentile(std::vector<double> values, double p);

// --- The real binaries on loopback (sync_bench.cpp, station_bench.cpp) ---

inline const std::string province = "01";  // Thành phố Hà Nội: 126 wards and communes

std::string default_units_file();

// Runs to completion; a failure stops the benchmark with the command's own output.
test::ProcessResult run_checked(const std::vector<std::string>& argv);

struct StationSetup {
    std::string cli = LANGNGHE_CLI, server = LANGNGHE_SERVER;
    std::string units_file = default_units_file();
    // Where the station keeps its data: {"--data", DIR} or {"--db-url", URL}.
    std::vector<std::string> location;
};

// The options both station benchmarks take: the generator's seed, the unit list, the binaries, where
// the databases go and whether they are kept.
void add_station_run_options(CLI::App& cmd, StationSetup& setup, std::uint64_t& seed, std::string& dir, bool& keep);

// A `langnghe-server` station, initialised with the unit list and served on loopback, and the
// devices enrolled with it.
class Station {
public:
    Station(StationSetup setup, const ScratchDir& dir);
    ~Station();
    Station(const Station&) = delete;
    Station& operator=(const Station&) = delete;

    // Another `serve` on the same store (PostgreSQL only); returns its URL.
    std::string serve_another();
    const std::string& url() const { return m_servers.front().url; }

    // A device database enrolled at `unit` with `role`, through the server at `server_url` (the
    // first one when empty): the device keeps syncing with that server. `langnghe enroll` pulls the
    // scope's records at once unless told to leave them to the first sync, which a benchmark of
    // that pull times.
    enum class FirstPull { at_enrollment, at_first_sync };
    std::string enroll(const std::string& name, const std::string& unit, const std::string& role,
                       const std::string& server_url = "", FirstPull first_pull = FirstPull::at_enrollment);
    // `langnghe --json sync` on `db`, started now; finish() gives its figures.
    test::Process start_sync(const std::string& db) const;
    // Each server's peak resident memory so far (VmHWM), in MiB.
    std::vector<double> peak_rss_mib() const;

private:
    struct Server {
        test::Process process;
        std::string url;
    };
    std::vector<std::string> admin_argv(const std::vector<std::string>& args) const;
    void serve();

    StationSetup m_setup;
    const ScratchDir& m_dir;
    std::vector<Server> m_servers;
};

struct SyncFigures {
    test::ProcessResult process;
    nlohmann::json summary;  // the client's `--json` summary when it exited with 0
};
SyncFigures finish(test::Process& sync);

// The commune-level units of the province (from a device's database that has pulled the unit list),
// for spreading records and devices.
std::vector<std::string> wards_of(const std::string& db);

// `count` generated feedback records written into the device database `db` through the core, in
// one transaction, spread over `units`.
void write_feedback(const std::string& db, std::size_t count, std::uint64_t seed, const std::vector<std::string>& units);

}  // namespace langnghe::bench
