#include "langnghe/merge/hlc.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace langnghe {

ClockSource system_clock_source() {
    return [] {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    };
}

Stamp HybridClock::now() {
    Stamp physical = stamp_from_ms(m_source());
    m_last = physical > m_last ? physical : m_last + 1;
    return m_last;
}

void HybridClock::observe(Stamp remote) {
    if (remote > m_last) m_last = remote;
}

std::string format_iso8601_ms(std::int64_t ms) {
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
}

}  // namespace langnghe
