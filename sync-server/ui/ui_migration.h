#pragma once
// The dashboard's part of `langnghe-server migrate` (docs/operations.md): its accounts and audit log
// move with the station, in the same PostgreSQL transaction, so users sign in to the migrated
// station with the passwords they have (sessions do not move: everyone signs in again).
#include "pg_migration.h"

namespace langnghe::server::ui {

// A MigrateMore: copies ui_users and ui_audit (in the order written) when the source has them,
// makes the tables in any case, and throws, rolling the move back, when the counts read back differ.
void migrate_ui_tables(sql::Database& source, pg::Connection& target, MigrationSummary& summary);

}  // namespace langnghe::server::ui
