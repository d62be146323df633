#pragma once
// The summary of many forums (issue 15, "Reports a province can use"): what a city or province
// conference hears about the forums its wards held in a period (seed 001: 37 wards' forums
// summarised for the city). Over the forums of a unit's subtree dated within the period: how many
// were held and planned, by unit, how many attended and which groups, what was raised by category,
// how much was answered on the spot and how much became an action. Computed from the replica.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/outputs/report.h"
#include "langnghe/outputs/report_period.h"
#include "langnghe/storage/store.h"

namespace langnghe {

// The forums of one unit (the unit that held them: a ward, a commune).
struct ForumUnitFigures {
    std::string code, name, name_en;
    std::size_t held = 0, planned = 0;
    std::size_t attendees = 0;  // of its held forums
    std::size_t raised = 0;     // feedback recorded at its forums
};

struct GroupAttendance {
    std::size_t forums = 0;          // held forums the group attended
    std::size_t counted_forums = 0;  // of those, the forums that gave the group's count
    std::size_t attendees = 0;       // the people those forums counted for the group
};

struct RaisedFigures {
    std::size_t raised = 0;
    std::size_t answered_on_the_spot = 0;  // answered_on_the_day the forum's date (minutes.h)
    std::size_t with_action = 0;           // addressed by an action not cancelled
};

struct ForumSummary {
    std::string unit, name, name_en;
    ReportPeriod period;
    std::string period_code;  // "2026-Q4" for a calendar period, else ""
    PeriodLabel period_label;

    // Forums dated in the period, not deleted. Held counts held and reported (a reported forum
    // was held); reported is the part of held whose results were reported upward.
    std::size_t forums = 0, planned = 0, held = 0, reported = 0;
    std::size_t attendees = 0;  // attendee_count over the held forums
    // Every attendee_groups() code, in its order (zeros included).
    std::map<std::string, GroupAttendance> by_group;
    std::vector<ForumUnitFigures> units;  // the units that held or planned forums, by code

    // Feedback recorded at the period's forums (held or not: what was said was said).
    RaisedFigures raised;
    std::map<std::string, RaisedFigures> by_category;  // every categories() code, zeros included
    std::size_t actions = 0, actions_done = 0;         // not cancelled, addressing that feedback
};

// Throws not_found for an unknown unit, invalid_input for a malformed period.
ForumSummary forum_summary(Store& store, const std::string& unit, const ReportPeriod& period);
ForumSummary forum_summary(Store& store, const std::string& unit, const CalendarPeriod& period);

// Aligned text in `lang`, the decimal comma in Vietnamese.
std::string forum_summary_text(const ForumSummary& summary, Lang lang);
// JSON with codes, not labels, in a fixed key order.
std::string forum_summary_json(const ForumSummary& summary);
// UTF-8 with a BOM; header `section,key,label,value`; labels in `lang`.
std::string forum_summary_csv(const ForumSummary& summary, Lang lang);

}  // namespace langnghe
