#pragma once
// The server's command line: `init`, `serve` and the admin commands, all on `--data DIR` (the
// embedded store) or `--db-url URL` (PostgreSQL).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "langnghe/base/error.h"

namespace langnghe::server {

struct AdminContext {
    Lang lang = Lang::en;
    std::string data_dir;
    std::string db_url;  // PostgreSQL, instead of data_dir
    bool json = false;
    std::string tr(std::string_view vi, std::string_view en) const { return std::string(lang == Lang::vi ? vi : en); }
};

// "30m", "12h", "7d", "3600s" → milliseconds; throws invalid_input naming `field`.
std::int64_t parse_duration_ms(const std::string& text, const std::string& field);

class Station;
// The station the command names: its data directory or its database. Throws invalid_input when
// neither or both are given.
std::unique_ptr<Station> open_station(const AdminContext& ctx);
// Where the station is, for messages.
std::string station_location(const AdminContext& ctx);

void add_admin_commands(CLI::App& app, AdminContext& ctx);
// `changes import FILE` and `changes export --unit U --out FILE`: the station's side of sync by file.
void add_change_file_commands(CLI::App& app, AdminContext& ctx);
void add_serve_commands(CLI::App& app, AdminContext& ctx);
// `user add|list|disable|reset`: the web dashboard's accounts (user_cmd.cpp).
void add_user_commands(CLI::App& app, AdminContext& ctx);
// `migrate --data DIR --db-url URL`: the embedded station into PostgreSQL.
void add_migrate_command(CLI::App& app, AdminContext& ctx);

}  // namespace langnghe::server
