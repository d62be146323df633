#pragma once
// Thin RAII over sqlite3: every handle and statement owned, every return code checked and turned
// into langnghe::Error(storage) carrying SQLite's extended code. <sqlite3.h> stays out of headers.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace langnghe::sql {

class Statement;

class Database {
public:
    // Opens (creating when asked) with WAL, foreign keys and synchronous=FULL, so a write is on disk
    // before the call that made it returns.
    Database(const std::string& path, bool create);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    int user_version();
    void set_user_version(int version);
    // Consulted as each transaction commits; false turns the COMMIT into a rollback and the COMMIT
    // fails (SQLITE_CONSTRAINT_COMMITHOOK). For tests of failed commits.
    void set_commit_hook(std::function<bool()> allowed);
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
    std::function<bool()> m_commit_allowed;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::uint64_t value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    Statement& bind(int index, const std::optional<std::string>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // True while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    // Ready to run again with new bindings; never throws.
    void reset() noexcept;

    std::int64_t column_int(int index) const;
    double column_double(int index) const;
    std::string column_text(int index) const;
    std::string_view column_view(int index) const;
    bool column_is_null(int index) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    Database* m_db;
};

// Resets a reused statement when the scope that stepped it ends, however it ends.
class ResetGuard {
public:
    explicit ResetGuard(Statement& statement) : m_statement(statement) {}
    ~ResetGuard() { m_statement.reset(); }
    ResetGuard(const ResetGuard&) = delete;
    ResetGuard& operator=(const ResetGuard&) = delete;

private:
    Statement& m_statement;
};

// Rolls back unless commit() ran.
class Transaction {
public:
    explicit Transaction(Database& db, bool immediate = true);
    ~Transaction() noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace langnghe::sql
