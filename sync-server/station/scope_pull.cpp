#include "scope_pull.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <queue>
#include <set>

#include <nlohmann/json.hpp>

namespace langnghe::server {

namespace {
// Stored states are copied as they are: a pull neither decodes nor encodes them. `next_row` gives
// (seq, state) in seq order until it returns false.
template <typename NextRow>
StateBatch collect(std::uint64_t cursor, std::size_t limit, NextRow&& next_row) {
    StateBatch batch;
    batch.last_seq = cursor;
    batch.records_json = "[";
    std::int64_t seq = 0;
    std::string_view state;
    for (std::size_t count = 0; next_row(seq, state); ++count) {
        if (count == limit) {
            batch.more = true;
            break;
        }
        batch.last_seq = static_cast<std::uint64_t>(seq);
        if (count > 0) batch.records_json += ',';
        batch.records_json += state;
    }
    batch.records_json += ']';
    return batch;
}
}  // namespace

void add_scope_index(sql::Database& db) { db.exec("CREATE INDEX IF NOT EXISTS records_by_unit_seq ON records(unit, seq)"); }

const char* seq_walk_sql() {
    // INDEXED BY: with records_by_unit_seq present the planner could take the unit lists' ranges
    // and sort all they hold on every page, for a big scope once per page over the whole station.
    return "SELECT r.seq, r.state FROM records r INDEXED BY records_by_seq WHERE r.seq > ?1 AND "
           "((r.type != 'unit' AND r.unit IN (SELECT value FROM json_each(?2))) OR "
           "(r.type = 'unit' AND r.unit IN (SELECT value FROM json_each(?3)))) AND "
           "NOT EXISTS (SELECT 1 FROM record_echo e WHERE e.id = r.id AND e.site = ?5 AND e.seq = r.seq) "
           "ORDER BY r.seq LIMIT ?4";
}

const char* unit_range_sql(UnitRange range) {
    switch (range) {
    case UnitRange::everything:
        return "SELECT r.seq, r.state FROM records r INDEXED BY records_by_unit_seq WHERE r.unit = ?1 AND r.seq > ?2 AND "
               "NOT EXISTS (SELECT 1 FROM record_echo e WHERE e.id = r.id AND e.site = ?3 AND e.seq = r.seq) "
               "ORDER BY r.seq";
    case UnitRange::records:
        return "SELECT r.seq, r.state FROM records r INDEXED BY records_by_unit_seq WHERE r.unit = ?1 AND r.seq > ?2 AND "
               "r.type != 'unit' AND "
               "NOT EXISTS (SELECT 1 FROM record_echo e WHERE e.id = r.id AND e.site = ?3 AND e.seq = r.seq) "
               "ORDER BY r.seq";
    case UnitRange::unit_record:
        // A unit's records under its own code hold one unit record: not worth walking the others
        // (an ancestor's feedback) to find it.
        return "SELECT r.seq, r.state FROM records r INDEXED BY records_by_type_unit WHERE r.type = 'unit' AND "
               "r.unit = ?1 AND r.seq > ?2 AND "
               "NOT EXISTS (SELECT 1 FROM record_echo e WHERE e.id = r.id AND e.site = ?3 AND e.seq = r.seq) "
               "ORDER BY r.seq";
    }
    return nullptr;
}

PullPlan choose_pull(sql::Database& db, std::uint64_t cursor, std::size_t limit, const PullScope& scope) {
    const std::uint64_t window = seq_window_per_row * (static_cast<std::uint64_t>(limit) + 1);
    auto newest = db.prepare("SELECT coalesce(max(seq), 0) FROM records");
    newest.step();
    const auto left = static_cast<std::uint64_t>(newest.column_int(0)) - std::min<std::uint64_t>(cursor, newest.column_int(0));
    // The scope's changes in the window, from the index alone; unit records aside, as they are few.
    auto in_window = db.prepare(
        "SELECT count(*) FROM (SELECT 1 FROM records INDEXED BY records_by_unit_seq WHERE "
        "unit IN (SELECT value FROM json_each(?1)) AND seq > ?2 AND seq <= ?3 LIMIT ?4)");
    in_window.bind(1, nlohmann::json(scope.units).dump()).bind(2, cursor).bind(3, cursor + std::min(left, window));
    in_window.bind(4, static_cast<std::int64_t>(limit) + 1);
    in_window.step();
    const auto sent = static_cast<std::uint64_t>(in_window.column_int(0));
    std::set<std::string> units(scope.units.begin(), scope.units.end());
    units.insert(scope.unit_records.begin(), scope.unit_records.end());
    // At most: a page fills within the window, or the walk reads all that is left.
    const std::uint64_t walk_reads = sent > limit ? window : left;
    return walk_reads <= seq_window_per_row * (sent + units.size()) ? PullPlan::seq_walk : PullPlan::unit_merge;
}

StateBatch pull_by_seq(sql::Database& db, std::uint64_t cursor, std::size_t limit, const PullScope& scope) {
    auto st = db.prepare(seq_walk_sql());
    st.bind(1, cursor).bind(2, nlohmann::json(scope.units).dump()).bind(3, nlohmann::json(scope.unit_records).dump());
    st.bind(4, static_cast<std::int64_t>(limit) + 1).bind(5, scope.for_site);
    return collect(cursor, limit, [&st](std::int64_t& seq, std::string_view& state) {
        if (!st.step()) return false;
        seq = st.column_int(0);
        state = st.column_view(1);
        return true;
    });
}

StateBatch pull_by_unit(sql::Database& db, std::uint64_t cursor, std::size_t limit, const PullScope& scope) {
    std::set<std::string> units(scope.units.begin(), scope.units.end());
    std::set<std::string> unit_records(scope.unit_records.begin(), scope.unit_records.end());
    std::set<std::string> all = units;
    all.insert(unit_records.begin(), unit_records.end());
    std::vector<sql::Statement> ranges;
    ranges.reserve(all.size());
    // The next change of each range that has one, least seq on top.
    using Head = std::pair<std::int64_t, std::size_t>;
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (const auto& unit : all) {
        UnitRange range = !unit_records.count(unit) ? UnitRange::records
                          : !units.count(unit)      ? UnitRange::unit_record
                                                    : UnitRange::everything;
        auto& st = ranges.emplace_back(db.prepare(unit_range_sql(range)));
        st.bind(1, unit).bind(2, cursor).bind(3, scope.for_site);
        if (st.step()) heads.push({st.column_int(0), ranges.size() - 1});
    }
    // The range whose state was handed out last steps on only when the next row is asked for: its
    // text stays valid until then.
    std::optional<std::size_t> sent;
    return collect(cursor, limit, [&](std::int64_t& seq, std::string_view& state) {
        if (sent && ranges[*sent].step()) heads.push({ranges[*sent].column_int(0), *sent});
        sent.reset();
        if (heads.empty()) return false;
        std::size_t i = heads.top().second;
        heads.pop();
        seq = ranges[i].column_int(0);
        state = ranges[i].column_view(1);
        sent = i;
        return true;
    });
}

}  // namespace langnghe::server
