#include "ui_migration.h"

#include "langnghe/storage/sqlite.h"
#include "pg_connection.h"
#include "ui_tables.h"

namespace langnghe::server::ui {

namespace {
constexpr int user_column_count = 14;
constexpr int must_change_column = 8, disabled_column = 9;

bool has_table(sql::Database& db, const char* name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.bind(1, std::string(name));
    return st.step();
}

void copy_users(sql::Database& source, pg::Connection& target) {
    auto st = source.prepare(std::string("SELECT ") + ui_user_columns + " FROM ui_users ORDER BY name");
    while (st.step()) {
        std::vector<pg::Param> row;
        for (int column = 0; column < user_column_count; ++column) {
            bool flag = column == must_change_column || column == disabled_column;
            row.emplace_back(flag ? (st.column_int(column) != 0 ? "true" : "false") : storable_text(st.column_text(column)));
        }
        target.exec(std::string("INSERT INTO ui_users(") + ui_user_columns +
                        ") VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
                    row);
    }
}

void copy_audit(sql::Database& source, pg::Connection& target) {
    std::vector<std::int64_t> at, rows;
    std::vector<std::string> user, address, act, what;
    // In the order written, so the PostgreSQL ids keep the log's order (newest first when read).
    in_batches(
        source, "SELECT at, user, address, act, what, rows FROM ui_audit ORDER BY rowid",
        [&](sql::Statement& st) {
            at.push_back(st.column_int(0));
            user.push_back(storable_text(st.column_text(1)));
            address.push_back(storable_text(st.column_text(2)));
            act.push_back(storable_text(st.column_text(3)));
            what.push_back(storable_text(st.column_text(4)));
            rows.push_back(st.column_int(5));
        },
        [&] {
            target.exec("INSERT INTO ui_audit(at, \"user\", address, act, what, rows) "
                        "SELECT at, u, address, act, what, rows FROM unnest($1::bigint[], $2::text[], $3::text[], "
                        "$4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS line(at, u, address, act, what, rows, n) "
                        "ORDER BY n",
                        {pg::int_array(at), pg::text_array(user), pg::text_array(address), pg::text_array(act),
                         pg::text_array(what), pg::int_array(rows)});
            at.clear(), rows.clear(), user.clear(), address.clear(), act.clear(), what.clear();
        });
}
}  // namespace

void migrate_ui_tables(sql::Database& source, pg::Connection& target, MigrationSummary& summary) {
    create_pg_ui_tables(target);
    if (!has_table(source, "ui_users")) return;  // a station the dashboard never opened
    // The dashboard makes its three tables together, so a source with ui_users has ui_audit.
    copy_users(source, target);
    summary.users = require_same_count(source, target, "ui_users", "dashboard accounts", "tài khoản trang quản trị");
    copy_audit(source, target);
    summary.audit_entries = require_same_count(source, target, "ui_audit", "audit log entries", "nhật ký truy cập");
}

}  // namespace langnghe::server::ui
