#pragma once
// The status lattice: a record's status is the value [round, "status"]. Among concurrent statuses
// the greater (round, rank) wins, so a later stage of a lifecycle beats an earlier one whatever the
// clocks say, and a reopen (a higher round) beats every stage of the round before it.
#include <string_view>

#include "langnghe/merge/merge.h"

namespace langnghe {

// How a field's concurrent values are ordered before their stamps: the status lattice for the
// `status` field of feedback, forums and actions; nullptr (stamps alone) for everything else.
Precedence precedence_for(std::string_view type, std::string_view field);

}  // namespace langnghe
