#include "pg_push_reads.h"

#include <algorithm>

#include "langnghe/model/record_schema.h"
#include "langnghe/storage/redaction.h"
#include "pg_station_store.h"

namespace langnghe::server {

std::optional<PushReads> reads_of_push(const std::vector<RecordState>& records, const std::vector<CustodyLink>& links) {
    PushReads reads;
    for (const auto& record : records) {
        if (record.type == "unit" || record.type == "redaction") return std::nullopt;
        reads.ids.insert(record.id);
        collect_redaction_targets(record, reads.redaction_targets);
        try {
            for (const auto& reference : record_references(record)) reads.ids.insert(reference.target_id);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    for (const auto& link : links)
        for (const auto& entry : link.entries) reads.ids.insert(entry.record);
    return reads;
}

void take_up_for_push(pg::Connection& db, WorkingReplica& replica, std::int64_t counter,
                      const std::set<std::string>& ids) {
    // The two ranges differ: a replica left behind by other writers' rows can hold every shared
    // row up to the counter and still lack a newer state of a row this push reads.
    if (counter <= replica.pos) return;
    auto from_shared = std::min(replica.shared_pos, counter);
    std::vector<LinkRow> links;
    if (from_shared < counter) links = links_committed(db, from_shared, counter);
    std::vector<std::string> wanted(ids.begin(), ids.end());
    // One round trip: the shared rows through their partial index, the push's own by primary key.
    auto rows = db.exec(
        "SELECT state FROM records WHERE type IN ('unit', 'redaction') AND pos > $1 AND pos <= $3 "
        "UNION ALL SELECT state FROM records WHERE id = ANY($4::text[]) AND type NOT IN ('unit', 'redaction') "
        "AND pos > $2 AND pos <= $3",
        {std::to_string(from_shared), std::to_string(replica.pos), std::to_string(counter),
         pg::text_array(wanted)});
    std::vector<std::string> states;
    states.reserve(static_cast<std::size_t>(rows.rows()));
    for (int i = 0; i < rows.rows(); ++i) states.emplace_back(rows.text(i, 0));
    replica.take_up(states, links);
    replica.shared_pos = std::max(replica.shared_pos, counter);
}

}  // namespace langnghe::server
