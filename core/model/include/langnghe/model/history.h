#pragma once
// Nothing a resident said changes without a trace (docs/custody.md). Every change of a revised
// field is kept as a revision record, written in the same transaction as the change itself, so
// there is no edit without its revision and no revision without its edit. Revisions are
// append-only: they merge without conflict, and two concurrent edits leave two revisions and one
// kept conflict on the field.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "langnghe/model/records.h"

namespace langnghe {

// Whether every change of `field` of a `type` record is kept: feedback text, answer, referral and
// the resident's name and phone; an action's description and result; a forum's summary; a
// household commitment's households and signed counts (a revision keeps a count as its digits).
bool is_revised_field(std::string_view type, std::string_view field);

// Writes `values` (JSON texts) to the record, and a revision for each revised field whose value
// changes, all at `dot`. Must run inside a Store::Scope.
void write_revised(Store& store, const Actor& actor, const StoredRecord& before,
                   const std::vector<std::pair<std::string, std::string>>& values, const Dot& dot);

// One entry of a record's history.
struct HistoryEntry {
    enum class Kind { revision, status, deleted, restored, note, redacted };
    Kind kind = Kind::revision;
    std::string field;                  // a revision's field; "status" for a status change
    std::string old_value, new_value;   // a revision's texts; a status change's codes
    std::string note;                   // a status change's note, a delete's or redaction's reason, a note's text
    std::string officer, device;  // device: the site that wrote it, from its stamp
    // ISO 8601 to the second, with the offset (iso_instant_at); a status change dated when it
    // happened (`--at`) shows that date or date-time as given, which may be earlier than its stamp.
    std::string at;
    std::int64_t stamp = 0;
    std::string id;                     // the record that keeps the entry
};
std::string_view kind_code(HistoryEntry::Kind kind);

// Every revision, status change, delete, restore, note and redaction of a record, oldest first
// (by stamp).
std::vector<HistoryEntry> record_history(Store& store, const std::string& target_id);
std::size_t revision_count(Store& store, const std::string& target_id);

}  // namespace langnghe
