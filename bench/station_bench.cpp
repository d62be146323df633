// `langnghe-bench station` (issue 14): a big station, on either store, seen from its devices. The
// real `langnghe-server` on its embedded SQLite store or on PostgreSQL, devices as `langnghe`
// processes; records are written into devices' databases through the core beforehand (untimed) and
// reach the station the way they do in the field, by `langnghe sync`.
//
// (a) one province device pushes `--records` records spread over the province's wards, all but
// one ward, which gets exactly `--ward-records`; (b) `--pushers` ward devices push `--pair-records`
// each at once through one server, then (PostgreSQL) as many others, half through each server,
// through two; (c) fresh
// devices of the one ward pull it; (d) one of them syncs 10 new records, `--rounds` times; (e)
// `--devices` ward devices sync a few records each, all at once; (f) the servers' peak memory.
// With `--province-pull`, after (c) a fresh province device pulls the whole province: the big scope
// next to the ward's small one.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "bench.h"
#include "langnghe/base/error.h"
#include "pg_connection.h"

namespace langnghe::bench {

namespace {

struct StationBenchOptions {
    std::string store = "sqlite", pg_url;
    std::size_t records = 100000, ward_records = 1000, pair_records = 10000, pushers = 2, devices = 200,
                per_device = 5, rounds = 30, fresh = 3, incremental = 10;
    std::uint64_t seed = 1;
    StationSetup station;
    std::string dir;
    bool keep = false, province_pull = false;
};

// A throwaway PostgreSQL cluster (scripts/pg-cluster) for a run given no --pg-url.
class OwnCluster {
public:
    explicit OwnCluster(const std::filesystem::path& dir) : m_dir(dir.string()) {
        run_checked({script(), "start", m_dir});
        std::getline(std::ifstream(m_dir + "/url"), m_url);
    }
    ~OwnCluster() { test::run_process({script(), "stop", m_dir}); }
    OwnCluster(const OwnCluster&) = delete;
    OwnCluster& operator=(const OwnCluster&) = delete;
    const std::string& url() const { return m_url; }

private:
    static std::string script() { return std::string(LANGNGHE_SOURCE_DIR) + "/scripts/pg-cluster"; }
    std::string m_dir, m_url;
};

// The station's own database in a cluster, dropped at the end so a shared cluster keeps nothing.
class StationDatabase {
public:
    explicit StationDatabase(const std::string& cluster_url)
        : m_cluster_url(cluster_url), m_name("langnghe_bench_" + std::to_string(getpid())) {
        pg::Connection(m_cluster_url).exec("CREATE DATABASE " + m_name);
    }
    ~StationDatabase() {
        try {
            pg::Connection(m_cluster_url).exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
        } catch (const std::exception& e) {
            std::cerr << "langnghe-bench: database " << m_name << " left in the cluster: " << e.what() << "\n";
        }
    }
    StationDatabase(const StationDatabase&) = delete;
    StationDatabase& operator=(const StationDatabase&) = delete;
    std::string url() const { return pg::database_url(m_cluster_url, m_name); }

private:
    std::string m_cluster_url, m_name;
};

void require_synced(const SyncFigures& f, const std::string& what) {
    if (f.process.exit_code != 0) throw Error(ErrorCode::internal, what + " failed: " + f.process.describe());
}

// Syncs every device, `at_once` at a time, each required to succeed: setup, untimed.
void sync_all(const Station& station, const std::vector<std::string>& dbs, std::size_t at_once) {
    for (std::size_t first = 0; first < dbs.size(); first += at_once) {
        std::vector<test::Process> running;
        for (std::size_t i = first; i < std::min(first + at_once, dbs.size()); ++i) running.push_back(station.start_sync(dbs[i]));
        for (auto& sync : running) require_synced(finish(sync), "a device's first sync");
    }
}

// Every device pushes its `each` new records at the same time (each through the server it enrolled
// with); records per second over the wall time until the last one ends.
double push_together(const Station& station, const std::vector<std::string>& dbs, std::size_t each) {
    Stopwatch wall;
    wall.start();
    std::vector<test::Process> running;
    for (const auto& db : dbs) running.push_back(station.start_sync(db));
    for (auto& sync : running) {
        SyncFigures f = finish(sync);
        require_synced(f, "a push");
        if (f.summary["pushed"] != each) throw Error(ErrorCode::internal, "a push was short: " + f.process.out);
    }
    wall.stop();
    return per_second(each * dbs.size(), wall.seconds());
}

void run_station(const StationBenchOptions& o) {
    ScratchDir dir(o.dir, o.keep);
    const bool postgres = o.store == "postgres";
    std::cout << "langnghe-bench station: " << o.store << " store, " << with_thousands(static_cast<double>(o.records))
              << " records, seed " << o.seed << "\ndatabases in " << dir.path().string() << (o.keep ? " (kept)" : "")
              << "\n";
    std::optional<OwnCluster> cluster;
    std::optional<StationDatabase> database;
    StationSetup setup = o.station;
    if (postgres) {
        if (o.pg_url.empty()) cluster.emplace(dir.path() / "pg");
        database.emplace(o.pg_url.empty() ? cluster->url() : o.pg_url);
        setup.location = {"--db-url", database->url()};
    } else {
        setup.location = {"--data", dir.file("station")};
    }
    Station station(setup, dir);
    std::string second_server = postgres ? station.serve_another() : std::string();
    auto enroll = [&](const std::string& name, const std::string& unit, const std::string& server_url = "") {
        return station.enroll(name, unit, "officer", server_url);
    };

    // Every device is enrolled while the station is still empty: on PostgreSQL an admin command
    // such as `enroll-code issue` builds its own working replica of the whole station, which took
    // seconds per code at 100,000 records. A device enrolled then and synced only later is as new
    // to its ward as one enrolled later.
    std::string bulk = enroll("bulk", province);
    run_checked({setup.cli, "--db", bulk, "sync"});  // the unit list
    std::vector<std::string> wards = wards_of(bulk);
    const std::string measured_ward = wards.front();
    std::vector<std::string> other_wards(wards.begin() + 1, wards.end());
    // Each pushing device records in its own ward, which is all its scope accepts: the first
    // `pushers` wards for those through one server, the next for those through two.
    if (other_wards.size() < 2 * o.pushers)
        throw Error(ErrorCode::invalid_input, "the province has too few wards for " + std::to_string(o.pushers) + " pushers");
    auto pusher_ward = [&](bool two, std::size_t i) { return other_wards[(two ? o.pushers : 0) + i]; };
    std::vector<std::string> through_one, through_two;
    for (std::size_t i = 0; i < o.pushers; ++i) {
        through_one.push_back(enroll("one_" + std::to_string(i), pusher_ward(false, i)));
        if (postgres) through_two.push_back(enroll("two_" + std::to_string(i), pusher_ward(true, i), i % 2 ? second_server : ""));
    }
    std::vector<std::string> fresh, devices, device_wards;
    for (std::size_t i = 0; i < o.fresh; ++i) fresh.push_back(enroll("fresh" + std::to_string(i), measured_ward));
    std::string fresh_province = o.province_pull ? enroll("fresh_province", province) : std::string();
    for (std::size_t i = 0; i < o.devices; ++i) {
        device_wards.push_back(other_wards[(i * 37) % other_wards.size()]);
        devices.push_back(enroll("device" + std::to_string(i), device_wards.back()));
    }

    // (a) the station filled the way the field fills it: a device pushes what it recorded offline
    write_feedback(bulk, o.records - std::min(o.records, o.ward_records), o.seed, other_wards);
    write_feedback(bulk, std::min(o.records, o.ward_records), o.seed + 1, {measured_ward});
    test::Process bulk_run = station.start_sync(bulk);
    SyncFigures bulk_push = finish(bulk_run);
    require_synced(bulk_push, "the bulk push");
    std::size_t bulk_pushed = bulk_push.summary["pushed"];
    print_rate("push: one device, one server", bulk_pushed, bulk_push.process.seconds);

    // (b) devices pushing at once, through one server, then through two (PostgreSQL); each has
    // pulled its ward first, so what is timed is the push. A device waits for each answer before it
    // sends its next batch, so a server with one device idles while the device works: the same
    // number of devices push through one server and through two.
    std::vector<std::string> pushers = through_one;
    pushers.insert(pushers.end(), through_two.begin(), through_two.end());
    sync_all(station, pushers, 4);
    for (std::size_t i = 0; i < through_one.size(); ++i)
        write_feedback(through_one[i], o.pair_records, o.seed + 2 + i, {pusher_ward(false, i)});
    const std::size_t pushed_at_once = o.pushers * o.pair_records;
    const std::string at_once = "push: " + std::to_string(o.pushers) + " devices at once, ";
    double one_server_per_s = push_together(station, through_one, o.pair_records);
    print_rate(at_once + "one server", pushed_at_once, static_cast<double>(pushed_at_once) / one_server_per_s);
    std::optional<double> two_servers_per_s, two_over_one;
    if (postgres) {
        // A server that has not written since the other wrote catches its working replica up at its
        // next write; in the field every server writes all day. So each writes once, untimed, and
        // both start even: what is timed is each catching up with the other's batches as they come.
        for (std::size_t i = 0; i < through_two.size(); ++i)
            write_feedback(through_two[i], 1, o.seed + 900 + i, {pusher_ward(true, i)});
        sync_all(station, through_two, 1);
        for (std::size_t i = 0; i < through_two.size(); ++i)
            write_feedback(through_two[i], o.pair_records, o.seed + 2 + o.pushers + i, {pusher_ward(true, i)});
        two_servers_per_s = push_together(station, through_two, o.pair_records);
        two_over_one = *two_servers_per_s / one_server_per_s;
        print_rate(at_once + "two servers", pushed_at_once, static_cast<double>(pushed_at_once) / *two_servers_per_s);
        std::cout << "  two servers / one server: " << *two_over_one << "\n";
    }

    // (c) a device new to the ward pulls it
    std::vector<double> fresh_ms;
    std::size_t fresh_pulled = 0;
    for (const auto& db : fresh) {
        test::Process run = station.start_sync(db);
        SyncFigures f = finish(run);
        require_synced(f, "a fresh pull");
        fresh_ms.push_back(f.summary["duration_ms"].get<double>());
        fresh_pulled = f.summary["pulled"];
    }
    std::cout << "fresh pull of ward " << measured_ward << " (" << fresh_pulled << " records), median of " << o.fresh
              << ": " << percentile(fresh_ms, 0.5) << " ms\n";

    std::optional<double> province_pull_ms, province_pulled;
    if (o.province_pull) {
        test::Process run = station.start_sync(fresh_province);
        SyncFigures f = finish(run);
        require_synced(f, "the fresh province pull");
        province_pull_ms = f.summary["duration_ms"].get<double>();
        province_pulled = f.summary["pulled"].get<double>();
        std::cout << "fresh pull of the province (" << *province_pulled << " records): " << *province_pull_ms << " ms\n";
    }

    // (d) the everyday sync at this station size
    std::vector<double> incremental_ms;
    for (std::size_t round = 0; round < o.rounds; ++round) {
        write_feedback(fresh.front(), o.incremental, o.seed + 1000 + round, {measured_ward});
        test::Process run = station.start_sync(fresh.front());
        SyncFigures f = finish(run);
        require_synced(f, "an incremental sync");
        if (f.summary["pushed"] != o.incremental) throw Error(ErrorCode::internal, "incremental sync was short: " + f.process.out);
        incremental_ms.push_back(f.summary["duration_ms"].get<double>());
    }
    std::cout << "incremental sync of " << o.incremental << " records, " << o.rounds << " rounds: p50 "
              << percentile(incremental_ms, 0.5) << " ms, p95 " << percentile(incremental_ms, 0.95) << " ms\n";

    // (e) many devices of different wards at once, each already holding its ward
    sync_all(station, devices, 4);
    for (std::size_t i = 0; i < devices.size(); ++i) write_feedback(devices[i], o.per_device, o.seed + 2000 + i, {device_wards[i]});
    Stopwatch together;
    together.start();
    std::vector<test::Process> running;
    for (const auto& db : devices) running.push_back(station.start_sync(db));
    std::size_t errors = 0;
    for (auto& sync : running) {
        SyncFigures f = finish(sync);
        if (f.process.exit_code != 0 || f.summary["pushed"] != o.per_device || !f.summary["refused"].empty()) {
            ++errors;
            std::cerr << "device sync failed (exit " << f.process.exit_code << "): " << f.process.err << "\n";
        }
    }
    together.stop();
    std::cout << o.devices << " devices at once, " << o.per_device << " records each: " << together.seconds()
              << " s, errors: " << errors << "\n";

    // (f) what the station's servers needed
    std::vector<double> peaks = station.peak_rss_mib();
    std::cout << "server peak memory (VmHWM):";
    for (double mib : peaks) std::cout << " " << mib << " MiB";
    std::cout << "\n";

    std::size_t station_records = bulk_pushed + o.pair_records * (through_one.size() + through_two.size()) +
                                  o.rounds * o.incremental + o.devices * o.per_device;
    print_json_line({{"records", static_cast<double>(o.records)},
                     {"station_records", static_cast<double>(station_records)},
                     {"push_one_device_per_s", per_second(bulk_pushed, bulk_push.process.seconds)},
                     {"pushers", static_cast<double>(o.pushers)},
                     {"push_one_server_per_s", one_server_per_s},
                     {"push_two_servers_per_s", two_servers_per_s},
                     {"push_two_over_one", two_over_one},
                     {"ward_records", static_cast<double>(o.ward_records)},
                     {"fresh_pull_records", static_cast<double>(fresh_pulled)},
                     {"fresh_pull_ms", percentile(fresh_ms, 0.5)},
                     {"province_pull_records", province_pulled},
                     {"province_pull_ms", province_pull_ms},
                     {"incremental_p50_ms", percentile(incremental_ms, 0.5)},
                     {"incremental_p95_ms", percentile(incremental_ms, 0.95)},
                     {"devices", static_cast<double>(o.devices)},
                     {"devices_errors", static_cast<double>(errors)},
                     {"devices_seconds", together.seconds()},
                     {"server_peak_rss_mib", peaks.front()},
                     {"second_server_peak_rss_mib", peaks.size() > 1 ? std::optional<double>(peaks[1]) : std::nullopt}},
                    "station", {{"store", o.store}});
}
}  // namespace

void add_station_command(CLI::App& app) {
    auto options = std::make_shared<StationBenchOptions>();
    auto* cmd = app.add_subcommand("station", "a big station on SQLite or PostgreSQL: push, fresh ward pull, "
                                              "incremental sync, many devices at once, server memory");
    cmd->add_option("--store", options->store, "the station's store")->check(CLI::IsMember({"sqlite", "postgres"}));
    cmd->add_option("--pg-url", options->pg_url,
                    "a PostgreSQL cluster's maintenance database (default: a throwaway cluster, scripts/pg-cluster)");
    cmd->add_option("--records", options->records, "feedback records the station is filled with")->check(CLI::PositiveNumber);
    cmd->add_option("--ward-records", options->ward_records, "records of the ward fresh devices pull")->check(CLI::PositiveNumber);
    cmd->add_option("--pair-records", options->pair_records, "records each pushing device sends")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--pushers", options->pushers,
                    "devices pushing at once, through one server, then half through each of two (even)")
        ->check(CLI::Range(std::size_t{2}, std::size_t{64}) & CLI::Validator(
                    [](std::string& v) { return std::stoul(v) % 2 == 0 ? std::string() : "must be even"; }, "EVEN"));
    cmd->add_option("--devices", options->devices, "devices syncing at once")->check(CLI::PositiveNumber);
    cmd->add_option("--per-device", options->per_device, "records each of those pushes")->check(CLI::PositiveNumber);
    cmd->add_option("--rounds", options->rounds, "incremental syncs timed")->check(CLI::PositiveNumber);
    cmd->add_option("--fresh", options->fresh, "fresh devices pulling the ward (the median is reported)")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--province-pull", options->province_pull, "also time a fresh province device pulling the whole province");
    add_station_run_options(*cmd, options->station, options->seed, options->dir, options->keep);
    cmd->callback([options] { run_station(*options); });
}

}  // namespace langnghe::bench
