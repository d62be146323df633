#pragma once
// The status lattice: a record's status is the value [round, "status"]. Among concurrent statuses
// the greater (round, rank) wins, so a later stage of a lifecycle beats an earlier one whatever the
// clocks say, and a reopen (a higher round) beats every stage of the round before it.
//
// This file is the one definition of the three lifecycles (feedback, forum, action): their
// statuses in order with their ranks, which status may follow which, and the text of a lattice
// value. The vocabularies, the services, the codec and the record checks all read it from here.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/merge/merge.h"

namespace langnghe {

struct LifecycleStatus {
    std::string_view code;
    int rank;  // among concurrent values of one round, the higher rank wins
};

// A transition the lifecycle allows: to `to` from any of `from`. A `new_round` change (a reopen)
// starts round + 1, so it wins over every status of the round before.
struct StatusChange {
    std::string_view to;
    std::vector<std::string_view> from;
    bool new_round = false;
};

struct Lifecycle {
    std::string_view type;                 // the record type: feedback, forum or action
    std::vector<LifecycleStatus> statuses;  // in lifecycle order; the first is where a record starts
    std::vector<StatusChange> changes;

    std::string_view initial() const { return statuses.front().code; }
    bool knows(std::string_view status) const;
    // The status's rank; 0 for a status the lifecycle does not know.
    int rank(std::string_view status) const;
    // The change that leads to `to` (a reopen when `new_round`); nullptr when there is none.
    const StatusChange* change_to(std::string_view to, bool new_round = false) const;
    // Whether `to` may follow `from` in the same round (new_round false) or as a reopen.
    bool may_follow(std::string_view from, std::string_view to, bool new_round = false) const;
    // No change of the same round leads out of it: done, cancelled, reported, resolved, referred.
    bool is_final(std::string_view status) const;
};

const Lifecycle& feedback_lifecycle();
const Lifecycle& forum_lifecycle();
const Lifecycle& action_lifecycle();
// The lifecycle of a record type's `status` field; nullptr for types without one.
const Lifecycle* lifecycle_of(std::string_view type);

// A decoded lattice value.
struct LatticeStatus {
    std::int64_t round = 0;
    std::string status;
    bool operator==(const LatticeStatus&) const = default;
};

// Rounds above this are refused: round × 100 + rank must stay far inside 64 bits.
inline constexpr std::int64_t max_lattice_round = 1'000'000;

// Reads the text of a lattice value, `[round,"status"]` exactly as it is written (and as a JSON
// dump writes it): a round of 0 to max_lattice_round without leading zeros, and a status without
// escapes. nullopt for any other text.
std::optional<LatticeStatus> parse_lattice_status(std::string_view value_json);
// The text of a lattice value; throws internal for a status that needs escaping or a round out of
// range (statuses are the lifecycles' codes).
std::string encode_lattice_status(const LatticeStatus& value);

// How a field's concurrent values are ordered before their stamps: the status lattice for the
// `status` field of feedback, forums and actions; nullptr (stamps alone) for everything else.
Precedence precedence_for(std::string_view type, std::string_view field);

// What counts as a conflict: the losing values of a field a user must settle. A lattice field has
// none, whatever its heads: its order decides, and status events keep the history.
std::vector<Head> conflicting_values(std::string_view type, std::string_view field_name, const FieldState& field);

}  // namespace langnghe
