// One feedback item (/ui/feedback/ID): what `langnghe feedback show` and `feedback history` print,
// from the same core queries (get_feedback, status_history, record_history, list_notes,
// list_actions, list_conflicts), with the resident's name and phone only for a viewer who may see them.
#include <algorithm>

#include "feedback_pages.h"
#include "langnghe/base/error.h"
#include "langnghe/model/action.h"
#include "langnghe/model/conflicts.h"
#include "langnghe/model/history.h"
#include "langnghe/model/note.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/views.h"
#include "langnghe/storage/queries.h"
#include "langnghe/storage/redaction.h"

namespace langnghe::server::ui {

namespace {
std::string label(std::span<const Label> vocabulary, const std::string& code, Lang lang) {
    return std::string(label_of(vocabulary, code, lang));
}

bool is_personal_field(const std::string& field) { return field == "resident_name" || field == "resident_phone"; }

// A value of a field as the viewer may see it; `personal` is set when a personal value was shown.
std::string shown_value(const std::string& field, const std::string& value, const Viewer& viewer, Lang lang, bool& personal) {
    if (value == redacted_text()) return tr(lang, "[đã ẩn]", "[redacted]");
    if (value.empty()) return tr(lang, "(trống)", "(empty)");
    if (is_personal_field(field)) {
        if (!viewer.sees_personal()) return tr(lang, "ẩn", "hidden");
        personal = true;
    }
    return value;
}

std::string th_col(std::string_view text) { return "<th scope=\"col\">" + esc(text) + "</th>"; }

std::string table(const std::string& id, const std::string& head, const std::string& rows) {
    return "<div class=\"box\"><table aria-labelledby=\"" + id + "\"><thead><tr>" + head + "</tr></thead><tbody>" + rows +
           "</tbody></table></div>\n";
}

std::string section(const std::string& id, std::string_view heading, const std::string& head, const std::string& rows, Lang lang) {
    std::string out = "<h2 id=\"" + id + "\">" + esc(heading) + "</h2>\n";
    if (rows.empty()) return out + "<p class=\"muted\">" + tr(lang, "Không có.", "None.") + "</p>\n";
    return out + table(id, head, rows);
}

// A status history entry's target: a status, or a delete or restore.
std::string history_label(const std::string& code, Lang lang) {
    bool is_event = find_label(record_events(), code) != nullptr;
    return label(is_event ? record_events() : feedback_statuses(), code, lang);
}

Feedback find_in_scope(Store& store, const Viewer& viewer, const std::string& id) {
    std::optional<Feedback> f;
    try {
        f = get_feedback(store, id);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::not_found && e.code() != ErrorCode::invalid_input) throw;
    }
    if (f) {
        auto subtree = unit_subtree(store, viewer.unit);
        if (std::find(subtree.begin(), subtree.end(), f->unit) != subtree.end()) return *f;
    }
    // Outside the subtree answers as missing does, word for word.
    throw Error(ErrorCode::not_found, "No such feedback within your scope.", "id").vi("Không có ý kiến này trong phạm vi của bạn.");
}
}  // namespace

PageContent feedback_detail(Store& store, Lang lang, const Viewer& viewer, const std::string& id) {
    Feedback f = find_in_scope(store, viewer, id);
    PageContent page;
    page.title = tr(lang, "Ý kiến ", "Feedback ") + (f.code.empty() ? f.id : f.code);
    bool personal = shows_personal(f, viewer);

    std::string unit_text = f.unit;
    if (auto unit = find_unit(store, f.unit))
        unit_text += " " + (lang == Lang::en && !unit->name_en.empty() ? unit->name_en : unit->name);
    std::string rows;
    auto row = [&](std::string_view vi, std::string_view en, const std::string& value) {
        if (!value.empty()) rows += "<tr><th scope=\"row\">" + tr(lang, vi, en) + "</th><td>" + esc(value) + "</td></tr>\n";
    };
    row("Mã", "Id", f.id);
    row("Mã biên nhận", "Receipt code", f.code);
    row("Đơn vị", "Unit", unit_text);
    row("Tổ dân phố", "Residential group", f.group);
    row("Hội nghị", "Forum", f.forum);
    row("Kênh tiếp nhận", "Channel", label(channels(), f.channel, lang));
    row("Loại", "Kind", label(feedback_kinds(), f.kind, lang));
    row("Lĩnh vực", "Category", label(categories(), f.category, lang));
    row("Nội dung", "Text", f.text);
    row("Người dân", "Resident", resident_text(f, viewer, lang));
    row("Cán bộ được phản ánh", "Officer concerned", f.officer);
    row("Tiếp nhận lúc", "Received at", f.received_at);
    row("Người ghi", "Recorded by", f.recorded_by);
    row("Trạng thái", "Status", label(feedback_statuses(), f.status, lang));
    // After a reopen the last answer or referral no longer stands: shown as earlier, not current.
    row("Trả lời", "Answer", f.is_answered() ? f.answer : "");
    row("Trả lời trước (đã mở lại)", "Earlier answer (reopened)", f.is_answered() ? "" : f.answer);
    row("Chuyển đến", "Referred to", f.status == "referred" ? f.referred_to : "");
    row("Đã chuyển trước đây đến", "Earlier referred to", f.status == "referred" ? "" : f.referred_to);
    std::string tags;
    for (const auto& t : f.tags) tags += (tags.empty() ? "" : ", ") + t;
    row("Nhãn", "Tags", tags);
    row("Đã xóa", "Deleted", f.deleted ? tr(lang, "có", "yes") : "");
    row("Xung đột chưa xử lý", "Open conflicts", f.conflicts ? std::to_string(f.conflicts) : "");

    std::string& out = page.body;
    out = "<h1>" + esc(page.title) + "</h1>\n<p><a href=\"/ui/feedback\">" + tr(lang, "← Danh sách ý kiến", "← All feedback") + "</a></p>\n";
    out += "<div class=\"box\"><table aria-label=\"" + tr(lang, "Ý kiến", "Feedback") + "\"><tbody>" + rows + "</tbody></table></div>\n";

    std::string status_rows;
    for (const auto& e : status_history(store, f.id))
        status_rows += "<tr><td>" + esc(e.at) + "</td><td>" + esc(e.by) + "</td><td>" + esc(label(feedback_statuses(), e.from, lang)) +
                       "</td><td>" + esc(history_label(e.to, lang)) + "</td><td>" + esc(e.note) + "</td></tr>\n";
    out += section("d-status", tr(lang, "Lịch sử trạng thái", "Status history"),
                   th_col(tr(lang, "Lúc", "At")) + th_col(tr(lang, "Người thực hiện", "By")) + th_col(tr(lang, "Từ", "From")) +
                       th_col(tr(lang, "Sang", "To")) + th_col(tr(lang, "Ghi chú", "Note")),
                   status_rows, lang);

    std::string revision_rows;
    for (const auto& e : record_history(store, f.id)) {
        std::string what;
        switch (e.kind) {
            case HistoryEntry::Kind::revision:
                what = shown_value(e.field, e.old_value, viewer, lang, personal) + " → " + shown_value(e.field, e.new_value, viewer, lang, personal);
                break;
            case HistoryEntry::Kind::redacted: what = tr(lang, "Đã ẩn thông tin", "Redacted") + (e.note.empty() ? "" : " (" + e.note + ")"); break;
            case HistoryEntry::Kind::deleted:
            case HistoryEntry::Kind::restored:
                what = label(record_events(), std::string(kind_code(e.kind)), lang) + (e.note.empty() ? "" : " (" + e.note + ")");
                break;
            case HistoryEntry::Kind::status:
            case HistoryEntry::Kind::note: continue;  // in their own sections
        }
        std::string field = e.field.empty() ? std::string() : std::string(label_of(revised_fields(), e.field, lang));
        revision_rows += "<tr><td>" + esc(e.at) + "</td><td>" + esc(e.officer) + "</td><td>" + esc(e.device) + "</td><td>" + esc(field) +
                         "</td><td>" + esc(what) + "</td></tr>\n";
    }
    out += section("d-revisions", tr(lang, "Các lần sửa", "Revisions"),
                   th_col(tr(lang, "Lúc", "At")) + th_col(tr(lang, "Người sửa", "By")) + th_col(tr(lang, "Thiết bị", "Device")) +
                       th_col(tr(lang, "Trường", "Field")) + th_col(tr(lang, "Thay đổi", "Change")),
                   revision_rows, lang);

    std::string note_rows;
    for (const auto& n : list_notes(store, f.id))
        note_rows += "<tr><td>" + esc(n.at) + "</td><td>" + esc(n.author) + "</td><td>" + esc(n.text) + "</td></tr>\n";
    out += section("d-notes", tr(lang, "Ghi chú", "Notes"),
                   th_col(tr(lang, "Lúc", "At")) + th_col(tr(lang, "Người viết", "Author")) + th_col(tr(lang, "Nội dung", "Text")),
                   note_rows, lang);

    ActionFilter actions;
    actions.unit = viewer.unit;  // actions of the viewer's subtree only
    actions.feedback = f.id;
    std::string action_rows;
    for (const auto& a : list_actions(store, actions))
        action_rows += "<tr><td>" + esc(a.unit) + "</td><td>" + esc(a.description) + "</td><td>" + esc(a.owner) + "</td><td>" + esc(a.due) +
                       "</td><td>" + esc(label(action_statuses(), a.status, lang)) + "</td><td>" + esc(a.result) + "</td></tr>\n";
    out += section("d-actions", tr(lang, "Kế hoạch khắc phục", "Actions"),
                   th_col(tr(lang, "Đơn vị", "Unit")) + th_col(tr(lang, "Nội dung", "Description")) + th_col(tr(lang, "Phụ trách", "Owner")) +
                       th_col(tr(lang, "Hạn", "Due")) + th_col(tr(lang, "Trạng thái", "Status")) + th_col(tr(lang, "Kết quả", "Result")),
                   action_rows, lang);

    std::string conflict_rows;
    for (const auto& c : list_conflicts(store)) {
        if (c.record_id != f.id) continue;
        conflict_rows += "<tr><td>" + esc(c.id) + "</td><td>" + esc(field_label(c.field, lang)) + "</td><td>" +
                         esc(shown_value(c.field, display_value(c.winning_value), viewer, lang, personal)) + " (" + esc(c.winning_site) +
                         ")</td><td>" + esc(shown_value(c.field, display_value(c.lost_value), viewer, lang, personal)) + " (" +
                         esc(c.lost_site) + ")</td></tr>\n";
    }
    out += section("d-conflicts", tr(lang, "Xung đột được giữ lại", "Kept conflicts"),
                   th_col(tr(lang, "Mã", "Id")) + th_col(tr(lang, "Trường", "Field")) + th_col(tr(lang, "Giá trị đang dùng", "Current value")) +
                       th_col(tr(lang, "Giá trị bị thay", "Lost value")),
                   conflict_rows, lang);

    if (personal) page.personal_ids.push_back(f.id);
    return page;
}

}  // namespace langnghe::server::ui
