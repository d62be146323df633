// The unit report as aligned plain text, in the user's language, for a terminal or a document.
#include <algorithm>

#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/outputs/report.h"
#include "report_terms.h"
#include "text_table.h"

namespace langnghe {
namespace {

using namespace report_detail;

// Label and value rows; with a previous period, a header naming both periods and its values beside.
std::string side_by_side(const UnitReport& r, Lang lang, const std::vector<std::string>& labels,
                         const std::vector<std::string>& current, const std::vector<std::string>& previous) {
    std::vector<std::vector<std::string>> rows;
    if (r.previous) rows.push_back({"", r.period_label.text(lang), r.previous->label.text(lang)});
    for (std::size_t i = 0; i < labels.size(); ++i) {
        rows.push_back({labels[i], current[i]});
        if (r.previous) rows.back().push_back(previous[i]);
    }
    if (r.previous) return text_table(rows, {Align::left, Align::right, Align::right});
    return text_table(rows, {Align::left, Align::right});
}

std::string criteria_score(const CriteriaScore& s) { return std::to_string(s.met) + "/" + std::to_string(s.total); }

std::string signed_share(const CommitmentFigures& f, Lang lang) {
    auto share = f.share();
    return share ? percent_text(*share, lang) : "–";
}

// Model-unit criteria and household commitments: which set and period, how many units meet all,
// the share of households that signed each kind. Nothing when there is neither.
std::string practice(const UnitReport& r, Lang lang) {
    if (!r.criteria && r.commitments.empty()) return "";
    auto t = [&](std::string_view key) { return std::string(term(key, lang)); };
    std::string out = text_heading(t("practice"));
    if (r.criteria) {
        const ReportCriteria& c = *r.criteria;
        out += text_table({{t("criteria_set"), (lang == Lang::vi ? c.title_vi : c.title_en) + " (" + c.set_key + ")"},
                           {t("criteria_period"), c.period},
                           {t("units_assessed"), std::to_string(c.units_assessed)},
                           {t("units_meeting_all"), std::to_string(c.units_meeting_all) + "/" + std::to_string(c.units_assessed)}},
                          {Align::left, Align::left});
    }
    if (!r.commitments.empty()) {
        if (r.criteria) out += "\n";
        std::vector<std::vector<std::string>> rows{
            {t("commitments") + " " + std::to_string(r.commitment_year), t("households"), t("signed"), t("signed_share")}};
        for (const auto& kind : ordered_codes(commitment_kinds(), r.commitments, true)) {
            const CommitmentFigures& f = r.commitments.at(kind);
            rows.push_back({std::string(label_of(commitment_kinds(), kind, lang)), std::to_string(f.households),
                            std::to_string(f.signed_count), signed_share(f, lang)});
        }
        out += text_table(rows, {Align::left, Align::right, Align::right, Align::right});
    }
    return out;
}

}  // namespace

std::string report_text(const UnitReport& r, Lang lang) {
    auto t = [&](std::string_view key) { return std::string(term(key, lang)); };
    auto percent = [lang](double share) { return percent_text(share, lang); };
    auto decimal = [lang](double value, int decimals) { return decimal_text(value, decimals, lang); };
    std::string out = t("title") + "\n";
    out += text_table({{t("unit"), r.unit + " " + unit_display_name(r, lang)},
                  {t("period"), (r.previous ? r.period_label.text(lang) + ": " : std::string()) +
                                    format_date(r.period.from, lang) + " – " + format_date(r.period.to, lang)},
                  {t("today"), format_date(r.today, lang)}},
                 {Align::left, Align::left}, "");

    out += text_heading(t("feedback"));
    PeriodFigures now = headline_figures(r);
    auto feedback_rows = [&](const PeriodFigures& f) {
        return std::vector<std::string>{std::to_string(f.feedback_total), percent(f.acknowledged_share),
                                        percent(f.answered_share), percent(f.resolved_share),
                                        f.median_days_to_answer ? decimal(*f.median_days_to_answer, 1) : "–"};
    };
    out += side_by_side(r, lang,
                        {t("feedback_total"), t("acknowledged_share"), t("answered_share"), t("resolved_share"),
                         t("median_days_to_answer")},
                        feedback_rows(now), r.previous ? feedback_rows(r.previous->figures) : std::vector<std::string>{});

    out += text_heading(t("by_kind"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& code : ordered_codes(feedback_kinds(), r.by_kind))
        rows.push_back({std::string(label_of(feedback_kinds(), code, lang)), std::to_string(count_of(r.by_kind, code))});
    out += text_table(rows, {Align::left, Align::right});

    out += text_heading(t("by_category"));
    rows.clear();
    for (const auto& code : ordered_codes(categories(), r.by_category))
        rows.push_back({std::string(label_of(categories(), code, lang)), std::to_string(count_of(r.by_category, code))});
    out += text_table(rows, {Align::left, Align::right});

    out += text_heading(t("overdue_actions"));
    if (r.overdue_actions.empty()) {
        out += "  " + t("none") + "\n";
    } else {
        // Grouped by unit: the unit is named on its first row only.
        rows = {{t("unit"), t("due"), t("days_overdue"), t("owner"), t("description")}};
        for (std::size_t i = 0; i < r.overdue_actions.size(); ++i) {
            const auto& a = r.overdue_actions[i];
            bool first_of_unit = i == 0 || r.overdue_actions[i - 1].unit != a.unit;
            rows.push_back({first_of_unit ? a.unit + " " + a.unit_name : "", format_date(a.due, lang), std::to_string(a.days_overdue), a.owner,
                            a.description});
        }
        out += text_table(rows, {Align::left, Align::left, Align::right, Align::left, Align::left});
    }

    const auto& s = r.satisfaction;
    out += text_heading(t("satisfaction"));
    auto satisfaction_rows = [&](const PeriodFigures& f) {
        return std::vector<std::string>{std::to_string(f.ballots), f.ballots ? percent(f.satisfied_share) : "–"};
    };
    out += side_by_side(r, lang, {t("ballots"), t("satisfied_share")}, satisfaction_rows(now),
                        r.previous ? satisfaction_rows(r.previous->figures) : std::vector<std::string>{});
    if (s.ballots) {
        out += "\n";
        rows = {{t("criterion"), t("mean")}};
        for (const auto& c : ballot_criteria()) {
            auto it = s.mean_by_criterion.find(std::string(c.code));
            rows.push_back({std::string(c.text(lang)), it != s.mean_by_criterion.end() ? decimal(it->second, 2) : "–"});
        }
        out += text_table(rows, {Align::left, Align::right});
        out += "\n";
        rows = {{t("month"), t("ballots"), t("month_mean_overall")}};
        for (const auto& [month, m] : s.by_month)
            rows.push_back({month_label(month, lang), std::to_string(m.count), decimal(m.mean_overall, 2)});
        out += text_table(rows, {Align::left, Align::right, Align::right});
    }

    out += practice(r, lang);

    if (!r.children.empty()) {
        out += text_heading(t("children"));
        // Criteria and commitments columns only when some unit has them: most reports have neither.
        bool criteria = std::any_of(r.children.begin(), r.children.end(), [](const UnitHeadline& c) { return c.criteria; });
        bool commitments =
            std::any_of(r.children.begin(), r.children.end(), [](const UnitHeadline& c) { return c.commitments; });
        rows = {{t("unit"), t("col_feedback"), t("col_acknowledged"), t("col_answered"), t("col_resolved"), t("col_days"),
                 t("col_overdue"), t("col_ballots"), t("col_satisfied")}};
        if (criteria) rows.back().push_back(t("col_criteria"));
        if (commitments) rows.back().push_back(t("col_commitments"));
        std::vector<const UnitHeadline*> empty;
        for (const auto& c : r.children) {
            if (c.empty()) {
                empty.push_back(&c);
                continue;
            }
            bool any_feedback = c.feedback_total > 0;
            rows.push_back({c.code + " " + child_display_name(c, lang), std::to_string(c.feedback_total),
                            any_feedback ? percent(c.acknowledged_share) : "–", any_feedback ? percent(c.answered_share) : "–",
                            any_feedback ? percent(c.resolved_share) : "–",
                            c.median_days_to_answer ? decimal(*c.median_days_to_answer, 1) : "–",
                            std::to_string(c.overdue_actions), std::to_string(c.ballots),
                            c.ballots ? percent(c.satisfied_share) : "–"});
            if (criteria) rows.back().push_back(c.criteria ? criteria_score(*c.criteria) : "–");
            if (commitments) rows.back().push_back(c.commitments ? signed_share(*c.commitments, lang) : "–");
        }
        std::vector<Align> align(rows.front().size(), Align::right);
        align.front() = Align::left;
        if (rows.size() > 1) out += text_table(rows, align);
        // A province of 166 communes, most without a forum yet: one line, not a page of zeros.
        if (!empty.empty()) {
            constexpr std::size_t named = 8;
            std::string line = "  " + std::to_string(empty.size()) + " " + t("empty_units") + ": ";
            for (std::size_t i = 0; i < empty.size() && i < named; ++i)
                line += (i ? ", " : "") + empty[i]->code + " " + child_display_name(*empty[i], lang);
            if (empty.size() > named)
                line += " " + t("and_more") + " " + std::to_string(empty.size() - named) + " " + t("more_units");
            out += line + "\n";
        }
    }
    return out;
}

}  // namespace langnghe
