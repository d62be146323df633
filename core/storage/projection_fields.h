#pragma once
// What each projection keeps (schema.cpp, "projections"): the storage layer's own map from a JSON
// path of a record type to the column that holds it, read by the queries that choose a projection
// and by the refresh that fills one, so the two cannot disagree.
#include <span>
#include <string>
#include <string_view>

#include "langnghe/storage/store.h"

namespace langnghe::storage_internal {

struct ProjectedField {
    std::string_view path, column;
};

// The plain columns kept beside `records` for the records of one type.
struct Projection {
    std::string_view type, table;
    std::span<const ProjectedField> values;     // json_extract(doc, path) as it is
    std::span<const ProjectedField> presences;  // whether a value other than "" is there
};

inline constexpr ProjectedField feedback_values[] = {
    {"$.kind", "kind"},       {"$.category", "category"}, {"$.status", "status"},   {"$.received_at", "received_at"},
    {"$.channel", "channel"}, {"$.forum", "forum"},       {"$.deleted", "deleted"},
};
inline constexpr ProjectedField feedback_presences[] = {{"$.answer", "has_answer"}};
inline constexpr ProjectedField status_event_values[] = {
    {"$.target", "target"}, {"$.to", "to_status"}, {"$.at", "at"}, {"$.stamp", "stamp"}};
inline constexpr Projection projections[] = {
    {"feedback", "feedback_fields", feedback_values, feedback_presences},
    {"status_event", "status_event_fields", status_event_values, {}},
};

// What a projection's column holds for `path` of the document in `doc_column`: the value as it is,
// or whether one other than "" is there. Queries that read the documents instead use the same SQL,
// so the two answer alike.
inline std::string document_value_sql(std::string_view doc_column, std::string_view path) {
    return "json_extract(" + std::string(doc_column) + ", '" + std::string(path) + "')";
}
inline std::string document_presence_sql(std::string_view doc_column, std::string_view path) {
    return "coalesce(" + document_value_sql(doc_column, path) + ", '') <> ''";
}

// A record forgotten (Store::forget) leaves its projections at once: a refresh sees only records
// still held.
void forget_projected(Store& store, const std::string& id);

}  // namespace langnghe::storage_internal
