#include "pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <regex>

#include "langnghe/base/error.h"

namespace langnghe::pg {

namespace {
[[noreturn]] void fail(const std::string& what, const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    throw Error(ErrorCode::storage, "PostgreSQL: " + what + ": " + text)
        .vi("PostgreSQL: " + what + ": " + text);
}
}  // namespace

void Result::Clear::operator()(pg_result* result) const { PQclear(result); }

Result::Result(pg_result* result) : m_result(result) {}

int Result::rows() const { return PQntuples(m_result.get()); }

bool Result::is_null(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }

std::string_view Result::text(int row, int column) const {
    return {PQgetvalue(m_result.get(), row, column), static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}

std::int64_t Result::int64(int row, int column) const {
    auto value = text(row, column);
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size())
        throw Error(ErrorCode::storage, "PostgreSQL: not an integer: " + std::string(value.substr(0, 40)));
    return out;
}

Connection::Connection(const std::string& url) : m_url(url) { reconnect(); }

Connection::~Connection() {
    if (m_conn) PQfinish(m_conn);
}

void Connection::reconnect() {
    if (m_conn) PQfinish(m_conn);
    m_conn = PQconnectdb(m_url.c_str());
    if (PQstatus(m_conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(m_conn);
        PQfinish(m_conn);
        m_conn = nullptr;
        fail("cannot connect to " + redacted_url(m_url), message.c_str());
    }
    PQsetClientEncoding(m_conn, "UTF8");
}

bool Connection::alive() const { return m_conn && PQstatus(m_conn) == CONNECTION_OK; }

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
    // After PostgreSQL restarted, the first statement finds the connection broken. A statement
    // outside a transaction block is sent again on a new connection: it did not run, or ran alone.
    // Inside a block the transaction is lost with the connection, and its caller rolls back.
    if (!alive()) reconnect();
    bool outside_block = PQtransactionStatus(m_conn) == PQTRANS_IDLE;
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    std::string text(sql);
    auto send = [&] {
        return Result(PQexecParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                   nullptr, 0));
    };
    Result result = send();
    auto status = PQresultStatus(result.raw());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && outside_block && !alive()) {
        reconnect();
        result = send();
        status = PQresultStatus(result.raw());
    }
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("statement failed", PQresultErrorMessage(result.raw()));
    return result;
}

void Connection::exec_script(std::string_view sql) {
    if (!alive()) fail("connection lost", "");
    std::string text(sql);
    Result result(PQexec(m_conn, text.c_str()));
    auto status = PQresultStatus(result.raw());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("schema step failed", PQresultErrorMessage(result.raw()));
}

std::string int_array(const std::vector<std::int64_t>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
    return out + '}';
}

std::string text_array(const std::vector<std::string>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + '}';
}

std::string database_url(const std::string& url, const std::string& database) {
    auto path = url.find(":///");
    if (path == std::string::npos)
        throw Error(ErrorCode::invalid_input,
                    "expected a URL of the form postgresql:///DATABASE?host=…: " + redacted_url(url), "db-url");
    auto query = url.find('?', path);
    return url.substr(0, path + 4) + database + (query == std::string::npos ? "" : url.substr(query));
}

std::string redacted_url(const std::string& url) {
    static const std::regex password(R"(://([^:/@]*):[^@]*@)");
    return std::regex_replace(url, password, "://$1:***@");
}

}  // namespace langnghe::pg
