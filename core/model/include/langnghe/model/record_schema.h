#pragma once
// The shape every record type may have, checked on every state a replica receives (change files,
// pushed batches, pulled batches) before it is joined. A local write is checked by the domain
// service that makes it; a received state is checked here, so a forged or corrupt change cannot
// store a field the domain does not know, a value of the wrong JSON type, or an id that does not
// fit its type. One declarative table (record_schema.cpp) says, per type, the id prefix, the
// fields, which of them a record must have, and which name other records.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/merge/merge.h"

namespace langnghe {

// Throws invalid_input naming the record id (in details) and the offending field. Checks: known
// type; the id is the type's prefix and 16 Crockford base32 characters ("un-<unit code>" for
// units); the unit is a unit code; every field name is known for the type (set elements
// "groups/<code>", "tags/<tag>", "feedback/<id>", "scores.<c>"); every field the type always has is
// there (a feedback item's text, kind, status, …); every head's value has the JSON type of its
// field (string, bool, integer, [round, "status"]); vocabulary values (kind, category, channel,
// status) are known codes; a field naming another record holds an id of the right type; text is
// valid UTF-8 in NFC.
void check_record_shape(const RecordState& record);

// The known record types, for error messages and tests.
bool is_known_record_type(std::string_view type);

// A unit code: 1 to 32 ASCII letters, digits, '-', '_' or '.'.
bool is_unit_code(std::string_view code);
// An id as new_record_id makes them (or "un-<code>" for a unit), of any known type.
bool is_record_id(std::string_view id);
// The id for a message: as it is when it has the id syntax, else quoted with JSON escapes, so a
// forged id's newline, NUL or markup never reaches a terminal or a log raw.
std::string printable_id(std::string_view id);

// How the unit of a referred record must relate to the unit of the record that names it.
enum class TargetUnit {
    same,        // notes and status events take the unit of their target; a ballot's forum
    in_subtree,  // an action's feedback is in the action's unit or below it
    in_scope,    // a feedback item's forum: anywhere the writer may see
};

// One record naming another: a head value of a reference field ("target", "forum") or an element
// of a reference set ("feedback/<id>").
struct Reference {
    std::string field;
    std::string target_id;
    std::span<const std::string_view> target_types;
    TargetUnit unit;
};

// Every reference `record` makes (empty values name nothing). The record must have passed
// check_record_shape.
std::vector<Reference> record_references(const RecordState& record);

}  // namespace langnghe
