#include "support/station_transport.h"

#include "langnghe/base/error.h"
#include "langnghe/base/gzip.h"
#include "sqlite_station_store.h"
#include "langnghe/model/units.h"
#include "langnghe/sync/sync_protocol.h"

namespace langnghe::test {

InProcessStation::InProcessStation(ClockSource clock) {
    server::Station::init(m_dir.file("station"));
    StoreOptions options;
    options.clock = std::move(clock);
    m_station = server::Station::open(m_dir.file("station"), options);
    m_station->data().import_units(Actor{"admin"}, unit_csv());
    m_endpoints = std::make_unique<server::Endpoints>(*m_station, m_log);
}

Store& InProcessStation::records() {
    return dynamic_cast<server::SqliteStationStore&>(m_station->data()).records();
}

const char* InProcessStation::unit_csv() {
    return "code,name,kind,parent_code\n01,Thành phố Hà Nội,city,\n00004,Phường Ba Đình,ward,01\n00007,Phường Ngọc Hà,ward,01\n";
}

std::string InProcessStation::issue_code(const std::string& unit, const std::string& role) {
    std::lock_guard lock(m_station->mutex());
    return m_station->issue_code(unit, role, 24 * 3600 * 1000).code;
}

HttpResponse StationTransport::send(const HttpRequest& request) {
    ++m_requests;
    bool post = request.method != "GET";
    std::string body = post && request.body.size() >= min_gzip_body_bytes ? gzip_compress(request.body) : request.body;
    bool gzipped = post && request.body.size() >= min_gzip_body_bytes;
    auto header = [&](const char* name) -> std::string {
        std::string_view n = name;
        if (n == "Content-Type") return post ? "application/json" : "";
        if (n == "Content-Encoding") return gzipped ? "gzip" : "";
        if (n == "Content-Length") return post ? std::to_string(body.size()) : "";
        if (n == "Authorization") return request.bearer_token.empty() ? "" : "Bearer " + request.bearer_token;
        if (n == "Accept") return "application/json";
        return "";
    };
    server::Exchange exchange;
    exchange.address = "127.0.0.1";
    std::optional<server::Reply> reply = m_station.endpoints().begin(exchange, request.method, request.path, header);
    if (!reply) {
        try {
            exchange.body->append(body.data(), body.size());
            reply = m_station.endpoints().finish(exchange);
        } catch (const Error& e) {
            reply = m_station.endpoints().error_reply(e);
        }
    }
    m_sent += request.path.size() + body.size();
    m_received += reply->json.size();
    return {reply->status, reply->json, m_station.station().now_ms()};
}

}  // namespace langnghe::test
