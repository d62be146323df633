#pragma once
// `feedback redact`: a resident's name, phone or words removed from every replica and every
// revision, with a trace of who, when and why (the rule itself: storage/redaction.h).
#include <string>

#include "langnghe/model/records.h"

namespace langnghe {

// Writes the marker over `field` (redactable_fields()) and a redaction record, applies the rule,
// and takes the value out of this store's files. Unit heads only (roles.md).
void redact_feedback(Store& store, const Actor& actor, const std::string& id_or_code, const std::string& field,
                     const std::string& reason);

// After a redaction reached this store (ApplyResult::redacted): the search index and the
// write-ahead log no longer hold the values it rewrote. Runs outside any Store::Scope.
void scrub_redacted_values(Store& store);

}  // namespace langnghe
