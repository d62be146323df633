#pragma once
// The criteria report (docs/criteria.md): for a unit's subtree, a criteria set and a period, each
// assessed unit's score ("18/20": criteria met of the set), what it has not met, the units that
// meet all, the change since the previous period of the same length, and each criterion rolled up
// over the units. Computed from the replica; no I/O.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/model/criteria.h"

namespace langnghe {

struct CriteriaUnitScore {
    std::string unit, name;
    int depth = 0;  // below the report's unit
    std::size_t met = 0, partly = 0, not_met = 0, unassessed = 0;
    // The set's criteria this unit has not met, in set order: code and result ("partly", "not_met",
    // or "" when not assessed).
    std::vector<std::pair<std::string, std::string>> missing;
    std::optional<std::size_t> previous_met;  // none when nothing was assessed the period before
    bool meets_all(std::size_t total) const { return met == total; }
};

struct CriterionRollup {
    Criterion criterion;
    std::size_t met = 0, partly = 0, not_met = 0;  // units, of those assessed
};

struct CriteriaReport {
    CriteriaSet set;
    std::string unit, period, previous_period;
    // The report's unit first, then the units below it assessed this period or the one before, in
    // tree order.
    std::vector<CriteriaUnitScore> units;
    std::vector<CriterionRollup> criteria;
    std::size_t total() const { return set.criteria.size(); }
    std::vector<std::string> units_meeting_all() const;
};

CriteriaReport criteria_report(Store& store, const std::string& unit, const std::string& period,
                               const std::optional<std::string>& set_name);
std::string criteria_report_text(const CriteriaReport& report, Lang lang);
std::string criteria_report_json(const CriteriaReport& report);
std::string criteria_report_csv(const CriteriaReport& report, Lang lang);
std::string criteria_report_svg(const CriteriaReport& report, Lang lang);

}  // namespace langnghe
