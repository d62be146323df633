// The convergence property: replicas that make random writes (creates, field edits, status
// transitions, set adds and removes, deletes and restores, ballots, notes) and exchange changes in
// random order, with duplicates, partial batches and partitions, all end with byte-identical
// canonical dumps, and what they hold is what a simple reference model says. Their clocks are wrong
// by seconds to years, ahead or behind, and jump; at random points a replica's clock is corrected
// (correct_clock: its unsent far writes are re-stamped), which the model sees as a renaming of
// those writes' dots.
//
// The model knows nothing of contexts or heads: it logs every write with the writes its replica
// had observed for that field. After full delivery a write survives when no other write observed
// it; the winner is the greatest survivor by (precedence, stamp, site).
//
// Seeds: random per run and printed; LANGNGHE_PROPERTY_SEED replays one, LANGNGHE_PROPERTY_ROUNDS
// sets the number of rounds (default 2000).
#include <catch2/catch.hpp>

#include <deque>
#include <map>
#include <random>
#include <set>

#include "langnghe/codec/codec.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/merge/restamp.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/sync_client.h"
#include "support/property.h"

using namespace langnghe;

namespace {
using FieldKey = std::pair<std::string, std::string>;  // record id, field
// Writes are known by a number of their own, not by their dot: a corrected clock may give a new
// write the stamp of an earlier, superseded write of its own that never left the replica (no other
// replica can tell them apart, but the model must).
using Observed = std::map<FieldKey, std::set<int>>;

struct Write {
    Dot dot;
    std::string value;
    std::set<int> seen;
    int id = 0;
};

struct Batch {
    std::vector<RecordState> records;
    Observed knowledge;  // what the sender had observed of those records when it exported them
};

struct Replica {
    std::int64_t skew_ms = 0;  // its clock minus the true time
    Stamp sent = 0;            // the greatest stamp of its own that left it
    std::unique_ptr<Store> store;
    Observed observed;
    std::deque<Batch> inbox;
    std::set<std::string> known;  // record ids this replica has
};

class Round {
public:
    explicit Round(std::uint64_t seed) : m_rng(seed) {
        int n = 3 + pick(3);
        for (int i = 0; i < n; ++i) {
            auto r = std::make_unique<Replica>();
            r->skew_ms = static_cast<std::int64_t>(pick(20000)) - 10000;
            StoreOptions options;
            options.clock = [now = &m_true_ms, skew = &r->skew_ms] { return *now + *skew; };
            r->store = Store::open(":memory:", options);
            m_replicas.push_back(std::move(r));
        }
        for (int a = 0; a < n; ++a)
            for (int b = 0; b < n; ++b) m_cursor[{a, b}] = 0;
    }

    void run() {
        int steps = 20 + pick(40);
        std::set<std::pair<int, int>> partitioned;
        for (auto& [pair, cursor] : m_cursor)
            if (chance(25)) partitioned.insert(pair);
        for (int step = 0; step < steps; ++step) {
            int r = pick(m_replicas.size());
            m_true_ms += static_cast<std::int64_t>(pick(4));  // sometimes the same millisecond
            if (chance(4)) jump_clock(*m_replicas[r]);
            int what = pick(100);
            if (what < 5) {
                correct_clock_of(r);
            } else if (what < 55) {
                random_write(r);
            } else if (what < 85) {
                int to = pick(m_replicas.size());
                if (to != r && !partitioned.contains({r, to})) send(r, to, chance(30));
            } else {
                deliver_some(r);
            }
        }
        settle();
    }

    void check() {
        std::string first = m_replicas[0]->store->canonical_dump();
        for (std::size_t i = 1; i < m_replicas.size(); ++i) REQUIRE(m_replicas[i]->store->canonical_dump() == first);
        Store& store = *m_replicas[0]->store;
        for (const auto& [key, writes] : m_log) {
            auto record = store.load(key.first);
            REQUIRE(record);
            const FieldState& field = record->fields.at(key.second);
            std::set<std::size_t> survivors;
            std::set<Dot> surviving_dots;
            for (std::size_t i = 0; i < writes.size(); ++i) {
                bool superseded = false;
                for (std::size_t j = 0; j < writes.size(); ++j)
                    superseded = superseded || writes[j].seen.contains(writes[i].id);
                if (!superseded) {
                    survivors.insert(i);
                    surviving_dots.insert(writes[i].dot);
                }
            }
            std::set<Dot> heads;
            for (const auto& h : field.heads) heads.insert(h.dot);
            INFO("record " << key.first << " field " << key.second);
            REQUIRE(heads == surviving_dots);
            auto precedence = precedence_for(record->type, key.second);
            const Write* best = nullptr;
            for (std::size_t i : survivors) {
                const Write& w = writes[i];
                auto rank = [&](const Write& x) { return precedence ? precedence(x.value) : 0; };
                if (!best || rank(w) > rank(*best) || (rank(w) == rank(*best) && w.dot > best->dot)) best = &w;
            }
            REQUIRE(winner(field, precedence).value == best->value);
            std::size_t conflicts = 0;
            for (std::size_t i : survivors) conflicts += writes[i].dot != best->dot && writes[i].value != best->value;
            REQUIRE(losers(field, precedence).size() == conflicts);
        }
    }

private:
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(m_rng() % n); }

    void jump_clock(Replica& replica) {
        static const std::int64_t skews[] = {0, 30'000, 90'000, 114'000, 5 * 60'000, 3 * 3'600'000, 3LL * 365 * 86'400'000,
                                             -5 * 60'000, -3'600'000, -3LL * 365 * 86'400'000};
        replica.skew_ms = skews[pick(std::size(skews))] + static_cast<std::int64_t>(pick(2000));
    }

    // The station told replica `r` the true time: its unsent far writes get new dots, which the
    // model gives the (latest) write of `r` that had the old dot in each field.
    void correct_clock_of(int r) {
        Replica& replica = *m_replicas[r];
        Restamped restamped = correct_clock(*replica.store, -replica.skew_ms, m_true_ms, replica.sent);
        const std::string& site = replica.store->site_id();
        for (auto& [key, writes] : m_log)
            for (const auto& [from, to] : restamped.renamed) {
                Write* latest = nullptr;
                for (auto& w : writes)
                    if (w.dot == Dot{from, site} && (!latest || w.id > latest->id)) latest = &w;
                if (latest) latest->dot.stamp = to;
            }
    }

    void note_sent(Replica& sender, const std::vector<RecordState>& records) {
        for (const auto& record : records) sender.sent = std::max(sender.sent, max_stamp_of(record, sender.store->site_id()));
    }
    bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }

    void write(int r, const std::string& id, const std::string& type,
               const std::vector<std::pair<std::string, std::string>>& values) {
        Replica& replica = *m_replicas[r];
        Store::Scope scope(*replica.store);
        Dot dot = replica.store->next_dot();
        replica.store->write(id, type, "00004", values, dot);
        scope.commit();
        int write_id = m_next_write++;
        for (const auto& [field, value] : values) {
            FieldKey key{id, field};
            m_log[key].push_back({dot, value, replica.observed[key], write_id});
            replica.observed[key].insert(write_id);
        }
        replica.known.insert(id);
        m_types[id] = type;
    }

    void random_write(int r) {
        Replica& replica = *m_replicas[r];
        static const char* texts[] = {"\"Đèn đường hỏng\"", "\"Ngõ 12 ngập nước\"", "\"Cán bộ tận tình\""};
        static const char* statuses[] = {"new", "acknowledged", "answered", "planned", "resolved", "referred"};
        if (replica.known.empty() || chance(20)) {
            std::string id = "fb-" + std::to_string(m_next_id++);
            int kind = pick(10);
            if (kind < 6)
                write(r, id, "feedback", {{"text", texts[pick(3)]}, {"category", "\"traffic\""}, {"status", "[0,\"new\"]"},
                                          {"deleted", "false"}});
            else if (kind < 8)
                write(r, "ba-" + id.substr(3), "ballot", {{"scores.overall", std::to_string(1 + pick(5))}, {"voided", "false"}});
            else
                write(r, "no-" + id.substr(3), "note", {{"text", texts[pick(3)]}});
            return;
        }
        auto it = replica.known.begin();
        std::advance(it, pick(replica.known.size()));
        std::string id = *it;
        const std::string& type = m_types[id];
        if (type == "note") return;  // append-only: never edited
        if (type == "ballot") return write(r, id, type, {{"voided", "true"}});
        int op = pick(6);
        if (op == 0) write(r, id, type, {{"text", texts[pick(3)]}});
        if (op == 1) write(r, id, type, {{"category", chance(50) ? "\"traffic\"" : "\"conduct\""}});
        if (op == 2)
            write(r, id, type, {{"status", "[" + std::to_string(pick(2)) + ",\"" + statuses[pick(6)] + "\"]"}});
        if (op == 3) write(r, id, type, {{"tags/" + std::to_string(pick(3)), chance(60) ? "true" : "false"}});
        if (op == 4) write(r, id, type, {{"deleted", chance(50) ? "true" : "false"}});
        if (op == 5) write(r, id, type, {{"text", texts[pick(3)]}, {"category", "\"conduct\""}});
    }

    // Exports what `from` changed since the cursor (or, to make duplicates, since an earlier point).
    void send(int from, int to, bool queue) {
        Replica& sender = *m_replicas[from];
        std::uint64_t since = m_cursor[{from, to}];
        if (chance(20)) since = pick(since + 1);
        ChangeBatch batch = sender.store->export_since(since, 1 + pick(6));
        note_sent(sender, batch.records);
        Batch b{std::move(batch.records), {}};
        for (const auto& record : b.records)
            for (const auto& [name, field] : record.fields) b.knowledge[{record.id, name}] = sender.observed[{record.id, name}];
        m_cursor[{from, to}] = std::max(m_cursor[{from, to}], batch.last_seq);
        m_replicas[to]->inbox.push_back(std::move(b));
        if (!queue) deliver_some(to);
    }

    void deliver_some(int r) {
        Replica& replica = *m_replicas[r];
        while (!replica.inbox.empty()) {
            std::size_t i = pick(replica.inbox.size());
            Batch b = replica.inbox[i];
            if (chance(80)) replica.inbox.erase(replica.inbox.begin() + static_cast<long>(i));  // else: a duplicate later
            apply(replica, b);
            if (chance(50)) break;
        }
    }

    void apply(Replica& replica, const Batch& b) {
        replica.store->apply(b.records);
        for (const auto& [key, dots] : b.knowledge) replica.observed[key].insert(dots.begin(), dots.end());
        for (const auto& record : b.records) replica.known.insert(record.id);
    }

    // Heals every partition: delivers what is queued, then everything to everyone, twice.
    void settle() {
        for (auto& replica : m_replicas)
            while (!replica->inbox.empty()) {
                apply(*replica, replica->inbox.front());
                replica->inbox.pop_front();
            }
        for (int pass = 0; pass < 2; ++pass)
            for (std::size_t a = 0; a < m_replicas.size(); ++a)
                for (std::size_t b = 0; b < m_replicas.size(); ++b) {
                    if (a == b) continue;
                    ChangeBatch all = m_replicas[a]->store->export_since(0, static_cast<std::size_t>(-1));
                    note_sent(*m_replicas[a], all.records);
                    Batch batch{std::move(all.records), {}};
                    for (const auto& record : batch.records)
                        for (const auto& [name, field] : record.fields)
                            batch.knowledge[{record.id, name}] = m_replicas[a]->observed[{record.id, name}];
                    apply(*m_replicas[b], batch);
                }
    }

    std::mt19937_64 m_rng;
    std::int64_t m_true_ms = 1'790'000'000'000;
    std::vector<std::unique_ptr<Replica>> m_replicas;
    std::map<std::pair<int, int>, std::uint64_t> m_cursor;
    std::map<FieldKey, std::vector<Write>> m_log;
    std::map<std::string, std::string> m_types;
    int m_next_id = 1;
    int m_next_write = 1;
};
}  // namespace

TEST_CASE("replicas converge to the reference model whatever the delivery", "[merge][property]") {
    test::for_each_round("convergence property", 2000, [](std::uint64_t seed) {
        Round round(seed);
        round.run();
        round.check();
    });
}
