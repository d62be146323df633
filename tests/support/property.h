#pragma once
// Property tests print their seed; LANGNGHE_PROPERTY_SEED replays one and LANGNGHE_PROPERTY_ROUNDS
// sets how many rounds run (docs/testing.md).
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

namespace langnghe::test {

inline std::uint64_t env_number(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::stoull(v) : fallback;
}

// Runs check(seed) for each round, with seeds counting up from LANGNGHE_PROPERTY_SEED (random when
// unset); a failing round reports the variables that replay it alone.
template <class Check>
void for_each_round(const char* property, std::uint64_t default_rounds, Check check) {
    std::uint64_t seed = env_number("LANGNGHE_PROPERTY_SEED", std::random_device{}());
    std::uint64_t rounds = env_number("LANGNGHE_PROPERTY_ROUNDS", default_rounds);
    WARN(property << ": seed " << seed << ", " << rounds << " rounds");
    for (std::uint64_t i = 0; i < rounds; ++i) {
        INFO("replay this round: LANGNGHE_PROPERTY_SEED=" << seed + i << " LANGNGHE_PROPERTY_ROUNDS=1");
        check(seed + i);
    }
}

}  // namespace langnghe::test
