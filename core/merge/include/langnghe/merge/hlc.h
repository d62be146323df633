#pragma once
// Hybrid logical clock. A stamp packs wall-clock milliseconds (high 48 bits) and a counter
// (low 16 bits) into one integer, so stamps compare as integers and fit a SQLite INTEGER.
#include <cstdint>
#include <functional>
#include <string>

namespace langnghe {

using Stamp = std::uint64_t;

constexpr int stamp_counter_bits = 16;
constexpr Stamp stamp_from_ms(std::int64_t ms) { return static_cast<Stamp>(ms) << stamp_counter_bits; }
constexpr std::int64_t stamp_ms(Stamp s) { return static_cast<std::int64_t>(s >> stamp_counter_bits); }

// Milliseconds since the Unix epoch; injectable so tests can run a device with a wrong clock.
using ClockSource = std::function<std::int64_t()>;
ClockSource system_clock_source();

class HybridClock {
public:
    explicit HybridClock(ClockSource source, Stamp last = 0) : m_source(std::move(source)), m_last(last) {}

    // A stamp greater than every stamp this clock has issued or observed.
    Stamp now();
    // Advances past a stamp received from another replica.
    void observe(Stamp remote);
    Stamp last() const { return m_last; }
    std::int64_t physical_ms() const { return m_source(); }

private:
    ClockSource m_source;
    Stamp m_last;
};

// "2026-11-22T10:15:30.123Z" for a stamp's wall-clock part.
std::string format_iso8601_ms(std::int64_t ms);

}  // namespace langnghe
