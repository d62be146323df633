#include "ui_migration.h"

#include "langnghe/base/error.h"
#include "langnghe/storage/sqlite.h"
#include "pg_connection.h"
#include "ui_tables.h"

namespace langnghe::server::ui {

namespace {
constexpr const char* user_columns =
    "name, unit, role, scrypt_n, scrypt_r, scrypt_p, salt, hash, must_change, disabled, failed_logins, locked_until, "
    "created_at, last_login";
constexpr int user_column_count = 14;
constexpr int must_change_column = 8, disabled_column = 9;

bool has_table(sql::Database& db, const char* name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.bind(1, std::string(name));
    return st.step();
}

std::int64_t count_source(sql::Database& db, const char* table) {
    auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.column_int(0);
}

void check_count(sql::Database& source, pg::Connection& target, const char* table, const char* vi) {
    auto here = count_source(source, table);
    auto there = target.exec(std::string("SELECT count(*) FROM ") + table).int64(0, 0);
    if (here != there)
        throw Error(ErrorCode::storage,
                    std::string("the copy does not match the station: ") + table + ": " + std::to_string(here) +
                        " in the data directory, " + std::to_string(there) + " in PostgreSQL; rolled back, nothing was written",
                    "db-url")
            .vi(std::string("bản sao không khớp với trạm: ") + vi + ": " + std::to_string(here) + " trong thư mục dữ liệu, " +
                std::to_string(there) + " trong PostgreSQL; đã hủy, không ghi gì");
}

void copy_users(sql::Database& source, pg::Connection& target) {
    auto st = source.prepare(std::string("SELECT ") + user_columns + " FROM ui_users ORDER BY name");
    while (st.step()) {
        std::vector<pg::Param> row;
        for (int column = 0; column < user_column_count; ++column) {
            bool flag = column == must_change_column || column == disabled_column;
            row.emplace_back(flag ? (st.column_int(column) != 0 ? "true" : "false") : storable_text(st.column_text(column)));
        }
        target.exec(std::string("INSERT INTO ui_users(") + user_columns +
                        ") VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
                    row);
    }
}

void copy_audit(sql::Database& source, pg::Connection& target) {
    // In the order written, so the PostgreSQL ids keep the log's order (newest first when read).
    auto st = source.prepare("SELECT at, user, address, act, what, rows FROM ui_audit ORDER BY rowid");
    while (st.step())
        target.exec("INSERT INTO ui_audit(at, \"user\", address, act, what, rows) VALUES($1,$2,$3,$4,$5,$6)",
                    {std::to_string(st.column_int(0)), storable_text(st.column_text(1)), storable_text(st.column_text(2)),
                     storable_text(st.column_text(3)), storable_text(st.column_text(4)), std::to_string(st.column_int(5))});
}
}  // namespace

void migrate_ui_tables(sql::Database& source, pg::Connection& target, MigrationSummary& summary) {
    create_pg_ui_tables(target);
    if (!has_table(source, "ui_users")) return;  // a station the dashboard never opened
    copy_users(source, target);
    check_count(source, target, "ui_users", "tài khoản trang quản trị");
    summary.users = count_source(source, "ui_users");
    if (!has_table(source, "ui_audit")) return;
    copy_audit(source, target);
    check_count(source, target, "ui_audit", "nhật ký truy cập");
    summary.audit_entries = count_source(source, "ui_audit");
}

}  // namespace langnghe::server::ui
