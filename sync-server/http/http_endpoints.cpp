#include "http_endpoints.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <regex>

#include "http_server.h"

namespace langnghe::server {

namespace {
// Servers of one station behind a load balancer share their buckets, or a client would get the
// limit once per server.
std::shared_ptr<RateStore> shared_or_own_rates(Station& station) {
    auto shared = station.data().shared_rate_store();
    return shared ? shared : std::make_shared<MemoryRateStore>();
}

constexpr std::string_view json_media_type = "application/json";
constexpr std::string_view cbor_media_type = "application/cbor";
constexpr std::string_view receipts_prefix = "/v1/receipts/";

std::string lower_trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    auto last = text.find_last_not_of(" \t");
    std::string out = first == std::string_view::npos ? std::string() : std::string(text.substr(first, last - first + 1));
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The media type of a Content-Type value, without its parameters ("; charset=utf-8").
std::string media_type(std::string_view content_type) { return lower_trimmed(content_type.substr(0, content_type.find(';'))); }

// The path as the log shows it: receipt codes masked (they are the residents' keys to their feedback).
std::string loggable_path(const std::string& path) {
    if (path.rfind(receipts_prefix, 0) == 0) return std::string(receipts_prefix) + "*****";
    return loggable(path, 200);
}

Route route_of(const std::string& method, const std::string& path, std::string& receipt_code) {
    if (method == "GET" && path == "/v1/health") return Route::health;
    if (method == "POST" && path == "/v1/enroll") return Route::enroll;
    if (method == "POST" && path == "/v1/push") return Route::push;
    if (method == "POST" && path == "/v1/pull") return Route::pull;
    static const std::regex receipt_code_syntax("[0-9A-Za-z-]{1,20}");
    if (method == "GET" && path.rfind(receipts_prefix, 0) == 0) {
        std::string code = path.substr(receipts_prefix.size());
        if (std::regex_match(code, receipt_code_syntax)) {
            receipt_code = code;
            return Route::receipt;
        }
    }
    return Route::unknown;
}

std::string bearer_token(const std::string& authorization) {
    const std::string prefix = "Bearer ";
    return authorization.rfind(prefix, 0) == 0 ? authorization.substr(prefix.size()) : std::string();
}

Error rate_limited(std::string_view what) {
    return Error(ErrorCode::too_many_requests, "too many " + std::string(what) + "; wait and try again (see Retry-After)")
        .vi("quá nhiều yêu cầu; vui lòng chờ rồi thử lại");
}

std::int64_t retry_after_seconds(const RateDecision& d) { return std::max<std::int64_t>(1, (d.retry_after_ms + 999) / 1000); }

// Whether a body follows and how long it says it is, before anything may refuse the request: the
// transport reads and drops a short refused body rather than leave it unread.
void read_body_framing(Exchange& exchange, const HeaderLookup& header) {
    exchange.chunked = lower_trimmed(header("Transfer-Encoding")).find("chunked") != std::string::npos;
    std::string length = header("Content-Length");
    if (length.empty()) return;
    bool digits = length.size() <= 19 && std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; });
    exchange.declared_length = digits ? std::stoull(length) : std::numeric_limits<std::size_t>::max();
}
}  // namespace

std::string client_version(std::string_view user_agent) {
    constexpr std::string_view product = "langnghe/";
    if (!user_agent.starts_with(product)) return {};
    std::string_view rest = user_agent.substr(product.size());
    std::size_t end = 0;
    while (end < rest.size() && end < 32) {
        char c = rest[end];
        bool allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '+' || c == '-';
        if (!allowed) break;
        ++end;
    }
    bool whole = end == rest.size() || rest[end] == ' ';
    return whole ? std::string(rest.substr(0, end)) : std::string();
}

std::string loggable(const std::string& text, std::size_t most) {
    std::string out = text.substr(0, most);
    for (char& c : out)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) c = '?';
    return out;
}

void ServerLog::line(const std::string& text) {
    std::lock_guard lock(m_mutex);
    m_out << text << std::endl;
}

Endpoints::Endpoints(Station& station, ServerLog& log)
    : m_station(station),
      m_log(log),
      m_rates(shared_or_own_rates(station)),
      m_enroll_limit("enroll", enroll_rate_per_address, enroll_rate_global, m_rates),
      m_receipt_limit("receipt", receipt_rate_per_address, receipt_rate_global, m_rates) {}

Reply Endpoints::error_reply(const Error& e) noexcept {
    // error_body() and encode() allocate and can throw; the caller falls back to a fixed body.
    try {
        std::string text = encode(error_body(e));
        text.pop_back();
        return {http_status(e.code()), text + ",\"server_time\":" + std::to_string(m_station.now_ms()) + "}", 0};
    } catch (...) {
        return {http_status(e.code()), std::string(), 0};
    }
}

Reply Endpoints::run_guarded(Exchange& exchange, const std::function<Reply()>& operation) noexcept {
    try {
        try {
            return operation();
        } catch (const Error& e) {
            if (e.code() == ErrorCode::internal || e.code() == ErrorCode::storage || e.code() == ErrorCode::io)
                throw;  // their text is about the station's insides
            return error_reply(e);
        }
    } catch (const std::exception& e) {
        try {
            m_log.line("error: " + exchange.method + " " + exchange.log_path + ": " + e.what());
        } catch (...) {
        }
    } catch (...) {
    }
    return error_reply(Error(ErrorCode::internal, "internal error at the station; its log has the detail")
                           .vi("lỗi nội bộ tại máy chủ; nhật ký máy chủ có chi tiết"));
}

std::optional<Reply> Endpoints::begin(Exchange& exchange, const std::string& method, const std::string& path,
                                      const HeaderLookup& header) noexcept {
    std::optional<Reply> reply;
    Reply final_reply = run_guarded(exchange, [&]() -> Reply {
        exchange.method = loggable(method, 16);
        exchange.log_path = loggable_path(path);
        exchange.route = route_of(method, path, exchange.receipt_code);
        exchange.cbor_out = header("Accept").find(cbor_media_type) != std::string::npos;
        exchange.gzip_out = header("Accept-Encoding").find("gzip") != std::string::npos;
        read_body_framing(exchange, header);
        switch (exchange.route) {
            case Route::unknown:
                throw Error(ErrorCode::not_found, "no such endpoint: " + exchange.method + " " + exchange.log_path + " (see docs/protocol.md)")
                    .vi("không có địa chỉ này");
            case Route::health:
                return {200, std::string("{\"status\":\"ok\",\"version\":\"") + LANGNGHE_VERSION + "\",\"protocol\":" +
                                 std::to_string(protocol_version) + ",\"server_time\":" + std::to_string(m_station.now_ms()) + "}",
                        0};
            case Route::receipt: {
                // Residents look up their receipt from anywhere, without a token: only status and dates,
                // and bounded rates so that codes cannot be enumerated.
                RateDecision d = m_receipt_limit.admit(exchange.address, m_station.now_ms());
                if (!d.allowed) return {429, error_reply(rate_limited("receipt lookups")).json, retry_after_seconds(d)};
                std::lock_guard lock(m_station.mutex());
                auto r = m_station.receipt(exchange.receipt_code);
                return {200,
                        nlohmann::json{{"code", r.code}, {"status", r.status}, {"received_on", r.received_on},
                                       {"updated_on", r.updated_on}, {"server_time", m_station.now_ms()}}
                            .dump(),
                        0};
            }
            case Route::enroll:
            case Route::push:
            case Route::pull: break;
        }
        if (auto refused = check_body_headers(exchange, header)) return *refused;
        return {0, {}, 0};  // status 0: go on and read the body
    });
    if (final_reply.status != 0) reply = std::move(final_reply);
    return reply;
}

std::optional<Reply> Endpoints::check_body_headers(Exchange& exchange, const HeaderLookup& header) {
    std::string type = media_type(header("Content-Type"));
    if (type != json_media_type && type != cbor_media_type)
        throw Error(ErrorCode::unsupported_media_type,
                    "Content-Type must be application/json or application/cbor, not '" + type.substr(0, 60) + "'", "Content-Type")
            .vi("Content-Type phải là application/json hoặc application/cbor");
    exchange.cbor_in = type == cbor_media_type;
    std::string encoding = lower_trimmed(header("Content-Encoding"));
    if (!encoding.empty() && encoding != "identity" && encoding != "gzip")
        throw Error(ErrorCode::unsupported_media_type, "Content-Encoding must be gzip or identity, not '" + encoding.substr(0, 60) + "'",
                    "Content-Encoding")
            .vi("Content-Encoding phải là gzip hoặc identity");

    std::size_t limit = exchange.route == Route::enroll ? max_enroll_bytes : max_request_bytes;
    if (exchange.declared_length && *exchange.declared_length > limit)
        throw Error(ErrorCode::too_large, "the request body is over " + std::to_string(limit) + " bytes", "body")
            .vi("nội dung yêu cầu vượt quá " + std::to_string(limit) + " byte");

    if (exchange.route == Route::enroll) {
        RateDecision d = m_enroll_limit.admit(exchange.address, m_station.now_ms());
        if (!d.allowed) return Reply{429, error_reply(rate_limited("enrollment attempts")).json, retry_after_seconds(d)};
    } else {
        // Push and pull are for enrolled devices only: nothing of the body is read before the token holds.
        std::lock_guard lock(m_station.mutex());
        exchange.token = bearer_token(header("Authorization"));
        exchange.device_id = m_station.authenticate(exchange.token).id;
        exchange.client = client_version(header("User-Agent"));
    }
    exchange.body = std::make_unique<RequestBody>(limit, lower_trimmed(header("Content-Encoding")) == "gzip");
    return std::nullopt;
}

Reply Endpoints::finish(Exchange& exchange) noexcept {
    if (exchange.refusal) return *exchange.refusal;
    return run_guarded(exchange, [&] { return answer(exchange); });
}

// Only attempts that tried a code count against the enrollment limit: a success gives its token
// back, and so does a body refused before any code was looked up (it guessed nothing).
Reply Endpoints::enroll(Exchange& exchange, std::string& body) {
    EnrollRequest request;
    try {
        request = decode_enroll_request(exchange.cbor_in ? cbor_to_json_text(body) : std::move(body));
    } catch (const Error&) {
        m_enroll_limit.give_back(exchange.address, m_station.now_ms());
        throw;
    }
    std::lock_guard lock(m_station.mutex());
    std::string answer_text = encode(m_station.enroll(request));
    m_enroll_limit.give_back(exchange.address, m_station.now_ms());
    return {200, answer_text, 0};
}

Reply Endpoints::answer(Exchange& exchange) {
    if (!exchange.body) throw Error(ErrorCode::internal, "a request reached its answer without a body reader");
    std::string body = exchange.body->finish();
    exchange.body_bytes = body.size();
    if (exchange.route == Route::enroll) return enroll(exchange, body);
    std::string json_text = exchange.cbor_in ? cbor_to_json_text(body) : std::move(body);
    std::lock_guard lock(m_station.mutex());
    switch (exchange.route) {
        case Route::push: {
            // Again under the lock: the device may have been revoked while its body arrived.
            Device device = m_station.authenticate(exchange.token);
            return {200, encode(m_station.push(device, decode_push_request(json_text), exchange.client)), 0};
        }
        case Route::pull: {
            Device device = m_station.authenticate(exchange.token);
            return {200, encode(m_station.pull(device, decode_pull_request(json_text), exchange.client)), 0};
        }
        default: throw Error(ErrorCode::internal, "no answer for this route");
    }
}

}  // namespace langnghe::server
