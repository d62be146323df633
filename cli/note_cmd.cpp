// `langnghe note add|list`: append-only comments on a feedback item or an action.
#include "commands.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/note.h"

namespace langnghe::cli {

namespace {
// Feedback may be named by its receipt code; anything else by its id.
std::string resolve_target(Store& store, const std::string& target) {
    if (target.rfind("ac-", 0) == 0) return target;
    return get_feedback(store, target).id;
}

void add_add(CLI::App& group, Context& ctx) {
    auto target = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "add", "Thêm ghi chú vào ý kiến hoặc kế hoạch; in mã của nó",
                                "Add a note to feedback or an action; prints its id");
    cmd->add_option(
           "TARGET", *target,
           ctx.tr("Mã ý kiến (hoặc mã biên nhận) hoặc mã kế hoạch", "Feedback id (or receipt code) or action id"))
        ->required();
    cmd->add_option("--text", *text, ctx.tr("Nội dung ghi chú", "The note"))->required();
    cmd->callback([&ctx, target, text] {
        Store& store = ctx.store();
        std::string id = add_note(store, ctx.actor(), resolve_target(store, *target), *text);
        if (ctx.json) {
            for (const auto& n : list_notes(store, resolve_target(store, *target)))
                if (n.id == id) return ctx.print_json(note_view(n));
        }
        ctx.print_line(id);
    });
}

void add_list(CLI::App& group, Context& ctx) {
    auto target = std::make_shared<std::string>();
    CLI::App* cmd = add_command(group, ctx, "list", "Liệt kê ghi chú", "List notes");
    cmd->add_option("TARGET", *target, ctx.tr("Mã ý kiến hoặc mã kế hoạch", "Feedback id or action id"))->required();
    cmd->callback([&ctx, target] {
        Store& store = ctx.store();
        std::vector<Note> notes = list_notes(store, resolve_target(store, *target));
        if (ctx.json) return ctx.print_json_text(to_json_array(notes, note_view));
        for (const auto& n : notes) ctx.print_line(ctx.date(n.at) + "  " + n.author + ": " + n.text);
    });
}
}  // namespace

void add_note_commands(CLI::App& app, Context& ctx) {
    CLI::App* group = add_group(app, ctx, "note", "Ghi chú (chỉ thêm, không sửa)", "Notes (append-only)");
    add_add(*group, ctx);
    add_list(*group, ctx);
}

}  // namespace langnghe::cli
