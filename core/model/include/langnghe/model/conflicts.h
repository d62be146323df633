#pragma once
// Conflicts: values that lost a concurrent write to the same field. They are never dropped; a user
// lists them, inspects them, re-applies one (it becomes the value, superseding the others) or
// dismisses it (the current winner is confirmed, superseding the loser).
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct Conflict {
    std::string id;  // 12 hex digits of SHA-256 over record id, field and the lost write's dot
    std::string record_id, record_type, unit, field;
    std::string lost_value;    // JSON text
    std::string winning_value; // JSON text
    Stamp lost_stamp = 0, winning_stamp = 0;
    std::string lost_site, winning_site;
};

std::vector<Conflict> list_conflicts(Store& store);
Conflict get_conflict(Store& store, const std::string& id);
// Both need the role that writing the field needs (roles.h: an action's field, a unit head's).
void reapply_conflict(Store& store, const Actor& actor, const std::string& id);
void dismiss_conflict(Store& store, const Actor& actor, const std::string& id);

}  // namespace langnghe
