// The fuzz target's checks (tests/fuzz/change_batch_checks.h) on every build, not only the clang
// fuzz build: each corpus input, every truncation of it and deterministic byte mutations are either
// refused with langnghe::Error or decode to records that round-trip and join idempotently.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/change_batch_checks.h"
#include "langnghe/base/error.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/sync_protocol.h"

namespace fs = std::filesystem;
using namespace langnghe;

namespace {
std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

fs::path corpus_dir() { return fs::path(LANGNGHE_SOURCE_DIR) / "tests" / "fuzz" / "corpus"; }

std::vector<std::pair<std::string, std::string>> corpus() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& entry : fs::directory_iterator(corpus_dir()))
        out.emplace_back(entry.path().filename().string(), read_file(entry.path()));
    std::sort(out.begin(), out.end());
    return out;
}

bool decodes(const std::string& name, const std::string& input) {
    try {
        if (name.ends_with(".cbor")) return !decode_push_request(cbor_to_json_text(input)).records.empty();
        if (name.find("changes") != std::string::npos) return !decode_change_file(input).records.empty();
        decode_push_request(input);
        return true;
    } catch (const Error&) {
        return false;
    }
}
}  // namespace

TEST_CASE("the fuzz corpus holds inputs the decoders accept and inputs they refuse", "[fuzz]") {
    auto inputs = corpus();
    REQUIRE(inputs.size() >= 4);
    for (const auto& [name, input] : inputs) {
        INFO(name);
        CHECK(decodes(name, input) == name.starts_with("valid-"));
    }
}

// Sampled, not exhaustive (the fuzzer is the exhaustive search): each check runs every decoder, and
// under the sanitizers' unoptimised build a denser sample took four minutes of CI.
TEST_CASE("every truncation and byte mutation of the corpus is refused cleanly or decodes consistently", "[fuzz]") {
    const std::string replacements = std::string("\"{}[],:0-9eE\\") + '\0' + "\x80\xff";
    std::size_t checked = 0;
    for (const auto& [name, input] : corpus()) {
        INFO(name);
        for (std::size_t cut = 0; cut <= input.size(); cut += 1 + input.size() / 128) {
            CHECK_NOTHROW(fuzz::check_change_batch(std::string_view(input).substr(0, cut)));
            ++checked;
        }
        for (std::size_t at = 0; at < input.size(); at += 1 + input.size() / 48) {
            for (char c : replacements) {
                std::string mutated = input;
                mutated[at] = c;
                INFO("byte " << at << " set to " << static_cast<int>(static_cast<unsigned char>(c)));
                CHECK_NOTHROW(fuzz::check_change_batch(mutated));
                ++checked;
            }
            std::string removed = input;
            removed.erase(at, 1);
            CHECK_NOTHROW(fuzz::check_change_batch(removed));
            ++checked;
        }
    }
    CHECK(checked > 1000);
}
