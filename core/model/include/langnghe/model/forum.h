#pragma once
// Forums (hội nghị "Công an lắng nghe ý kiến nhân dân"): planned → held → reported.
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct ForumInput {
    std::optional<std::string> unit, title, date, venue, chair, summary;
    std::optional<int> attendee_count;
    std::vector<std::string> add_groups, remove_groups;  // attendee_groups() codes
};

struct Forum {
    std::string id, unit, title, date, venue, chair, summary, status;
    int round = 0;
    int attendee_count = 0;
    std::vector<std::string> groups;
    bool deleted = false;
    std::int64_t conflicts = 0;
};

// An unknown unit or status, or a bad date, throws invalid_input naming the field.
struct ForumFilter {
    std::optional<std::string> unit;  // subtree
    std::optional<std::string> status, from_date, to_date;
    bool include_deleted = false;
};

// Requires unit, title, date. Status starts at planned.
std::string add_forum(Store& store, const Actor& actor, const ForumInput& input);
void update_forum(Store& store, const Actor& actor, const std::string& id, const ForumInput& input);
// planned → held → reported; each transition is a status_event.
void set_forum_status(Store& store, const Actor& actor, const std::string& id, const std::string& status);
Forum get_forum(Store& store, const std::string& id);
std::vector<Forum> list_forums(Store& store, const ForumFilter& filter);

}  // namespace langnghe
