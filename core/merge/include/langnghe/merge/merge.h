#pragma once
// The conflict-free merge, free of storage and JSON so it can be property-tested on its own.
//
// Every field of every record is a multi-value register with a causal context (a delta-state
// CRDT). A write made on one replica replaces every value that replica had seen for the field;
// values written without knowledge of each other are all kept as "heads". The winner among heads
// is the greatest (precedence, stamp, site); the other heads are conflicts a user can list and
// re-apply. Joining two states is commutative, associative and idempotent, and needs no causal
// delivery: a value is dropped only when the other side's context proves someone saw it.
#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/merge/hlc.h"

namespace langnghe {

struct Dot {
    Stamp stamp = 0;
    std::string site;
    auto operator<=>(const Dot&) const = default;
};

struct Head {
    Dot dot;
    std::string value;  // the value's JSON text; the merge never looks inside except via Precedence
    bool operator==(const Head&) const = default;
};

// For each site, the greatest stamp of that site's writes to this field this state has seen.
// A site's later write to a field always supersedes its own earlier ones, so one number per site
// describes everything seen.
using Context = std::map<std::string, Stamp, std::less<>>;

struct FieldState {
    std::vector<Head> heads;  // sorted by dot, unique
    Context context;
    bool operator==(const FieldState&) const = default;
};

// Orders values before stamps for lattice fields (feedback status): a higher precedence wins
// whatever the clocks say. Plain last-writer-wins fields use precedence 0.
using Precedence = std::int64_t (*)(std::string_view value_json);

FieldState join(const FieldState& a, const FieldState& b);
// The state after this replica writes `value` at `dot`, having seen `current`.
FieldState overwrite(const FieldState& current, const Dot& dot, std::string value);
const Head& winner(const FieldState& field, Precedence precedence = nullptr);
// Heads other than the winner whose value differs from the winner's: the conflicts.
std::vector<Head> losers(const FieldState& field, Precedence precedence = nullptr);

struct RecordState {
    std::string id;
    std::string type;
    std::string unit;  // fixed at creation: a record never moves out of its unit
    std::map<std::string, FieldState, std::less<>> fields;
    bool operator==(const RecordState&) const = default;
};

// Joins `delta` into `into`; returns true when `into` changed. Throws invalid_input when the two
// disagree on type or unit (a forged or corrupt change).
bool join_into(RecordState& into, const RecordState& delta);

// The greatest stamp anywhere in the record (to advance a clock past what was received).
Stamp max_stamp(const RecordState& record);

}  // namespace langnghe
