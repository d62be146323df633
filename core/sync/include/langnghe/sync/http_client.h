#pragma once
// The sync protocol's transport over libcurl: JSON POSTs and GETs with gzip, bounded timeouts and
// the station's CA certificate. Transport failures are ErrorCode::network; the caller decides
// about retries.
#include <cstdint>
#include <memory>
#include <string>

#include "langnghe/sync/transport.h"

namespace langnghe {

class HttpClient final : public Transport {
public:
    // `base_url`: "http://127.0.0.1:8470"; `cacert`: a PEM file trusted for https, or empty.
    HttpClient(std::string base_url, std::string cacert = {}, long timeout_seconds = 60);
    ~HttpClient() override;
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse send(const HttpRequest& request) override;
    HttpResponse get(const std::string& path);
    // Bodies of min_gzip_body_bytes (sync_protocol.h) or more are sent gzip-compressed.
    HttpResponse post_json(const std::string& path, const std::string& body, const std::string& bearer_token = {});

    std::uint64_t bytes_sent() const override { return m_bytes_sent; }
    std::uint64_t bytes_received() const override { return m_bytes_received; }

private:
    HttpResponse perform(const std::string& path, const std::string* body, const std::string& bearer_token);
    std::string m_base, m_cacert;
    long m_timeout;
    std::uint64_t m_bytes_sent = 0, m_bytes_received = 0;
    void* m_curl;  // CURL*, kept so connections are reused between requests
};

}  // namespace langnghe
