#pragma once
// The commitments report: for one unit's subtree and a year, how many households signed each kind
// of commitment, per unit, each unit's figures rolled up over the units below it. Computed from
// the replica; no I/O.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/base/lang.h"
#include "langnghe/storage/store.h"

namespace langnghe {

struct CommitmentFigures {
    std::int64_t households = 0, signed_count = 0;
    // signed / households, 0..1; empty when there are no households.
    std::optional<double> share() const;
};

// Every kind summed: one figure for a unit, as the unit report's side-by-side rows show it. A
// household signs each kind, so the share is of the signatures asked for, an average over kinds.
CommitmentFigures commitments_total(const std::map<std::string, CommitmentFigures>& by_kind);

// One unit of the subtree that has commitments in it (its own or below it), rolled up.
struct CommitmentUnitRow {
    std::string code, name, name_en;
    int level = 0;  // 0 for the report's unit, 1 for its children, …
    std::map<std::string, CommitmentFigures> by_kind;  // commitment_kinds() code → figures
};

struct CommitmentReport {
    std::string unit, name, name_en;
    std::int64_t year = 0;
    std::vector<CommitmentUnitRow> rows;  // the tree in depth-first order, children by code
};

// not_found / invalid_input for an unknown unit.
CommitmentReport commitment_report(Store& store, const std::string& unit, std::int64_t year);

// Every format is one table, a row per unit and kind: unit, name, level, kind, households, signed,
// share. JSON has codes and the share as a ratio (null without households); CSV (UTF-8 with a BOM)
// has labels in `lang` and the share as a ratio; text shows percentages, with a decimal comma in
// Vietnamese ("86,1%").
std::string commitment_report_json(const CommitmentReport& report);
std::string commitment_report_csv(const CommitmentReport& report, Lang lang);
std::string commitment_report_text(const CommitmentReport& report, Lang lang);

}  // namespace langnghe
