// The forums page (/ui/forums): the forums of the user's unit subtree from the core's forum list
// (`langnghe forum list`), newest first, and each forum's printable minutes (`langnghe forum report
// --format html`). A forum outside the subtree is answered as a missing one.
#include <algorithm>

#include "langnghe/base/dates.h"
#include "langnghe/model/forum.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/minutes.h"
#include "pages.h"
#include "parts.h"
#include "../form.h"

namespace langnghe::server::ui {

std::string forums_body(Store& store, Lang lang, const ListQuery& q) {
    std::optional<CalendarPeriod> period = period_in(q.query);
    ForumFilter filter;
    filter.unit = q.unit;  // the subtree: the scope is in the query
    if (period) {
        ReportPeriod dates = period->dates();
        filter.from_date = dates.from;
        filter.to_date = dates.to;
    }
    std::vector<Forum> forums = list_forums(store, filter);
    std::sort(forums.begin(), forums.end(), [](const Forum& a, const Forum& b) { return a.date != b.date ? a.date > b.date : a.id < b.id; });

    std::string out = "<h1>" + esc(tr(lang, "Hội nghị: ", "Forums: ") + unit_title(store, q.unit, lang)) + "</h1>\n";
    out += "<p>" + esc(period ? period->label(lang) + ": " : tr(lang, "Mọi thời gian: ", "All dates: ")) + std::to_string(forums.size()) +
           tr(lang, " hội nghị.", " forums.");
    if (period) out += " <a href=\"/ui/forums\">" + tr(lang, "Xem mọi thời gian", "Show all dates") + "</a>";
    out += "</p>\n" + period_form("/ui/forums", period, lang);
    if (forums.empty()) return out + "<p>" + tr(lang, "Không có hội nghị nào.", "No forums.") + "</p>\n";
    std::string rows;
    for (const auto& f : forums) {
        std::string minutes = "/ui/forums/" + query_encode(f.id) + "/minutes";
        rows += "<tr>" + cell(format_date(f.date, lang)) + row_head(f.title) + cell(unit_title(store, f.unit, lang)) +
                cell(label_of(forum_statuses(), f.status, lang)) + cell(f.attendee_count ? std::to_string(f.attendee_count) : "–", true) +
                "<td><a href=\"" + esc(minutes) + "\" aria-label=\"" + esc(tr(lang, "Biên bản: ", "Minutes: ") + f.title) + "\">" +
                tr(lang, "Biên bản", "Minutes") + "</a></td></tr>";
    }
    out += "<h2 id=\"t-forums\">" + tr(lang, "Danh sách hội nghị", "The forums") + "</h2>\n";
    return out + boxed_table("t-forums",
                             col_head(tr(lang, "Ngày", "Date")) + col_head(tr(lang, "Tên hội nghị", "Title")) +
                                 col_head(tr(lang, "Đơn vị", "Unit")) + col_head(tr(lang, "Trạng thái", "Status")) +
                                 col_head(tr(lang, "Số người dự", "Attendees"), true) + col_head(tr(lang, "Biên bản", "Minutes")),
                             "<tbody>" + rows + "</tbody>");
}

std::optional<std::string> minutes_document(Store& store, Lang lang, const std::string& forum_id,
                                            const std::vector<std::string>& subtree) {
    Forum forum;
    try {
        forum = get_forum(store, forum_id);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::not_found || e.code() == ErrorCode::invalid_input) return std::nullopt;
        throw;
    }
    if (forum.deleted || std::find(subtree.begin(), subtree.end(), forum.unit) == subtree.end()) return std::nullopt;
    return render_minutes({forum_minutes(store, forum.id)}, MinutesFormat::html, lang);
}

}  // namespace langnghe::server::ui
