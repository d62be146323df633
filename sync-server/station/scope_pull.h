#pragma once
// How the embedded station store reads a pull's changes (SqliteStationStore::changes_since): two
// ways with the same answer, byte for byte. The seq walk reads every change after the cursor and
// keeps its scope's, so its cost grows with the station; the unit merge reads one ordered range per
// unit of the scope from a station-only index and merges them, so a page costs its size and a seek
// per unit. The store picks one from the scope's share of the station's units.
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

// The units a pull by unit reads a range of: those of both lists.
std::size_t scope_units(const PullScope& scope);
// Whether the unit merge is the cheaper: it pays a seek per unit of the scope on each page, the
// seq walk every change outside the scope, and a scope with most of the station's units holds
// most of its changes.
bool pull_merges_units(std::size_t scope_units, std::size_t station_units);

// What one unit's range holds: all its records, its records but its unit record, its unit record only.
enum class UnitRange { everything, records, unit_record };
// The SQL of a unit's range (?1 unit, ?2 cursor, ?3 for_site), for EXPLAIN QUERY PLAN in tests.
const char* unit_range_sql(UnitRange range);
// The SQL of the seq walk (?1 cursor, ?2 units, ?3 unit_records as JSON arrays, ?4 limit + 1, ?5 for_site).
const char* seq_walk_sql();

}  // namespace langnghe::server
