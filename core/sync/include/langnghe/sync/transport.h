#pragma once
// How the sync client reaches a station: one request, one answer, in the protocol's HTTP terms
// (path, status, JSON body). HttpClient (http_client.h) carries it over HTTP(S); tests carry it in
// process to a real station, with the faults they choose.
#include <cstdint>
#include <string>

namespace langnghe {

struct HttpRequest {
    std::string method = "POST";  // "GET" | "POST"
    std::string path;             // "/v1/push"
    std::string body;             // JSON text; empty for a GET
    std::string bearer_token;     // empty: no Authorization
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::int64_t server_time = 0;  // from the X-Langnghe-Server-Time header, 0 when absent
};

class Transport {
public:
    virtual ~Transport() = default;
    // The station's answer, whatever its status. Throws ErrorCode::network when no whole answer
    // came (unreachable, connection cut, timed out); the caller decides about retries. Called by one
    // thread at a time, not always the same one.
    virtual HttpResponse send(const HttpRequest& request) = 0;
    // Bytes over the wire since construction, headers included, bodies as sent (compressed).
    virtual std::uint64_t bytes_sent() const = 0;
    virtual std::uint64_t bytes_received() const = 0;
};

}  // namespace langnghe
