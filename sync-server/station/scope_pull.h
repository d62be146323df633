#pragma once
// How the embedded station store reads a pull's changes (SqliteStationStore::changes_since): two
// ways with the same answer, byte for byte. The seq walk reads every change after the cursor and
// keeps its scope's, so its cost grows with the station; the unit merge reads one ordered range per
// unit of the scope from a station-only index and merges them, so a page costs its size and a seek
// per unit. The store picks one for each page (choose_pull).
#include <cstdint>
#include <string>
#include <vector>

#include "langnghe/storage/sqlite.h"
#include "station_store.h"

namespace langnghe::server {

// The scope of a pull, as changes_since takes it: the non-unit records of `units`, the unit
// records of `unit_records`, less what `for_site` pushed and the station kept as it was sent.
struct PullScope {
    const std::vector<std::string>& units;
    const std::vector<std::string>& unit_records;
    const std::string& for_site;
};

// records(unit, seq): the changes of a unit in order. Devices do not have it (their pulls and
// pushes never ask by unit), so the station creates it when it opens; idempotent.
void add_scope_index(sql::Database& db);

// At most limit + 1 changes after `cursor`: `more` when there was one beyond the limit, last_seq
// the last change sent (the cursor when none). The caller moves last_seq on to the newest change
// when nothing is left.
StateBatch pull_by_seq(sql::Database& db, std::uint64_t cursor, std::size_t limit, const PullScope& scope);
StateBatch pull_by_unit(sql::Database& db, std::uint64_t cursor, std::size_t limit, const PullScope& scope);

enum class PullPlan { seq_walk, unit_merge };
// The cheaper way for this page. The merge pays a seek per unit and reads rows out of change order;
// the walk reads rows in change order but every one after the cursor, in the scope or not. So the
// walk when it reads at most `seq_window_per_row` rows for each row sent or unit the merge would
// seek: when the changes just after the cursor hold a page of the scope's, or few are left.
PullPlan choose_pull(sql::Database& db, std::uint64_t cursor, std::size_t limit, const PullScope& scope);
inline constexpr std::uint64_t seq_window_per_row = 4;

// What one unit's range holds: all its records, its records but its unit record, its unit record only.
enum class UnitRange { everything, records, unit_record };
// The SQL of a unit's range (?1 unit, ?2 cursor, ?3 for_site), for EXPLAIN QUERY PLAN in tests.
const char* unit_range_sql(UnitRange range);
// The SQL of the seq walk (?1 cursor, ?2 units, ?3 unit_records as JSON arrays, ?4 limit + 1, ?5 for_site).
const char* seq_walk_sql();

}  // namespace langnghe::server
