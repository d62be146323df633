#include "http_server.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>

#include "langnghe/gzip.h"
#include "langnghe/hlc.h"

namespace langnghe::server {

namespace {
// With the charset, httplib does not recognise the type as one to compress: the server compresses
// itself, gzip only. httplib would pick brotli at its slowest quality for any client that offers
// `br` (libcurl does by default), which took seconds per pull batch.
constexpr const char* json_type = "application/json; charset=utf-8";
constexpr const char* cbor_type = "application/cbor";

// Filled by a handler, read by the access logger, which runs on the same worker thread.
thread_local std::string t_device_id;
thread_local std::chrono::steady_clock::time_point t_started;
thread_local std::size_t t_body_bytes = 0;

bool wants_cbor(const httplib::Request& req) {
    return req.get_header_value("Accept").find(cbor_type) != std::string::npos;
}

// Read through httplib's content reader rather than into req.body, so the bound holds for the body
// after gzip is undone and for chunked bodies too; the Content-Length check alone bounds neither.
std::string read_body(const httplib::ContentReader& reader, const httplib::Response& res) {
    std::string body;
    bool too_large = false;
    bool complete = reader([&](const char* data, std::size_t length) {
        too_large = body.size() + length > max_request_bytes;
        if (!too_large) body.append(data, length);
        return !too_large;
    });
    // httplib refuses a Content-Length over the limit unread and says so in the status.
    too_large = too_large || res.status == 413;
    if (!complete && !too_large)
        throw Error(ErrorCode::invalid_input, "the request body could not be read (cut short, or a bad encoding)", "body");
    if (too_large)
        throw Error(ErrorCode::too_large, "the request body is over " + std::to_string(max_request_bytes) + " bytes");
    t_body_bytes = body.size();
    return body;
}

std::string request_json(const httplib::Request& req, const std::string& body) {
    if (req.get_header_value("Content-Type").find(cbor_type) != std::string::npos) return cbor_to_json_text(body);
    return body;
}

bool accepts_gzip(const httplib::Request& req) {
    return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

void reply(const httplib::Request& req, httplib::Response& res, int status, const std::string& json_text, Station& station) {
    res.status = status;
    res.set_header(std::string(server_time_header), std::to_string(station.now_ms()));
    std::string body = wants_cbor(req) ? json_text_to_cbor(json_text) : json_text;
    if (accepts_gzip(req) && body.size() >= min_gzip_body_bytes) {
        body = gzip_compress(body);
        res.set_header("Content-Encoding", "gzip");
    }
    res.set_content(body, wants_cbor(req) ? cbor_type : json_type);
}

std::string bearer_token(const httplib::Request& req) {
    std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    return header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : std::string();
}

std::string error_json(const Error& e, std::int64_t server_time) {
    ErrorBody body = error_body(e);
    std::string text = encode(body);
    text.pop_back();
    return text + ",\"server_time\":" + std::to_string(server_time) + "}";
}
}  // namespace

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input: return 400;
        case ErrorCode::unauthorized: return 401;
        case ErrorCode::forbidden: return 403;
        case ErrorCode::not_found: return 404;
        case ErrorCode::already_exists:
        case ErrorCode::invalid_state:
        case ErrorCode::incompatible: return 409;
        case ErrorCode::too_large: return 413;
        case ErrorCode::too_many_requests: return 429;
        case ErrorCode::clock_skew: return 422;
        case ErrorCode::network: return 502;
        case ErrorCode::storage:
        case ErrorCode::io:
        case ErrorCode::internal: return 500;
    }
    return 500;
}

bool RateLimiter::allow(const std::string& address, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() > 100000) m_buckets.clear();  // bounded memory under a flood of addresses
    auto [it, fresh] = m_buckets.try_emplace(address, Bucket{m_burst, now_ms});
    Bucket& b = it->second;
    b.tokens = std::min(m_burst, b.tokens + static_cast<double>(now_ms - b.at_ms) / static_cast<double>(m_refill_ms));
    b.at_ms = now_ms;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
}

HttpServer::HttpServer(Station& station, const ListenConfig& config, std::ostream& access_log)
    : m_station(station), m_config(config), m_log(access_log) {
    if (!config.cert_file.empty() || !config.key_file.empty()) {
        if (config.cert_file.empty() || config.key_file.empty())
            throw Error(ErrorCode::invalid_input, "TLS needs both --cert and --key", "cert");
        auto tls = std::make_unique<httplib::SSLServer>(config.cert_file.c_str(), config.key_file.c_str());
        if (!tls->is_valid())
            throw Error(ErrorCode::invalid_input, "cannot load the TLS certificate or key (" + config.cert_file + ", " +
                                                      config.key_file + ")", "cert");
        m_server = std::move(tls);
    } else {
        m_server = std::make_unique<httplib::Server>();
    }
    m_server->set_payload_max_length(max_request_bytes);
    m_server->set_read_timeout(30, 0);
    m_server->set_write_timeout(30, 0);
    m_server->set_keep_alive_timeout(10);
    // httplib writes a response's headers and body separately; with Nagle's algorithm on, the body
    // waited for the client's delayed ACK, 40 ms on every request.
    m_server->set_tcp_nodelay(true);
    route();
}

HttpServer::~HttpServer() = default;

void HttpServer::route() {
    // Every handler: decode, run on the station under its lock, encode; a core error becomes its status.
    auto respond = [this](const httplib::Request& req, httplib::Response& res, const auto& operation) {
        t_started = std::chrono::steady_clock::now();
        t_device_id.clear();
        t_body_bytes = 0;
        try {
            reply(req, res, 200, operation(), m_station);
        } catch (const Error& e) {
            reply(req, res, http_status(e.code()), error_json(e, m_station.now_ms()), m_station);
        } catch (const std::exception& e) {
            reply(req, res, 500, error_json(Error(ErrorCode::internal, e.what()), m_station.now_ms()), m_station);
        }
    };
    auto handle = [this, respond](auto operation) {
        return [this, respond, operation](const httplib::Request& req, httplib::Response& res) {
            respond(req, res, [&] {
                std::lock_guard lock(m_station.mutex());
                return operation(req);
            });
        };
    };
    // A POST's body is read (and bounded) before the station's lock is taken.
    auto handle_body = [this, respond](auto operation) {
        return [this, respond, operation](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& reader) {
            respond(req, res, [&] {
                std::string json_text = request_json(req, read_body(reader, res));
                std::lock_guard lock(m_station.mutex());
                return operation(req, json_text);
            });
        };
    };
    auto authenticated = [this](const httplib::Request& req) {
        Device d = m_station.authenticate(bearer_token(req));
        t_device_id = d.id;
        return d;
    };

    m_server->Get("/v1/health", handle([this](const httplib::Request&) {
        return std::string("{\"status\":\"ok\",\"version\":\"") + LANGNGHE_VERSION + "\",\"protocol\":" +
               std::to_string(protocol_version) + ",\"server_time\":" + std::to_string(m_station.now_ms()) + "}";
    }));
    m_server->Post("/v1/enroll", handle_body([this](const httplib::Request&, const std::string& body) {
        return encode(m_station.enroll(decode_enroll_request(body)));
    }));
    m_server->Post("/v1/push", handle_body([this, authenticated](const httplib::Request& req, const std::string& body) {
        Device device = authenticated(req);
        return encode(m_station.push(device, decode_push_request(body)));
    }));
    m_server->Post("/v1/pull", handle_body([this, authenticated](const httplib::Request& req, const std::string& body) {
        Device device = authenticated(req);
        return encode(m_station.pull(device, decode_pull_request(body)));
    }));

    // Residents look up their receipt from anywhere, without a token: only status and dates, and
    // a bounded rate per address so codes cannot be enumerated.
    m_server->Get(R"(/v1/receipts/([0-9A-Za-z-]{1,20}))", handle([this](const httplib::Request& req) {
        if (!m_receipt_limiter.allow(req.remote_addr, m_station.now_ms()))
            throw Error(ErrorCode::too_many_requests, "too many receipt lookups from this address; try again in a minute");
        auto r = m_station.receipt(req.matches[1]);
        return nlohmann::json{{"code", r.code}, {"status", r.status}, {"received_on", r.received_on},
                              {"updated_on", r.updated_on}, {"server_time", m_station.now_ms()}}
            .dump();
    }));

    // Failures httplib answers itself (unknown path, body too large, bad request line) get the same
    // JSON error body as ours.
    m_server->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ErrorCode code = res.status == 413 ? ErrorCode::too_large
                         : res.status == 404 ? ErrorCode::not_found
                                             : ErrorCode::invalid_input;
        std::string message = res.status == 413 ? "the request body is over " + std::to_string(max_request_bytes) + " bytes"
                              : res.status == 404 ? std::string("no such endpoint (see docs/protocol.md)")
                                                  : "bad request (HTTP " + std::to_string(res.status) + ")";
        res.set_header(std::string(server_time_header), std::to_string(m_station.now_ms()));
        res.set_content(error_json(Error(code, message), m_station.now_ms()), json_type);
        return httplib::Server::HandlerResponse::Handled;
    }));
    m_server->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        using namespace std::chrono;
        auto ms = t_started.time_since_epoch().count() ? duration_cast<milliseconds>(steady_clock::now() - t_started).count() : 0;
        static std::mutex log_mutex;
        std::lock_guard lock(log_mutex);
        m_log << format_iso8601_ms(m_station.now_ms()) << ' ' << req.remote_addr << ' ' << req.method << ' ' << req.path
              << ' ' << res.status << " in=" << t_body_bytes << " out=" << res.body.size() << " ms=" << ms
              << " device=" << (t_device_id.empty() ? "-" : t_device_id) << std::endl;
        t_started = {};
    });
}

int HttpServer::bind() {
    if (m_config.port == 0) {
        int port = m_server->bind_to_any_port(m_config.host);
        if (port <= 0) throw Error(ErrorCode::network, "cannot listen on " + m_config.host);
        return port;
    }
    if (!m_server->bind_to_port(m_config.host, m_config.port))
        throw Error(ErrorCode::network, "cannot listen on " + m_config.host + ":" + std::to_string(m_config.port) +
                                            " (in use, or not an address of this machine)");
    return m_config.port;
}

void HttpServer::run() { m_server->listen_after_bind(); }

void HttpServer::stop() { m_server->stop(); }

}  // namespace langnghe::server
