#pragma once
// Shared pieces of the domain services: who is acting, record ids, reading winning documents,
// deleting and restoring.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/model/roles.h"
#include "langnghe/storage/queries.h"
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

// Throws not_found naming the id and expected type.
StoredRecord require_record(Store& store, const std::string& id, std::string_view type);

// The records of one type, narrowed filter by filter: what the list_… functions of feedback,
// forums, ballots and actions share. A filter without a value adds nothing. Storage turns the
// filter into its query (storage/queries.h).
class RecordQuery {
public:
    explicit RecordQuery(std::string_view type);
    // Records of `unit` and the units below it.
    RecordQuery& in_subtree(Store& store, const std::optional<std::string>& unit);
    // Winning value at a JSON path equals `value`.
    RecordQuery& equals(std::string_view path, const std::optional<std::string>& value);
    // Winning value at a JSON path (its first `prefix` characters when not 0) compared with `value`.
    RecordQuery& compare(std::string_view path, FieldTest::Op op, const std::optional<std::string>& value,
                         std::size_t prefix = 0);
    // Dated from `from` to `to`, both included, either may be absent, by the date at `path` (a time
    // stamp's first ten characters). The bounds must be dates: one that is not is refused as
    // invalid_input naming from_date or to_date.
    RecordQuery& dated_between(std::string_view path, const std::optional<std::string>& from,
                               const std::optional<std::string>& to);
    // Winning value at a JSON path is one of `values`.
    RecordQuery& one_of(std::string_view path, std::vector<std::string> values);
    // The array at a JSON path holds `value`.
    RecordQuery& contains(std::string_view path, const std::optional<std::string>& value);
    // Drops records whose boolean at `path` is true (deleted, voided) unless `keep` says otherwise.
    RecordQuery& without(std::string_view path, bool keep);
    // Ordered by the value at `order_path`, then id; `limit` 0 for all.
    std::vector<StoredRecord> run(Store& store, std::string_view order_path, std::size_t limit = 0) const;
    // The same records as run(), each as its id, unit and what `reads` asks (find_record_fields).
    std::vector<std::vector<std::string>> fields(Store& store, std::string_view order_path,
                                                 const std::vector<FieldRead>& reads) const;
    // The same rows handed to `visit` one at a time (visit_record_fields).
    void visit_fields(Store& store, std::string_view order_path, const std::vector<FieldRead>& reads,
                      const FieldsVisitor& visit) const;

private:
    RecordFilter m_filter;
};

// What a record is called in messages, in both languages ("feedback", "ý kiến").
struct RecordNoun {
    const char* en;
    const char* vi;
};
// The rules every edit of feedback, a forum or an action keeps, each refused as the error it is:
// a record stays in the unit it was recorded in (invalid_input naming unit), a deleted record is
// restored before anything else (invalid_state), and an update changes at least one field
// (invalid_input naming fields).
void require_same_unit(const RecordNoun& noun, const std::string& unit, const std::optional<std::string>& asked);
void require_not_deleted(const RecordNoun& noun, const std::string& id, bool deleted);
void require_some_change(const std::vector<std::pair<std::string, std::string>>& values);

// Tombstone and restore feedback, a forum or an action; both sync like any other change, and both
// need a role that may delete and restore (an action's, one that manages actions too). The
// reason is required (invalid_input naming reason, nothing written) and kept with the officer and
// the time as an entry of the record's history: a status event to "deleted" or "restored".
void delete_record(Store& store, const Actor& actor, const std::string& id, const std::string& reason);
void restore_record(Store& store, const Actor& actor, const std::string& id, const std::string& reason);

// JSON text of a plain value, for Store::write.
std::string json_string(std::string_view s);
std::string json_bool(bool b);
std::string json_int(std::int64_t v);

}  // namespace langnghe
