#pragma once
// Typed reads of the stored records: the layers above ask for records by type, unit, field values
// and references, and this file alone turns the question into SQL over `records` and its JSON
// documents (docs/design.md, "Storage seam").
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/storage/store.h"

namespace langnghe {

// The stored winning document of a record.
struct StoredRecord {
    std::string id, type, unit, doc;  // doc: JSON text
    std::int64_t conflicts = 0;
};

// A condition on the winning value at a JSON path of the document ("$.status": letters, digits
// and _ only).
struct FieldTest {
    enum class Op {
        equals,    // the value is values[0]
        less,      // below values[0], as text
        at_most,   // at or below values[0], as text
        at_least,  // at or above values[0], as text
        one_of,    // one of values
        contains,  // the value is an array holding values[0]
    };
    std::string path;
    Op op = Op::equals;
    std::vector<std::string> values;
    // Compares only the first `prefix` characters of the value (the date of a time stamp); 0: all.
    std::size_t prefix = 0;
};

// Records of one type, narrowed by every condition given.
struct RecordFilter {
    std::string type;
    std::optional<std::vector<std::string>> units;  // only records of these units
    std::vector<FieldTest> tests;
    std::vector<std::string> not_true;  // drops records whose boolean at one of these paths is true
    std::string order_path;             // ordered by the value there, then id; empty: by unit, then id
    std::size_t limit = 0;              // 0: all
};

// What find_record_fields reads at a JSON path: the value there.
struct FieldRead {
    // Implicit, so a list of reads is a list of paths, with presence_of where it asks less.
    FieldRead(const char* value_path) : path(value_path) {}
    FieldRead(std::string value_path) : path(std::move(value_path)) {}
    // Only whether a value other than "" is there ("1" or "0"): all a report needs of a text, and
    // what projections keep of one (docs/design.md, "Projections").
    static FieldRead presence_of(std::string value_path) {
        FieldRead read(std::move(value_path));
        read.presence = true;
        return read;
    }
    std::string path;
    bool presence = false;
};

std::optional<StoredRecord> find_record(Store& store, const std::string& id);
// Feedback and status events filtered, sorted and read on fields their projection keeps are
// found without a document parsed; the results are those of the documents either way.
std::vector<StoredRecord> find_records(Store& store, const RecordFilter& filter);
// The same records as find_records, each as its id, its unit and what `reads` asks of each ("" for
// no value), read by SQLite without a document parsed here: for figures over many records.
std::vector<std::vector<std::string>> find_record_fields(Store& store, const RecordFilter& filter,
                                                         const std::vector<FieldRead>& reads);
// Each row of find_record_fields handed to `visit` as SQLite reads it, its views valid during the
// call only: a province's figures tallied with nothing kept or copied per record.
using FieldsVisitor = std::function<void(std::span<const std::string_view> row)>;
void visit_record_fields(Store& store, const RecordFilter& filter, const std::vector<FieldRead>& reads,
                         const FieldsVisitor& visit);
// Records of `type` whose id starts with `prefix` (a receipt code is an id's first characters).
std::vector<StoredRecord> find_by_id_prefix(Store& store, const std::string& type, const std::string& prefix);
// Records of `type` (notes, status events) whose target is `target_id`, by their stamp, then id.
std::vector<StoredRecord> find_by_target(Store& store, const std::string& type, const std::string& target_id);

// The unit `code` and every unit below it, sorted, from the unit records.
std::vector<std::string> unit_subtree(Store& store, const std::string& code);
// The units of `code`'s subtree (itself included) of kind `kind`, not deleted, by code: their
// names read by the query, not from each unit's document (feedback placed at a named group does
// this on every write).
struct UnitNames {
    std::string code, name, name_en, parent;
};
std::vector<UnitNames> live_units_under(Store& store, const std::string& code, const std::string& kind);
// The unit record of `code` exists and is not deleted. Runs for every write: no JSON parsing.
bool is_live_unit(Store& store, const std::string& code);
// The codes of every unit record held.
std::vector<std::string> unit_codes(Store& store);

struct RecordKey {
    std::string id, type, unit;
};
// The stored type and unit of each of `ids` held here, in one query.
std::vector<RecordKey> find_keys(Store& store, const std::vector<std::string>& ids);

// Every record's state, in no particular order.
void for_each_state(Store& store, const std::function<void(const RecordState&)>& visit);
// Records holding at least one conflict, by id.
std::vector<RecordState> records_in_conflict(Store& store);

struct TypeCount {
    std::string type;
    bool deleted = false;
    std::int64_t records = 0, conflicts = 0;
};
// How many records of each type, live and deleted, with their conflicts.
std::vector<TypeCount> count_records(Store& store);
// How many records other than units each unit holds (units holding none are absent).
std::map<std::string, std::int64_t> count_records_by_unit(Store& store);

}  // namespace langnghe
