// The actions page (/ui/actions): the open actions of the user's unit subtree that are overdue or
// due soon, from the core's action list (`langnghe action list --due-before`), grouped by unit and
// owner, the longest overdue first within each owner. Owners are officers; no resident is named.
#include <algorithm>
#include <map>

#include "langnghe/base/dates.h"
#include "langnghe/model/action.h"
#include "pages.h"
#include "parts.h"
#include "../form.h"

namespace langnghe::server::ui {

namespace {
constexpr int default_days = 7, most_days = 366;

int days_ahead(const std::map<std::string, std::string>& query) {
    auto it = query.find("days");
    if (it == query.end() || it->second.empty()) return default_days;
    const std::string& text = it->second;
    if (text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) > most_days)
        throw_invalid("days", "days: '" + text + "' is not a number of days from 0 to 366",
                      "days: '" + text + "' không phải số ngày từ 0 đến 366");
    return std::stoi(text);
}

// "Quá hạn 12 ngày" / "Đến hạn hôm nay" / "Còn 3 ngày".
std::string state_text(std::int64_t days_left, Lang lang) {
    if (days_left < 0) return tr(lang, "Quá hạn ", "Overdue by ") + std::to_string(-days_left) + tr(lang, " ngày", " days");
    if (days_left == 0) return tr(lang, "Đến hạn hôm nay", "Due today");
    return tr(lang, "Còn ", "Due in ") + std::to_string(days_left) + tr(lang, " ngày", " days");
}

std::string feedback_links(const Action& a) {
    std::string out;
    for (const auto& id : a.feedback)
        out += (out.empty() ? "" : ", ") + std::string("<a href=\"") + esc("/ui/feedback/" + query_encode(id)) + "\">" + esc(id) + "</a>";
    return out.empty() ? "–" : out;
}

// One unit's table: a row group per owner, the owner named once for the group.
std::string unit_table(const std::string& heading_id, const std::vector<const Action*>& actions, std::int64_t today, Lang lang) {
    std::string groups;
    for (std::size_t i = 0; i < actions.size();) {
        std::size_t end = i;
        while (end < actions.size() && actions[end]->owner == actions[i]->owner) ++end;
        groups += "<tbody>";
        for (std::size_t k = i; k < end; ++k) {
            const Action& a = *actions[k];
            std::int64_t left = days_from_iso(a.due) - today;
            groups += std::string("<tr") + (left < 0 ? " class=\"overdue\"" : "") + ">";
            if (k == i)
                groups += "<th scope=\"rowgroup\" rowspan=\"" + std::to_string(end - i) + "\">" + esc(a.owner) + "</th>";
            groups += cell(a.description) + cell(format_date(a.due, lang)) + cell(state_text(left, lang)) +
                      cell(left < 0 ? std::to_string(-left) : "–", true) + "<td>" + feedback_links(a) + "</td></tr>";
        }
        groups += "</tbody>";
        i = end;
    }
    return boxed_table(heading_id,
                       col_head(tr(lang, "Người phụ trách", "Owner")) + col_head(tr(lang, "Việc cần làm", "Action")) +
                           col_head(tr(lang, "Hạn", "Due")) + col_head(tr(lang, "Tình trạng", "State")) +
                           col_head(tr(lang, "Số ngày quá hạn", "Days overdue"), true) +
                           col_head(tr(lang, "Ý kiến được khắc phục", "Feedback addressed")),
                       groups);
}
}  // namespace

std::string actions_body(Store& store, Lang lang, const ListQuery& q) {
    int days = days_ahead(q.query);
    std::int64_t today = days_from_iso(q.today);
    ActionFilter filter;
    filter.unit = q.unit;  // the subtree: the scope is in the query
    filter.due_before = iso_from_days(today + days);
    std::vector<Action> actions = list_actions(store, filter);
    std::erase_if(actions, [](const Action& a) { return !a.is_open() || a.deleted || a.due.empty(); });
    std::sort(actions.begin(), actions.end(), [](const Action& a, const Action& b) {
        if (a.unit != b.unit) return a.unit < b.unit;
        if (a.owner != b.owner) return a.owner < b.owner;
        return a.due != b.due ? a.due < b.due : a.id < b.id;
    });
    std::size_t overdue = 0;
    for (const auto& a : actions) overdue += a.overdue_on(q.today) ? 1 : 0;

    std::string out = "<h1>" + esc(tr(lang, "Kế hoạch quá hạn và sắp đến hạn: ", "Overdue and due-soon actions: ") +
                                   unit_title(store, q.unit, lang)) + "</h1>\n";
    out += "<p>" + esc(tr(lang, "Ngày ", "On ") + format_date(q.today, lang) + ": " + std::to_string(overdue) +
                       tr(lang, " kế hoạch quá hạn, ", " overdue, ") + std::to_string(actions.size() - overdue) +
                       tr(lang, " kế hoạch đến hạn trong ", " due within ") + std::to_string(days) + tr(lang, " ngày tới.", " days.")) +
           "</p>\n";
    out += "<form class=\"period\" method=\"get\" action=\"/ui/actions\"><div><label for=\"days\">" +
           tr(lang, "Sắp đến hạn trong (số ngày)", "Due within (days)") + "</label><input id=\"days\" name=\"days\" type=\"number\" min=\"0\" max=\"" +
           std::to_string(most_days) + "\" value=\"" + std::to_string(days) + "\"></div><div><button type=\"submit\">" +
           tr(lang, "Xem", "Show") + "</button></div></form>\n";
    if (actions.empty()) return out + "<p>" + tr(lang, "Không có kế hoạch nào quá hạn hoặc sắp đến hạn.", "No action is overdue or due soon.") + "</p>\n";
    for (std::size_t i = 0; i < actions.size();) {
        std::vector<const Action*> of_unit;
        std::size_t end = i;
        for (; end < actions.size() && actions[end].unit == actions[i].unit; ++end) of_unit.push_back(&actions[end]);
        std::string id = "u-" + std::to_string(i);
        out += "<h2 id=\"" + id + "\">" + esc(unit_title(store, actions[i].unit, lang)) + "</h2>\n" + unit_table(id, of_unit, today, lang);
        i = end;
    }
    return out;
}

}  // namespace langnghe::server::ui
