// The re-stamping rule (restamp.h) on its own: a device D with a wrong, jumping clock writes, joins
// what a station S and another replica O write, and sends some of its states to S; then its clock is
// corrected. Whatever the history, re-stamping D's states is a renaming of D's unsent far dots:
//   - joining the re-stamped states into any replica that holds only what was sent gives the heads
//     that joining the original states would have given, with the renamed dots (nothing lost,
//     nothing resurrected);
//   - renamed stamps keep their order and lie above max(corrected now, sent); nothing else changes;
//   - D's next write (above the clock floor) supersedes everything, everywhere;
//   - re-stamping again changes nothing.
// LANGNGHE_PROPERTY_SEED / LANGNGHE_PROPERTY_ROUNDS as in the convergence property.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "langnghe/merge/restamp.h"
#include "support/property.h"

using namespace langnghe;

namespace {
constexpr std::int64_t minute = 60 * 1000;
constexpr std::int64_t tolerance = 2 * minute;
const std::string own = "d";

RecordState join_records(RecordState a, const RecordState& b) {
    join_into(a, b);
    return a;
}

std::set<Dot> head_dots(const FieldState& f) {
    std::set<Dot> out;
    for (const auto& h : f.heads) out.insert(h.dot);
    return out;
}

struct History {
    std::mt19937_64 rng;
    std::int64_t true_now = 1'790'000'000'000;
    std::int64_t d_skew = 0;  // D's clock minus the true time
    Stamp d_last = 0, s_last = 0, o_last = 0;
    std::vector<RecordState> d, s, o;  // per record id index
    Stamp sent = 0;

    explicit History(std::uint64_t seed) : rng(seed) {
        for (int i = 0; i < 3; ++i) {
            RecordState r{"fb-" + std::to_string(i), "feedback", "00004", {}};
            d.push_back(r);
            s.push_back(r);
            o.push_back(r);
        }
    }
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng() % n); }

    static Stamp tick(Stamp& last, std::int64_t ms) {
        last = std::max(last + 1, stamp_from_ms(ms));
        return last;
    }
    void write(std::vector<RecordState>& replica, const std::string& site, Stamp stamp) {
        RecordState& r = replica[pick(replica.size())];
        int fields = 1 + static_cast<int>(pick(2));  // one write may touch two fields with one dot
        for (int i = 0; i < fields; ++i) {
            std::string name = "f" + std::to_string(pick(3));
            r.fields[name] = overwrite(r.fields[name], Dot{stamp, site}, "\"" + site + std::to_string(stamp % 1000) + "\"");
        }
    }

    void run() {
        int steps = 10 + static_cast<int>(pick(40));
        for (int step = 0; step < steps; ++step) {
            true_now += static_cast<std::int64_t>(pick(20000));
            if (pick(8) == 0) {  // D's clock jumps: minutes to years, ahead or behind
                static const std::int64_t skews[] = {0, 90 * 1000, 5 * minute, 3 * 60 * minute, 3LL * 365 * 24 * 60 * minute,
                                                     -5 * minute, -60 * minute};
                d_skew = skews[pick(7)];
            }
            switch (pick(7)) {
                case 0: case 1: write(d, own, tick(d_last, true_now + d_skew)); break;
                case 2: write(s, "s", tick(s_last, true_now)); break;
                case 3: write(o, "o", tick(o_last, true_now)); break;
                case 4: {  // D pushes one record; the station takes what it may (within 10 minutes)
                    std::size_t i = pick(d.size());
                    if (max_stamp(d[i]) > stamp_from_ms(true_now + 10 * minute)) break;
                    sent = std::max(sent, max_stamp_of(d[i], own));
                    s[i] = join_records(s[i], d[i]);
                    break;
                }
                case 5: {  // D pulls one record
                    std::size_t i = pick(d.size());
                    d[i] = join_records(d[i], s[i]);
                    sent = std::max(sent, max_stamp_of(s[i], own));
                    break;
                }
                default: {  // O and S exchange
                    std::size_t i = pick(d.size());
                    if (pick(2)) o[i] = join_records(o[i], s[i]);
                    else s[i] = join_records(s[i], o[i]);
                }
            }
        }
    }
};

Dot renamed(const Dot& dot, const Restamped& r) {
    if (dot.site != own) return dot;
    auto it = r.renamed.find(dot.stamp);
    return it == r.renamed.end() ? dot : Dot{it->second, dot.site};
}
}  // namespace

TEST_CASE("re-stamping unsent far writes is a renaming that loses and resurrects nothing", "[merge][property][clock]") {
    test::for_each_round("re-stamp property", 2000, [](std::uint64_t seed) {
        History h(seed);
        h.run();
        Restamped r = restamp_unsent(h.d, own, h.sent, h.true_now, tolerance);
        std::vector<RecordState> after = h.d;
        for (const auto& changed : r.changed)
            for (auto& x : after)
                if (x.id == changed.id) x = changed;

        // The renaming: order kept, above max(now, sent) and every stamp of D that stays (no new dot
        // is an old one), only far unsent dots.
        Stamp previous = std::max(stamp_from_ms(h.true_now), h.sent);
        Stamp limit = std::max(stamp_from_ms(h.true_now + tolerance), h.sent);
        for (const auto& record : h.d)
            for (const auto& [name, field] : record.fields) {
                for (const auto& head : field.heads)
                    if (head.dot.site == own && head.dot.stamp <= limit) previous = std::max(previous, head.dot.stamp);
                if (auto it = field.context.find(own); it != field.context.end() && it->second <= limit)
                    previous = std::max(previous, it->second);
            }
        for (const auto& [from, to] : r.renamed) {
            REQUIRE(from > std::max(stamp_from_ms(h.true_now + tolerance), h.sent));
            REQUIRE(to > previous);
            previous = to;
        }
        for (std::size_t i = 0; i < after.size(); ++i) {
            REQUIRE(max_stamp_of(after[i], own) <= r.clock_floor);
            for (const auto& [name, field] : after[i].fields) {
                std::set<Dot> expected;
                for (const auto& dot : head_dots(h.d[i].fields.at(name))) expected.insert(renamed(dot, r));
                REQUIRE(head_dots(field) == expected);
                for (const auto& [site, stamp] : field.context)
                    if (site != own) REQUIRE(stamp == h.d[i].fields.at(name).context.at(site));
            }
            // Joined into the station or the other replica: what the original would have given, renamed.
            for (const auto* other : {&h.s[i], &h.o[i]}) {
                RecordState with_original = join_records(*other, h.d[i]);
                RecordState with_restamped = join_records(*other, after[i]);
                for (const auto& [name, field] : with_original.fields) {
                    std::set<Dot> expected;
                    for (const auto& dot : head_dots(field)) expected.insert(renamed(dot, r));
                    INFO("record " << i << " field " << name);
                    REQUIRE(head_dots(with_restamped.fields.at(name)) == expected);
                }
                // D's next write supersedes everything there.
                for (const auto& [name, field] : after[i].fields) {
                    FieldState next = overwrite(field, Dot{r.clock_floor + 1, own}, "\"next\"");
                    RecordState delta{after[i].id, after[i].type, after[i].unit, {{name, next}}};
                    RecordState joined = join_records(with_restamped, delta);
                    std::set<Dot> survivors = head_dots(joined.fields.at(name));
                    REQUIRE(survivors.contains(Dot{r.clock_floor + 1, own}));
                    for (const auto& dot : survivors)
                        if (dot.site == own) REQUIRE(dot.stamp == r.clock_floor + 1);
                }
            }
        }
        // Idempotent.
        REQUIRE(restamp_unsent(after, own, h.sent, h.true_now, tolerance).changed.empty());
    });
}
