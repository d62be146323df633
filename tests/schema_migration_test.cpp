// Forward-only migrations: a database left at any earlier schema version opens with this program,
// is migrated to the current version, and keeps its records.
#include <catch2/catch.hpp>

#include "langnghe/base/error.h"
#include "langnghe/model/search.h"
#include "langnghe/storage/schema.h"
#include "support/temp_dir.h"

using namespace langnghe;

namespace {
int user_version(Store& store) { return store.schema_version(); }

// Looked for through a connection of its own: the store keeps its SQL to itself.
bool table_exists(Store& store, const std::string& name) {
    sql::Database db(store.path(), false);
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE name=?");
    st.bind(1, name);
    return st.step();
}
}  // namespace

TEST_CASE("a database of every earlier schema version opens and is migrated forward", "[storage]") {
    for (const auto& step : schema_steps()) {
        if (step.version == SchemaVersion::current) continue;
        test::TempDir dir;
        std::string path = dir.file("old.db");
        RecordState written;
        {
            StoreOptions old;
            old.migrate_to = step.version;
            auto store = Store::open(path, old);
            REQUIRE(user_version(*store) == static_cast<int>(step.version));
            Store::Scope scope(*store);
            store->write("fb-OLDRECORD000000", "feedback", "00004",
                         {{"text", "\"Đường Đội Cấn ngập\""}, {"status", "[0,\"new\"]"}, {"deleted", "false"}},
                         store->next_dot());
            scope.commit();
            written = *store->load("fb-OLDRECORD000000");
        }
        INFO("from schema version " << static_cast<int>(step.version) << " (" << step.name << ")");
        auto store = Store::open_existing(path);
        CHECK(user_version(*store) == static_cast<int>(SchemaVersion::current));
        CHECK(*store->load("fb-OLDRECORD000000") == written);
        CHECK(table_exists(*store, "search_index"));
        CHECK(table_exists(*store, "refused"));
        CHECK(search_feedback(*store, "duong doi can").size() == 1);
    }
}

TEST_CASE("a database from a newer program is refused, not touched", "[storage]") {
    test::TempDir dir;
    std::string path = dir.file("new.db");
    {
        Store::open(path);
        sql::Database(path, false).set_user_version(static_cast<int>(SchemaVersion::current) + 1);
    }
    try {
        Store::open_existing(path);
        FAIL("opened a database of a newer schema");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::incompatible);
    }
}
