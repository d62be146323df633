#pragma once
// Household commitments (ký cam kết): every year the households of a residential group sign
// commitments to obey the rules of security and order, road traffic and fire safety. One record
// per unit, year and kind holds how many households there are and how many signed; its id is
// derived from the three, so two officers who enter the same group's figures offline write the
// same record: equal figures merge into one, different figures leave a kept conflict
// (docs/commitments.md). A correction is an update, kept as revisions (docs/custody.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

// The first year a commitment may be recorded for; the last is the current year.
inline constexpr std::int64_t first_commitment_year = 2000;

struct CommitmentInput {
    std::optional<std::string> unit, kind;  // kind: a commitment_kinds() code, default security_order
    std::optional<std::int64_t> year, households, signed_count;
};

struct Commitment {
    std::string id, unit, kind;
    std::int64_t year = 0, households = 0, signed_count = 0;
    std::vector<std::string> recorders;  // the officers who entered or corrected the figures
};

// "cm-" and 16 Crockford base32 characters of SHA-256(unit, year, kind).
std::string commitment_id(const std::string& unit, std::int64_t year, const std::string& kind);

struct CommitmentAdded {
    std::string id;
    bool created = false;  // false: the same figures were recorded already, nothing written
};
// Records a unit's figures for a year and kind (unit, year, households and signed required). The
// year is from first_commitment_year to the current year; households and signed are 0 or more and
// signed is at most households: otherwise invalid_input naming the field, in both languages, and
// nothing written. Figures already recorded here for the unit, year and kind: the same ones are
// accepted as they are; different ones are refused (invalid_state: correct them with
// update_commitment).
CommitmentAdded add_commitment(Store& store, const Actor& actor, const CommitmentInput& input);
// Corrects a recorded commitment's households and/or signed (at least one); each change is kept as
// a revision. not_found when nothing is recorded for the unit, year and kind.
Commitment update_commitment(Store& store, const Actor& actor, const CommitmentInput& input);

Commitment get_commitment(Store& store, const std::string& id);
// The commitments of `unit`'s subtree (all units when absent) for `year` (all years when absent),
// by unit, year and kind.
std::vector<Commitment> list_commitments(Store& store, const std::optional<std::string>& unit,
                                         const std::optional<std::int64_t>& year);

}  // namespace langnghe
