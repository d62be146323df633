#pragma once
// Forward-only schema migrations, one named step per version (PRAGMA user_version).
#include <span>
#include <string_view>

#include "langnghe/storage/store.h"

namespace langnghe {

struct SchemaStep {
    SchemaVersion version;
    std::string_view name;
    std::string_view sql;
};

std::span<const SchemaStep> schema_steps();

}  // namespace langnghe
