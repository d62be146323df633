#pragma once
// Dashboard sessions (docs/dashboard.md, "Sessions and forms"): the cookie holds 32 random bytes in
// hex and the database only their SHA-256, so a copy of the database opens no session. Each session
// has its own CSRF token. Callers hold Station::mutex().
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ui_tables.h"

namespace langnghe::server::ui {

inline constexpr std::int64_t session_idle_ms = 30 * 60 * 1000;       // without a request
inline constexpr std::int64_t session_lifetime_ms = 12 * 3600 * 1000;  // in any case
inline constexpr std::string_view session_cookie = "langnghe_session";

class Sessions {
public:
    explicit Sessions(UiTables& tables) : m_tables(tables) {}

    // A new session of `user`; returns the cookie value, which is not kept.
    std::string start(const std::string& user, std::int64_t now_ms);
    // The live session of this cookie value, its last request moved to now; an expired one is
    // deleted and none returned.
    std::optional<Session> find(std::string_view cookie_value, std::int64_t now_ms);
    void end(std::string_view cookie_value);

private:
    UiTables& m_tables;
};

}  // namespace langnghe::server::ui
