// `langnghe-bench write`: the core write path against plain SQLite writing the same rows.
//
// (a) generated feedback inserted through the core (make_feedback + Store::insert_new, batched in
//     Scopes: validation, NFC, merge state, winning document, seq, clock), plus add_feedback with one
//     transaction per record on a smaller count; (b) those records applied as one batch to an empty
//     replica (Store::apply); (c) the same rows inserted with the sqlite3 API alone, in one
//     transaction, into the same table with the same indexes and pragmas. Generating inputs and
//     reading rows back are outside the timed sections.
#include <sqlite3.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "bench.h"
#include "langnghe/base/error.h"
#include "langnghe/model/units.h"
#include "langnghe/sample/generator.h"
#include "langnghe/storage/schema.h"
#include "langnghe/sync/sync_protocol.h"
#include "working_replica.h"

namespace langnghe::bench {

namespace {
struct WriteOptions {
    std::size_t count = 100000;
    std::size_t single_count = 2000;
    std::size_t batch = 0;  // 0: all records in one transaction, like the plain baseline
    std::uint64_t seed = 1;
    std::string units_file =
        std::string(LANGNGHE_SOURCE_DIR) + "/data/vn-admin-units/head_2026-07-25_full_34prov_3321wards.json";
    std::string dir;
    bool keep = false;
};

const Actor bench_actor{"Thượng úy Nguyễn Văn An"};

// Imports the unit list (untimed) and returns the commune-level units records are spread over.
std::vector<std::string> prepare_units(Store& store, const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorCode::not_found, "cannot read unit file " + file, "units");
    std::ostringstream text;
    text << in.rdbuf();
    import_units(store, bench_actor, text.str());
    std::vector<std::string> codes;
    for (const auto& u : list_units(store))
        if (u.kind != "province" && u.kind != "city" && u.kind != "district") codes.push_back(u.code);
    if (codes.empty())
        throw Error(ErrorCode::invalid_input, "unit file " + file + " has no commune-level units", "units");
    return codes;
}

std::vector<FeedbackInput> generate(Generator& gen, const std::vector<std::string>& units, std::size_t n) {
    std::vector<FeedbackInput> inputs;
    inputs.reserve(n);
    for (std::size_t i = 0; i < n; ++i) inputs.push_back(gen.feedback(units[(i * 7919) % units.size()]));
    return inputs;
}

double core_bulk_insert(Store& store, Generator& gen, const std::vector<std::string>& units, const WriteOptions& o) {
    Stopwatch watch;
    std::size_t batch = o.batch == 0 ? o.count : o.batch;
    for (std::size_t done = 0; done < o.count;) {
        auto inputs = generate(gen, units, std::min(batch, o.count - done));
        watch.start();
        Store::Scope scope(store);
        for (const auto& input : inputs) store.insert_new(make_feedback(store, bench_actor, input, store.next_dot()));
        scope.commit();
        watch.stop();
        done += inputs.size();
    }
    return watch.seconds();
}

double core_single_inserts(Store& store, Generator& gen, const std::vector<std::string>& units, std::size_t count) {
    auto inputs = generate(gen, units, count);
    Stopwatch watch;
    watch.start();
    for (const auto& input : inputs) add_feedback(store, bench_actor, input);
    watch.stop();
    return watch.seconds();
}

// A PostgreSQL station's working replica taking up another server's writes (the records as stored
// text, in batches of a push), timed two ways on replicas made as a server makes them: the states
// adopted as they are (WorkingReplica::take_up), and decoded and joined (Store::apply, as before).
std::pair<double, double> catch_up(Store& source, std::size_t count) {
    auto stored = source.export_stored_since(0, static_cast<std::size_t>(-1),
                                             [](std::string_view, std::string_view type) { return type == "feedback"; });
    std::vector<std::vector<std::string>> batches;
    for (std::size_t i = 0; i < stored.records.size(); ++i) {
        if (i % default_push_batch == 0) batches.emplace_back();
        batches.back().push_back(std::move(stored.records[i].state));
    }
    auto identity = server::WorkingReplica::new_identity();
    server::WorkingReplica joining(identity), adopting(identity);
    Stopwatch apply_watch, adopt_watch;
    apply_watch.start();
    for (const auto& states : batches) {
        std::vector<RecordState> records;
        for (const auto& state : states) records.push_back(joining.store().read_stored(state));
        joining.store().apply(records);
    }
    apply_watch.stop();
    adopt_watch.start();
    for (const auto& states : batches) adopting.take_up(states, {});
    adopt_watch.stop();
    if (joining.seq() != count || adopting.store().canonical_dump() != joining.store().canonical_dump())
        throw Error(ErrorCode::internal, "the replica that adopted differs from the one that joined");
    return {apply_watch.seconds(), adopt_watch.seconds()};
}

// Owned sqlite3 handles for the plain baseline, which deliberately bypasses langnghe::sql.
struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct FinalizeStmt {
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using DbPtr = std::unique_ptr<sqlite3, CloseDb>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw Error(ErrorCode::storage, std::string("plain SQLite: ") + what + ": " + sqlite3_errmsg(db));
}

DbPtr open_plain(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    DbPtr db(raw);
    check(db.get(), rc, "open");
    return db;
}

StmtPtr prepare_plain(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    check(db, sqlite3_prepare_v2(db, sql, -1, &raw, nullptr), sql);
    return StmtPtr(raw);
}

struct Row {
    std::string id, type, unit, doc, state;
    sqlite3_int64 seq = 0, conflicts = 0;
};

// Copies the feedback rows of `source` into a fresh `target` with plain sqlite3 calls; returns the
// time of the inserts and commit only, and the number of rows through `rows`.
double plain_insert(const std::string& source, const std::string& target, std::size_t& rows) {
    auto in = open_plain(source, SQLITE_OPEN_READONLY);
    auto out = open_plain(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // The same pragmas and the same records table with its indexes as the core's schema.
    check(out.get(), sqlite3_exec(out.get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), "pragma");
    check(out.get(), sqlite3_exec(out.get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr), "pragma");
    std::string schema(schema_steps()[0].sql);
    check(out.get(), sqlite3_exec(out.get(), schema.c_str(), nullptr, nullptr, nullptr), "schema");

    auto select = prepare_plain(in.get(),
                                "SELECT id, type, unit, seq, doc, state, conflicts FROM records "
                                "WHERE type='feedback' ORDER BY seq");
    auto insert = prepare_plain(
        out.get(), "INSERT INTO records(id, type, unit, seq, doc, state, conflicts) VALUES(?,?,?,?,?,?,?)");
    auto text = [](sqlite3_stmt* st, int col) {
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, col)),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
    };
    auto bind = [&](int col, const std::string& s) {
        check(out.get(), sqlite3_bind_text(insert.get(), col, s.data(), static_cast<int>(s.size()), SQLITE_STATIC),
              "bind");
    };

    Stopwatch watch;
    watch.start();
    check(out.get(), sqlite3_exec(out.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    watch.stop();
    rows = 0;
    std::vector<Row> chunk;
    for (bool more = true; more;) {
        chunk.clear();
        while (chunk.size() < 10000 && (more = sqlite3_step(select.get()) == SQLITE_ROW))
            chunk.push_back({text(select.get(), 0), text(select.get(), 1), text(select.get(), 2), text(select.get(), 4),
                             text(select.get(), 5), sqlite3_column_int64(select.get(), 3),
                             sqlite3_column_int64(select.get(), 6)});
        watch.start();
        for (const auto& r : chunk) {
            bind(1, r.id);
            bind(2, r.type);
            bind(3, r.unit);
            check(out.get(), sqlite3_bind_int64(insert.get(), 4, r.seq), "bind");
            bind(5, r.doc);
            bind(6, r.state);
            check(out.get(), sqlite3_bind_int64(insert.get(), 7, r.conflicts), "bind");
            check(out.get(), sqlite3_step(insert.get()), "insert");
            sqlite3_reset(insert.get());
        }
        watch.stop();
        rows += chunk.size();
    }
    watch.start();
    check(out.get(), sqlite3_exec(out.get(), "COMMIT", nullptr, nullptr, nullptr), "commit");
    watch.stop();
    return watch.seconds();
}

void run_write(const WriteOptions& o) {
    ScratchDir dir(o.dir, o.keep);
    std::cout << "langnghe-bench write: " << with_thousands(static_cast<double>(o.count))
              << " generated feedback records, "
              << (o.batch == 0 ? std::string("one core transaction")
                               : "core transactions of " + std::to_string(o.batch))
              << ", seed " << o.seed << "\n"
              << "databases in " << dir.path().string() << (o.keep ? " (kept)" : "") << "\n";
    Generator gen({o.seed});

    auto core = Store::open(dir.file("core.db"));
    auto units = prepare_units(*core, o.units_file);
    double core_s = core_bulk_insert(*core, gen, units, o);
    print_rate("core insert (make_feedback + insert_new)", o.count, core_s);

    double single_s = 0;
    if (o.single_count > 0) {
        auto single = Store::open(dir.file("single.db"));
        auto single_units = prepare_units(*single, o.units_file);
        single_s = core_single_inserts(*single, gen, single_units, o.single_count);
        print_rate("core add_feedback, one transaction each", o.single_count, single_s);
    }

    auto batch =
        core->export_since(0, o.count + units.size() + 1, [](const RecordState& r) { return r.type == "feedback"; });
    auto replica = Store::open(dir.file("replica.db"));
    Stopwatch apply_watch;
    apply_watch.start();
    auto applied = replica->apply(batch.records);
    apply_watch.stop();
    if (applied.changed != o.count)
        throw Error(ErrorCode::internal, "apply changed " + std::to_string(applied.changed) + " records, expected " +
                                             std::to_string(o.count));
    print_rate("apply one batch to an empty replica", batch.records.size(), apply_watch.seconds());
    batch.records.clear();
    batch.records.shrink_to_fit();

    auto [catch_up_apply_s, catch_up_adopt_s] = catch_up(*core, o.count);
    print_rate("catch-up from stored text: decode + apply", o.count, catch_up_apply_s);
    print_rate("catch-up from stored text: adopt_stored", o.count, catch_up_adopt_s);

    std::size_t rows = 0;
    double plain_s = plain_insert(dir.file("core.db"), dir.file("plain.db"), rows);
    print_rate("plain SQLite insert, one transaction", rows, plain_s);

    double core_per_s = per_second(o.count, core_s);
    double plain_per_s = per_second(rows, plain_s);
    double ratio = plain_per_s > 0 ? core_per_s / plain_per_s : 0;
    std::cout << "ratio core/plain: " << static_cast<double>(std::lround(ratio * 1000)) / 1000 << " (target >= 0.40)\n";
    print_json_line({{"count", static_cast<double>(o.count)},
                     {"batch", static_cast<double>(o.batch == 0 ? o.count : o.batch)},
                     {"core_per_s", core_per_s},
                     {"single_count", static_cast<double>(o.single_count)},
                     {"single_per_s", per_second(o.single_count, single_s)},
                     {"apply_per_s", per_second(o.count, apply_watch.seconds())},
                     {"catch_up_apply_per_s", per_second(o.count, catch_up_apply_s)},
                     {"catch_up_adopt_per_s", per_second(o.count, catch_up_adopt_s)},
                     {"plain_per_s", plain_per_s},
                     {"ratio", ratio}},
                    "write");
}
}  // namespace

void add_write_command(CLI::App& app) {
    auto options = std::make_shared<WriteOptions>();
    auto* cmd = app.add_subcommand("write", "core inserts, batch apply and plain SQLite inserts of the same rows");
    cmd->add_option("--count", options->count, "feedback records to insert and apply")->check(CLI::PositiveNumber);
    cmd->add_option("--single-count", options->single_count, "records for the one-transaction-each figure (0: skip)");
    cmd->add_option("--batch", options->batch, "records per core transaction (0: one transaction for all)");
    cmd->add_option("--seed", options->seed, "generator seed");
    cmd->add_option("--units", options->units_file, "unit list to spread records over")->check(CLI::ExistingFile);
    cmd->add_option("--dir", options->dir, "directory for the scratch databases (default: system temp)");
    cmd->add_flag("--keep", options->keep, "keep the databases");
    cmd->callback([options] { run_write(*options); });
}

}  // namespace langnghe::bench
