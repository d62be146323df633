#include "accounts.h"

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/storage/sqlite.h"
#include "sqlite_station_store.h"
#include "station.h"

namespace langnghe::server::ui {

namespace {
constexpr const char* ui_schema = R"sql(
    CREATE TABLE IF NOT EXISTS ui_users(
        name TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        role TEXT NOT NULL,
        scrypt_n INTEGER NOT NULL,
        scrypt_r INTEGER NOT NULL,
        scrypt_p INTEGER NOT NULL,
        salt TEXT NOT NULL,
        hash TEXT NOT NULL,
        must_change INTEGER NOT NULL DEFAULT 1,
        disabled INTEGER NOT NULL DEFAULT 0,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_login INTEGER NOT NULL DEFAULT 0);
    -- Sessions by the SHA-256 of their cookie: the database never holds a usable session id.
    CREATE TABLE IF NOT EXISTS ui_sessions(
        id_hash TEXT PRIMARY KEY,
        user TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS ui_sessions_by_user ON ui_sessions(user);
    CREATE TABLE IF NOT EXISTS ui_audit(
        at INTEGER NOT NULL,
        user TEXT NOT NULL,
        address TEXT NOT NULL,
        act TEXT NOT NULL,
        what TEXT NOT NULL DEFAULT '',
        rows INTEGER NOT NULL DEFAULT 0);
)sql";

constexpr const char* user_columns =
    "name, unit, role, scrypt_n, scrypt_r, scrypt_p, salt, hash, must_change, disabled, failed_logins, locked_until, "
    "created_at, last_login";

UiUser read_user(sql::Statement& st) {
    UiUser u;
    u.name = st.column_text(0);
    u.unit = st.column_text(1);
    u.role = st.column_text(2);
    u.hash.params.n = static_cast<std::uint64_t>(st.column_int(3));
    u.hash.params.r = static_cast<std::uint32_t>(st.column_int(4));
    u.hash.params.p = static_cast<std::uint32_t>(st.column_int(5));
    u.hash.salt_hex = st.column_text(6);
    u.hash.key_hex = st.column_text(7);
    u.must_change = st.column_int(8) != 0;
    u.disabled = st.column_int(9) != 0;
    u.failed_logins = static_cast<int>(st.column_int(10));
    u.locked_until = st.column_int(11);
    u.created_at = st.column_int(12);
    u.last_login = st.column_int(13);
    return u;
}

Error unknown_user(const std::string& name) {
    return Error(ErrorCode::not_found, "no dashboard user named '" + name + "' (see `user list`)", "name")
        .vi("không có người dùng '" + name + "' (xem `user list`)");
}
}  // namespace

bool is_ui_role(const std::string& role) { return role == "supervisor" || role == "unit_head" || role == "admin"; }

SqliteStationStore& embedded_store(Station& station) {
    auto* store = dynamic_cast<SqliteStationStore*>(&station.data());
    if (!store)
        throw Error(ErrorCode::invalid_input,
                    "the web dashboard needs the embedded store (--data DIR) for now; a PostgreSQL station has no "
                    "dashboard accounts yet (docs/dashboard.md)",
                    "db-url")
            .vi("bảng điều khiển web hiện chỉ dùng được với kho nhúng (--data THƯ_MỤC); trạm dùng PostgreSQL chưa có "
                "tài khoản bảng điều khiển (docs/dashboard.md)");
    return *store;
}

void ensure_ui_tables(sql::Database& db) { db.exec(ui_schema); }

Accounts::Accounts(Station& station) : m_station(station), m_db(embedded_store(station).database()) { ensure_ui_tables(m_db); }

std::string Accounts::add(const std::string& name_in, const std::string& unit, const std::string& role) {
    std::string name = clean_text(name_in, "name", 64);
    if (has_control_characters(name) || name.find_first_of(" \t") != std::string::npos)
        throw_invalid("name", "name: must be one word without spaces or control characters",
                      "name: phải là một từ, không có khoảng trắng hay ký tự điều khiển");
    if (!is_ui_role(role))
        throw_invalid("role", "role: '" + role + "' is not supervisor, unit_head or admin",
                      "role: '" + role + "' không phải supervisor, unit_head hoặc admin");
    m_station.data().require_unit(unit);
    if (find(name))
        throw Error(ErrorCode::already_exists, "a dashboard user named '" + name + "' exists already", "name")
            .vi("đã có người dùng tên '" + name + "'");
    std::string password = one_time_password();
    PasswordHash h = hash_password(password);
    auto st = m_db.prepare(std::string("INSERT INTO ui_users(") + user_columns + ") VALUES(?,?,?,?,?,?,?,?,1,0,0,0,?,0)");
    st.bind(1, name).bind(2, unit).bind(3, role).bind(4, static_cast<std::int64_t>(h.params.n));
    st.bind(5, static_cast<std::int64_t>(h.params.r)).bind(6, static_cast<std::int64_t>(h.params.p));
    st.bind(7, h.salt_hex).bind(8, h.key_hex).bind(9, m_station.now_ms());
    st.run();
    return password;
}

std::vector<UiUser> Accounts::list() {
    auto st = m_db.prepare(std::string("SELECT ") + user_columns + " FROM ui_users ORDER BY name");
    std::vector<UiUser> out;
    while (st.step()) out.push_back(read_user(st));
    return out;
}

std::optional<UiUser> Accounts::find(const std::string& name) {
    auto st = m_db.prepare(std::string("SELECT ") + user_columns + " FROM ui_users WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return read_user(st);
}

void Accounts::disable(const std::string& name) {
    if (!find(name)) throw unknown_user(name);
    sql::Transaction tx(m_db);
    m_db.prepare("UPDATE ui_users SET disabled = 1 WHERE name = ?").bind(1, name).run();
    m_db.prepare("DELETE FROM ui_sessions WHERE user = ?").bind(1, name).run();
    tx.commit();
}

std::string Accounts::set_one_time_password(const std::string& name) {
    std::string password = one_time_password();
    PasswordHash h = hash_password(password);
    sql::Transaction tx(m_db);
    auto st = m_db.prepare(
        "UPDATE ui_users SET scrypt_n = ?, scrypt_r = ?, scrypt_p = ?, salt = ?, hash = ?, must_change = 1, disabled = 0, "
        "failed_logins = 0, locked_until = 0 WHERE name = ?");
    st.bind(1, static_cast<std::int64_t>(h.params.n)).bind(2, static_cast<std::int64_t>(h.params.r));
    st.bind(3, static_cast<std::int64_t>(h.params.p)).bind(4, h.salt_hex).bind(5, h.key_hex).bind(6, name);
    st.run();
    m_db.prepare("DELETE FROM ui_sessions WHERE user = ?").bind(1, name).run();
    tx.commit();
    return password;
}

std::string Accounts::reset(const std::string& name) {
    if (!find(name)) throw unknown_user(name);
    return set_one_time_password(name);
}

namespace {
void store_hash(sql::Database& db, const std::string& name, const PasswordHash& h, bool clear_must_change) {
    auto st = db.prepare(std::string("UPDATE ui_users SET scrypt_n = ?, scrypt_r = ?, scrypt_p = ?, salt = ?, hash = ?") +
                         (clear_must_change ? ", must_change = 0" : "") + " WHERE name = ?");
    st.bind(1, static_cast<std::int64_t>(h.params.n)).bind(2, static_cast<std::int64_t>(h.params.r));
    st.bind(3, static_cast<std::int64_t>(h.params.p)).bind(4, h.salt_hex).bind(5, h.key_hex).bind(6, name);
    st.run();
}
}  // namespace

void Accounts::set_password(const std::string& name, const PasswordHash& h) { store_hash(m_db, name, h, true); }
void Accounts::rehash(const std::string& name, const PasswordHash& h) { store_hash(m_db, name, h, false); }

bool Accounts::login_failed(const std::string& name) {
    auto user = find(name);
    if (!user) return false;
    std::int64_t now = m_station.now_ms();
    if (user->locked_until > now) return false;  // already locked: the lock does not grow with each try
    int failed = user->failed_logins + 1;
    bool locks = failed >= max_failed_logins;
    auto st = m_db.prepare("UPDATE ui_users SET failed_logins = ?, locked_until = ? WHERE name = ?");
    st.bind(1, locks ? 0 : failed).bind(2, locks ? now + lockout_ms : std::int64_t{0}).bind(3, name);
    st.run();
    return locks;
}

void Accounts::login_succeeded(const std::string& name) {
    auto st = m_db.prepare("UPDATE ui_users SET failed_logins = 0, locked_until = 0, last_login = ? WHERE name = ?");
    st.bind(1, m_station.now_ms()).bind(2, name);
    st.run();
}

std::vector<AuditEntry> Accounts::audit_log(std::size_t limit) {
    auto st = m_db.prepare("SELECT at, user, address, act, what, rows FROM ui_audit ORDER BY rowid DESC LIMIT ?");
    st.bind(1, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4), st.column_int(5)});
    return out;
}

}  // namespace langnghe::server::ui
