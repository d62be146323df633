#pragma once
// The dashboard's accounts (docs/dashboard.md, "Accounts"), in the embedded station's own database
// beside its devices: `ui_users`, `ui_sessions` and `ui_audit`. Every call runs on the station's one
// connection, so callers hold Station::mutex(), except around the slow password hashing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "password.h"

namespace langnghe::sql {
class Database;
}

namespace langnghe::server {
class Station;
class SqliteStationStore;
}  // namespace langnghe::server

namespace langnghe::server::ui {

inline constexpr int max_failed_logins = 5;                  // in a row; then the account is locked
inline constexpr std::int64_t lockout_ms = 15 * 60 * 1000;   // for this long

struct UiUser {
    std::string name, unit, role;  // role: supervisor | unit_head | admin
    PasswordHash hash;
    bool must_change = true, disabled = false;
    int failed_logins = 0;
    std::int64_t locked_until = 0, created_at = 0, last_login = 0;
};

bool is_ui_role(const std::string& role);

// The embedded store under a station; a PostgreSQL station has no dashboard tables yet, so this
// throws invalid_input saying so (docs/dashboard.md, "Status").
SqliteStationStore& embedded_store(Station& station);

// Creates the tables when missing: a station made before the dashboard gets them when it is next
// opened by the server or a `user` command.
void ensure_ui_tables(sql::Database& db);

class Accounts {
public:
    explicit Accounts(Station& station);

    // A new account of `unit` (a unit the station holds) with a one-time password, returned once and
    // stored only as its hash; the user must change it at first login. already_exists for a taken name.
    std::string add(const std::string& name, const std::string& unit, const std::string& role);
    std::vector<UiUser> list();
    std::optional<UiUser> find(const std::string& name);
    // Disabled users cannot log in, and their sessions end now. not_found for an unknown name.
    void disable(const std::string& name);
    // A new one-time password; the lockout is cleared, the account enabled and its sessions ended.
    std::string reset(const std::string& name);

    // The user chose a password: must_change is cleared.
    void set_password(const std::string& name, const PasswordHash& hash);
    // The same password hashed again under the current parameters (they were raised since).
    void rehash(const std::string& name, const PasswordHash& hash);
    // A wrong password for a known user. Returns true when this failure locked the account.
    bool login_failed(const std::string& name);
    void login_succeeded(const std::string& name);

    // The newest `limit` lines of the audit log, newest first (`user audit`).
    std::vector<AuditEntry> audit_log(std::size_t limit);

private:
    std::string set_one_time_password(const std::string& name);
    Station& m_station;
    sql::Database& m_db;
};

}  // namespace langnghe::server::ui
