#pragma once
// What a push reads of a PostgreSQL station besides units, redactions and custody links, so that its
// catch-up adopts only that (docs/postgres.md, "A push catches up only what it reads").
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "langnghe/merge/merge.h"
#include "langnghe/storage/custody.h"
#include "pg_connection.h"
#include "working_replica.h"

namespace langnghe::server {

struct PushReads {
    std::set<std::string> ids;                // carried, referred to, or named by the links' entries
    std::set<std::string> redaction_targets;  // what a redaction held may rewrite once joined
};

// Nothing when the push needs the whole station: it carries a unit or a redaction (both depend on
// every record), or a record whose references cannot be read (the check refuses it).
std::optional<PushReads> reads_of_push(const std::vector<RecordState>& records, const std::vector<CustodyLink>& links);

// Adopts into `replica` the units, redactions and links committed in (shared_pos, counter] and the
// rows of `ids` committed in (pos, counter]; the replica's shared_pos is then `counter`, its pos
// unchanged.
void take_up_for_push(pg::Connection& db, WorkingReplica& replica, std::int64_t counter,
                             const std::set<std::string>& ids);

}  // namespace langnghe::server
