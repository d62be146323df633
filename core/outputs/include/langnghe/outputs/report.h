#pragma once
// The unit report of DOMAIN.md ("Reports people expect"): for one unit's subtree and a period,
// feedback by kind and category, how much of it was acknowledged, answered and resolved, the
// median days to the first answer, overdue actions with owners, satisfaction ballots, and the same
// headline figures for each direct child unit side by side. Computed from the replica; no I/O.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/model/ballot.h"
#include "langnghe/outputs/commitment_report.h"
#include "langnghe/storage/store.h"

namespace langnghe {

// ISO dates, both inclusive. Feedback counts by the date of received_at, ballots by their date.
struct ReportPeriod {
    std::string from, to;
};

struct OverdueAction {
    std::string id, unit, unit_name, owner, due, description;
    std::int64_t days_overdue = 0;  // today - due, in days (at least 1)
};

struct MonthSatisfaction {
    std::size_t count = 0;
    double mean_overall = 0;
};

struct SatisfactionFigures {
    std::size_t ballots = 0;       // not voided, dated within the period
    double satisfied_share = 0;    // overall score >= 4; 0 when there are no ballots
    // Every ballot_criteria() code; 0 when there are no ballots.
    std::map<std::string, double> mean_by_criterion;
    // "YYYY-MM" → figures, only months that have ballots.
    std::map<std::string, MonthSatisfaction> by_month;
};

// Criteria met of a set's criteria in one period (docs/criteria.md): "18/20".
struct CriteriaScore {
    std::size_t met = 0, total = 0;
};

// Which criteria set and period the units' scores come from, and how many units below the
// report's unit were assessed and met all.
struct ReportCriteria {
    std::string set_key, title_vi, title_en, period;
    std::size_t total = 0, units_assessed = 0, units_meeting_all = 0;
};

// The satisfaction figures of these ballots (the caller has chosen them: not voided, a subtree, a
// period): what the report's satisfaction section and the dashboard's ballots page show.
SatisfactionFigures satisfaction_figures(const std::vector<Ballot>& ballots);

// The headline figures of one unit's subtree: the "units side by side" row.
struct UnitHeadline {
    std::string code, name, name_en;
    std::size_t feedback_total = 0;
    double acknowledged_share = 0, answered_share = 0, resolved_share = 0;
    std::optional<double> median_days_to_answer;
    std::size_t overdue_actions = 0;  // on the report's day, as UnitReport::overdue_actions
    std::size_t ballots = 0;
    double satisfied_share = 0;
    // The unit's own score in UnitReport::criteria (none when it was not assessed then), and the
    // commitments of UnitReport::commitment_year over its subtree, every kind summed (none when
    // nothing was recorded).
    std::optional<CriteriaScore> criteria;
    std::optional<CommitmentFigures> commitments;
    // Nothing to show (such units share one line).
    bool empty() const {
        return feedback_total == 0 && ballots == 0 && overdue_actions == 0 && !criteria && !commitments;
    }
};

// The headline figures of a period, as UnitReport has them: what is shown beside the current
// period's for the period before it.
struct PeriodFigures {
    std::size_t feedback_total = 0;
    double acknowledged_share = 0, answered_share = 0, resolved_share = 0;
    std::optional<double> median_days_to_answer;
    std::size_t ballots = 0;
    double satisfied_share = 0;  // 0 when there are no ballots
};

struct PeriodLabel {
    std::string vi, en;
    const std::string& text(Lang lang) const { return lang == Lang::vi ? vi : en; }
};

// The month, quarter or year before a calendar period (report_period.h).
struct PreviousPeriod {
    std::string code;  // "2026-Q3"
    PeriodLabel label;
    ReportPeriod period;
    PeriodFigures figures;
};

struct UnitReport {
    std::string unit, name, name_en;
    ReportPeriod period;
    // A calendar period's code ("2026-Q4") and label, and the period before it; empty for a report
    // over --from/--to, whose renderings stay as they were.
    std::string period_code;
    PeriodLabel period_label;
    std::optional<PreviousPeriod> previous;
    std::string today;  // the day overdue actions are counted on

    std::size_t feedback_total = 0;
    // Every feedback_kinds() / categories() code, zeros included.
    std::map<std::string, std::size_t> by_kind, by_category;
    // Shares of feedback_total, 0..1 (0 when there is no feedback). Acknowledged: status is no
    // longer "new". Answered: Feedback::is_answered (docs/design.md, "Definitions").
    double acknowledged_share = 0, answered_share = 0, resolved_share = 0;
    // Whole days from received_at to the first status event to "answered", over the feedback that
    // has one; the median (mean of the middle two when even). Empty when none was answered.
    std::optional<double> median_days_to_answer;
    std::size_t answered_with_date = 0;  // how many feedback items the median is taken over

    std::vector<OverdueAction> overdue_actions;  // ordered by due date
    SatisfactionFigures satisfaction;
    // Model-unit criteria: only in a calendar report, from the latest period within it that has
    // assessments in the subtree (the quarter itself, else its latest month; a year, else its latest
    // quarter, else month); none when no set applies (report_period.h).
    std::optional<ReportCriteria> criteria;
    // Household commitments of the year the period ends in, over the subtree, by kind (only kinds
    // with records).
    std::int64_t commitment_year = 0;
    std::map<std::string, CommitmentFigures> commitments;
    std::vector<UnitHeadline> children;  // direct children of `unit`, by code, each over its subtree
};

// Throws invalid_input for a malformed date or from > to, not_found for an unknown unit.
UnitReport unit_report(Store& store, const std::string& unit, const ReportPeriod& period,
                       const std::string& today_iso);
// The same with the date each feedback item of the unit's subtree was first answered already read
// (first_answered_at, which no period narrows): a report beside its previous period reads it once.
UnitReport unit_report(Store& store, const std::string& unit, const ReportPeriod& period,
                       const std::string& today_iso, const std::map<std::string, std::string>& answered_at);

// Fills UnitReport::criteria and each child's score from the first of `periods` (criteria periods,
// the preferred first) in which the set was assessed in the subtree. Without `set_name`, the one
// set assessed then; none when two were. A named set not imported is not_found.
void add_criteria_scores(Store& store, UnitReport& report, const std::vector<std::string>& periods,
                         const std::optional<std::string>& set_name);

// The report's own headline figures, as they are shown beside the previous period's.
PeriodFigures headline_figures(const UnitReport& report);

// JSON with a fixed key order and codes, not labels. With a previous period: `period` has its
// `code` too, and `previous` holds that period and its headline figures.
std::string report_json(const UnitReport& report);
// CSV is one table per section (docs/cli.md, "report"): `summary` (a row for the period and one
// for the period before), `kinds`, `categories`, `units`, `overdue_actions`, `satisfaction`,
// `months`, `commitments`. Each is UTF-8 with a BOM, a header row of column names in `lang`, and
// ratios with a dot. An unknown section is invalid_input naming the known ones.
std::vector<std::string> report_csv_sections();
std::string report_csv(const UnitReport& report, const std::string& section, Lang lang);
// Aligned plain-text tables; with a previous period, its figures in a column beside the current.
std::string report_text(const UnitReport& report, Lang lang);
// A standalone SVG document: mean overall satisfaction by month, every month of the period on the
// axis (months without ballots are gaps), and feedback by category.
std::string report_svg(const UnitReport& report, Lang lang);

}  // namespace langnghe
