#pragma once
// Reading a record's winning document into its struct: each record type lists its text members
// once, as a table, and the members every lifecycle record has are read in one place.
#include <initializer_list>
#include <string>
#include <utility>

#include "langnghe/codec/document.h"
#include "langnghe/storage/queries.h"

namespace langnghe {

template <class T>
using TextFields = std::initializer_list<std::pair<const char*, std::string T::*>>;

template <class T>
void read_text_fields(const DocumentReader& doc, T& out, TextFields<T> fields) {
    for (const auto& [key, member] : fields) out.*member = doc.text(key);
}

// Feedback, forums and actions: id, unit, status with its round, the tombstone and the number of
// conflicting values.
template <class T>
void read_lifecycle_fields(const DocumentReader& doc, const StoredRecord& record, T& out) {
    out.id = record.id;
    out.unit = record.unit;
    out.status = doc.text("status");
    out.round = static_cast<int>(doc.integer("status_round"));
    out.deleted = doc.flag("deleted");
    out.conflicts = record.conflicts;
}

}  // namespace langnghe
