// `langnghe feedback acknowledge|answer|resolve|refer|reopen|delete|restore`: the lifecycle of a
// feedback item. Each change is kept as status history (who, when, from, to) by the core.
#include <functional>

#include "commands.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"
#include "options.h"

namespace langnghe::cli {

namespace {
struct Args {
    std::string id;
    std::string text;
};

using Change = std::function<void(Store&, const Actor&, const std::string& id, const std::string& text)>;

// After a change: the id and the new status, or the whole record with --json.
void print_result(Context& ctx, const std::string& id) {
    Feedback f = get_feedback(ctx.store(), id);
    if (ctx.json) return ctx.print_json(feedback_view(f));
    std::string state = std::string(label_of(feedback_statuses(), f.status, ctx.lang()));
    if (f.deleted) state += ctx.tr(" (đã xóa)", " (deleted)");
    ctx.print_line(f.id + "  " + state);
}

// A command taking the feedback id, and when `text_option` is given, a text option (required
// unless `text_optional`).
void add_change(CLI::App& group, Context& ctx, const std::string& name, std::string_view help_vi,
                std::string_view help_en, Change change, const std::string& text_option = {},
                std::string_view text_vi = {}, std::string_view text_en = {}, bool text_optional = false) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, name, help_vi, help_en);
    cmd->add_option("ID", args->id, ctx.tr("Mã ý kiến hoặc mã biên nhận", "Feedback id or receipt code"))->required();
    if (!text_option.empty()) {
        auto* opt = cmd->add_option(text_option, args->text, ctx.tr(text_vi, text_en));
        if (!text_optional) opt->required();
    }
    cmd->callback([&ctx, args, change] {
        Store& store = ctx.store();
        std::string id = get_feedback(store, args->id).id;
        change(store, ctx.actor(), id, args->text);
        print_result(ctx, id);
    });
}
}  // namespace

void add_feedback_status_commands(CLI::App& group, Context& ctx) {
    add_change(
        group, ctx, "acknowledge", "Ghi nhận ý kiến", "Acknowledge the feedback",
        [](Store& s, const Actor& a, const std::string& id, const std::string&) { acknowledge_feedback(s, a, id); });
    add_change(
        group, ctx, "answer", "Giải đáp ý kiến (lưu nội dung trả lời)", "Answer the feedback (the answer is kept)",
        [](Store& s, const Actor& a, const std::string& id, const std::string& text) {
            answer_feedback(s, a, id, text);
        },
        "--text", "Nội dung trả lời", "The answer");
    add_change(
        group, ctx, "resolve", "Đánh dấu đã giải quyết", "Mark the feedback resolved",
        [](Store& s, const Actor& a, const std::string& id, const std::string& text) {
            resolve_feedback(s, a, id, text);
        },
        "--note", "Ghi chú (không bắt buộc)", "A note (optional)", true);
    add_change(
        group, ctx, "refer", "Chuyển cho cơ quan khác (không thuộc thẩm quyền Công an)",
        "Refer to another body (not a police matter)",
        [](Store& s, const Actor& a, const std::string& id, const std::string& text) {
            refer_feedback(s, a, id, text);
        },
        "--to", "Chuyển đến cơ quan nào", "The body it is referred to");
    add_change(
        group, ctx, "reopen", "Mở lại ý kiến (cần lý do)", "Reopen the feedback (needs a reason)",
        [](Store& s, const Actor& a, const std::string& id, const std::string& text) {
            reopen_feedback(s, a, id, text);
        },
        "--reason", "Lý do mở lại", "Why it is reopened");
    add_change(
        group, ctx, "delete", "Xóa ý kiến (khôi phục được, cần lý do)", "Delete the feedback (it can be restored; needs a reason)",
        [](Store& s, const Actor& a, const std::string& id, const std::string& text) { delete_record(s, a, id, text); },
        "--reason", "Lý do xóa", "Why it is deleted");
    add_change(
        group, ctx, "restore", "Khôi phục ý kiến đã xóa (cần lý do)", "Restore deleted feedback (needs a reason)",
        [](Store& s, const Actor& a, const std::string& id, const std::string& text) { restore_record(s, a, id, text); },
        "--reason", "Lý do khôi phục", "Why it is restored");
}

}  // namespace langnghe::cli
