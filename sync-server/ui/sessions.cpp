#include "sessions.h"

#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/sqlite.h"

namespace langnghe::server::ui {

std::string Sessions::start(const std::string& user, std::int64_t now_ms) {
    std::string id = random_hex(32);
    auto st = m_db.prepare("INSERT INTO ui_sessions(id_hash, user, csrf, created_at, last_seen) VALUES(?,?,?,?,?)");
    st.bind(1, sha256_hex(id)).bind(2, user).bind(3, random_hex(32)).bind(4, now_ms).bind(5, now_ms);
    st.run();
    return id;
}

std::optional<Session> Sessions::find(std::string_view cookie_value, std::int64_t now_ms) {
    if (!is_hex(cookie_value, 32)) return std::nullopt;
    std::string hash = sha256_hex(cookie_value);
    auto st = m_db.prepare("SELECT user, csrf, created_at, last_seen FROM ui_sessions WHERE id_hash = ?");
    st.bind(1, hash);
    if (!st.step()) return std::nullopt;
    Session s{st.column_text(0), st.column_text(1), st.column_int(2), st.column_int(3)};
    if (now_ms - s.last_seen >= session_idle_ms || now_ms - s.created_at >= session_lifetime_ms) {
        m_db.prepare("DELETE FROM ui_sessions WHERE id_hash = ?").bind(1, hash).run();
        return std::nullopt;
    }
    m_db.prepare("UPDATE ui_sessions SET last_seen = ? WHERE id_hash = ?").bind(1, now_ms).bind(2, hash).run();
    s.last_seen = now_ms;
    return s;
}

void Sessions::end(std::string_view cookie_value) {
    m_db.prepare("DELETE FROM ui_sessions WHERE id_hash = ?").bind(1, sha256_hex(cookie_value)).run();
}

}  // namespace langnghe::server::ui
