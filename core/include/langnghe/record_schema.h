#pragma once
// The shape every record type may have, checked on every state a replica receives (change files,
// pushed batches, pulled batches) before it is joined. A local write is checked by the domain
// service that makes it; a received state is checked here, so a forged or corrupt change cannot
// store a field the domain does not know, a value of the wrong JSON type, or an id that does not
// fit its type.
#include <string>
#include <string_view>

#include "langnghe/merge.h"

namespace langnghe {

// Throws invalid_input naming the record id (in details) and the offending field. Checks: known
// type; id prefix matches the type ("fb-" for feedback, "un-<code>" for units); every field name is
// known for the type (set elements "groups/<code>", "tags/<tag>", "feedback/<id>", "scores.<c>");
// every head's value has the JSON type of its field (string, bool, integer, [round, "status"]);
// vocabulary values (kind, category, channel, status) are known codes; text is valid UTF-8.
void check_record_shape(const RecordState& record);

// The known record types, for error messages and tests.
bool is_known_record_type(std::string_view type);

}  // namespace langnghe
