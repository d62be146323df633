// The unit report as JSON: codes, not labels, in a fixed key order, ratios as numbers.
#include <nlohmann/json.hpp>

#include "langnghe/outputs/report.h"
#include "report_terms.h"

namespace langnghe {
namespace {

using ojson = nlohmann::ordered_json;
using namespace report_detail;

ojson commitment_json(const CommitmentFigures& f) {
    auto share = f.share();
    return {{"households", f.households}, {"signed", f.signed_count}, {"share", share ? ojson(*share) : ojson(nullptr)}};
}

}  // namespace

std::string report_json(const UnitReport& r) {
    ojson j;
    j["unit"] = {{"code", r.unit}, {"name", r.name}, {"name_en", r.name_en}};
    j["period"] = {{"from", r.period.from}, {"to", r.period.to}};
    if (r.previous) j["period"]["code"] = r.period_code;
    j["today"] = r.today;

    ojson fb;
    fb["total"] = r.feedback_total;
    ojson by_kind = ojson::object(), by_category = ojson::object();
    for (const auto& code : ordered_codes(feedback_kinds(), r.by_kind)) by_kind[code] = count_of(r.by_kind, code);
    for (const auto& code : ordered_codes(categories(), r.by_category)) by_category[code] = count_of(r.by_category, code);
    fb["by_kind"] = by_kind;
    fb["by_category"] = by_category;
    fb["acknowledged_share"] = r.acknowledged_share;
    fb["answered_share"] = r.answered_share;
    fb["resolved_share"] = r.resolved_share;
    fb["median_days_to_answer"] = r.median_days_to_answer ? ojson(*r.median_days_to_answer) : ojson(nullptr);
    fb["answered_with_date"] = r.answered_with_date;
    j["feedback"] = fb;

    ojson overdue = ojson::array();
    for (const auto& a : r.overdue_actions)
        overdue.push_back({{"id", a.id}, {"unit", a.unit}, {"unit_name", a.unit_name}, {"owner", a.owner}, {"due", a.due},
                           {"description", a.description}, {"days_overdue", a.days_overdue}});
    j["overdue_actions"] = overdue;

    const auto& s = r.satisfaction;
    ojson sat;
    sat["ballots"] = s.ballots;
    sat["satisfied_share"] = s.ballots ? ojson(s.satisfied_share) : ojson(nullptr);
    ojson means = ojson::object();
    for (const auto& c : ballot_criteria()) {
        auto it = s.mean_by_criterion.find(std::string(c.code));
        means[std::string(c.code)] = s.ballots && it != s.mean_by_criterion.end() ? ojson(it->second) : ojson(nullptr);
    }
    sat["mean_by_criterion"] = means;
    ojson months = ojson::object();
    for (const auto& [month, m] : s.by_month) months[month] = {{"count", m.count}, {"mean_overall", m.mean_overall}};
    sat["by_month"] = months;
    j["satisfaction"] = sat;
    if (r.criteria) {
        const ReportCriteria& c = *r.criteria;
        j["criteria"] = {{"set", c.set_key},       {"period", c.period},
                         {"total", c.total},       {"units_assessed", c.units_assessed},
                         {"units_meeting_all", c.units_meeting_all}};
    } else {
        j["criteria"] = nullptr;
    }
    ojson commitments = ojson::object();
    for (const auto& [kind, f] : r.commitments) commitments[kind] = commitment_json(f);
    j["commitments"] = {{"year", r.commitment_year}, {"by_kind", commitments}};

    ojson children = ojson::array();
    for (const auto& c : r.children)
        children.push_back({{"code", c.code},
                            {"name", c.name},
                            {"name_en", c.name_en},
                            {"feedback_total", c.feedback_total},
                            {"acknowledged_share", c.acknowledged_share},
                            {"answered_share", c.answered_share},
                            {"resolved_share", c.resolved_share},
                            {"median_days_to_answer", c.median_days_to_answer ? ojson(*c.median_days_to_answer) : ojson(nullptr)},
                            {"overdue_actions", c.overdue_actions},
                            {"ballots", c.ballots},
                            {"satisfied_share", c.ballots ? ojson(c.satisfied_share) : ojson(nullptr)},
                            {"criteria", c.criteria ? ojson{{"met", c.criteria->met}, {"total", c.criteria->total}} : ojson(nullptr)},
                            {"commitments", c.commitments ? commitment_json(*c.commitments) : ojson(nullptr)}});
    j["children"] = children;
    if (r.previous) {
        const PeriodFigures& p = r.previous->figures;
        j["previous"] = {{"period", {{"from", r.previous->period.from}, {"to", r.previous->period.to}, {"code", r.previous->code}}},
                         {"feedback",
                          {{"total", p.feedback_total},
                           {"acknowledged_share", p.acknowledged_share},
                           {"answered_share", p.answered_share},
                           {"resolved_share", p.resolved_share},
                           {"median_days_to_answer", p.median_days_to_answer ? ojson(*p.median_days_to_answer) : ojson(nullptr)}}},
                         {"satisfaction",
                          {{"ballots", p.ballots}, {"satisfied_share", p.ballots ? ojson(p.satisfied_share) : ojson(nullptr)}}}};
    }
    return j.dump(2) + "\n";
}

}  // namespace langnghe
