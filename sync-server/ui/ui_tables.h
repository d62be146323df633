#pragma once
// Where the dashboard's tables live (`ui_users`, `ui_sessions`, `ui_audit`): in the embedded
// station's SQLite file, or in the station's PostgreSQL database beside its devices, so every server
// of a PostgreSQL station knows the same users and sessions. Accounts and Sessions hold the rules;
// this holds only the rows. Callers hold Station::mutex() (one connection per process).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "password.h"

namespace langnghe {
class Store;
}
namespace langnghe::pg {
class Connection;
}
namespace langnghe::server {
class Station;
}

namespace langnghe::server::ui {

// The columns of ui_users in the order both stores and `migrate` read and write them.
inline constexpr const char* ui_user_columns =
    "name, unit, role, scrypt_n, scrypt_r, scrypt_p, salt, hash, must_change, disabled, failed_logins, locked_until, "
    "created_at, last_login";

struct UiUser {
    std::string name, unit, role;  // role: supervisor | unit_head | admin
    PasswordHash hash;
    bool must_change = true, disabled = false;
    int failed_logins = 0;
    std::int64_t locked_until = 0, created_at = 0, last_login = 0;
};

struct Session {
    std::string user, csrf;
    std::int64_t created_at = 0, last_seen = 0;
};

// What a new hash means for the account.
enum class HashChange {
    one_time,  // a one-time password: must_change, enabled, lockout cleared, sessions ended
    chosen,    // the user's own: must_change cleared
    rehash,    // the same password under new parameters: nothing else changes
};

class UiTables {
public:
    virtual ~UiTables() = default;

    virtual std::optional<UiUser> user(const std::string& name) = 0;
    virtual std::vector<UiUser> users() = 0;  // by name
    virtual void add_user(const UiUser& user) = 0;
    virtual void set_hash(const std::string& name, const PasswordHash& hash, HashChange change) = 0;
    // Disabled, and its sessions ended, together.
    virtual void disable(const std::string& name) = 0;
    virtual void set_login_state(const std::string& name, int failed_logins, std::int64_t locked_until) = 0;
    virtual void set_last_login(const std::string& name, std::int64_t at_ms) = 0;  // failures cleared too

    virtual void add_session(const std::string& id_hash, const Session& session) = 0;
    virtual std::optional<Session> session(const std::string& id_hash) = 0;
    virtual void touch_session(const std::string& id_hash, std::int64_t at_ms) = 0;
    virtual void end_session(const std::string& id_hash) = 0;

    virtual void audit(const AuditEntry& entry) = 0;
    virtual std::vector<AuditEntry> audit_log(std::size_t limit) = 0;  // newest first
};

// The tables of the station's store, made where missing (a station from before the dashboard gets
// them when the server or a `user` command next opens it).
std::unique_ptr<UiTables> ui_tables(Station& station);
std::unique_ptr<UiTables> sqlite_ui_tables(Station& station);
std::unique_ptr<UiTables> pg_ui_tables(Station& station);

// The PostgreSQL tables made where missing, in the caller's transaction (and by `migrate`).
void create_pg_ui_tables(pg::Connection& db);

// The station's records as the core reads them, for the pages: the embedded store itself, or a
// PostgreSQL station's working replica caught up with everything committed.
Store& records_to_read(Station& station);

}  // namespace langnghe::server::ui
