// The station's endpoints carried by libmicrohttpd: its internal threads poll all connections with
// epoll, so a client that trickles its headers or sends nothing costs a connection slot (capped in
// total and per address, closed after the idle timeout), never a thread.
#include "http_server.h"

#include <microhttpd.h>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <cstdarg>
#include <fstream>
#include <sstream>

#include "http_endpoints.h"
#include "langnghe/base/gzip.h"
#include "langnghe/merge/hlc.h"

namespace langnghe::server {

namespace {
constexpr const char* json_content_type = "application/json; charset=utf-8";
constexpr const char* cbor_content_type = "application/cbor";
// A refused request whose declared body is at most this long is read and dropped, so the connection
// stays usable and the client reads the answer; a longer or unknown one is answered at once and the
// connection closed, unread.
constexpr std::size_t max_skipped_body_bytes = 64 * 1024;
constexpr auto shutdown_grace = std::chrono::seconds(5);

// The answer of last resort, when even an error body cannot be encoded: fixed text, nothing to fail.
const char* fixed_error_body(int status) {
    switch (status) {
        case 400: return R"({"error":"invalid_input","message":"invalid input","message_vi":"dữ liệu không hợp lệ"})";
        case 401: return R"({"error":"unauthorized","message":"device not authorized","message_vi":"thiết bị chưa được cấp quyền"})";
        case 403: return R"({"error":"forbidden","message":"outside permitted scope","message_vi":"ngoài phạm vi được phép"})";
        case 404: return R"({"error":"not_found","message":"not found","message_vi":"không tìm thấy"})";
        case 409: return R"({"error":"invalid_state","message":"not allowed in this state","message_vi":"trạng thái không cho phép"})";
        case 413: return R"({"error":"too_large","message":"too large","message_vi":"dữ liệu quá lớn"})";
        case 415: return R"({"error":"unsupported_media_type","message":"unsupported media type","message_vi":"định dạng dữ liệu không được hỗ trợ"})";
        case 422: return R"({"error":"clock_skew","message":"device clock is off","message_vi":"đồng hồ thiết bị bị lệch"})";
        case 429: return R"({"error":"too_many_requests","message":"too many requests","message_vi":"quá nhiều yêu cầu"})";
        default: return R"({"error":"internal","message":"internal error at the station","message_vi":"lỗi nội bộ tại máy chủ"})";
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return in ? text.str() : std::string();
}

std::string client_address(MHD_Connection* connection) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "-";
    char host[NI_MAXHOST];
    socklen_t length = info->client_addr->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    if (getnameinfo(info->client_addr, length, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) return "-";
    return host;
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
        case ErrorCode::unsupported_media_type: return 415;
        case ErrorCode::too_many_requests: return 429;
        case ErrorCode::clock_skew: return 422;
        case ErrorCode::network: return 502;
        case ErrorCode::storage:
        case ErrorCode::io:
        case ErrorCode::internal: return 500;
    }
    return 500;
}

struct HttpServer::Impl {
    Impl(Station& s, const ListenConfig& c, std::ostream& out) : station(s), config(c), log(out), endpoints(s, log) {}

    Station& station;
    ListenConfig config;
    ServerLog log;
    Endpoints endpoints;
    std::string cert_pem, key_pem;  // MHD reads them from memory for as long as it runs
    int listen_fd = -1;
    MHD_Daemon* daemon = nullptr;
    std::mutex mutex;
    std::condition_variable changed;
    bool stopping = false;
    int in_flight = 0;  // requests between their headers and their log line
    std::shared_ptr<WebHandler> web;

    MHD_Result queue(MHD_Connection* connection, Exchange& exchange, const Reply& reply) noexcept;
    MHD_Result queue_web(MHD_Connection* connection, Exchange& exchange, const WebReply& reply) noexcept;
    MHD_Result begin_web(MHD_Connection* connection, Exchange& exchange, const char* url, const char* method);
    void log_completed(const Exchange& exchange, MHD_RequestTerminationCode how) noexcept;
    void start_daemon();
    void shut_down() noexcept;
};

MHD_Result HttpServer::Impl::queue(MHD_Connection* connection, Exchange& exchange, const Reply& reply) noexcept {
    int status = reply.status;
    std::string body;
    const char* content_type = json_content_type;
    bool gzipped = false;
    try {
        if (reply.json.empty()) throw Error(ErrorCode::internal, "the reply has no body");
        body = exchange.cbor_out ? json_text_to_cbor(reply.json) : reply.json;
        if (exchange.cbor_out) content_type = cbor_content_type;
        if (exchange.gzip_out && body.size() >= min_gzip_body_bytes) {
            body = gzip_compress(body);
            gzipped = true;
        }
    } catch (...) {
        if (status < 400) status = 500;
        body = fixed_error_body(status);  // no allocation can fail here that the fallback would survive
        content_type = json_content_type;
        gzipped = false;
    }
    MHD_Response* response = MHD_create_response_from_buffer(body.size(), body.data(), MHD_RESPMEM_MUST_COPY);
    if (!response) return MHD_NO;
    char server_time[32];
    std::snprintf(server_time, sizeof server_time, "%lld", static_cast<long long>(station.now_ms()));
    std::string time_header(server_time_header);
    bool headers_set = MHD_add_response_header(response, time_header.c_str(), server_time) == MHD_YES &&
                       MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) == MHD_YES;
    if (gzipped) headers_set = headers_set && MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip") == MHD_YES;
    if (reply.retry_after_s > 0) {
        char seconds[24];
        std::snprintf(seconds, sizeof seconds, "%lld", static_cast<long long>(reply.retry_after_s));
        headers_set = headers_set && MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, seconds) == MHD_YES;
    }
    MHD_Result queued = headers_set ? MHD_queue_response(connection, static_cast<unsigned>(status), response) : MHD_NO;
    MHD_destroy_response(response);
    exchange.status = status;
    exchange.out_bytes = body.size();
    return queued;
}

MHD_Result HttpServer::Impl::queue_web(MHD_Connection* connection, Exchange& exchange, const WebReply& reply) noexcept {
    MHD_Response* response =
        MHD_create_response_from_buffer(reply.body.size(), const_cast<char*>(reply.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!response) return MHD_NO;
    bool headers_set = MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, reply.content_type.c_str()) == MHD_YES;
    for (const auto& [name, value] : reply.headers)
        headers_set = headers_set && MHD_add_response_header(response, name.c_str(), value.c_str()) == MHD_YES;
    MHD_Result queued = headers_set ? MHD_queue_response(connection, static_cast<unsigned>(reply.status), response) : MHD_NO;
    MHD_destroy_response(response);
    exchange.status = reply.status;
    exchange.out_bytes = reply.body.size();
    return queued;
}

namespace {
MHD_Result collect_argument(void* cls, MHD_ValueKind /*kind*/, const char* key, const char* value) {
    if (key) static_cast<std::map<std::string, std::string>*>(cls)->emplace(key, value ? value : "");
    return MHD_YES;
}
}  // namespace

// A request for the web dashboard: GET and HEAD are answered at once; a POST's form body is read
// first, up to max_form_bytes; anything else is refused by the handler in the page's language.
MHD_Result HttpServer::Impl::begin_web(MHD_Connection* connection, Exchange& exchange, const char* url, const char* method) {
    auto header = [connection](const char* name) {
        const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
        return value ? std::string(value) : std::string();
    };
    exchange.web = std::make_unique<WebRequest>();
    WebRequest& request = *exchange.web;
    request.method = method;
    request.path = url;
    request.address = exchange.address;
    request.tls = !cert_pem.empty();
    request.cookie = header("Cookie");
    request.content_type = header("Content-Type");
    request.origin = header("Origin");
    request.host = header("Host");
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &collect_argument, &request.query);
    exchange.method = loggable(request.method, 16);
    exchange.log_path = loggable(request.path, 200);  // the query (which may hold a search) is not logged
    if (request.method == "GET" || request.method == "HEAD") return queue_web(connection, exchange, web->answer(request));
    if (request.method != "POST") {
        request.refused = 405;
        return queue_web(connection, exchange, web->answer(request));
    }
    std::string type = request.content_type.substr(0, request.content_type.find(';'));
    bool chunked = header("Transfer-Encoding").find("chunked") != std::string::npos;
    std::string length = header("Content-Length");
    if (type != "application/x-www-form-urlencoded") request.refused = 415;
    else if (!chunked && length.size() > 6) request.refused = 413;
    else if (!chunked && !length.empty() && std::strtoull(length.c_str(), nullptr, 10) > max_form_bytes) request.refused = 413;
    // Refused before the body: answered at once and the connection closed, the body unread.
    if (request.refused) return queue_web(connection, exchange, web->answer(request));
    exchange.body = std::make_unique<RequestBody>(max_form_bytes, false);
    return MHD_YES;
}

void HttpServer::Impl::log_completed(const Exchange& exchange, MHD_RequestTerminationCode how) noexcept {
    try {
        using namespace std::chrono;
        auto ms = duration_cast<milliseconds>(steady_clock::now() - exchange.started).count();
        std::ostringstream line;
        line << format_iso8601_ms(station.now_ms()) << ' ' << exchange.address << ' ' << exchange.method << ' '
             << exchange.log_path << ' ' << exchange.status << " in=" << exchange.body_bytes << " out=" << exchange.out_bytes
             << " ms=" << ms << " device=" << (exchange.device_id.empty() ? "-" : exchange.device_id);
        if (how != MHD_REQUEST_TERMINATED_COMPLETED_OK) line << " closed-early";
        log.line(line.str());
    } catch (...) {
    }
}

namespace {
MHD_Result on_request(void* cls, MHD_Connection* connection, const char* url, const char* method, const char* /*version*/,
                      const char* upload_data, std::size_t* upload_data_size, void** request_state) {
    auto& impl = *static_cast<HttpServer::Impl*>(cls);
    if (*request_state == nullptr) {  // the headers are in
        auto* exchange = new (std::nothrow) Exchange;
        if (!exchange) return MHD_NO;
        *request_state = exchange;
        {
            std::lock_guard lock(impl.mutex);
            ++impl.in_flight;
        }
        try {
            exchange->address = client_address(connection);
            if (impl.web && is_web_path(url)) return impl.begin_web(connection, *exchange, url, method);
            auto header = [connection](const char* name) {
                const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
                return value ? std::string(value) : std::string();
            };
            std::optional<Reply> reply = impl.endpoints.begin(*exchange, method, url, header);
            if (!reply) return MHD_YES;  // read the body
            bool body_follows = exchange->chunked || exchange->declared_length.value_or(0) > 0;
            if (body_follows && !exchange->chunked && *exchange->declared_length <= max_skipped_body_bytes) {
                exchange->refusal = std::move(reply);
                return MHD_YES;
            }
            return impl.queue(connection, *exchange, *reply);
        } catch (...) {
            return impl.queue(connection, *exchange, Reply{500, {}, 0});
        }
    }
    auto& exchange = *static_cast<Exchange*>(*request_state);
    if (*upload_data_size > 0) {
        std::size_t length = *upload_data_size;
        *upload_data_size = 0;
        if (exchange.refusal || (exchange.web && exchange.web->refused)) {
            exchange.skipped_bytes += length;
            return exchange.skipped_bytes > max_request_bytes ? MHD_NO : MHD_YES;
        }
        try {
            exchange.body->append(upload_data, length);
        } catch (const Error& e) {
            if (exchange.web) exchange.web->refused = http_status(e.code());
            else exchange.refusal = impl.endpoints.error_reply(e);
        } catch (...) {
            exchange.refusal = Reply{500, {}, 0};
        }
        return MHD_YES;
    }
    if (exchange.web) {
        if (!exchange.web->refused) {
            try {
                exchange.web->body = exchange.body->finish();
                exchange.body_bytes = exchange.web->body.size();
            } catch (const Error& e) {
                exchange.web->refused = http_status(e.code());
            } catch (...) {
                exchange.web->refused = 500;
            }
        }
        return impl.queue_web(connection, exchange, impl.web->answer(*exchange.web));
    }
    return impl.queue(connection, exchange, impl.endpoints.finish(exchange));
}

void on_completed(void* cls, MHD_Connection* /*connection*/, void** request_state, MHD_RequestTerminationCode how) {
    auto* exchange = static_cast<Exchange*>(*request_state);
    if (!exchange) return;
    *request_state = nullptr;
    auto& impl = *static_cast<HttpServer::Impl*>(cls);
    impl.log_completed(*exchange, how);
    delete exchange;
    std::lock_guard lock(impl.mutex);
    --impl.in_flight;
    impl.changed.notify_all();
}

void on_library_error(void* cls, const char* format, va_list arguments) {
    char text[512];
    std::vsnprintf(text, sizeof text, format, arguments);
    std::string line = std::string("libmicrohttpd: ") + text;
    while (!line.empty() && line.back() == '\n') line.pop_back();
    static_cast<ServerLog*>(cls)->line(line);
}
}  // namespace

HttpServer::HttpServer(Station& station, const ListenConfig& config, std::ostream& access_log)
    : m_impl(std::make_unique<Impl>(station, config, access_log)) {
    if (!config.cert_file.empty() || !config.key_file.empty()) {
        if (config.cert_file.empty() || config.key_file.empty())
            throw Error(ErrorCode::invalid_input, "TLS needs both --cert and --key", "cert");
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
            throw Error(ErrorCode::invalid_input, "this libmicrohttpd was built without TLS; serve HTTP behind a TLS proxy", "cert");
        m_impl->cert_pem = read_file(config.cert_file);
        m_impl->key_pem = read_file(config.key_file);
        if (m_impl->cert_pem.empty() || m_impl->key_pem.empty())
            throw Error(ErrorCode::invalid_input, "cannot load the TLS certificate or key (" + config.cert_file + ", " +
                                                      config.key_file + ")", "cert");
    }
}

HttpServer::~HttpServer() { m_impl->shut_down(); }

void HttpServer::set_web_handler(std::shared_ptr<WebHandler> handler) { m_impl->web = std::move(handler); }

int HttpServer::bind() {
    const ListenConfig& config = m_impl->config;
    std::string where = config.host + ":" + std::to_string(config.port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string port = std::to_string(config.port);
    if (getaddrinfo(config.host.empty() ? nullptr : config.host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
        throw Error(ErrorCode::network, "cannot listen on " + where + " (not an address of this machine)");
    int fd = -1;
    int family = AF_INET;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) continue;
        int on = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, SOMAXCONN) != 0) {
            close(fd);
            fd = -1;
        }
        family = a->ai_family;
    }
    freeaddrinfo(found);
    if (fd < 0) throw Error(ErrorCode::network, "cannot listen on " + where + " (in use, or not an address of this machine)");
    m_impl->listen_fd = fd;
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    int chosen = ntohs(family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                          : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    m_impl->start_daemon();
    return chosen;
}

void HttpServer::Impl::start_daemon() {
    const ConnectionLimits& limits = config.limits;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    bool tls = !cert_pem.empty();
    if (tls) flags |= MHD_USE_TLS;
    // Passed as an array so that a plain-HTTP daemon gets no TLS options at all (MHD refuses them).
    MHD_OptionItem tls_options[] = {
        {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, const_cast<char*>(cert_pem.c_str())},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(key_pem.c_str())},
        {MHD_OPTION_END, 0, nullptr},
    };
    daemon = MHD_start_daemon(
        flags, 0, nullptr, nullptr, &on_request, this,  //
        MHD_OPTION_EXTERNAL_LOGGER, &on_library_error, &log,  // first, or MHD's own logger has the earlier messages
        MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(listen_fd),  //
        MHD_OPTION_THREAD_POOL_SIZE, limits.threads,  //
        MHD_OPTION_CONNECTION_LIMIT, limits.max_connections,  //
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, limits.max_connections_per_address,  //
        MHD_OPTION_CONNECTION_TIMEOUT, limits.idle_timeout_s,  //
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits.memory_per_connection,  //
        MHD_OPTION_NOTIFY_COMPLETED, &on_completed, this,  //
        MHD_OPTION_ARRAY, tls_options,  //
        MHD_OPTION_END);
    if (!daemon) {
        close(listen_fd);
        listen_fd = -1;
        throw Error(tls ? ErrorCode::invalid_input : ErrorCode::network,
                    tls ? "cannot load the TLS certificate or key (" + config.cert_file + ", " + config.key_file + ")"
                        : std::string("cannot start the HTTP server (see the libmicrohttpd line above)"),
                    tls ? "cert" : "");
    }
}

void HttpServer::run() {
    std::unique_lock lock(m_impl->mutex);
    m_impl->changed.wait(lock, [this] { return m_impl->stopping; });
    lock.unlock();
    m_impl->shut_down();
}

void HttpServer::stop() {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stopping = true;
    m_impl->changed.notify_all();
}

void HttpServer::Impl::shut_down() noexcept {
    if (daemon) {
        // No new connections; requests already begun get a bounded time to be answered.
        MHD_quiesce_daemon(daemon);
        {
            std::unique_lock lock(mutex);
            changed.wait_for(lock, shutdown_grace, [this] { return in_flight == 0; });
        }
        MHD_stop_daemon(daemon);
        daemon = nullptr;
    }
    if (listen_fd >= 0) {
        close(listen_fd);
        listen_fd = -1;
    }
}

}  // namespace langnghe::server
