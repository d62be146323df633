#pragma once
// Property tests print their seed; LANGNGHE_PROPERTY_SEED replays one, LANGNGHE_PROPERTY_ROUNDS
// sets how many rounds run and LANGNGHE_PROPERTY_ROUNDS_MAX caps them (docs/testing.md).
#include <catch2/catch.hpp>

#include <algorithm>
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
    // The cap (set under the sanitizers) lowers the long properties without raising the short
    // ones, each of which already runs the rounds its cost allows.
    std::uint64_t rounds = std::min(env_number("LANGNGHE_PROPERTY_ROUNDS", default_rounds),
                                    env_number("LANGNGHE_PROPERTY_ROUNDS_MAX", UINT64_MAX));
    WARN(property << ": seed " << seed << ", " << rounds << " rounds");
    for (std::uint64_t i = 0; i < rounds; ++i) {
        INFO("replay this round: LANGNGHE_PROPERTY_SEED=" << seed + i << " LANGNGHE_PROPERTY_ROUNDS=1");
        check(seed + i);
    }
}

}  // namespace langnghe::test
