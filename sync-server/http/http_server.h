#pragma once
// The HTTP face of a Station: routes under /v1, JSON or CBOR bodies, gzip, bounded bodies, one JSON
// error body for every failure and one access-log line per request. Served by libmicrohttpd: a few
// event-driven threads own all connections, so a slow or silent client holds a connection slot
// (bounded in total and per address, closed when idle) but never a thread.
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "station.h"
#include "web_handler.h"

namespace langnghe::server {

// The limits a station applies to connections; docs/protocol.md "Limits" lists them.
struct ConnectionLimits {
    unsigned max_connections = 1000;
    // The benchmark's 200 devices all connect from 127.0.0.1; a NAT'd office LAN shares one address too.
    unsigned max_connections_per_address = 300;
    unsigned idle_timeout_s = 30;  // a connection with nothing received or sent for this long is closed
    std::size_t memory_per_connection = 32 * 1024;  // request line and headers must fit
    unsigned threads = 4;
};

struct ListenConfig {
    std::string host = "127.0.0.1";
    int port = 8470;  // 0: any free port
    std::string cert_file, key_file;  // both set: HTTPS
    ConnectionLimits limits;
};

// An enrollment body is a code, a site id and a label of at most 200 characters: 4 KiB is twice the
// largest one (every label character a \uXXXX escape).
inline constexpr std::size_t max_enroll_bytes = 4096;

// The HTTP status a core error code answers with.
int http_status(ErrorCode code);

class HttpServer {
public:
    // `access_log` gets one line per request (no tokens, no bodies, receipt codes masked) and the
    // detail of internal errors, which clients never see.
    HttpServer(Station& station, const ListenConfig& config, std::ostream& access_log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Paths under /ui/ go to `handler` (the web dashboard); without one they are unknown endpoints.
    // Set before bind().
    void set_web_handler(std::shared_ptr<WebHandler> handler);

    // Binds the socket and starts serving; returns the port (the chosen one when the config asked for 0).
    int bind();
    // Blocks until stop(); then stops accepting, lets in-flight requests finish (bounded) and closes.
    void run();
    // Safe from another thread.
    void stop();

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace langnghe::server
