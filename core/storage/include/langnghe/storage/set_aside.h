#pragma once
// Records set aside (design.md, "Set-aside records"): a record the station refused on its own, named
// in the refusal, stays on this device untouched, is listed with the reason, and is offered again
// when the reason can have gone away; everything else keeps syncing.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/storage/store.h"

namespace langnghe {

struct SetAside {
    std::string id;
    std::string code;    // the station's error code: forbidden, clock_skew, invalid_input
    std::string reason;  // the station's message
    std::int64_t at_ms = 0;
};

struct Advice {
    std::string en, vi;
};

// Only these refusals name records and may set them aside; any other refusal stops the sync.
bool sets_aside(ErrorCode code);

std::vector<SetAside> list_set_aside(Store& store);
// Records set aside and not changed since: the ordinary push leaves them out.
std::set<std::string, std::less<>> set_aside_unchanged(Store& store);
// Records to offer again now: clock_skew ones at every sync, the others after a scope change.
std::vector<std::string> set_aside_due(Store& store);
void set_aside(Store& store, const std::vector<std::string>& ids, ErrorCode code, const std::string& reason);
void clear_set_aside(Store& store, const std::vector<std::string>& ids);
// After a scope change every record set aside is offered again.
void retry_all_set_aside(Store& store);
// Records changed after `pushed_seq`, unit records and records set aside left out: what the next
// push offers.
std::size_t count_unpushed(Store& store, std::uint64_t pushed_seq);

struct HeldRecord {
    std::string id, unit;
    bool is_unit = false;
};
// Records the station has acknowledged (changed at or before `pushed_seq`) and every unit record,
// records set aside left out: what a device may drop when its scope shrinks.
std::vector<HeldRecord> acknowledged_records(Store& store, std::uint64_t pushed_seq);

// What the user can do about a record set aside for `code`.
Advice set_aside_advice(const std::string& code);

}  // namespace langnghe
