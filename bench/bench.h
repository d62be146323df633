#pragma once
// Shared pieces of the benchmarks: a scratch directory, a stopwatch, rates and the result line.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace langnghe::bench {

// Each benchmark adds its subcommand; main.cpp calls them all.
void add_write_command(CLI::App& app);
void add_sync_command(CLI::App& app);

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
// The last line of every benchmark: one JSON object of its figures.
void print_json_line(const std::vector<std::pair<std::string, double>>& figures, const std::string& bench_name);

}  // namespace langnghe::bench
