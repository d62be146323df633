#pragma once
// Property tests print their seed; LANGNGHE_PROPERTY_SEED replays one and LANGNGHE_PROPERTY_ROUNDS
// sets how many rounds run (docs/testing.md).
#include <cstdint>
#include <cstdlib>
#include <string>

namespace langnghe::test {

inline std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::stoull(v) : fallback;
}

}  // namespace langnghe::test
