#include "feedback_text.h"

#include <map>

#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"

namespace langnghe::cli {

namespace {
std::string label(const Context& ctx, std::span<const Label> vocabulary, const std::string& code) {
    return std::string(label_of(vocabulary, code, ctx.lang()));
}

// A history entry is a status, or a delete or restore.
std::string history_label(const Context& ctx, std::span<const Label> statuses, const std::string& code) {
    bool is_event = label_of(record_events(), code, ctx.lang()) != code;
    return label(ctx, is_event ? record_events() : statuses, code);
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}
}  // namespace

void print_feedback_table(Context& ctx, const std::vector<Feedback>& items) {
    // Lists span wards and groups, so each row names its unit; names are looked up once per unit.
    std::map<std::string, std::string> unit_names;
    auto unit_name = [&](const std::string& code) -> const std::string& {
        auto [at, added] = unit_names.try_emplace(code, code);
        if (added)
            if (auto unit = find_unit(ctx.store(), code)) at->second = shorten(unit->name, 28);
        return at->second;
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : items)
        rows.push_back({f.id, ctx.date(f.received_at.substr(0, 10)), label(ctx, feedback_statuses(), f.status),
                        unit_name(f.unit), label(ctx, categories(), f.category), shorten(f.text, 60)});
    ctx.print_table({ctx.tr("Mã", "Id"), ctx.tr("Ngày", "Date"), ctx.tr("Trạng thái", "Status"), ctx.tr("Đơn vị", "Unit"),
                     ctx.tr("Lĩnh vực", "Category"), ctx.tr("Nội dung", "Text")},
                    rows);
}

void print_feedback(const Context& ctx, const Feedback& f, const std::string& unit_name,
                    const std::vector<StatusEvent>& history, std::size_t revisions) {
    std::string resident = f.anonymous ? ctx.tr("ẩn danh", "anonymous") : f.resident_name;
    if (!f.anonymous && !f.resident_phone.empty()) resident += (resident.empty() ? "" : " · ") + f.resident_phone;
    ctx.print_rows({
        {ctx.tr("Mã", "Id"), f.id},
        {ctx.tr("Mã biên nhận", "Receipt code"), f.code},
        {ctx.tr("Đơn vị", "Unit"), unit_name.empty() ? f.unit : f.unit + " · " + unit_name},
        {ctx.tr("Tổ dân phố", "Residential group"), f.group},
        {ctx.tr("Hội nghị", "Forum"), f.forum},
        {ctx.tr("Kênh tiếp nhận", "Channel"), label(ctx, channels(), f.channel)},
        {ctx.tr("Loại", "Kind"), label(ctx, feedback_kinds(), f.kind)},
        {ctx.tr("Lĩnh vực", "Category"), label(ctx, categories(), f.category)},
        {ctx.tr("Nội dung", "Text"), f.text},
        {ctx.tr("Người dân", "Resident"), resident},
        {ctx.tr("Cán bộ được phản ánh", "Officer concerned"), f.officer},
        {ctx.tr("Tiếp nhận lúc", "Received at"), ctx.date(f.received_at)},
        {ctx.tr("Người ghi", "Recorded by"), f.recorded_by},
        {ctx.tr("Trạng thái", "Status"), label(ctx, feedback_statuses(), f.status)},
        // After a reopen the last answer or referral no longer stands: shown as earlier, not current.
        {ctx.tr("Trả lời", "Answer"), f.is_answered() ? f.answer : ""},
        {ctx.tr("Trả lời trước (đã mở lại)", "Earlier answer (reopened)"), f.is_answered() ? "" : f.answer},
        {ctx.tr("Chuyển đến", "Referred to"), f.status == "referred" ? f.referred_to : ""},
        {ctx.tr("Đã chuyển trước đây đến", "Earlier referred to"), f.status == "referred" ? "" : f.referred_to},
        {ctx.tr("Nhãn", "Tags"), join(f.tags)},
        {ctx.tr("Đã xóa", "Deleted"), f.deleted ? ctx.yes_no(true) : ""},
        {ctx.tr("Xung đột chưa xử lý", "Open conflicts"), f.conflicts ? std::to_string(f.conflicts) : ""},
        {ctx.tr("Số lần sửa", "Revisions"),
         revisions ? std::to_string(revisions) + ctx.tr(" (xem `feedback history`)", " (see `feedback history`)") : ""},
    });
    if (history.empty()) return;
    ctx.print_line(ctx.tr("Lịch sử trạng thái:", "Status history:"));
    print_history(ctx, history, feedback_statuses());
}

void print_history(const Context& ctx, const std::vector<StatusEvent>& history, std::span<const Label> statuses) {
    for (const auto& e : history) {
        std::string line = "  " + ctx.date(e.at) + "  " + (e.by.empty() ? "-" : e.by) + "  " +
                           label(ctx, statuses, e.from) + " → " + history_label(ctx, statuses, e.to);
        if (!e.note.empty()) line += " (" + e.note + ")";
        ctx.print_line(line);
    }
}

}  // namespace langnghe::cli
