// The unit report as CSV, one table per section: rows a spreadsheet can sort and sum, not
// key/value pairs. Labels in the report's language; numbers and ratios with a dot.
#include <cctype>

#include "langnghe/base/csv.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/outputs/report.h"
#include "report_terms.h"

namespace langnghe {
namespace {

using namespace report_detail;

constexpr std::string_view sections[] = {"summary", "kinds",        "categories", "units",
                                         "overdue_actions", "satisfaction", "months", "commitments"};

// A column's name: the term's code in English, its Vietnamese label without marks in Vietnamese
// ("Tổng số ý kiến" → "tong_so_y_kien"), as the other CSV exports name theirs.
std::string column(std::string_view key, Lang lang) {
    if (lang == Lang::en) return std::string(key);
    std::string name;
    for (char c : fold_for_search(term(key, lang))) {
        bool word = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (word) name.push_back(c);
        else if (!name.empty() && name.back() != '_') name.push_back('_');
    }
    while (!name.empty() && name.back() == '_') name.pop_back();
    return name;
}

class CsvTable {
public:
    CsvTable(std::initializer_list<std::string_view> keys, Lang lang) : m_out(utf8_bom) {
        std::vector<std::string> header;
        for (auto key : keys) header.push_back(column(key, lang));
        m_out += csv_line(header);
    }
    void row(const std::vector<std::string>& cells) { m_out += csv_line(cells); }
    std::string str() && { return std::move(m_out); }

private:
    std::string m_out;
};

std::string ratio(double v) { return fixed(v, 4); }
std::string optional_ratio(const std::optional<double>& v) { return v ? ratio(*v) : ""; }
std::string days(const std::optional<double>& v) { return v ? fixed(*v, 1) : ""; }

std::string summary(const UnitReport& r, Lang lang) {
    CsvTable t({"period", "from", "to", "unit", "unit_name", "feedback_total", "acknowledged_share", "answered_share",
                "resolved_share", "median_days_to_answer", "ballots", "satisfied_share", "overdue_count", "criteria_set",
                "criteria_period", "units_assessed", "units_meeting_all"},
               lang);
    std::vector<std::string> now{r.period_code, r.period.from, r.period.to, r.unit, unit_display_name(r, lang),
                                 std::to_string(r.feedback_total), ratio(r.acknowledged_share), ratio(r.answered_share),
                                 ratio(r.resolved_share), days(r.median_days_to_answer),
                                 std::to_string(r.satisfaction.ballots),
                                 r.satisfaction.ballots ? ratio(r.satisfaction.satisfied_share) : "",
                                 std::to_string(r.overdue_actions.size())};
    if (r.criteria)
        now.insert(now.end(), {r.criteria->set_key, r.criteria->period, std::to_string(r.criteria->units_assessed),
                               std::to_string(r.criteria->units_meeting_all)});
    else
        now.insert(now.end(), {"", "", "", ""});
    t.row(now);
    if (r.previous) {
        // Overdue actions and criteria are counted on the report's day and period only.
        const PeriodFigures& p = r.previous->figures;
        t.row({r.previous->code, r.previous->period.from, r.previous->period.to, r.unit, unit_display_name(r, lang),
               std::to_string(p.feedback_total), ratio(p.acknowledged_share), ratio(p.answered_share),
               ratio(p.resolved_share), days(p.median_days_to_answer), std::to_string(p.ballots),
               p.ballots ? ratio(p.satisfied_share) : "", "", "", "", "", ""});
    }
    return std::move(t).str();
}

std::string counts(const std::map<std::string, std::size_t>& counts, std::span<const Label> vocabulary,
                   std::string_view key, Lang lang) {
    CsvTable t({key, "label", "count"}, lang);
    for (const auto& code : ordered_codes(vocabulary, counts))
        t.row({code, std::string(label_of(vocabulary, code, lang)), std::to_string(count_of(counts, code))});
    return std::move(t).str();
}

std::string units(const UnitReport& r, Lang lang) {
    CsvTable t({"unit", "name", "feedback_total", "acknowledged_share", "answered_share", "resolved_share",
                "median_days_to_answer", "overdue_count", "ballots", "satisfied_share", "criteria_met", "criteria_total",
                "commitment_households", "commitment_signed", "commitment_share"},
               lang);
    for (const auto& c : r.children) {
        const auto& signed_up = c.commitments;
        t.row({c.code, child_display_name(c, lang), std::to_string(c.feedback_total), ratio(c.acknowledged_share),
               ratio(c.answered_share), ratio(c.resolved_share), days(c.median_days_to_answer),
               std::to_string(c.overdue_actions), std::to_string(c.ballots), c.ballots ? ratio(c.satisfied_share) : "",
               c.criteria ? std::to_string(c.criteria->met) : "", c.criteria ? std::to_string(c.criteria->total) : "",
               signed_up ? std::to_string(signed_up->households) : "",
               signed_up ? std::to_string(signed_up->signed_count) : "",
               signed_up ? optional_ratio(signed_up->share()) : ""});
    }
    return std::move(t).str();
}

std::string overdue_actions(const UnitReport& r, Lang lang) {
    CsvTable t({"unit", "unit_name", "id", "owner", "due", "days_overdue", "description"}, lang);
    for (const auto& a : r.overdue_actions)
        t.row({a.unit, a.unit_name, a.id, a.owner, a.due, std::to_string(a.days_overdue), a.description});
    return std::move(t).str();
}

std::string satisfaction(const UnitReport& r, Lang lang) {
    const auto& s = r.satisfaction;
    CsvTable t({"criterion", "label", "mean"}, lang);
    for (const auto& c : ballot_criteria()) {
        auto it = s.mean_by_criterion.find(std::string(c.code));
        t.row({std::string(c.code), std::string(c.text(lang)),
               s.ballots && it != s.mean_by_criterion.end() ? fixed(it->second, 2) : ""});
    }
    return std::move(t).str();
}

// Every month of the period, those without ballots with a count of 0 and no mean.
std::string months(const UnitReport& r, Lang lang) {
    CsvTable t({"month", "label", "month_ballots", "month_mean_overall"}, lang);
    for (const auto& month : months_between(r.period.from, r.period.to)) {
        auto it = r.satisfaction.by_month.find(month);
        bool any = it != r.satisfaction.by_month.end();
        t.row({month, month_label(month, lang), std::to_string(any ? it->second.count : 0),
               any ? fixed(it->second.mean_overall, 2) : ""});
    }
    return std::move(t).str();
}

std::string commitments(const UnitReport& r, Lang lang) {
    CsvTable t({"year", "commitment_kind", "label", "households", "signed", "signed_share"}, lang);
    for (const auto& kind : ordered_codes(commitment_kinds(), r.commitments, true)) {
        const CommitmentFigures& f = r.commitments.at(kind);
        t.row({std::to_string(r.commitment_year), kind, std::string(label_of(commitment_kinds(), kind, lang)),
               std::to_string(f.households), std::to_string(f.signed_count), optional_ratio(f.share())});
    }
    return std::move(t).str();
}

}  // namespace

std::vector<std::string> report_csv_sections() { return {std::begin(sections), std::end(sections)}; }

std::string report_csv(const UnitReport& r, const std::string& section, Lang lang) {
    if (section == "summary") return summary(r, lang);
    if (section == "kinds") return counts(r.by_kind, feedback_kinds(), "kind", lang);
    if (section == "categories") return counts(r.by_category, categories(), "category", lang);
    if (section == "units") return units(r, lang);
    if (section == "overdue_actions") return overdue_actions(r, lang);
    if (section == "satisfaction") return satisfaction(r, lang);
    if (section == "months") return months(r, lang);
    if (section == "commitments") return commitments(r, lang);
    std::string known;
    for (auto s : sections) known += (known.empty() ? "" : ", ") + std::string(s);
    throw_invalid("section", "section: no report section " + section + " (sections: " + known + ")",
                  "section: báo cáo không có phần " + section + " (các phần: " + known + ")");
}

}  // namespace langnghe
