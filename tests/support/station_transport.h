#pragma once
// A station in this process and a Transport that reaches it without sockets: each request goes
// through the station's real endpoints (http_endpoints.h), headers first, then its body, as the
// HTTP server hands them over, so sync tests exercise the real station and choose their own faults.
#include <atomic>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "http_endpoints.h"  // and the station's station.h
#include "langnghe/sync/transport.h"
#include "support/temp_dir.h"

namespace langnghe::test {

// A wall clock a test moves by hand.
struct ManualClock {
    std::shared_ptr<std::atomic<std::int64_t>> ms = std::make_shared<std::atomic<std::int64_t>>(1'790'000'000'000);
    ClockSource source() const {
        return [ms = ms] { return ms->load(); };
    }
    std::int64_t now() const { return ms->load(); }
    void advance(std::int64_t by) const { *ms += by; }
};

// Units: 01 › 00004, 01 › 00007.
class InProcessStation {
public:
    explicit InProcessStation(ClockSource clock = system_clock_source());

    server::Station& station() { return *m_station; }
    server::Endpoints& endpoints() { return *m_endpoints; }
    // The station's records, for comparing with a device's.
    Store& records();
    std::string issue_code(const std::string& unit, const std::string& role = "officer");
    static const char* unit_csv();

private:
    TempDir m_dir;
    std::unique_ptr<server::Station> m_station;
    std::ostringstream m_log_text;
    server::ServerLog m_log{m_log_text};
    std::unique_ptr<server::Endpoints> m_endpoints;
};

// Requests are gzip-compressed from the same size as HttpClient does; answers come as plain JSON.
class StationTransport final : public Transport {
public:
    explicit StationTransport(InProcessStation& station) : m_station(station) {}
    HttpResponse send(const HttpRequest& request) override;
    std::uint64_t bytes_sent() const override { return m_sent; }
    std::uint64_t bytes_received() const override { return m_received; }
    int requests() const { return m_requests; }

private:
    InProcessStation& m_station;
    std::uint64_t m_sent = 0, m_received = 0;
    int m_requests = 0;
};

}  // namespace langnghe::test
