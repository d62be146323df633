#pragma once
// Forums (hội nghị "Công an lắng nghe ý kiến nhân dân"): planned → held → reported.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct ForumInput {
    std::optional<std::string> unit, title, date, venue, chair, summary;
    std::optional<int> attendee_count;
    std::vector<std::string> add_groups, remove_groups;  // attendee_groups() codes
    // The minutes' secretary (thư ký), and when the forum began and ended ("HH:MM", the end after
    // the start, also against the stored time an update leaves unchanged).
    std::optional<std::string> secretary, start_time, end_time;
    // How many of each attendee group came, "GROUP=N" (attendee_groups() codes); N above 0 also
    // adds the group to `groups`. The counts together may not exceed the attendee count.
    std::vector<std::string> group_attendees;
};

struct Forum {
    std::string id, unit, title, date, venue, chair, summary, status;
    int round = 0;
    std::string secretary, start_time, end_time;
    int attendee_count = 0;
    std::vector<std::string> groups;
    // attendee_groups() code → how many of the group came, for the groups whose count was given;
    // older forums have none and say only which groups came (`groups`).
    std::map<std::string, int> group_attendees;
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
