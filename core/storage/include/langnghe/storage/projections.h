#pragma once
// The projections (schema step "projections", docs/design.md): the fields reports filter, sort and
// count by, for feedback and status events, kept as indexed columns beside `records`. Not written
// with each record: the queries that read them bring them up to date first, from the records whose
// change cursor (seq) passed the one they were last brought to, as the search index is.
#include "langnghe/storage/store.h"

namespace langnghe {

// Brings the projections up to every record this connection can see, in a transaction of its own
// (or the caller's Store::Scope). False when they cannot be written here (a read-only file, a
// COMMIT refused) and nothing changed: the caller reads the documents instead.
bool refresh_projections(Store& store);

}  // namespace langnghe
