// The criteria column of the unit report: which set and period the scores come from, and each
// direct child's own score, taken from the criteria report (docs/criteria.md).
#include "langnghe/model/criteria.h"
#include "langnghe/outputs/criteria_report.h"
#include "langnghe/outputs/report.h"

namespace langnghe {
namespace {

// The set named, or the sets that could apply: every imported one.
std::vector<CriteriaSet> candidate_sets(Store& store, const std::optional<std::string>& set_name) {
    if (set_name) return {find_criteria_set(store, set_name)};
    return list_criteria_sets(store);
}

}  // namespace

void add_criteria_scores(Store& store, UnitReport& r, const std::vector<std::string>& periods,
                         const std::optional<std::string>& set_name) {
    std::vector<CriteriaSet> sets = candidate_sets(store, set_name);
    for (const auto& period : periods) {
        std::vector<const CriteriaSet*> assessed;
        for (const auto& set : sets)
            if (!list_assessments(store, r.unit, period, set.key()).empty()) assessed.push_back(&set);
        if (assessed.empty()) continue;
        // Two sets assessed in one period score different things: without a name, neither is shown.
        if (assessed.size() > 1) return;
        CriteriaReport scores = criteria_report(store, r.unit, period, assessed.front()->key());
        ReportCriteria c;
        c.set_key = scores.set.key();
        c.title_vi = scores.set.title_vi;
        c.title_en = scores.set.title_en;
        c.period = period;
        c.total = scores.total();
        for (const auto& u : scores.units) {
            bool assessed_now = u.met + u.partly + u.not_met > 0;
            if (u.depth == 0 || !assessed_now) continue;
            c.units_assessed += 1;
            c.units_meeting_all += u.meets_all(c.total) ? 1 : 0;
            if (u.depth != 1) continue;
            for (auto& child : r.children)
                if (child.code == u.unit) child.criteria = CriteriaScore{u.met, c.total};
        }
        r.criteria = std::move(c);
        return;
    }
}

}  // namespace langnghe
