#pragma once
// Feedback (ý kiến, phản ánh, kiến nghị): what a resident said, its lifecycle and history.
//
// Lifecycle: new → acknowledged → answered | planned → resolved, or → referred. The status is a
// lattice field: a stale transition made offline never overwrites a later one. Going back is a
// reopen, which needs a reason and starts a new round. Every transition is an append-only
// status_event record: who, when, from, to.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

struct FeedbackInput {
    std::optional<std::string> unit, group, forum, channel, kind, category, text, officer, resident_name,
        resident_phone, received_at;
    std::optional<bool> anonymous;
    std::vector<std::string> add_tags, remove_tags;
};

struct Feedback {
    std::string id, code, unit, group, forum, channel, kind, category, text, officer, resident_name, resident_phone,
        received_at, recorded_by, status, answer, referred_to;
    bool anonymous = false;
    bool deleted = false;
    int round = 0;
    std::vector<std::string> tags;
    std::int64_t conflicts = 0;
    // Answered (docs/design.md, "Definitions"): an answer text is kept and the status is one the
    // answer leads to (answered, planned, resolved), not one a reopen or a referral put back.
    bool is_answered() const;
};

// Answered as Feedback::is_answered says, from the status and whether an answer text is kept.
bool is_answered(std::string_view status, bool has_answer);

// What figures over many feedback items (the unit report) need of each one.
struct FeedbackFigures {
    std::string id, unit, kind, category, status, received_at, channel;
    bool answered = false;  // is_answered
};

struct StatusEvent {
    std::string id, target, from, to, by, at, note;
};

// Every filter given is checked: an unknown unit, status, kind, category or channel, or a date that
// is not one (yyyy-mm-dd or dd/mm/yyyy), throws invalid_input naming the field, never an empty list.
struct FeedbackFilter {
    std::optional<std::string> unit;  // the unit and every unit below it
    std::vector<std::string> statuses;  // any of these; none given: every status
    bool open_only = false;             // only open_feedback_statuses()
    std::optional<std::string> kind, category, forum, channel;
    // A residential group: the groups below `unit` it names as a unit (code or name, see
    // find_residential_groups), or, for feedback whose group was typed as text, the group field
    // equal to it ignoring case and marks.
    std::optional<std::string> group;
    // The officer the feedback concerns / who recorded it: the name's words in order, ignoring
    // case, marks and a rank before them ("Lê Văn Hùng" finds "Thiếu tá Lê Văn Hùng").
    std::optional<std::string> officer, recorded_by;
    std::optional<std::string> from_date, to_date;  // received_at, inclusive
    bool include_deleted = false;
    std::size_t limit = 0;   // 0: no limit
    std::size_t offset = 0;  // skip this many of those matching, in the list's order
};

// Open feedback (docs/design.md, "Definitions"): a status some change other than a reopen leads
// out of: new, acknowledged, answered, planned. Resolved and referred items are closed until a reopen.
const std::vector<std::string>& open_feedback_statuses();

// Whether the input names the resident: a non-empty name or phone. Such a record is not anonymous
// unless the input says it is, which is refused.
bool names_resident(const FeedbackInput& input);

// Validates everything before writing anything; returns the new id.
std::string add_feedback(Store& store, const Actor& actor, const FeedbackInput& input);
// Builds the record without writing it (the fast path of bulk loads and the benchmark).
RecordState make_feedback(Store& store, const Actor& actor, const FeedbackInput& input, const Dot& dot);
void update_feedback(Store& store, const Actor& actor, const std::string& id, const FeedbackInput& input);

// `at`: when the change happened, if earlier than now (an answer given at a forum and typed up
// later): a date (yyyy-mm-dd, dd/mm/yyyy: that day, kept without a time, as received_at is) or a
// date and time. Not after now by the store's clock, not before the feedback was received;
// otherwise invalid_input naming "at" and nothing is written. The status event keeps it as its
// `at`; the record's stamps stay the time of the write.
void acknowledge_feedback(Store& store, const Actor& actor, const std::string& id,
                          const std::optional<std::string>& at = std::nullopt);
void answer_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& answer,
                     const std::optional<std::string>& at = std::nullopt);
void mark_feedback_planned(Store& store, const Actor& actor, const std::string& id);
void resolve_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& note = {},
                      const std::optional<std::string>& at = std::nullopt);
void refer_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& to_whom,
                    const std::optional<std::string>& at = std::nullopt);
void reopen_feedback(Store& store, const Actor& actor, const std::string& id, const std::string& reason,
                     const std::optional<std::string>& at = std::nullopt);

// Finds by id or by receipt code ("7K2QD-9XM4B", any case, dash optional).
Feedback get_feedback(Store& store, const std::string& id_or_code);
std::vector<Feedback> list_feedback(Store& store, const FeedbackFilter& filter);
std::vector<StatusEvent> status_history(Store& store, const std::string& target_id);
// The feedback list_feedback gives for `filter`, in the same order, as figures read by SQLite
// without a document parsed here: a province's report reads every record of its period. The
// filter's group, officer, recorded_by, limit and offset are not for figures (internal error).
std::vector<FeedbackFigures> list_feedback_figures(Store& store, const FeedbackFilter& filter);
// The same figures handed to `visit` one at a time, valid during the call only: a report's tallies
// with no list of 100,000 kept.
void visit_feedback_figures(Store& store, const FeedbackFilter& filter, const std::function<void(const FeedbackFigures&)>& visit);
// The date and time each feedback of `unit`'s subtree was first answered (its first status event
// to "answered" with a date, in history order), by feedback id: one query for a whole report.
std::map<std::string, std::string> first_answered_at(Store& store, const std::string& unit);

// The receipt code of a feedback id: its first ten random characters as XXXXX-XXXXX.
std::string receipt_code(const std::string& feedback_id);

// Validated unit code: the unit must exist on this replica.
std::string require_unit(Store& store, const std::string& code, std::string_view field = "unit");

// Appends a status_event record (shared with forums and actions). Its `at` is the write's time,
// or `happened_at` when given (already checked); its `stamp` is always the write's.
void record_status_event(Store& store, const Actor& actor, const std::string& target, const std::string& unit,
                         const std::string& from, const std::string& to, const std::string& note, const Dot& dot,
                         const std::string& happened_at = {});

}  // namespace langnghe
