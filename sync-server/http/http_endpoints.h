#pragma once
// The station's endpoints, apart from the HTTP library that carries them: what a request may do once
// its headers are in (route, media type, size, token, rate) and what it answers once its body is in.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "rate_limiter.h"
#include "request_body.h"
#include "station.h"
#include "web_handler.h"

namespace langnghe::server {

struct Reply {
    int status = 200;
    std::string json;                // the body as JSON text; CBOR and gzip are applied on the way out
    std::int64_t retry_after_s = 0;  // > 0: a Retry-After header
};

enum class Route { unknown, health, enroll, push, pull, receipt };

// One request from its headers to its log line.
struct Exchange {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::string method, log_path, address;
    Route route = Route::unknown;
    std::string receipt_code;
    bool cbor_in = false, cbor_out = false, gzip_out = false;
    bool chunked = false;
    std::optional<std::size_t> declared_length;  // Content-Length
    std::unique_ptr<RequestBody> body;           // set when the body is to be read
    std::optional<Reply> refusal;                // decided early; answered once the body is read or skipped
    std::size_t body_bytes = 0, skipped_bytes = 0;
    std::string token;  // the bearer token, kept for the answer; never logged
    std::string device_id;
    std::string client;  // the langnghe version its User-Agent named, "" for none (client_version)
    int status = 0;
    std::size_t out_bytes = 0;
    std::unique_ptr<WebRequest> web;  // set for a path under /ui/: the web handler answers it
};

// The version in a User-Agent of the form "langnghe/VERSION ..." (the sync client's), "" for any
// other. Kept to 32 characters of [0-9A-Za-z.+-], so a forged header stores nothing a page or a
// terminal would act on.
std::string client_version(std::string_view user_agent);

// Text as the access log may show it: control characters replaced, so a request cannot forge log
// lines, and cut to `most` bytes.
std::string loggable(const std::string& text, std::size_t most);

// Lines from several threads, one at a time.
class ServerLog {
public:
    explicit ServerLog(std::ostream& out) : m_out(out) {}
    void line(const std::string& text);

private:
    std::ostream& m_out;
    std::mutex m_mutex;
};

using HeaderLookup = std::function<std::string(const char* name)>;

class Endpoints {
public:
    Endpoints(Station& station, ServerLog& log);

    // The headers are in. A reply refuses the request (or, for a request without a body, answers it);
    // none means: read the body into exchange.body, then call finish().
    std::optional<Reply> begin(Exchange& exchange, const std::string& method, const std::string& path,
                               const HeaderLookup& header) noexcept;
    Reply finish(Exchange& exchange) noexcept;
    // The JSON error body of `e`, with its status.
    Reply error_reply(const Error& e) noexcept;

    Station& station() { return m_station; }

private:
    std::optional<Reply> check_body_headers(Exchange& exchange, const HeaderLookup& header);
    Reply answer(Exchange& exchange);
    Reply enroll(Exchange& exchange, std::string& body);
    Reply run_guarded(Exchange& exchange, const std::function<Reply()>& operation) noexcept;

    Station& m_station;
    ServerLog& m_log;
    std::shared_ptr<RateStore> m_rates;
    EndpointLimit m_enroll_limit, m_receipt_limit;
};

// Where the rate limits are set (docs/protocol.md "Limits").
inline constexpr TokenBucketRate enroll_rate_per_address{10, 6000};  // 10 failed attempts, then 10 a minute
inline constexpr TokenBucketRate enroll_rate_global{30, 2000};       // 30, then 30 a minute
inline constexpr TokenBucketRate receipt_rate_per_address{20, 3000};  // 20 lookups, then 20 a minute
inline constexpr TokenBucketRate receipt_rate_global{100, 200};       // 100, then 5 a second

}  // namespace langnghe::server
