// `langnghe-server migrate --data DIR --db-url URL`: moves an embedded station into PostgreSQL
// (docs/operations.md).
#include <iostream>

#include <nlohmann/json.hpp>

#include "admin.h"
#include "pg_connection.h"
#include "pg_migration.h"
#include "ui_migration.h"

namespace langnghe::server {

void add_migrate_command(CLI::App& app, AdminContext& ctx) {
    app.add_subcommand("migrate", ctx.tr("Chuyển trạm nhúng (--data) sang cơ sở dữ liệu PostgreSQL trống (--db-url)",
                                         "Move the embedded station (--data) into an empty PostgreSQL database (--db-url)"))
        ->callback([&ctx] {
            if (ctx.data_dir.empty() || ctx.db_url.empty())
                throw_invalid("data", "migrate needs both --data DIR (the embedded station) and --db-url URL (an empty database)",
                              "migrate cần cả --data THƯ_MỤC (trạm nhúng) và --db-url URL (một cơ sở dữ liệu trống)");
            auto s = migrate_to_postgres(ctx.data_dir, ctx.db_url, ui::migrate_ui_tables);
            auto where = pg::redacted_url(ctx.db_url);
            if (ctx.json) {
                std::cout << nlohmann::json{{"records", s.records}, {"devices", s.devices}, {"codes", s.codes},
                                            {"links", s.links}, {"users", s.users}, {"audit_entries", s.audit_entries}, {"site", s.site}, {"cursor", s.cursor},
                                            {"digest", s.digest}, {"matches", true}, {"database", where}}
                                 .dump(2)
                          << '\n';
                return;
            }
            std::cout << ctx.tr("Đã chuyển ", "Migrated ") << s.records << ctx.tr(" bản ghi, ", " records, ") << s.devices
                      << ctx.tr(" thiết bị, ", " devices, ") << s.codes << ctx.tr(" mã ghi danh, ", " codes, ") << s.links
                      << ctx.tr(" mắt xích lưu vết, ", " custody links, ") << s.users
                      << ctx.tr(" tài khoản và ", " dashboard accounts and ") << s.audit_entries
                      << ctx.tr(" dòng nhật ký truy cập sang ", " audit log entries to ") << where << '\n'
                      << "Site " << s.site << ctx.tr(", vị trí thay đổi ", ", change cursor ") << s.cursor
                      << ctx.tr("; mã băm ", "; digest ") << s.digest << ctx.tr(" khớp", " matches") << '\n'
                      << ctx.tr("Chạy máy chủ với --db-url từ nay; giữ ", "Serve with --db-url from now on; keep ")
                      << ctx.data_dir << ctx.tr(" làm bản sao lưu, không phục vụ lại từ đó.", " as a backup and do not serve it again.")
                      << '\n';
        });
}

}  // namespace langnghe::server
