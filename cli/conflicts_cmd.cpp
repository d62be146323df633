// `langnghe conflicts [show ID | reapply ID | dismiss ID]`: values that lost a concurrent edit.
// They are never dropped: a person lists them, compares, and re-applies the lost value or
// confirms the winner.
#include "commands.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/vocab.h"

namespace langnghe::cli {

namespace {
void print_conflict(Context& ctx, const Conflict& c) {
    ctx.print_rows({
        {ctx.tr("Mã xung đột", "Conflict id"), c.id},
        {ctx.tr("Bản ghi", "Record"),
         c.record_id + " (" + std::string(label_of(record_types(), c.record_type, ctx.lang())) + ")"},
        {ctx.tr("Đơn vị", "Unit"), c.unit},
        {ctx.tr("Trường", "Field"), std::string(field_label(c.field, ctx.lang()))},
        {ctx.tr("Giá trị đang dùng", "Current value"), display_value(c.winning_value)},
        {ctx.tr("  ghi bởi thiết bị", "  written by device"), c.winning_site},
        {ctx.tr("Giá trị bị thay thế", "Lost value"), display_value(c.lost_value)},
        {ctx.tr("  ghi bởi thiết bị", "  written by device"), c.lost_site},
    });
}

void add_action_on(CLI::App& group, Context& ctx, const std::string& name, std::string_view help_vi,
                   std::string_view help_en, void (*act)(Store&, const Actor&, const std::string&)) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, name, help_vi, help_en);
    cmd->add_option("ID", *id, ctx.tr("Mã xung đột", "Conflict id"))->required();
    cmd->callback([&ctx, id, act, name] {
        Store& store = ctx.store();
        Conflict c = get_conflict(store, *id);
        act(store, ctx.actor(), *id);
        if (ctx.json) return ctx.print_json(conflict_view(c));
        ctx.print_line(
            name == "reapply"
                ? ctx.tr("Đã áp dụng lại giá trị cho ", "Re-applied the lost value of ") + c.record_id + " " + std::string(field_label(c.field, ctx.lang()))
                : ctx.tr("Đã giữ giá trị hiện tại của ", "Kept the current value of ") + c.record_id + " " + std::string(field_label(c.field, ctx.lang())));
    });
}
}  // namespace

void add_conflicts_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_command(app, ctx, "conflicts", "Liệt kê, xem và xử lý xung đột khi hợp nhất",
                                  "List, show and settle merge conflicts");
    group->require_subcommand(0, 1);
    group->callback([&ctx, group] {
        if (!group->get_subcommands().empty()) return;
        std::vector<Conflict> conflicts = list_conflicts(ctx.store());
        if (ctx.json) return ctx.print_json_text(to_json_array(conflicts, conflict_view));
        if (conflicts.empty()) return ctx.print_line(ctx.tr("Không có xung đột nào.", "No open conflicts."));
        std::vector<std::vector<std::string>> rows;
        for (const auto& c : conflicts)
            rows.push_back({c.id, c.record_id, std::string(field_label(c.field, ctx.lang())), shorten(display_value(c.winning_value), 30),
                            shorten(display_value(c.lost_value), 30)});
        ctx.print_table({ctx.tr("Mã", "Id"), ctx.tr("Bản ghi", "Record"), ctx.tr("Trường", "Field"),
                         ctx.tr("Đang dùng", "Current"), ctx.tr("Bị thay thế", "Lost")},
                        rows);
    });

    auto id = std::make_shared<std::string>();
    CLI::App* show = add_command(*group, ctx, "show", "Xem một xung đột", "Show a conflict");
    show->add_option("ID", *id, ctx.tr("Mã xung đột", "Conflict id"))->required();
    show->callback([&ctx, id] {
        Conflict c = get_conflict(ctx.store(), *id);
        if (ctx.json) return ctx.print_json(conflict_view(c));
        print_conflict(ctx, c);
    });
    add_action_on(*group, ctx, "reapply", "Áp dụng lại giá trị bị thay thế", "Re-apply the lost value",
                  &reapply_conflict);
    add_action_on(*group, ctx, "dismiss", "Giữ giá trị hiện tại, bỏ qua xung đột", "Keep the current value",
                  &dismiss_conflict);
}

}  // namespace langnghe::cli
