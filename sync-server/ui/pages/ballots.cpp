// The ballots page (/ui/ballots): satisfaction ballots of the user's unit subtree in a period, by
// criterion, computed by the core's satisfaction_figures over the core's ballot list: the figures
// `langnghe report` prints for the same unit and period. Ballots are anonymous; comments are not
// shown.
#include <algorithm>

#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/report.h"
#include "langnghe/storage/queries.h"
#include "pages.h"
#include "parts.h"

namespace langnghe::server::ui {

namespace {
std::string mean_text(const SatisfactionFigures& s, std::string_view criterion, Lang lang) {
    auto it = s.mean_by_criterion.find(std::string(criterion));
    return s.ballots && it != s.mean_by_criterion.end() ? decimal_text(it->second, 2, lang) : std::string("–");
}

std::string by_criterion(const SatisfactionFigures& s, Lang lang) {
    std::string rows;
    for (const auto& c : ballot_criteria()) rows += "<tr>" + row_head(c.text(lang)) + cell(mean_text(s, c.code, lang), true) + "</tr>";
    return "<h2 id=\"t-criteria\">" + tr(lang, "Điểm trung bình theo tiêu chí", "Mean score by criterion") + "</h2>\n" +
           boxed_table("t-criteria", col_head(tr(lang, "Tiêu chí", "Criterion")) + col_head(tr(lang, "Điểm trung bình (1–5)", "Mean (1–5)"), true),
                       "<tbody>" + rows + "</tbody>");
}

// "Tháng 11/2026" / "November 2026"; a month the core would not parse is shown as it is.
std::string month_label(const std::string& month, Lang lang) {
    try {
        return parse_month(month).label(lang);
    } catch (const Error&) {
        return month;
    }
}

std::string by_month(const SatisfactionFigures& s, Lang lang) {
    std::string rows;
    for (const auto& [month, m] : s.by_month)
        rows += "<tr>" + row_head(month_label(month, lang)) + cell(std::to_string(m.count), true) + cell(decimal_text(m.mean_overall, 2, lang), true) + "</tr>";
    return "<h2 id=\"t-months\">" + tr(lang, "Theo tháng", "By month") + "</h2>\n" +
           boxed_table("t-months",
                       col_head(tr(lang, "Tháng", "Month")) + col_head(tr(lang, "Số phiếu", "Ballots"), true) +
                           col_head(tr(lang, "Đánh giá chung trung bình", "Mean overall score"), true),
                       "<tbody>" + rows + "</tbody>");
}

// One row per direct child unit with ballots, each over the child's subtree.
std::string children(Store& store, const std::string& unit, const std::vector<Ballot>& ballots, Lang lang) {
    std::vector<Unit> below;
    for (auto& u : list_units(store, unit))
        if (u.parent == unit && u.code != unit && !u.deleted) below.push_back(std::move(u));
    if (below.empty()) return {};
    std::sort(below.begin(), below.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    std::map<std::string, std::size_t> child_of;
    for (std::size_t i = 0; i < below.size(); ++i)
        for (const auto& code : unit_subtree(store, below[i].code)) child_of.emplace(code, i);
    std::vector<std::vector<Ballot>> of_child(below.size());
    for (const auto& b : ballots)
        if (auto it = child_of.find(b.unit); it != child_of.end()) of_child[it->second].push_back(b);
    std::string head = col_head(tr(lang, "Đơn vị", "Unit")) + col_head(tr(lang, "Số phiếu", "Ballots"), true) +
                       col_head(tr(lang, "Hài lòng", "Satisfied"), true);
    for (const auto& c : ballot_criteria()) head += col_head(c.text(lang), true);
    std::string rows;
    std::size_t without = 0;
    for (std::size_t i = 0; i < below.size(); ++i) {
        if (of_child[i].empty()) {
            ++without;
            continue;
        }
        SatisfactionFigures s = satisfaction_figures(of_child[i]);
        std::string name = lang == Lang::en && !below[i].name_en.empty() ? below[i].name_en : below[i].name;
        rows += "<tr>" + row_head(below[i].code + " " + name) + cell(std::to_string(s.ballots), true) +
                cell(percent_text(s.satisfied_share, lang), true);
        for (const auto& c : ballot_criteria()) rows += cell(mean_text(s, c.code, lang), true);
        rows += "</tr>";
    }
    std::string out = "<h2 id=\"t-units\">" + tr(lang, "Các đơn vị trực thuộc", "Units below") + "</h2>\n";
    if (!rows.empty()) out += boxed_table("t-units", head, "<tbody>" + rows + "</tbody>");
    if (without)
        out += "<p class=\"muted\">" + std::to_string(without) + " " +
               tr(lang, "đơn vị không có phiếu trong kỳ này.", "units have no ballots in this period.") + "</p>\n";
    return out;
}
}  // namespace

std::string ballots_body(Store& store, Lang lang, const ListQuery& q) {
    CalendarPeriod period = period_in(q.query).value_or(quarter_of(q.today));
    ReportPeriod dates = period.dates();
    BallotFilter filter;
    filter.unit = q.unit;  // the subtree: the scope is in the query
    filter.from_date = dates.from;
    filter.to_date = dates.to;
    std::vector<Ballot> ballots = list_ballots(store, filter);  // voided ones left out
    SatisfactionFigures s = satisfaction_figures(ballots);

    std::string out = "<h1>" + esc(tr(lang, "Phiếu đánh giá sự hài lòng: ", "Satisfaction ballots: ") + unit_title(store, q.unit, lang)) +
                      "</h1>\n";
    out += "<p>" + esc(period.label(lang) + " (" + format_date(dates.from, lang) + " – " + format_date(dates.to, lang) + ")") + "</p>\n";
    out += period_form("/ui/ballots", period, lang);
    std::string summary = "<tr>" + row_head(tr(lang, "Số phiếu", "Ballots")) + cell(std::to_string(s.ballots), true) + "</tr><tr>" +
                          row_head(tr(lang, "Tỷ lệ hài lòng (đánh giá chung ≥ 4)", "Share satisfied (overall ≥ 4)")) +
                          cell(s.ballots ? percent_text(s.satisfied_share, lang) : "–", true) + "</tr>";
    out += "<h2 id=\"t-summary\">" + tr(lang, "Tổng hợp", "Summary") + "</h2>\n" +
           boxed_table("t-summary", col_head(tr(lang, "Chỉ số", "Figure")) + col_head(period.label(lang), true), "<tbody>" + summary + "</tbody>");
    if (!s.ballots) return out + "<p>" + tr(lang, "Không có phiếu nào trong kỳ này.", "No ballots in this period.") + "</p>\n";
    out += by_criterion(s, lang) + by_month(s, lang) + children(store, q.unit, ballots, lang);
    return out;
}

}  // namespace langnghe::server::ui
