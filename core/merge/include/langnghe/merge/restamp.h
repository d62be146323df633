#pragma once
// Re-stamping a device's unsent writes after its clock was found wrong (design.md, "Clock
// correction"). Pure: record states in, the changed states and the clock floor out; the store and
// the sync client only load, save and persist.
//
// The rules, for the device's own site S:
//   - a head of S stamped beyond `corrected_now + tolerance` and above `sent` (so no other replica
//     can hold it) gets a fresh stamp above max(corrected now, sent, every stamp of S that stays),
//     in the original order; one write spanning several fields keeps one dot, so it is renamed the
//     same everywhere;
//   - a context entry for S is never lowered below anything another replica may hold: a far, unsent
//     entry becomes max(sent, the new stamps of the writes it covered), so the re-stamped value still
//     supersedes everything its original superseded (every sent write of S is at or below `sent`);
//     any other entry is kept as it is;
//   - the clock floor is above every stamp of S left in any state, so later writes of S supersede
//     all of them everywhere.
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "langnghe/merge/merge.h"

namespace langnghe {

struct Restamped {
    std::vector<RecordState> changed;  // only the states that changed
    std::map<Stamp, Stamp> renamed;    // original stamp of S → its new stamp
    std::size_t values = 0;            // heads re-stamped
    Stamp clock_floor = 0;             // the device's clock issues stamps above this from now on
};

// `records`: every state of the device (a state not passed must hold no stamp of S above `sent`).
// `sent`: the greatest stamp of S any other replica may hold, in heads or contexts.
Restamped restamp_unsent(const std::vector<RecordState>& records, std::string_view own_site, Stamp sent,
                         std::int64_t corrected_now_ms, std::int64_t tolerance_ms);

// The greatest stamp of `site` in the record's heads and contexts (0: none).
Stamp max_stamp_of(const RecordState& record, std::string_view site);

}  // namespace langnghe
