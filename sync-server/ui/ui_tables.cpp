// Which tables and records the dashboard reads: those of the store the station runs on.
#include "ui_tables.h"

#include "pg_station_store.h"
#include "station.h"

namespace langnghe::server::ui {

std::unique_ptr<UiTables> ui_tables(Station& station) {
    if (dynamic_cast<PgStationStore*>(&station.data())) return pg_ui_tables(station);
    return sqlite_ui_tables(station);
}

Store& records_to_read(Station& station) {
    if (auto* pg = dynamic_cast<PgStationStore*>(&station.data())) return pg->records_to_read();
    return dynamic_cast<SqliteStationStore&>(station.data()).records();
}

}  // namespace langnghe::server::ui
