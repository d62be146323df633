#pragma once
// The HTTP face of a Station: routes under /v1, JSON or CBOR bodies, gzip, bounded bodies and
// timeouts, one JSON error body for every failure and one access-log line per request.
#include <functional>
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
};

}  // namespace langnghe::server
