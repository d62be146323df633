#include "bench.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <random>

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

void print_json_line(const std::vector<std::pair<std::string, double>>& figures, const std::string& bench_name) {
    nlohmann::ordered_json line;
    line["bench"] = bench_name;
    for (const auto& [name, value] : figures) {
        double rounded = std::round(value * 1000.0) / 1000.0;
        if (rounded == std::floor(rounded) && std::abs(rounded) < 9e15)
            line[name] = static_cast<long long>(rounded);
        else
            line[name] = rounded;
    }
    std::cout << line.dump() << std::endl;
}

}  // namespace langnghe::bench
