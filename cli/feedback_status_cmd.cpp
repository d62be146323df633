// `langnghe feedback acknowledge|answer|resolve|refer|reopen|delete|restore`: the lifecycle of a
// feedback item. Each change is kept as status history (who, when, from, to) by the core. A status
// change may be dated when it happened (`--at`): an answer given at a forum and typed up later.
#include <functional>
#include <optional>

#include "commands.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/vocab.h"
#include "options.h"

namespace langnghe::cli {

namespace {
struct Args {
    std::string id;
    std::string text;
    std::optional<std::string> at;
};

using Change = std::function<void(Store&, const Actor&, const std::string& id, const std::string& text,
                                  const std::optional<std::string>& at)>;
enum class Dating { now, may_be_earlier };

// After a change: the id and the new status, or the whole record with --json.
void print_result(Context& ctx, const std::string& id) {
    Feedback f = get_feedback(ctx.store(), id);
    if (ctx.json) return ctx.print_json(feedback_view(f));
    std::string state = std::string(label_of(feedback_statuses(), f.status, ctx.lang()));
    if (f.deleted) state += ctx.tr(" (đã xóa)", " (deleted)");
    ctx.print_line(f.id + "  " + state);
}

// A command taking the feedback id, `--at` when the change may be dated earlier, and when
// `text_option` is given, a text option (required unless `text_optional`).
void add_change(CLI::App& group, Context& ctx, const std::string& name, std::string_view help_vi,
                std::string_view help_en, Dating dating, Change change, const std::string& text_option = {},
                std::string_view text_vi = {}, std::string_view text_en = {}, bool text_optional = false) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(group, ctx, name, help_vi, help_en);
    cmd->add_option("ID", args->id, ctx.tr("Mã ý kiến hoặc mã biên nhận", "Feedback id or receipt code"))->required();
    if (!text_option.empty()) {
        auto* opt = cmd->add_option(text_option, args->text, ctx.tr(text_vi, text_en));
        if (!text_optional) opt->required();
    }
    if (dating == Dating::may_be_earlier)
        add_text_option(cmd, "--at", args->at,
                        ctx.tr("Thời điểm thực hiện nếu sớm hơn lúc ghi (dd/mm/yyyy hoặc yyyy-mm-dd, có thể kèm hh:mm; "
                               "không ở tương lai, không trước lúc tiếp nhận)",
                               "When it happened, if before now (yyyy-mm-dd or dd/mm/yyyy, optionally hh:mm; not in the "
                               "future, not before the feedback was received)"));
    cmd->callback([&ctx, args, change] {
        Store& store = ctx.store();
        std::string id = get_feedback(store, args->id).id;
        change(store, ctx.actor(), id, args->text, args->at);
        print_result(ctx, id);
    });
}
}  // namespace

void add_feedback_status_commands(CLI::App& group, Context& ctx) {
    using At = std::optional<std::string>;
    add_change(group, ctx, "acknowledge", "Ghi nhận ý kiến", "Acknowledge the feedback", Dating::may_be_earlier,
               [](Store& s, const Actor& a, const std::string& id, const std::string&, const At& at) {
                   acknowledge_feedback(s, a, id, at);
               });
    add_change(
        group, ctx, "answer", "Giải đáp ý kiến (lưu nội dung trả lời)", "Answer the feedback (the answer is kept)",
        Dating::may_be_earlier,
        [](Store& s, const Actor& a, const std::string& id, const std::string& text, const At& at) {
            answer_feedback(s, a, id, text, at);
        },
        "--text", "Nội dung trả lời", "The answer");
    add_change(
        group, ctx, "resolve", "Đánh dấu đã giải quyết", "Mark the feedback resolved", Dating::may_be_earlier,
        [](Store& s, const Actor& a, const std::string& id, const std::string& text, const At& at) {
            resolve_feedback(s, a, id, text, at);
        },
        "--note", "Ghi chú (không bắt buộc)", "A note (optional)", true);
    add_change(
        group, ctx, "refer", "Chuyển cho cơ quan khác (không thuộc thẩm quyền Công an)",
        "Refer to another body (not a police matter)", Dating::may_be_earlier,
        [](Store& s, const Actor& a, const std::string& id, const std::string& text, const At& at) {
            refer_feedback(s, a, id, text, at);
        },
        "--to", "Chuyển đến cơ quan nào", "The body it is referred to");
    add_change(
        group, ctx, "reopen", "Mở lại ý kiến (cần lý do)", "Reopen the feedback (needs a reason)", Dating::may_be_earlier,
        [](Store& s, const Actor& a, const std::string& id, const std::string& text, const At& at) {
            reopen_feedback(s, a, id, text, at);
        },
        "--reason", "Lý do mở lại", "Why it is reopened");
    add_change(
        group, ctx, "delete", "Xóa ý kiến (khôi phục được, cần lý do)", "Delete the feedback (it can be restored; needs a reason)",
        Dating::now,
        [](Store& s, const Actor& a, const std::string& id, const std::string& text, const At&) {
            delete_record(s, a, id, text);
        },
        "--reason", "Lý do xóa", "Why it is deleted");
    add_change(
        group, ctx, "restore", "Khôi phục ý kiến đã xóa (cần lý do)", "Restore deleted feedback (needs a reason)",
        Dating::now,
        [](Store& s, const Actor& a, const std::string& id, const std::string& text, const At&) {
            restore_record(s, a, id, text);
        },
        "--reason", "Lý do khôi phục", "Why it is restored");
}

}  // namespace langnghe::cli
