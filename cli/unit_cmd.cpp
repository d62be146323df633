// `langnghe unit import|list|find`: the administrative unit tree records belong to.
#include "commands.h"
#include "langnghe/base/files.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"

namespace langnghe::cli {

namespace {
void add_import(CLI::App& group, Context& ctx) {
    auto file = std::make_shared<std::string>();
    auto options = std::make_shared<UnitImportOptions>();
    CLI::App* cmd = add_command(group, ctx, "import", "Nhập danh sách đơn vị từ tệp CSV hoặc JSON",
                                "Import units from a CSV or JSON file");
    cmd->add_option("FILE", *file,
                    ctx.tr("Tệp CSV có dòng tiêu đề code,name,kind,parent_code (hoặc JSON)",
                           "CSV file with the header code,name,kind,parent_code (or JSON)"))
        ->required();
    cmd->add_option("--namespace", options->code_namespace,
                    ctx.tr("Tiền tố cho mọi mã của tệp (ví dụ 2019: 00004 thành 2019.00004), để hai danh sách có mã trùng nhau cùng tồn tại",
                           "Prefix for every code of the file (e.g. 2019: 00004 becomes 2019.00004), so two lists whose codes collide can coexist"));
    cmd->add_flag("--rename", options->allow_renames,
                  ctx.tr("Cho phép đổi tên hoặc đổi cấp trên của đơn vị đang có hồ sơ",
                         "Allow renaming or moving units that hold records"));
    cmd->callback([&ctx, file, options] {
        std::string text = read_file(*file);
        Store& store = ctx.store();
        UnitImportResult r = import_units(store, ctx.actor(), text, *options);
        if (ctx.json) return ctx.print_json(unit_import_view(r));
        ctx.print_rows({{ctx.tr("Thêm mới", "Added"), std::to_string(r.added)},
                        {ctx.tr("Cập nhật", "Updated"), std::to_string(r.updated)},
                        {ctx.tr("Không đổi", "Unchanged"), std::to_string(r.unchanged)}});
    });
}

void add_list(CLI::App& group, Context& ctx) {
    auto under = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê đơn vị", "List units");
    auto* under_opt = cmd->add_option(
        "--under", *under, ctx.tr("Chỉ đơn vị này và các đơn vị trực thuộc", "Only this unit and the units below it"));
    cmd->callback([&ctx, under, under_opt] {
        Store& store = ctx.store();
        std::optional<std::string> root;
        if (under_opt->count()) root = require_unit(store, *under, "under");
        std::vector<Unit> units = list_units(store, root);
        std::erase_if(units, [](const Unit& u) { return u.deleted; });
        if (ctx.json) return ctx.print_json_text(to_json_array(units, unit_view));
        std::vector<std::vector<std::string>> rows;
        for (const auto& u : units)
            rows.push_back({u.code, u.name, std::string(label_of(unit_kinds(), u.kind, ctx.lang())), u.parent});
        ctx.print_table(
            {ctx.tr("Mã", "Code"), ctx.tr("Tên", "Name"), ctx.tr("Loại", "Kind"), ctx.tr("Đơn vị cấp trên", "Parent")},
            rows);
    });
}
void add_find(CLI::App& group, Context& ctx) {
    auto query = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "find", "Tìm mã đơn vị theo tên (không cần dấu)",
                                "Find a unit's code by its name (marks optional)");
    cmd->add_option("NAME", *query, ctx.tr("Tên hoặc một phần tên, ví dụ \"ba dinh\"", "Name or part of it, e.g. \"ba dinh\""))
        ->required();
    cmd->callback([&ctx, query] {
        Store& store = ctx.store();
        std::vector<Unit> units = search_units(store, *query);
        if (ctx.json) return ctx.print_json_text(to_json_array(units, unit_view));
        std::vector<std::vector<std::string>> rows;
        for (const auto& u : units) {
            // Communes of different provinces share names: the parent tells them apart.
            auto parent = u.parent.empty() ? std::nullopt : find_unit(store, u.parent);
            rows.push_back({u.code, u.name, std::string(label_of(unit_kinds(), u.kind, ctx.lang())),
                            parent ? parent->name : ""});
        }
        ctx.print_table(
            {ctx.tr("Mã", "Code"), ctx.tr("Tên", "Name"), ctx.tr("Loại", "Kind"), ctx.tr("Thuộc", "Under")}, rows);
        if (units.empty()) ctx.tell(ctx.tr("Không tìm thấy đơn vị nào", "No unit found"));
    });
}
}  // namespace

void add_unit_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "unit", "Đơn vị hành chính", "Administrative units");
    add_import(*group, ctx);
    add_list(*group, ctx);
    add_find(*group, ctx);
}

}  // namespace langnghe::cli
