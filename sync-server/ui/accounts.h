#pragma once
// The dashboard's accounts (docs/dashboard.md, "Accounts"): who may log in, with which unit and
// role, the one-time passwords, and the lockout after repeated failures. The rows are in the
// station's own database (ui_tables.h), on either store. Callers hold Station::mutex(), except
// around the slow password hashing.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui_tables.h"

namespace langnghe::server {
class Station;
}

namespace langnghe::server::ui {

inline constexpr int max_failed_logins = 5;                 // in a row; then the account is locked
inline constexpr std::int64_t lockout_ms = 15 * 60 * 1000;  // for this long

bool is_ui_role(const std::string& role);

class Accounts {
public:
    explicit Accounts(Station& station);

    UiTables& tables() { return *m_tables; }

    // A new account of `unit` (a unit the station holds) with a one-time password, returned once and
    // stored only as its hash; the user must change it at first login. already_exists for a taken name.
    std::string add(const std::string& name, const std::string& unit, const std::string& role);
    std::vector<UiUser> list() { return m_tables->users(); }
    std::optional<UiUser> find(const std::string& name) { return m_tables->user(name); }
    // Disabled users cannot log in, and their sessions end now. not_found for an unknown name.
    void disable(const std::string& name);
    // A new one-time password; the lockout is cleared, the account enabled and its sessions ended.
    std::string reset(const std::string& name);

    // The user chose a password: must_change is cleared.
    void set_password(const std::string& name, const PasswordHash& hash) { m_tables->set_hash(name, hash, HashChange::chosen); }
    // The same password hashed again under the current parameters (they were raised since).
    void rehash(const std::string& name, const PasswordHash& hash) { m_tables->set_hash(name, hash, HashChange::rehash); }
    // A wrong password for a known user. Returns true when this failure locked the account.
    bool login_failed(const std::string& name);
    void login_succeeded(const std::string& name);

    void audit(const AuditEntry& entry) { m_tables->audit(entry); }
    // The newest `limit` lines of the audit log, newest first (`user audit`).
    std::vector<AuditEntry> audit_log(std::size_t limit) { return m_tables->audit_log(limit); }

private:
    Station& m_station;
    std::unique_ptr<UiTables> m_tables;
};

}  // namespace langnghe::server::ui
