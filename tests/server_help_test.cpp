// `langnghe-server --help` on every command in Vietnamese and English (issue 15, "the server's help
// is English only"): CLI11's own words translated, and every command described in the language.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/process.h"

using namespace langnghe::test;

namespace {

// A station URL in the developer's environment would not change the help, but keep it out anyway.
ProcessOptions clean_environment() {
    ProcessOptions options;
    options.unset_env = {"LANGNGHE_DB_URL"};
    options.timeout = std::chrono::milliseconds(20000);
    return options;
}

ProcessResult server_help(const std::vector<std::string>& path, const std::string& lang) {
    std::vector<std::string> argv{LANGNGHE_SERVER, "--lang", lang};
    argv.insert(argv.end(), path.begin(), path.end());
    argv.push_back("--help");
    return run_process(argv, clean_environment());
}

struct Listed {
    std::string name, description;
};

// The commands a help page lists under its commands heading, with their descriptions.
std::vector<Listed> listed_commands(const std::string& help, const std::string& heading) {
    std::vector<Listed> out;
    std::istringstream lines(help);
    std::string line;
    bool in_list = false;
    while (std::getline(lines, line)) {
        if (line == heading) {
            in_list = true;
            continue;
        }
        if (!in_list) continue;
        if (line.rfind("  ", 0) != 0) break;
        std::istringstream words(line);
        Listed c;
        words >> c.name;
        std::getline(words >> std::ws, c.description);
        out.push_back(c);
    }
    return out;
}

bool has_non_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return true;
    return false;
}

}  // namespace

TEST_CASE("every langnghe-server command has help in Vietnamese, and in English", "[server][language]") {
    std::vector<std::vector<std::string>> pending{{}};
    std::size_t pages = 0;
    while (!pending.empty()) {
        std::vector<std::string> path = pending.back();
        pending.pop_back();
        ++pages;
        ProcessResult vi = server_help(path, "vi");
        INFO(vi.describe() + vi.out);
        REQUIRE(vi.exit_code == 0);
        CHECK(vi.out.find("Cách dùng: langnghe-server") != std::string::npos);
        CHECK(vi.out.find("In hướng dẫn này rồi thoát") != std::string::npos);
        for (const char* english : {"Usage", "Options:", "Subcommands", "Positionals", "Print this help", "Env:"})
            CHECK(vi.out.find(english) == std::string::npos);
        for (const auto& command : listed_commands(vi.out, "Lệnh:")) {
            INFO(command.name + ": " + command.description);
            CHECK(has_non_ascii(command.description));  // Vietnamese has its marks; English none
            auto below = path;
            below.push_back(command.name);
            pending.push_back(below);
        }

        ProcessResult en = server_help(path, "en");
        REQUIRE(en.exit_code == 0);
        CHECK(en.out.find("Usage: langnghe-server") != std::string::npos);
        for (const auto& command : listed_commands(en.out, "Subcommands:")) CHECK_FALSE(has_non_ascii(command.description));
    }
    CHECK(pages >= 15);  // the root, its commands and their own (unit import, device revoke, …)
}

TEST_CASE("langnghe-server explains a usage error in Vietnamese", "[server][language]") {
    ProcessResult r = run_process({LANGNGHE_SERVER, "--lang", "vi", "device", "revoke"}, clean_environment());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("thiếu tùy chọn, tham số hoặc lệnh bắt buộc") != std::string::npos);
}
