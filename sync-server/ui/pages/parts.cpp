#include "parts.h"

#include "langnghe/model/units.h"

namespace langnghe::server::ui {

std::string col_head(std::string_view text, bool number) {
    return std::string("<th scope=\"col\"") + (number ? " class=\"n\"" : "") + ">" + esc(text) + "</th>";
}
std::string row_head(std::string_view text) { return "<th scope=\"row\">" + esc(text) + "</th>"; }
std::string cell(std::string_view text, bool number) {
    return std::string(number ? "<td class=\"n\">" : "<td>") + esc(text) + "</td>";
}

std::string boxed_table(const std::string& heading_id, const std::string& head, const std::string& rows) {
    return "<div class=\"box\"><table aria-labelledby=\"" + heading_id + "\"><thead><tr>" + head + "</tr></thead>" + rows +
           "</table></div>\n";
}

std::optional<CalendarPeriod> period_in(const std::map<std::string, std::string>& query) {
    auto given = [&](const char* name) -> const std::string* {
        auto it = query.find(name);
        return it == query.end() || it->second.empty() ? nullptr : &it->second;
    };
    if (auto* m = given("month")) return parse_month(*m);
    if (auto* y = given("year")) return parse_year(*y);
    if (auto* q = given("quarter")) return parse_quarter(*q);
    return std::nullopt;
}

CalendarPeriod quarter_of(const std::string& today) {
    CalendarPeriod p;
    p.kind = CalendarPeriod::Kind::quarter;
    p.year = std::stoi(today.substr(0, 4));
    p.index = (std::stoi(today.substr(5, 2)) - 1) / 3 + 1;
    return p;
}

std::string period_form(const std::string& action, const std::optional<CalendarPeriod>& shown, Lang lang) {
    auto value = [&](CalendarPeriod::Kind kind) { return shown && shown->kind == kind ? esc(shown->code()) : std::string(); };
    return "<form class=\"period\" method=\"get\" action=\"" + esc(action) + "\">"
           "<div><label for=\"quarter\">" + tr(lang, "Quý (ví dụ 2026-Q4)", "Quarter (e.g. 2026-Q4)") +
           "</label><input id=\"quarter\" name=\"quarter\" type=\"text\" size=\"9\" value=\"" + value(CalendarPeriod::Kind::quarter) +
           "\"></div><div><label for=\"month\">" + tr(lang, "hoặc tháng (2026-11)", "or month (2026-11)") +
           "</label><input id=\"month\" name=\"month\" type=\"text\" size=\"8\" value=\"" + value(CalendarPeriod::Kind::month) +
           "\"></div><div><label for=\"year\">" + tr(lang, "hoặc năm", "or year") +
           "</label><input id=\"year\" name=\"year\" type=\"text\" size=\"5\" value=\"" + value(CalendarPeriod::Kind::year) +
           "\"></div><div><button type=\"submit\">" + tr(lang, "Xem", "Show") + "</button></div></form>\n";
}

std::string unit_title(Store& store, const std::string& code, Lang lang) {
    auto unit = find_unit(store, code);
    if (!unit) return code;
    return code + " " + (lang == Lang::en && !unit->name_en.empty() ? unit->name_en : unit->name);
}

}  // namespace langnghe::server::ui
