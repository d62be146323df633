#pragma once
// A PostgreSQL connection through libpq: parameterised statements only (values never enter SQL
// text), results read as text, failures raised as langnghe::Error(storage) with the server's message.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace langnghe::pg {

// A parameter: text, or SQL NULL.
using Param = std::optional<std::string>;

class Result {
public:
    explicit Result(pg_result* result);
    int rows() const;
    bool is_null(int row, int column) const;
    std::string_view text(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    pg_result* raw() const { return m_result.get(); }

private:
    struct Clear {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Clear> m_result;
};

class Connection {
public:
    // Connects to `url` (postgresql://… or a libpq keyword string). Throws storage naming the
    // database when it cannot, without the password.
    explicit Connection(const std::string& url);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Result exec(std::string_view sql, const std::vector<Param>& params = {});
    // Several statements without parameters (schema steps).
    void exec_script(std::string_view sql);
    // False once the server closed the connection (restarted, or the session timed out).
    bool alive() const;
    // Connects again after alive() turned false.
    void reconnect();

private:
    std::string m_url;
    pg_conn* m_conn = nullptr;
};

// A PostgreSQL array literal of text values ({"a","b"}), passed as one parameter.
std::string text_array(const std::vector<std::string>& values);
// A PostgreSQL array literal of integers ({1,2}).
std::string int_array(const std::vector<std::int64_t>& values);
// The URL of another database of the same cluster: `url` (postgresql:///DB?…, a socket cluster as
// scripts/pg-cluster gives) with its database replaced by `database`.
std::string database_url(const std::string& url, const std::string& database);
// The URL without its password, for messages.
std::string redacted_url(const std::string& url);

}  // namespace langnghe::pg
