#pragma once
// The redaction rule (docs/custody.md, "Redaction"). A redaction record (type "redaction": target,
// field, stamp) removes every value of that field of that record written at or before its stamp:
// in the record's own heads, in the `new` of every revision of the field written by then, and in
// the `old` of every revision whose replaced value was written by then (its `based_on`). Each
// becomes the marker. The rule is a function of the records held, applied after every join and
// every local redaction, so replicas converge whatever order redactions and revisions arrive in.
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include "langnghe/storage/custody.h"
#include "langnghe/storage/store.h"

namespace langnghe {

// The text a redacted value becomes, and the same as the JSON value stored.
std::string_view redacted_text();
const std::string& redacted_json();

// Adds to `targets` what a redaction may rewrite when `record` is joined: a feedback record itself,
// the record a revision or a redaction names.
void collect_redaction_targets(const RecordState& record, std::set<std::string>& targets);
// Whether the store holds a redaction of one of `targets`: only then does joining them read their
// revisions (a PostgreSQL server's push then needs every record, docs/postgres.md).
bool any_redaction_of(Store& store, const std::set<std::string>& targets);

// Applies the rule to the records `targets` name (a redacted record's id) and to their revisions.
// Returns how many records it rewrote. Must run inside a Store::Scope.
std::size_t enforce_redactions(Store& store, const std::set<std::string>& targets);

// Rewritten values leave the files too: the full-text index is merged (dropping deleted entries)
// and the write-ahead log is checkpointed and truncated. Stores open with secure_delete, so freed
// space is zeroed. Runs outside any Store::Scope.
void compact_after_redaction(Store& store);
// Forgets the nonce of every custody entry that covers a redacted value (custody.h), whichever
// link brought it and whenever: without its nonce, an entry's hash cannot be tried against guesses.
// With `only`, among those links of the log alone (links just received: the rest were erased when
// their redaction arrived). Returns how many links were rewritten.
std::size_t erase_redacted_nonces(Store& store, const std::vector<CustodyLink>* only = nullptr);

}  // namespace langnghe
