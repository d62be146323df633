#include "sessions.h"

#include "langnghe/storage/custody_crypto.h"

namespace langnghe::server::ui {

std::string Sessions::start(const std::string& user, std::int64_t now_ms) {
    std::string id = random_hex(32);
    m_tables.add_session(sha256_hex(id), {user, random_hex(32), now_ms, now_ms});
    return id;
}

std::optional<Session> Sessions::find(std::string_view cookie_value, std::int64_t now_ms) {
    if (!is_hex(cookie_value, 32)) return std::nullopt;
    std::string hash = sha256_hex(cookie_value);
    auto s = m_tables.session(hash);
    if (!s) return std::nullopt;
    if (now_ms - s->last_seen >= session_idle_ms || now_ms - s->created_at >= session_lifetime_ms) {
        m_tables.end_session(hash);
        return std::nullopt;
    }
    m_tables.touch_session(hash, now_ms);
    s->last_seen = now_ms;
    return s;
}

void Sessions::end(std::string_view cookie_value) { m_tables.end_session(sha256_hex(cookie_value)); }

}  // namespace langnghe::server::ui
