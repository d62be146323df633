// The unit report's figures, from the list functions of the domain services; the renderings are in
// report_json/csv/text/svg.cpp. Everything here reads; nothing writes.
#include "langnghe/outputs/report.h"

#include <algorithm>

#include "langnghe/base/dates.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/commitment_report.h"
#include "langnghe/storage/queries.h"

namespace langnghe {
namespace {

double share(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> median(std::vector<std::int64_t> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    if (n % 2 == 1) return static_cast<double>(values[n / 2]);
    return (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2.0;
}

// A FeedbackFilter or BallotFilter: the unit's subtree within the period.
template <class Filter>
Filter period_filter(const std::string& unit, const ReportPeriod& period) {
    Filter filter;
    filter.unit = unit;
    filter.from_date = period.from;
    filter.to_date = period.to;
    return filter;
}

FeedbackFilter feedback_filter(const std::string& unit, const ReportPeriod& period) {
    return period_filter<FeedbackFilter>(unit, period);
}
BallotFilter ballot_filter(const std::string& unit, const ReportPeriod& period) {
    return period_filter<BallotFilter>(unit, period);
}

// The direct children's side-by-side rows, tallied in the one pass over the subtree's records the
// report makes anyway: each record counts for the child whose subtree holds its unit.
class ChildTallies {
public:
    ChildTallies(Store& store, const std::string& parent) {
        std::vector<Unit> children;
        for (auto& u : list_units(store, parent))
            if (u.parent == parent && u.code != parent && !u.deleted) children.push_back(std::move(u));
        std::sort(children.begin(), children.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
        m_rows.resize(children.size());
        for (std::size_t i = 0; i < children.size(); ++i) {
            UnitHeadline& h = m_rows[i].headline;
            h.code = children[i].code;
            h.name = children[i].name;
            h.name_en = children[i].name_en;
            for (const auto& code : unit_subtree(store, children[i].code)) m_child_of.emplace(code, i);
        }
    }
    void feedback(const FeedbackFigures& f, std::optional<std::int64_t> days_to_answer) {
        Row* row = of(f.unit);
        if (!row) return;
        row->headline.feedback_total += 1;
        row->acknowledged += f.status != "new" ? 1 : 0;
        row->answered += f.answered ? 1 : 0;
        row->resolved += f.status == "resolved" ? 1 : 0;
        if (days_to_answer) row->days_to_answer.push_back(*days_to_answer);
    }
    void ballot(const Ballot& b) {
        if (Row* row = of(b.unit)) {
            row->headline.ballots += 1;
            row->satisfied += b.is_satisfied() ? 1 : 0;
        }
    }
    void overdue(const OverdueAction& a) {
        if (Row* row = of(a.unit)) row->headline.overdue_actions += 1;
    }
    // A unit of the subtree with its commitments rolled up over the units below it.
    void commitments(const CommitmentUnitRow& rolled_up) {
        if (rolled_up.level != 1) return;
        Row* row = of(rolled_up.code);
        if (!row) return;
        row->headline.commitments = commitments_total(rolled_up.by_kind);
    }
    std::vector<UnitHeadline> headlines() && {
        std::vector<UnitHeadline> out;
        for (auto& row : m_rows) {
            UnitHeadline& h = row.headline;
            h.acknowledged_share = share(row.acknowledged, h.feedback_total);
            h.answered_share = share(row.answered, h.feedback_total);
            h.resolved_share = share(row.resolved, h.feedback_total);
            h.median_days_to_answer = median(std::move(row.days_to_answer));
            h.satisfied_share = share(row.satisfied, h.ballots);
            out.push_back(std::move(h));
        }
        return out;
    }

private:
    struct Row {
        UnitHeadline headline;
        std::size_t acknowledged = 0, answered = 0, resolved = 0, satisfied = 0;
        std::vector<std::int64_t> days_to_answer;
    };
    Row* of(const std::string& unit) {
        auto it = m_child_of.find(unit);
        return it == m_child_of.end() ? nullptr : &m_rows[it->second];
    }
    std::vector<Row> m_rows;
    std::map<std::string, std::size_t> m_child_of;
};

}  // namespace

SatisfactionFigures satisfaction_figures(const std::vector<Ballot>& ballots) {
    SatisfactionFigures s;
    s.ballots = ballots.size();
    std::map<std::string, long> sums;
    std::map<std::string, long> month_sums;
    std::size_t satisfied = 0;
    for (const auto& b : ballots) {
        int overall = 0;
        if (auto it = b.scores.find("overall"); it != b.scores.end()) overall = it->second;
        satisfied += b.is_satisfied() ? 1 : 0;
        for (const auto& [criterion, score] : b.scores) sums[criterion] += score;
        std::string month = b.date.substr(0, 7);
        s.by_month[month].count += 1;
        month_sums[month] += overall;
    }
    s.satisfied_share = share(satisfied, s.ballots);
    for (const auto& c : ballot_criteria()) {
        std::string code(c.code);
        s.mean_by_criterion[code] = s.ballots ? static_cast<double>(sums[code]) / static_cast<double>(s.ballots) : 0.0;
    }
    for (auto& [month, m] : s.by_month)
        m.mean_overall = static_cast<double>(month_sums[month]) / static_cast<double>(m.count);
    return s;
}

PeriodFigures headline_figures(const UnitReport& r) {
    PeriodFigures f;
    f.feedback_total = r.feedback_total;
    f.acknowledged_share = r.acknowledged_share;
    f.answered_share = r.answered_share;
    f.resolved_share = r.resolved_share;
    f.median_days_to_answer = r.median_days_to_answer;
    f.ballots = r.satisfaction.ballots;
    f.satisfied_share = r.satisfaction.satisfied_share;
    return f;
}

UnitReport unit_report(Store& store, const std::string& unit, const ReportPeriod& period, const std::string& today_iso) {
    return unit_report(store, unit, period, today_iso, first_answered_at(store, unit));
}

UnitReport unit_report(Store& store, const std::string& unit, const ReportPeriod& period, const std::string& today_iso,
                       const std::map<std::string, std::string>& answered_at) {
    UnitReport r;
    r.period.from = parse_date(period.from, "from");
    r.period.to = parse_date(period.to, "to");
    if (r.period.from > r.period.to)
        throw_invalid("to", "to: the period ends (" + r.period.to + ") before it starts (" + r.period.from + ")",
                      "to: ngày kết thúc (" + r.period.to + ") trước ngày bắt đầu (" + r.period.from + ")");
    r.today = parse_date(today_iso, "today");
    auto found = find_unit(store, unit);
    if (!found) throw Error(ErrorCode::not_found, "no unit with code " + unit, "unit").vi("không có đơn vị mã " + unit);
    r.unit = found->code;
    r.name = found->name;
    r.name_en = found->name_en;

    ChildTallies children(store, r.unit);

    // Feedback.
    // Figures read by SQLite and tallied one record at a time, none kept: a province's year is every
    // record it holds.
    for (const auto& k : feedback_kinds()) r.by_kind[std::string(k.code)] = 0;
    for (const auto& c : categories()) r.by_category[std::string(c.code)] = 0;
    std::size_t acknowledged = 0, answered = 0, resolved = 0;
    std::vector<std::int64_t> days_to_answer;
    visit_feedback_figures(store, feedback_filter(r.unit, r.period), [&](const FeedbackFigures& f) {
        r.feedback_total += 1;
        r.by_kind[f.kind] += 1;
        r.by_category[f.category] += 1;
        acknowledged += f.status != "new" ? 1 : 0;
        answered += f.answered ? 1 : 0;
        resolved += f.status == "resolved" ? 1 : 0;
        std::optional<std::int64_t> days;
        auto first_answer = answered_at.find(f.id);
        if (f.received_at.size() >= 10 && first_answer != answered_at.end())
            // A received_at typed in later than the answer is a slip of the pen, not negative time.
            days = std::max<std::int64_t>(0, days_from_iso(first_answer->second) - days_from_iso(f.received_at));
        if (days) days_to_answer.push_back(*days);
        children.feedback(f, days);
    });
    r.acknowledged_share = share(acknowledged, r.feedback_total);
    r.answered_share = share(answered, r.feedback_total);
    r.resolved_share = share(resolved, r.feedback_total);
    r.answered_with_date = days_to_answer.size();
    r.median_days_to_answer = median(std::move(days_to_answer));

    // Overdue actions on `today`, whatever period they were planned in.
    ActionFilter actions;
    actions.unit = r.unit;
    actions.overdue_on = r.today;
    std::map<std::string, std::string> unit_names;
    for (const auto& a : list_actions(store, actions)) {
        if (!a.overdue_on(r.today)) continue;
        auto [named, added] = unit_names.try_emplace(a.unit);
        if (added)
            if (auto found_unit = find_unit(store, a.unit)) named->second = found_unit->name;
        r.overdue_actions.push_back({a.id, a.unit, named->second, a.owner, a.due, a.description,
                                     days_from_iso(r.today) - days_from_iso(a.due)});
        children.overdue(r.overdue_actions.back());
    }
    // Grouped by unit, the longest overdue first within each: what a province works through.
    std::stable_sort(r.overdue_actions.begin(), r.overdue_actions.end(), [](const OverdueAction& a, const OverdueAction& b) {
        return a.unit != b.unit ? a.unit < b.unit : a.due < b.due;
    });

    auto ballots = list_ballots(store, ballot_filter(r.unit, r.period));
    for (const auto& b : ballots) children.ballot(b);
    r.satisfaction = satisfaction_figures(ballots);

    // Commitments are signed for a year: the year the period ends in.
    r.commitment_year = std::stoll(r.period.to.substr(0, 4));
    for (const auto& row : commitment_report(store, r.unit, r.commitment_year).rows) {
        if (row.level == 0) r.commitments = row.by_kind;
        children.commitments(row);
    }
    r.children = std::move(children).headlines();
    return r;
}


}  // namespace langnghe
