// `langnghe feedback history ID` and `langnghe action history ID`: every revision, status change,
// delete, restore and note of a record, oldest first, with who wrote it, on which device and when.
#include "commands.h"
#include "langnghe/model/action.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/history.h"
#include "langnghe/model/redaction.h"
#include "langnghe/model/vocab.h"
#include "langnghe/storage/redaction.h"

namespace langnghe::cli {

namespace {
std::string quoted_or_empty(const Context& ctx, const std::string& value) {
    if (value == redacted_text()) return ctx.tr("[đã ẩn]", "[redacted]");
    return value.empty() ? ctx.tr("(trống)", "(empty)") : "\"" + value + "\"";
}

std::string what_changed(const Context& ctx, const HistoryEntry& e, std::span<const Label> statuses) {
    auto label = [&](std::span<const Label> vocabulary, const std::string& code) {
        return std::string(label_of(vocabulary, code, ctx.lang()));
    };
    std::string why = e.note.empty() ? "" : " (" + e.note + ")";
    switch (e.kind) {
        case HistoryEntry::Kind::revision:
            return label(revised_fields(), e.field) + ": " + quoted_or_empty(ctx, e.old_value) + " → " +
                   quoted_or_empty(ctx, e.new_value);
        case HistoryEntry::Kind::status:
            return ctx.tr("Trạng thái: ", "Status: ") + label(statuses, e.old_value) + " → " + label(statuses, e.new_value) + why;
        case HistoryEntry::Kind::deleted:
        case HistoryEntry::Kind::restored:
            return label(record_events(), std::string(kind_code(e.kind))) + why;
        case HistoryEntry::Kind::note: return ctx.tr("Ghi chú: ", "Note: ") + e.note;
        case HistoryEntry::Kind::redacted:
            return ctx.tr("Đã ẩn thông tin: ", "Redacted: ") + label(revised_fields(), e.field) + why;
    }
    return {};
}

void print_history_entries(Context& ctx, const std::vector<HistoryEntry>& entries, std::span<const Label> statuses) {
    if (ctx.json) return ctx.print_json_text(to_json_array(entries, history_entry_view));
    if (entries.empty()) return ctx.print_line(ctx.tr("Chưa có thay đổi nào.", "No changes yet."));
    for (const auto& e : entries)
        ctx.print_line(ctx.date(e.at.substr(0, 19)) + "  " + (e.officer.empty() ? "-" : e.officer) + "  [" +
                       ctx.tr("thiết bị ", "device ") + (e.device.empty() ? "?" : e.device) + "]  " +
                       what_changed(ctx, e, statuses));
}
}  // namespace

void add_feedback_history_command(CLI::App& feedback, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = add_command(feedback, ctx, "history", "Mọi thay đổi của một ý kiến: ai, trên thiết bị nào, khi nào",
                                "Every change of a feedback item: who, on which device, when");
    cmd->add_option("ID", *id, ctx.tr("Mã ý kiến hoặc mã biên nhận", "Feedback id or receipt code"))->required();
    cmd->callback([&ctx, id] {
        Store& store = ctx.store();
        print_history_entries(ctx, record_history(store, get_feedback(store, *id).id), feedback_statuses());
    });
}

void add_feedback_redact_command(CLI::App& feedback, Context& ctx) {
    struct Args {
        std::string id, field, reason;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = add_command(feedback, ctx, "redact",
                                "Ẩn vĩnh viễn họ tên, số điện thoại hoặc nội dung trên mọi máy (trưởng đơn vị, cần lý do)",
                                "Remove a name, phone or text on every replica for good (unit head; needs a reason)");
    cmd->add_option("ID", args->id, ctx.tr("Mã ý kiến hoặc mã biên nhận", "Feedback id or receipt code"))->required();
    cmd->add_option("--field", args->field, "resident_phone | resident_name | text")
        ->required()
        ->check(CLI::IsMember({"resident_phone", "resident_name", "text"}));
    cmd->add_option("--reason", args->reason, ctx.tr("Lý do ẩn thông tin", "Why it is redacted"))->required();
    cmd->callback([&ctx, args] {
        Store& store = ctx.store();
        std::string id = get_feedback(store, args->id).id;
        redact_feedback(store, ctx.actor(), id, args->field, args->reason);
        ctx.print_line(id + "  " + ctx.tr("đã ẩn ", "redacted ") +
                       std::string(label_of(revised_fields(), args->field, ctx.lang())));
    });
}

void add_action_history_command(CLI::App& action, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* cmd = add_command(action, ctx, "history", "Mọi thay đổi của một kế hoạch: ai, trên thiết bị nào, khi nào",
                                "Every change of an action: who, on which device, when");
    cmd->add_option("ID", *id, ctx.tr("Mã kế hoạch", "Action id"))->required();
    cmd->callback([&ctx, id] {
        Store& store = ctx.store();
        print_history_entries(ctx, record_history(store, get_action(store, *id).id), action_statuses());
    });
}

}  // namespace langnghe::cli
