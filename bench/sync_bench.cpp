// `langnghe-bench sync`: the real station and real devices on loopback. A `langnghe-server` process
// on its embedded SQLite store; devices are `langnghe` processes on their own databases, exactly the
// commands officers run. Records are written into the devices' databases through the core beforehand
// (untimed); what is timed is `langnghe sync`.
//
// (a) one device pushes `--count` feedback records; (b) a fresh device pulls them (its peak memory
// from wait4); (c) `--devices` devices of different wards sync `--per-device` records each, all at
// once; (d) an enrolled device syncs 10 new records, `--rounds` times: p50/p95 of the sync itself
// (the client's own measure) and of the whole command (process start and database open included).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "bench.h"
#include "langnghe/base/error.h"

namespace langnghe::bench {

namespace {

struct SyncBenchOptions {
    std::size_t count = 100000, devices = 20, per_device = 1000, rounds = 30, incremental = 10;
    std::uint64_t seed = 1;
    StationSetup station;
    std::string dir;
    bool keep = false;
};

void run_sync(const SyncBenchOptions& o) {
    ScratchDir dir(o.dir, o.keep);
    std::cout << "langnghe-bench sync: langnghe-server and langnghe processes on loopback, seed " << o.seed << "\n"
              << "databases in " << dir.path().string() << (o.keep ? " (kept)" : "") << "\n";
    StationSetup setup = o.station;
    setup.location = {"--data", dir.file("station")};
    Station station(setup, dir);

    // (a) one device pushes everything it recorded offline
    std::string pusher = station.enroll("pusher", province, "officer");
    run_checked({o.station.cli, "--db", pusher, "sync"});  // the unit list, untimed
    std::vector<std::string> wards = wards_of(pusher);
    write_feedback(pusher, o.count, o.seed, wards);
    test::Process push_run = station.start_sync(pusher);
    SyncFigures push = finish(push_run);
    if (push.process.exit_code != 0) throw Error(ErrorCode::internal, "push failed: " + push.process.err);
    std::size_t pushed = push.summary["pushed"];
    print_rate("push: one device, then its (empty) pull", pushed, push.process.seconds);

    // (b) a fresh device pulls the province
    std::string puller = station.enroll("puller", province, "supervisor", "", Station::FirstPull::at_first_sync);
    test::Process pull_run = station.start_sync(puller);
    SyncFigures pull = finish(pull_run);
    if (pull.process.exit_code != 0) throw Error(ErrorCode::internal, "pull failed: " + pull.process.err);
    std::size_t pulled = pull.summary["pulled"];
    print_rate("pull: a fresh device, everything", pulled, pull.process.seconds);
    std::cout << "  pulling client's peak memory: " << pull.process.peak_rss_mib << " MiB\n";

    // (c) many devices at once
    std::vector<std::string> devices;
    for (std::size_t i = 0; i < o.devices; ++i) {
        const std::string& ward = wards[(i * 37) % wards.size()];
        devices.push_back(station.enroll("officer" + std::to_string(i), ward, "officer"));
        run_checked({o.station.cli, "--db", devices.back(), "sync"});
        write_feedback(devices.back(), o.per_device, o.seed + 1 + i, {ward});
    }
    Stopwatch together;
    together.start();
    std::vector<test::Process> running;
    for (std::size_t i = 0; i < devices.size(); ++i) running.push_back(station.start_sync(devices[i]));
    std::size_t errors = 0, concurrent_pushed = 0;
    for (auto& child : running) {
        SyncFigures f = finish(child);
        if (f.process.exit_code != 0 || f.summary["pushed"] != o.per_device || !f.summary["refused"].empty()) {
            ++errors;
            std::cerr << "device sync failed (exit " << f.process.exit_code << "): " << f.process.err << "\n";
        } else {
            concurrent_pushed += f.summary["pushed"].get<std::size_t>();
        }
    }
    together.stop();
    print_rate(std::to_string(o.devices) + " devices at once, " + std::to_string(o.per_device) + " records each",
               concurrent_pushed, together.seconds());
    std::cout << "  errors: " << errors << "\n";

    // (d) the everyday sync: a few new records
    run_checked({o.station.cli, "--db", pusher, "sync"});
    std::vector<double> sync_ms, command_ms;
    for (std::size_t round = 0; round < o.rounds; ++round) {
        write_feedback(pusher, o.incremental, o.seed + 1000 + round, wards);
        test::Process run = station.start_sync(pusher);
        SyncFigures f = finish(run);
        if (f.process.exit_code != 0 || f.summary["pushed"] != o.incremental)
            throw Error(ErrorCode::internal, "incremental sync failed: " + f.process.err);
        sync_ms.push_back(f.summary["duration_ms"].get<double>());
        command_ms.push_back(f.process.seconds * 1000.0);
    }
    std::cout << "incremental sync of " << o.incremental << " records, " << o.rounds << " rounds: p50 "
              << percentile(sync_ms, 0.5) << " ms, p95 " << percentile(sync_ms, 0.95) << " ms (whole command p50 "
              << percentile(command_ms, 0.5) << " ms, p95 " << percentile(command_ms, 0.95) << " ms)\n";

    double push_bytes = push.summary["bytes_sent"].get<double>();
    double pull_bytes = pull.summary["bytes_received"].get<double>();
    std::cout << "wire bytes per record: push " << push_bytes / static_cast<double>(std::max<std::size_t>(pushed, 1))
              << ", pull " << pull_bytes / static_cast<double>(std::max<std::size_t>(pulled, 1)) << " (gzip)\n";
    print_json_line({{"count", static_cast<double>(o.count)},
                     {"push_per_s", per_second(pushed, push.process.seconds)},
                     {"push_bytes_per_record", push_bytes / static_cast<double>(std::max<std::size_t>(pushed, 1))},
                     {"pull_records", static_cast<double>(pulled)},
                     {"pull_seconds", pull.process.seconds},
                     {"pull_per_s", per_second(pulled, pull.process.seconds)},
                     {"pull_bytes_per_record", pull_bytes / static_cast<double>(std::max<std::size_t>(pulled, 1))},
                     {"pull_peak_rss_mib", pull.process.peak_rss_mib},
                     {"devices", static_cast<double>(o.devices)},
                     {"devices_errors", static_cast<double>(errors)},
                     {"devices_per_s", per_second(concurrent_pushed, together.seconds())},
                     {"incremental_p50_ms", percentile(sync_ms, 0.5)},
                     {"incremental_p95_ms", percentile(sync_ms, 0.95)},
                     {"incremental_command_p50_ms", percentile(command_ms, 0.5)},
                     {"incremental_command_p95_ms", percentile(command_ms, 0.95)}},
                    "sync");
}
}  // namespace

void add_sync_command(CLI::App& app) {
    auto options = std::make_shared<SyncBenchOptions>();
    auto* cmd = app.add_subcommand("sync", "push, fresh pull, many devices at once and incremental syncs on loopback");
    cmd->add_option("--count", options->count, "feedback records one device pushes and a fresh one pulls")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--devices", options->devices, "devices syncing at once")->check(CLI::PositiveNumber);
    cmd->add_option("--per-device", options->per_device, "records each of those pushes")->check(CLI::PositiveNumber);
    cmd->add_option("--rounds", options->rounds, "incremental syncs timed")->check(CLI::PositiveNumber);
    add_station_run_options(*cmd, options->station, options->seed, options->dir, options->keep);
    cmd->callback([options] { run_sync(*options); });
}

}  // namespace langnghe::bench
