#pragma once
// Shared pieces of the domain services: who is acting, record ids, reading winning documents,
// deleting and restoring.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/storage/store.h"

namespace langnghe {

// The person using this replica; stamped into recorded_by, status history and notes.
struct Actor {
    std::string officer;
    std::string role = "officer";  // officer | unit_head | supervisor | admin
};

// "fb-" + 16 Crockford base32 characters of secure randomness (80 bits).
std::string new_record_id(std::string_view prefix);

// Text limits, in code points.
constexpr std::size_t max_short_text = 200;
constexpr std::size_t max_long_text = 10000;

// The stored winning document of a record, or nullopt.
struct StoredRecord {
    std::string id, type, unit, doc;  // doc: JSON text
    std::int64_t conflicts = 0;
};
std::optional<StoredRecord> find_record(Store& store, const std::string& id);
// Throws not_found naming the id and expected type.
StoredRecord require_record(Store& store, const std::string& id, std::string_view type);

// A SELECT of one record type's stored documents, narrowed filter by filter: what the list_…
// functions of feedback, forums, ballots and actions share. Each filter with a value adds its clause
// (one `?`, bound to the value); a filter without one adds nothing.
class RecordQuery {
public:
    explicit RecordQuery(std::string_view type);
    // Records of `unit` and the units below it.
    RecordQuery& in_subtree(Store& store, const std::optional<std::string>& unit);
    // Winning value at a JSON path equals `value`.
    RecordQuery& equals(std::string_view path, const std::optional<std::string>& value);
    RecordQuery& where(std::string_view clause, const std::optional<std::string>& value);
    // Drops records whose boolean at `path` is true (deleted, voided) unless `keep` says otherwise.
    RecordQuery& without(std::string_view path, bool keep);
    // Ordered by the value at `order_path`, then id; `limit` 0 for all.
    std::vector<StoredRecord> run(Store& store, std::string_view order_path, std::size_t limit = 0) const;

private:
    std::string m_sql;
    std::vector<std::string> m_binds;
};

// Tombstone and restore any record; both sync like any other change.
void delete_record(Store& store, const Actor& actor, const std::string& id);
void restore_record(Store& store, const Actor& actor, const std::string& id);

// Units of the subtree rooted at `code` (itself included), from the replicated unit records.
std::vector<std::string> unit_subtree(Store& store, const std::string& code);

// JSON text of a plain value, for Store::write.
std::string json_string(std::string_view s);
std::string json_bool(bool b);
std::string json_int(std::int64_t v);

}  // namespace langnghe
