#pragma once
// Satisfaction ballots (phiếu đánh giá sự hài lòng): anonymous, written once, never edited; may be
// voided (the void is the only later change, and it is one-way).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct BallotInput {
    std::optional<std::string> unit, forum, group, comment, date;
    std::map<std::string, int> scores;  // ballot_criteria() code → 1..5; all six required
};

// The overall score from which a resident counts as satisfied.
inline constexpr int satisfied_from_overall = 4;

struct Ballot {
    std::string id, unit, forum, group, comment, date, void_reason;
    std::map<std::string, int> scores;
    bool voided = false;
    // Satisfied (docs/design.md, "Definitions"): the overall score is satisfied_from_overall or more.
    bool is_satisfied() const;
};

// An unknown unit or a bad date throws invalid_input naming the field.
struct BallotFilter {
    std::optional<std::string> unit;  // subtree
    std::optional<std::string> forum, from_date, to_date;
    bool include_voided = false;
};

std::string add_ballot(Store& store, const Actor& actor, const BallotInput& input);
// Needs a role that voids ballots (forbidden otherwise, nothing written).
void void_ballot(Store& store, const Actor& actor, const std::string& id, const std::string& reason);
Ballot get_ballot(Store& store, const std::string& id);
std::vector<Ballot> list_ballots(Store& store, const BallotFilter& filter);

}  // namespace langnghe
