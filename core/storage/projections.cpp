#include "langnghe/storage/projections.h"

#include <string>

#include "langnghe/base/error.h"
#include "projection_fields.h"
#include "store_access.h"

namespace langnghe {

using storage_internal::Access;
using storage_internal::Projection;

namespace {
// The change cursor the projections were last brought up to.
constexpr const char* cursor_key = "projections_seq";

// Every record of the projection's type changed after the bound cursor, projected again: found
// through the change cursor, since after one sync that is a few records where the type is 100,000.
std::string refresh_sql(const Projection& projection) {
    std::string columns = "id, unit", values = "id, unit";
    for (const auto& field : projection.values) {
        columns += ", " + std::string(field.column);
        values += ", " + storage_internal::document_value_sql("doc", field.path);
    }
    for (const auto& field : projection.presences) {
        columns += ", " + std::string(field.column);
        values += ", " + storage_internal::document_presence_sql("doc", field.path);
    }
    return "INSERT OR REPLACE INTO " + std::string(projection.table) + "(" + columns + ") SELECT " + values +
           " FROM records INDEXED BY records_by_seq WHERE seq > ? AND type = '" + std::string(projection.type) + "'";
}
}  // namespace

bool refresh_projections(Store& store) {
    if (store.options().migrate_to < SchemaVersion::projections) return false;  // a test's store held at an older schema
    try {
        Store::Scope scope(store);  // also reads the change cursor another connection moved
        std::uint64_t cursor = std::stoull(store.meta(cursor_key).value_or("0"));
        std::uint64_t last = store.current_seq();
        if (cursor >= last) return true;
        for (const auto& projection : storage_internal::projections) {
            auto& refresh = Access::cached(store, refresh_sql(projection));
            sql::ResetGuard reset(refresh);
            refresh.bind(1, static_cast<std::int64_t>(cursor));
            refresh.run();
        }
        store.set_meta(cursor_key, std::to_string(last));
        scope.commit();
        return true;
    } catch (const Error&) {
        return false;  // rolled back with the scope: the documents answer instead
    }
}

void storage_internal::forget_projected(Store& store, const std::string& id) {
    if (store.options().migrate_to < SchemaVersion::projections) return;
    for (const auto& projection : storage_internal::projections) {
        auto& remove = Access::cached(store, "DELETE FROM " + std::string(projection.table) + " WHERE id=?");
        sql::ResetGuard reset(remove);
        remove.bind(1, id);
        remove.run();
    }
}

}  // namespace langnghe
