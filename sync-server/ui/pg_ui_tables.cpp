// The dashboard's tables in a PostgreSQL station's database, shared by all its servers: a user
// locked out through one server is locked out through every one, and a session opened through one
// is good at all of them behind the load balancer.
#include "pg_station_store.h"
#include "station.h"
#include "ui_tables.h"

namespace langnghe::server::ui {

namespace {
// Made where missing under the station's schema lock, so two servers starting together do not
// both try (the migration step of docs/dashboard.md for stations made before the dashboard).
constexpr const char* schema = R"sql(
    SELECT pg_advisory_xact_lock(7231967);
    CREATE TABLE IF NOT EXISTS ui_users(
        name text PRIMARY KEY,
        unit text NOT NULL,
        role text NOT NULL,
        scrypt_n bigint NOT NULL,
        scrypt_r bigint NOT NULL,
        scrypt_p bigint NOT NULL,
        salt text NOT NULL,
        hash text NOT NULL,
        must_change boolean NOT NULL DEFAULT true,
        disabled boolean NOT NULL DEFAULT false,
        failed_logins bigint NOT NULL DEFAULT 0,
        locked_until bigint NOT NULL DEFAULT 0,
        created_at bigint NOT NULL,
        last_login bigint NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS ui_sessions(
        id_hash text PRIMARY KEY,
        "user" text NOT NULL,
        csrf text NOT NULL,
        created_at bigint NOT NULL,
        last_seen bigint NOT NULL);
    CREATE INDEX IF NOT EXISTS ui_sessions_by_user ON ui_sessions("user");
    CREATE TABLE IF NOT EXISTS ui_audit(
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        "user" text NOT NULL,
        address text NOT NULL,
        act text NOT NULL,
        what text NOT NULL DEFAULT '',
        rows bigint NOT NULL DEFAULT 0);
)sql";

}  // namespace

void create_pg_ui_tables(pg::Connection& db) { db.exec_script(schema); }

namespace {
std::string n(std::int64_t value) { return std::to_string(value); }

UiUser read_user(const pg::Result& r, int row) {
    UiUser u;
    u.name = r.text(row, 0);
    u.unit = r.text(row, 1);
    u.role = r.text(row, 2);
    u.hash.params.n = static_cast<std::uint64_t>(r.int64(row, 3));
    u.hash.params.r = static_cast<std::uint32_t>(r.int64(row, 4));
    u.hash.params.p = static_cast<std::uint32_t>(r.int64(row, 5));
    u.hash.salt_hex = r.text(row, 6);
    u.hash.key_hex = r.text(row, 7);
    u.must_change = r.text(row, 8) == "t";
    u.disabled = r.text(row, 9) == "t";
    u.failed_logins = static_cast<int>(r.int64(row, 10));
    u.locked_until = r.int64(row, 11);
    u.created_at = r.int64(row, 12);
    u.last_login = r.int64(row, 13);
    return u;
}

class PgUiTables final : public UiTables {
public:
    explicit PgUiTables(PgStationStore& store) : m_store(store), m_db(store.connection()) {
        m_store.transaction([&] { create_pg_ui_tables(m_db); });
    }

    std::optional<UiUser> user(const std::string& name) override {
        std::optional<UiUser> out;
        m_store.transaction([&] {
            auto r = m_db.exec(std::string("SELECT ") + ui_user_columns + " FROM ui_users WHERE name = $1", {name});
            if (r.rows()) out = read_user(r, 0);
        });
        return out;
    }
    std::vector<UiUser> users() override {
        std::vector<UiUser> out;
        m_store.transaction([&] {
            out.clear();
            auto r = m_db.exec(std::string("SELECT ") + ui_user_columns + " FROM ui_users ORDER BY name");
            for (int i = 0; i < r.rows(); ++i) out.push_back(read_user(r, i));
        });
        return out;
    }
    void add_user(const UiUser& u) override {
        m_store.transaction([&] {
            m_db.exec(std::string("INSERT INTO ui_users(") + ui_user_columns + ") VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
                      {u.name, u.unit, u.role, n(static_cast<std::int64_t>(u.hash.params.n)), n(u.hash.params.r), n(u.hash.params.p),
                       u.hash.salt_hex, u.hash.key_hex, u.must_change ? "true" : "false", u.disabled ? "true" : "false",
                       n(u.failed_logins), n(u.locked_until), n(u.created_at), n(u.last_login)});
        });
    }
    void set_hash(const std::string& name, const PasswordHash& h, HashChange change) override {
        std::string extra = change == HashChange::one_time
                                ? ", must_change = true, disabled = false, failed_logins = 0, locked_until = 0"
                            : change == HashChange::chosen ? ", must_change = false"
                                                           : "";
        m_store.transaction([&] {
            m_db.exec("UPDATE ui_users SET scrypt_n = $1, scrypt_r = $2, scrypt_p = $3, salt = $4, hash = $5" + extra +
                          " WHERE name = $6",
                      {n(static_cast<std::int64_t>(h.params.n)), n(h.params.r), n(h.params.p), h.salt_hex, h.key_hex, name});
            if (change == HashChange::one_time) m_db.exec("DELETE FROM ui_sessions WHERE \"user\" = $1", {name});
        });
    }
    void disable(const std::string& name) override {
        m_store.transaction([&] {
            m_db.exec("UPDATE ui_users SET disabled = true WHERE name = $1", {name});
            m_db.exec("DELETE FROM ui_sessions WHERE \"user\" = $1", {name});
        });
    }
    void set_login_state(const std::string& name, int failed, std::int64_t locked_until) override {
        m_store.transaction([&] {
            m_db.exec("UPDATE ui_users SET failed_logins = $1, locked_until = $2 WHERE name = $3", {n(failed), n(locked_until), name});
        });
    }
    void set_last_login(const std::string& name, std::int64_t at) override {
        m_store.transaction([&] {
            m_db.exec("UPDATE ui_users SET failed_logins = 0, locked_until = 0, last_login = $1 WHERE name = $2", {n(at), name});
        });
    }
    void add_session(const std::string& id_hash, const Session& s) override {
        m_store.transaction([&] {
            m_db.exec("INSERT INTO ui_sessions(id_hash, \"user\", csrf, created_at, last_seen) VALUES($1,$2,$3,$4,$5)",
                      {id_hash, s.user, s.csrf, n(s.created_at), n(s.last_seen)});
        });
    }
    std::optional<Session> session(const std::string& id_hash) override {
        std::optional<Session> out;
        m_store.transaction([&] {
            auto r = m_db.exec("SELECT \"user\", csrf, created_at, last_seen FROM ui_sessions WHERE id_hash = $1", {id_hash});
            if (r.rows()) out = Session{std::string(r.text(0, 0)), std::string(r.text(0, 1)), r.int64(0, 2), r.int64(0, 3)};
        });
        return out;
    }
    void touch_session(const std::string& id_hash, std::int64_t at) override {
        m_store.transaction([&] { m_db.exec("UPDATE ui_sessions SET last_seen = $1 WHERE id_hash = $2", {n(at), id_hash}); });
    }
    void end_session(const std::string& id_hash) override {
        m_store.transaction([&] { m_db.exec("DELETE FROM ui_sessions WHERE id_hash = $1", {id_hash}); });
    }
    void audit(const AuditEntry& e) override {
        m_store.transaction([&] {
            m_db.exec("INSERT INTO ui_audit(at, \"user\", address, act, what, rows) VALUES($1,$2,$3,$4,$5,$6)",
                      {n(e.at), e.user, e.address, e.act, e.what, n(e.rows)});
        });
    }
    std::vector<AuditEntry> audit_log(std::size_t limit) override {
        std::vector<AuditEntry> out;
        m_store.transaction([&] {
            out.clear();
            auto r = m_db.exec("SELECT at, \"user\", address, act, what, rows FROM ui_audit ORDER BY id DESC LIMIT $1",
                               {n(static_cast<std::int64_t>(limit))});
            for (int i = 0; i < r.rows(); ++i)
                out.push_back({r.int64(i, 0), std::string(r.text(i, 1)), std::string(r.text(i, 2)), std::string(r.text(i, 3)),
                               std::string(r.text(i, 4)), r.int64(i, 5)});
        });
        return out;
    }

private:
    PgStationStore& m_store;
    pg::Connection& m_db;
};
}  // namespace

std::unique_ptr<UiTables> pg_ui_tables(Station& station) {
    return std::make_unique<PgUiTables>(dynamic_cast<PgStationStore&>(station.data()));
}

}  // namespace langnghe::server::ui
