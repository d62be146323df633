#pragma once
// Model-unit criteria (Bộ tiêu chí, docs/criteria.md). A criteria set is reference data imported
// on each replica that assesses or reports (kept in the replica's meta, not synced: a set belongs
// to no unit, and sync scope is a unit subtree). An assessment is a record, one per (unit, period,
// set, criterion) with an id derived from them, so concurrent assessments of one cell merge into
// one record; its result and evidence are revised fields, so every re-assessment is kept.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct Criterion {
    std::string code, group, title_vi, title_en;
};

struct CriteriaSet {
    std::string code, version, title_vi, title_en;
    bool example = false;  // plainly an example, not an official list
    std::string note;      // where the list comes from, as the file says
    std::vector<Criterion> criteria;
    // "code@version": how assessments name the set.
    std::string key() const { return code + "@" + version; }
    const Criterion* find(std::string_view criterion_code) const;
};

// A JSON object {code, version, title_vi, title_en, example, note, criteria: [{code, group,
// title_vi, title_en}]}, or CSV with the header code,group,title_vi,title_en (any order, more
// columns ignored) whose set is named by `csv_set` ("code@version"). Throws invalid_input naming
// the line or the criterion and field at fault; nothing is partial.
CriteriaSet parse_criteria_set(std::string_view text, const std::optional<std::string>& csv_set = std::nullopt);

struct CriteriaImportResult {
    CriteriaSet set;
    bool added = false;  // false: the same set was already imported (unchanged)
};
// Keeps the set on this replica. A version is fixed once imported: the same code and version with
// other content is refused (already_exists; import it as a new version). Any role may import.
CriteriaImportResult import_criteria_set(Store& store, std::string_view text,
                                         const std::optional<std::string>& csv_set = std::nullopt);
std::vector<CriteriaSet> list_criteria_sets(Store& store);
// The set named "code@version" or "code" (when one version of it is imported); without a name, the
// only set imported. Throws not_found / invalid_input naming "set".
CriteriaSet find_criteria_set(Store& store, const std::optional<std::string>& name);

// Periods: "2026" (a year), "2026-Q4" (a quarter), "2026-11" (a month). parse_period returns the
// canonical form ("2026-q4" → "2026-Q4") or throws invalid_input naming `field`.
std::string parse_period(std::string_view text, std::string_view field = "period");
// The period of the same length just before: 2026-Q1 → 2025-Q4, 2026-01 → 2025-12, 2026 → 2025.
std::string previous_period(std::string_view period);

struct AssessmentInput {
    std::string unit, period, criterion, result;
    std::optional<std::string> set, evidence;
};

struct Assessment {
    std::string id, unit, period, set, criterion, result, evidence, assessed_by, assessed_at;
};

// "as-" and 16 Crockford characters of SHA-256 over unit, period, set key and criterion.
std::string assessment_id(std::string_view unit, std::string_view period, std::string_view set_key,
                          std::string_view criterion);
// Records (or re-records) one criterion's result for a unit and period; returns the record id.
// Evidence not given stays what it was.
// Needs a role that writes field records (officer, unit head). Throws before writing anything.
std::string assess(Store& store, const Actor& actor, const AssessmentInput& input);
// Assessments of `set_key` in `period` for `unit` and the units below it.
std::vector<Assessment> list_assessments(Store& store, const std::string& unit, const std::string& period,
                                         const std::string& set_key);

}  // namespace langnghe
