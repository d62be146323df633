#pragma once
// The store's connection, for the storage layer's own files only (this header is not public):
// nothing above storage writes SQL.
#include <string>
#include <vector>

#include "langnghe/codec/codec.h"
#include "langnghe/storage/store.h"

namespace langnghe::storage_internal {

struct Access {
    static sql::Database& db(Store& store) { return store.db(); }
    // A statement prepared once for the life of the store. Not reentrant: reset it before returning
    // (sql::ResetGuard).
    static sql::Statement& cached(Store& store, std::string_view sql) { return store.cached_statement(sql); }
    // Answers of is_live_unit for the open scope; nothing outside one, where another connection may write.
    static std::map<std::string, bool, std::less<>>* live_units(Store& store) {
        return store.m_scope_depth > 0 ? &store.m_live_units : nullptr;
    }
};

// A JSON array of texts, bound to one parameter and read back with json_each(?): a list of any
// length in one statement.
inline std::string json_text_array(const std::vector<std::string>& texts) {
    std::string out = "[";
    for (const auto& text : texts) {
        if (out.size() > 1) out += ',';
        append_json_string(out, text);
    }
    out += ']';
    return out;
}

}  // namespace langnghe::storage_internal
