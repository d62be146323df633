// The overview (/ui/): the core's unit report of the user's unit subtree, the same figures
// `langnghe report` prints, as HTML tables and the report's satisfaction chart inline.
#include <set>

#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/report.h"
#include "langnghe/outputs/report_period.h"
#include "form.h"
#include "pages.h"

namespace langnghe::server::ui {

namespace {
CalendarPeriod period_of(const OverviewQuery& q) {
    auto given = [&](const char* name) -> const std::string* {
        auto it = q.query.find(name);
        return it == q.query.end() || it->second.empty() ? nullptr : &it->second;
    };
    if (auto* m = given("month")) return parse_month(*m);
    if (auto* y = given("year")) return parse_year(*y);
    if (auto* quarter = given("quarter")) return parse_quarter(*quarter);
    CalendarPeriod p;
    p.kind = CalendarPeriod::Kind::quarter;
    p.year = std::stoi(q.today.substr(0, 4));
    p.index = (std::stoi(q.today.substr(5, 2)) - 1) / 3 + 1;
    return p;
}

std::string th(std::string_view text, bool number = false) {
    return std::string("<th scope=\"col\"") + (number ? " class=\"n\"" : "") + ">" + esc(text) + "</th>";
}
std::string td(std::string_view text, bool number = true) {
    return std::string(number ? "<td class=\"n\">" : "<td>") + esc(text) + "</td>";
}
std::string row_head(std::string_view text) { return "<th scope=\"row\">" + esc(text) + "</th>"; }

std::string median_text(const std::optional<double>& days, Lang lang) {
    return days ? decimal_text(*days, 1, lang) : std::string("–");
}

std::string table(const std::string& caption_id, const std::string& head, const std::string& rows) {
    return "<div class=\"box\"><table aria-labelledby=\"" + caption_id + "\"><thead><tr>" + head + "</tr></thead><tbody>" + rows +
           "</tbody></table></div>\n";
}

std::string headline(const UnitReport& r, Lang lang) {
    PeriodFigures now = headline_figures(r);
    bool before = r.previous.has_value();
    std::string head = th(tr(lang, "Chỉ số", "Figure")) + th(r.period_label.text(lang), true);
    if (before) head += th(r.previous->label.text(lang), true);
    auto line = [&](std::string_view vi, std::string_view en, const std::string& a, const std::string& b) {
        return "<tr>" + row_head(tr(lang, vi, en)) + td(a) + (before ? td(b) : std::string()) + "</tr>";
    };
    const PeriodFigures empty;
    const PeriodFigures& prev = before ? r.previous->figures : empty;
    std::string rows =
        line("Tổng số ý kiến", "Feedback received", std::to_string(now.feedback_total), std::to_string(prev.feedback_total)) +
        line("Đã tiếp nhận", "Acknowledged", percent_text(now.acknowledged_share, lang), percent_text(prev.acknowledged_share, lang)) +
        line("Đã giải đáp", "Answered", percent_text(now.answered_share, lang), percent_text(prev.answered_share, lang)) +
        line("Đã giải quyết xong", "Resolved", percent_text(now.resolved_share, lang), percent_text(prev.resolved_share, lang)) +
        line("Số ngày giải đáp (trung vị)", "Median days to answer", median_text(now.median_days_to_answer, lang),
             median_text(prev.median_days_to_answer, lang)) +
        line("Phiếu đánh giá", "Satisfaction ballots", std::to_string(now.ballots), std::to_string(prev.ballots)) +
        line("Tỷ lệ hài lòng", "Satisfied", percent_text(now.satisfied_share, lang), percent_text(prev.satisfied_share, lang)) +
        "<tr>" + row_head(tr(lang, "Kế hoạch quá hạn", "Overdue actions")) + td(std::to_string(r.overdue_actions.size())) +
        (before ? td("") : std::string()) + "</tr>";
    return "<h2 id=\"t-summary\">" + tr(lang, "Tổng quan", "Summary") + "</h2>\n" + table("t-summary", head, rows);
}

std::string counts(const std::string& id, std::string_view vi, std::string_view en, std::span<const Label> vocabulary,
                   const std::map<std::string, std::size_t>& values, std::size_t total, Lang lang) {
    std::string rows;
    std::set<std::string> shown;
    auto add = [&](const std::string& code, std::string_view label) {
        auto it = values.find(code);
        std::size_t n = it == values.end() ? 0 : it->second;
        rows += "<tr>" + row_head(label) + td(std::to_string(n)) + td(percent_text(total ? double(n) / double(total) : 0, lang)) + "</tr>";
        shown.insert(code);
    };
    for (const auto& l : vocabulary) add(std::string(l.code), label_of(vocabulary, l.code, lang));
    for (const auto& [code, n] : values)
        if (!shown.contains(code)) add(code, code);  // a code from a newer replica: shown as it is
    return "<h2 id=\"" + id + "\">" + tr(lang, vi, en) + "</h2>\n" +
           table(id, th(tr(lang, vi, en)) + th(tr(lang, "Số ý kiến", "Items"), true) + th(tr(lang, "Tỷ lệ", "Share"), true), rows);
}

std::string children(const UnitReport& r, Lang lang, const std::map<std::string, std::string>& query) {
    if (r.children.empty()) return {};
    bool criteria = false, commitments = false;
    for (const auto& c : r.children) {
        criteria = criteria || c.criteria.has_value();
        commitments = commitments || c.commitments.has_value();
    }
    std::string head = th(tr(lang, "Đơn vị", "Unit")) + th(tr(lang, "Ý kiến", "Feedback"), true) +
                       th(tr(lang, "Đã tiếp nhận", "Acknowledged"), true) + th(tr(lang, "Đã giải đáp", "Answered"), true) +
                       th(tr(lang, "Đã giải quyết", "Resolved"), true) + th(tr(lang, "Ngày giải đáp (trung vị)", "Median days"), true) +
                       th(tr(lang, "Quá hạn", "Overdue"), true) + th(tr(lang, "Phiếu", "Ballots"), true) +
                       th(tr(lang, "Hài lòng", "Satisfied"), true);
    if (criteria) head += th(tr(lang, "Tiêu chí đạt", "Criteria met"), true);
    if (commitments) head += th(tr(lang, "Cam kết đã ký", "Commitments signed"), true);
    // Links keep the period the page shows.
    std::string period;
    for (const char* name : {"quarter", "month", "year"})
        if (auto it = query.find(name); it != query.end() && !it->second.empty()) period = "&" + std::string(name) + "=" + query_encode(it->second);
    std::string rows;
    std::size_t empty = 0;
    for (const auto& c : r.children) {
        if (c.empty()) {
            ++empty;
            continue;
        }
        std::string name = lang == Lang::en && !c.name_en.empty() ? c.name_en : c.name;
        rows += "<tr><th scope=\"row\"><a href=\"" + esc("/ui/?unit=" + query_encode(c.code) + period) + "\">" + esc(c.code + " " + name) + "</a></th>" +
                td(std::to_string(c.feedback_total)) + td(percent_text(c.acknowledged_share, lang)) +
                td(percent_text(c.answered_share, lang)) + td(percent_text(c.resolved_share, lang)) +
                td(median_text(c.median_days_to_answer, lang)) + td(std::to_string(c.overdue_actions)) +
                td(std::to_string(c.ballots)) + td(c.ballots ? percent_text(c.satisfied_share, lang) : "–");
        if (criteria) rows += td(c.criteria ? std::to_string(c.criteria->met) + "/" + std::to_string(c.criteria->total) : "–");
        if (commitments)
            rows += td(c.commitments ? std::to_string(c.commitments->signed_count) + "/" + std::to_string(c.commitments->households) : "–");
        rows += "</tr>";
    }
    std::string out = "<h2 id=\"t-units\">" + tr(lang, "Các đơn vị trực thuộc", "Units below") + "</h2>\n";
    if (!rows.empty()) out += table("t-units", head, rows);
    if (empty)
        out += "<p class=\"muted\">" + std::to_string(empty) + " " +
               tr(lang, "đơn vị không có số liệu trong kỳ này.", "units have nothing in this period.") + "</p>\n";
    return out;
}

std::string overdue(const UnitReport& r, Lang lang) {
    std::string out = "<h2 id=\"t-overdue\">" + tr(lang, "Kế hoạch khắc phục quá hạn", "Overdue actions") + "</h2>\n";
    if (r.overdue_actions.empty()) return out + "<p>" + tr(lang, "Không có.", "None.") + "</p>\n";
    std::string rows;
    for (const auto& a : r.overdue_actions)
        rows += "<tr>" + row_head(a.description) + td(a.unit + " " + a.unit_name, false) + td(a.owner, false) +
                td(format_date(a.due, lang), false) + td(std::to_string(a.days_overdue)) + "</tr>";
    return out + table("t-overdue", th(tr(lang, "Việc cần làm", "Action")) + th(tr(lang, "Đơn vị", "Unit")) +
                                       th(tr(lang, "Người phụ trách", "Owner")) + th(tr(lang, "Hạn", "Due")) +
                                       th(tr(lang, "Số ngày quá hạn", "Days overdue"), true),
                       rows);
}

// Model-unit criteria and household commitments, as `langnghe report` shows them; nothing when the
// subtree has neither in this period.
std::string practice(const UnitReport& r, Lang lang) {
    if (!r.criteria && r.commitments.empty()) return {};
    std::string out = "<h2 id=\"t-practice\">" + tr(lang, "Tiêu chí và cam kết", "Criteria and commitments") + "</h2>\n";
    if (r.criteria) {
        const ReportCriteria& c = *r.criteria;
        std::string rows = "<tr>" + row_head(tr(lang, "Bộ tiêu chí", "Criteria set")) +
                           td((lang == Lang::vi ? c.title_vi : c.title_en) + " (" + c.set_key + ")", false) + "</tr>" +
                           "<tr>" + row_head(tr(lang, "Kỳ đánh giá", "Assessed period")) + td(c.period, false) + "</tr>" +
                           "<tr>" + row_head(tr(lang, "Đơn vị đạt mọi tiêu chí", "Units meeting every criterion")) +
                           td(std::to_string(c.units_meeting_all) + "/" + std::to_string(c.units_assessed)) + "</tr>";
        out += table("t-practice", th(tr(lang, "Tiêu chí", "Criteria")) + th(tr(lang, "Giá trị", "Value")), rows);
    }
    if (!r.commitments.empty()) {
        std::string rows;
        for (const auto& l : commitment_kinds()) {
            auto it = r.commitments.find(std::string(l.code));
            if (it == r.commitments.end()) continue;
            auto share = it->second.share();
            rows += "<tr>" + row_head(l.text(lang)) + td(std::to_string(it->second.households)) +
                    td(std::to_string(it->second.signed_count)) + td(share ? percent_text(*share, lang) : "–") + "</tr>";
        }
        out += "<h3 id=\"t-commitments\">" + esc(tr(lang, "Cam kết năm ", "Commitments of ") + std::to_string(r.commitment_year)) +
               "</h3>\n" +
               table("t-commitments", th(tr(lang, "Loại cam kết", "Kind")) + th(tr(lang, "Số hộ", "Households"), true) +
                                          th(tr(lang, "Đã ký", "Signed"), true) + th(tr(lang, "Tỷ lệ đã ký", "Signed share"), true),
                     rows);
    }
    return out;
}

// The report's standalone SVG, inline: its XML declaration dropped, and a title for screen readers.
std::string chart(const UnitReport& r, Lang lang) {
    std::string svg = report_svg(r, lang);
    if (svg.rfind("<?xml", 0) == 0) svg.erase(0, svg.find('\n') + 1);
    std::string label = tr(lang, "Biểu đồ mức hài lòng theo tháng và ý kiến theo lĩnh vực",
                           "Chart of satisfaction by month and feedback by category");
    auto at = svg.find("<svg");
    if (at != std::string::npos) svg.insert(at + 4, " role=\"img\" aria-label=\"" + esc(label) + "\"");
    return "<h2 id=\"t-chart\">" + tr(lang, "Mức hài lòng theo tháng", "Satisfaction by month") + "</h2>\n<div class=\"chart box\">" +
           svg + "</div>\n";
}

std::string period_form(const CalendarPeriod& p, const std::string& unit, const std::string& user_unit, Lang lang) {
    std::string hidden = unit == user_unit ? std::string() : "<input type=\"hidden\" name=\"unit\" value=\"" + esc(unit) + "\">";
    return "<form class=\"period\" method=\"get\" action=\"/ui/\">" + hidden +
           "<div><label for=\"quarter\">" + tr(lang, "Quý (ví dụ 2026-Q4)", "Quarter (e.g. 2026-Q4)") +
           "</label><input id=\"quarter\" name=\"quarter\" type=\"text\" size=\"9\" value=\"" +
           esc(p.kind == CalendarPeriod::Kind::quarter ? p.code() : "") + "\"></div>"
           "<div><label for=\"month\">" + tr(lang, "hoặc tháng (2026-11)", "or month (2026-11)") +
           "</label><input id=\"month\" name=\"month\" type=\"text\" size=\"8\" value=\"" +
           esc(p.kind == CalendarPeriod::Kind::month ? p.code() : "") + "\"></div>"
           "<div><label for=\"year\">" + tr(lang, "hoặc năm", "or year") +
           "</label><input id=\"year\" name=\"year\" type=\"text\" size=\"5\" value=\"" +
           esc(p.kind == CalendarPeriod::Kind::year ? p.code() : "") + "\"></div>"
           "<div><button type=\"submit\">" + tr(lang, "Xem", "Show") + "</button></div></form>\n";
}
}  // namespace

std::string overview_body(Store& store, Lang lang, const OverviewQuery& q, const std::string& user_unit) {
    CalendarPeriod period = period_of(q);
    UnitReport r = unit_report(store, q.unit, period, q.today);
    std::string name = lang == Lang::en && !r.name_en.empty() ? r.name_en : r.name;
    std::string out = "<h1>" + esc(tr(lang, "Tổng quan: ", "Overview: ") + r.unit + " " + name) + "</h1>\n";
    out += "<p>" + esc(r.period_label.text(lang) + " (" + format_date(r.period.from, lang) + " – " + format_date(r.period.to, lang) +
                       ")") + "</p>\n";
    if (q.unit != user_unit)
        out += "<p><a href=\"/ui/\">" + tr(lang, "Về đơn vị của bạn", "Back to your unit") + " (" + esc(user_unit) + ")</a></p>\n";
    out += period_form(period, q.unit, user_unit, lang);
    out += headline(r, lang);
    out += counts("t-categories", "Theo lĩnh vực", "By category", categories(), r.by_category, r.feedback_total, lang);
    out += counts("t-kinds", "Theo loại ý kiến", "By kind", feedback_kinds(), r.by_kind, r.feedback_total, lang);
    out += children(r, lang, q.query);
    out += practice(r, lang);
    out += overdue(r, lang);
    out += chart(r, lang);
    return out;
}

}  // namespace langnghe::server::ui
