// langnghe-bench: measures the core against plain SQLite; see docs/benchmarks.md.
#include <CLI/CLI.hpp>

#include <iostream>

#include "bench.h"
#include "langnghe/base/error.h"

int main(int argc, char** argv) {
    CLI::App app{"langnghe-bench: throughput figures of the langnghe core (see docs/benchmarks.md)"};
    app.require_subcommand(1);
    langnghe::bench::add_write_command(app);
    langnghe::bench::add_sync_command(app);
    langnghe::bench::add_station_command(app);
    langnghe::bench::add_ui_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const langnghe::Error& e) {
        std::cerr << "langnghe-bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
