// The dashboard's tables in the embedded station's SQLite file.
#include "langnghe/storage/sqlite.h"
#include "sqlite_station_store.h"
#include "station.h"
#include "ui_tables.h"

namespace langnghe::server::ui {

namespace {
constexpr const char* schema = R"sql(
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

class SqliteUiTables final : public UiTables {
public:
    explicit SqliteUiTables(sql::Database& db) : m_db(db) { m_db.exec(schema); }

    std::optional<UiUser> user(const std::string& name) override {
        auto st = m_db.prepare(std::string("SELECT ") + ui_user_columns + " FROM ui_users WHERE name = ?");
        st.bind(1, name);
        if (!st.step()) return std::nullopt;
        return read_user(st);
    }
    std::vector<UiUser> users() override {
        auto st = m_db.prepare(std::string("SELECT ") + ui_user_columns + " FROM ui_users ORDER BY name");
        std::vector<UiUser> out;
        while (st.step()) out.push_back(read_user(st));
        return out;
    }
    void add_user(const UiUser& u) override {
        auto st = m_db.prepare(std::string("INSERT INTO ui_users(") + ui_user_columns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        st.bind(1, u.name).bind(2, u.unit).bind(3, u.role).bind(4, static_cast<std::int64_t>(u.hash.params.n));
        st.bind(5, static_cast<std::int64_t>(u.hash.params.r)).bind(6, static_cast<std::int64_t>(u.hash.params.p));
        st.bind(7, u.hash.salt_hex).bind(8, u.hash.key_hex).bind(9, u.must_change ? 1 : 0).bind(10, u.disabled ? 1 : 0);
        st.bind(11, u.failed_logins).bind(12, u.locked_until).bind(13, u.created_at).bind(14, u.last_login);
        st.run();
    }
    void set_hash(const std::string& name, const PasswordHash& h, HashChange change) override {
        sql::Transaction tx(m_db);
        std::string extra = change == HashChange::one_time ? ", must_change = 1, disabled = 0, failed_logins = 0, locked_until = 0"
                            : change == HashChange::chosen ? ", must_change = 0"
                                                           : "";
        auto st = m_db.prepare("UPDATE ui_users SET scrypt_n = ?, scrypt_r = ?, scrypt_p = ?, salt = ?, hash = ?" + extra +
                               " WHERE name = ?");
        st.bind(1, static_cast<std::int64_t>(h.params.n)).bind(2, static_cast<std::int64_t>(h.params.r));
        st.bind(3, static_cast<std::int64_t>(h.params.p)).bind(4, h.salt_hex).bind(5, h.key_hex).bind(6, name);
        st.run();
        if (change == HashChange::one_time) m_db.prepare("DELETE FROM ui_sessions WHERE user = ?").bind(1, name).run();
        tx.commit();
    }
    void disable(const std::string& name) override {
        sql::Transaction tx(m_db);
        m_db.prepare("UPDATE ui_users SET disabled = 1 WHERE name = ?").bind(1, name).run();
        m_db.prepare("DELETE FROM ui_sessions WHERE user = ?").bind(1, name).run();
        tx.commit();
    }
    void set_login_state(const std::string& name, int failed, std::int64_t locked_until) override {
        m_db.prepare("UPDATE ui_users SET failed_logins = ?, locked_until = ? WHERE name = ?")
            .bind(1, failed).bind(2, locked_until).bind(3, name).run();
    }
    void set_last_login(const std::string& name, std::int64_t at) override {
        m_db.prepare("UPDATE ui_users SET failed_logins = 0, locked_until = 0, last_login = ? WHERE name = ?").bind(1, at).bind(2, name).run();
    }
    void add_session(const std::string& id_hash, const Session& s) override {
        m_db.prepare("INSERT INTO ui_sessions(id_hash, user, csrf, created_at, last_seen) VALUES(?,?,?,?,?)")
            .bind(1, id_hash).bind(2, s.user).bind(3, s.csrf).bind(4, s.created_at).bind(5, s.last_seen).run();
    }
    std::optional<Session> session(const std::string& id_hash) override {
        auto st = m_db.prepare("SELECT user, csrf, created_at, last_seen FROM ui_sessions WHERE id_hash = ?");
        st.bind(1, id_hash);
        if (!st.step()) return std::nullopt;
        return Session{st.column_text(0), st.column_text(1), st.column_int(2), st.column_int(3)};
    }
    void touch_session(const std::string& id_hash, std::int64_t at) override {
        m_db.prepare("UPDATE ui_sessions SET last_seen = ? WHERE id_hash = ?").bind(1, at).bind(2, id_hash).run();
    }
    void end_session(const std::string& id_hash) override {
        m_db.prepare("DELETE FROM ui_sessions WHERE id_hash = ?").bind(1, id_hash).run();
    }
    void audit(const AuditEntry& e) override {
        m_db.prepare("INSERT INTO ui_audit(at, user, address, act, what, rows) VALUES(?,?,?,?,?,?)")
            .bind(1, e.at).bind(2, e.user).bind(3, e.address).bind(4, e.act).bind(5, e.what).bind(6, e.rows).run();
    }
    std::vector<AuditEntry> audit_log(std::size_t limit) override {
        auto st = m_db.prepare("SELECT at, user, address, act, what, rows FROM ui_audit ORDER BY rowid DESC LIMIT ?");
        st.bind(1, static_cast<std::int64_t>(limit));
        std::vector<AuditEntry> out;
        while (st.step())
            out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4), st.column_int(5)});
        return out;
    }

private:
    sql::Database& m_db;
};
}  // namespace

std::unique_ptr<UiTables> sqlite_ui_tables(Station& station) {
    return std::make_unique<SqliteUiTables>(dynamic_cast<SqliteStationStore&>(station.data()).database());
}

}  // namespace langnghe::server::ui
