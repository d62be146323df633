#pragma once
// The HTTP face of a Station: routes under /v1, JSON or CBOR bodies, gzip, bounded bodies and
// timeouts, one JSON error body for every failure and one access-log line per request.
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <ostream>
#include <string>

#include "station.h"

namespace httplib {
class Server;
}

namespace langnghe::server {

struct ListenConfig {
    std::string host = "127.0.0.1";
    int port = 8470;  // 0: any free port
    std::string cert_file, key_file;  // both set: HTTPS
};

// The HTTP status a core error code answers with.
int http_status(ErrorCode code);

// A token bucket per client address: `burst` requests at once, then one every `refill_ms`.
class RateLimiter {
public:
    RateLimiter(double burst, std::int64_t refill_ms) : m_burst(burst), m_refill_ms(refill_ms) {}
    bool allow(const std::string& address, std::int64_t now_ms);

private:
    struct Bucket {
        double tokens;
        std::int64_t at_ms;
    };
    double m_burst;
    std::int64_t m_refill_ms;
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets;
};

class HttpServer {
public:
    // `access_log` gets one line per request: no tokens, no request bodies.
    HttpServer(Station& station, const ListenConfig& config, std::ostream& access_log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the socket; returns the port (the chosen one when the config asked for 0).
    int bind();
    // Serves until stop(); in-flight requests finish first.
    void run();
    // Safe from another thread.
    void stop();

private:
    void route();
    Station& m_station;
    ListenConfig m_config;
    std::ostream& m_log;
    std::unique_ptr<httplib::Server> m_server;
    RateLimiter m_receipt_limiter{20, 3000};
};

}  // namespace langnghe::server
