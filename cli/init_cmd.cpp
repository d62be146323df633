// `langnghe init`: creates the device database and names the officer who uses the device.
#include <filesystem>

#include "commands.h"
#include "langnghe/base/text.h"

namespace langnghe::cli {

void add_init_commands(CLI::App& app, Context& ctx) {
    auto officer = std::make_shared<std::string>();
    CLI::App* cmd = add_command(app, ctx, "init", "Tạo cơ sở dữ liệu của thiết bị (chạy lại được)",
                                "Create the device database (safe to run again)");
    auto* officer_opt = cmd->add_option("--officer", *officer,
                                        ctx.tr("Tên cán bộ sử dụng thiết bị", "Name of the officer using this device"));
    cmd->callback([&ctx, officer, officer_opt] {
        // Validate before creating anything, so a bad name leaves no database behind.
        std::string name = officer_opt->count() ? clean_text(*officer, "officer", max_short_text) : "";
        bool created = !std::filesystem::exists(ctx.db_path);
        Store& store = ctx.create_store();
        if (!name.empty()) {
            Store::Scope scope(store);
            store.set_meta("officer", name);
            scope.commit();
        }
        std::string current = store.meta("officer").value_or("");
        if (ctx.json) {
            ctx.print_json(
                {{"db", ctx.db_path}, {"created", created}, {"site", store.site_id()}, {"officer", current}});
            return;
        }
        ctx.print_line(created ? ctx.tr("Đã tạo cơ sở dữ liệu: ", "Created database: ") + ctx.db_path
                               : ctx.tr("Cơ sở dữ liệu đã có: ", "Database already exists: ") + ctx.db_path);
        ctx.print_rows({{ctx.tr("Mã thiết bị", "Site id"), store.site_id()}, {ctx.tr("Cán bộ", "Officer"), current}});
    });
}

}  // namespace langnghe::cli
