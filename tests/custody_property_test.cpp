// Convergence with custody (issue 12): replicas that edit a resident's words and phone offline,
// redact (as unit heads), try writes their role refuses, and exchange changes in random order end
// with byte-identical dumps; every value a redaction covered is gone from every replica; a refused
// write changes nothing; every accepted edit left exactly one revision.
#include <catch2/catch.hpp>

// Designated initialisers leave the other members at their defaults on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <random>
#include <set>

#include "langnghe/base/error.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/history.h"
#include "langnghe/model/redaction.h"
#include "langnghe/storage/redaction.h"
#include "support/property.h"
#include "support/replica.h"

using namespace langnghe;

namespace {
void exchange(Store& from, Store& to) { to.apply(from.export_since(0, static_cast<std::size_t>(-1)).records); }

// What the replica shows of `field` now and in every revision of it: what a redaction there covers.
std::set<std::string> values_seen(Store& store, const std::string& id, const std::string& field) {
    Feedback f = get_feedback(store, id);
    std::set<std::string> out{field == "text" ? f.text : f.resident_phone};
    for (const auto& e : record_history(store, id))
        if (e.kind == HistoryEntry::Kind::revision && e.field == field) out.insert({e.old_value, e.new_value});
    out.erase("");
    out.erase(std::string(redacted_text()));
    return out;
}
}  // namespace

TEST_CASE("replicas converge with revisions, redactions and role-refused writes", "[merge][custody][property]") {
    test::for_each_round("custody convergence", 40, [](std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
        std::vector<std::unique_ptr<test::Replica>> replicas;
        for (int i = 0; i < 3; ++i) replicas.push_back(std::make_unique<test::Replica>());
        Store& first = *replicas[0]->store;
        std::string id = add_feedback(first, replicas[0]->actor,
                                      {.unit = "00004", .kind = "request", .category = "traffic", .text = "Lời ban đầu",
                                       .resident_name = "Bà Hoa", .resident_phone = "0900 000 000"});
        for (int i = 1; i < 3; ++i) exchange(first, *replicas[i]->store);

        std::set<std::string> redacted_values;
        std::size_t edits = 0;
        int next_value = 1;
        for (int step = 0, steps = 15 + pick(20); step < steps; ++step) {
            test::Replica& r = *replicas[static_cast<std::size_t>(pick(3))];
            std::string field = pick(2) ? "text" : "resident_phone";
            switch (pick(5)) {
                case 0:
                case 1: {
                    std::string value = field == "text" ? "Lời sửa số " + std::to_string(next_value)
                                                        : "0900 000 " + std::to_string(100 + next_value);
                    ++next_value;
                    std::string before = field == "text" ? get_feedback(*r.store, id).text : get_feedback(*r.store, id).resident_phone;
                    if (before == value) break;
                    FeedbackInput in;
                    (field == "text" ? in.text : in.resident_phone) = value;
                    update_feedback(*r.store, r.actor, id, in);
                    ++edits;
                    break;
                }
                case 2: {
                    auto seen = values_seen(*r.store, id, field);
                    redact_feedback(*r.store, r.head, id, field, "Người dân đề nghị");
                    redacted_values.insert(seen.begin(), seen.end());
                    break;
                }
                case 3: {
                    std::string before = r.store->canonical_dump();
                    CHECK_THROWS_AS(redact_feedback(*r.store, r.actor, id, field, "Cán bộ tự ý"), Error);
                    CHECK(r.store->canonical_dump() == before);
                    break;
                }
                default: exchange(*r.store, *replicas[static_cast<std::size_t>(pick(3))]->store);
            }
        }
        for (int pass = 0; pass < 2; ++pass)
            for (auto& a : replicas)
                for (auto& b : replicas)
                    if (a != b) exchange(*a->store, *b->store);

        std::string dump = replicas[0]->store->canonical_dump();
        for (auto& r : replicas) {
            CHECK(r->store->canonical_dump() == dump);
            std::size_t revisions = 0;
            for (const auto& e : record_history(*r->store, id)) revisions += e.kind == HistoryEntry::Kind::revision;
            CHECK(revisions == edits);
        }
        for (const auto& value : redacted_values) {
            INFO("redacted value: " << value);
            CHECK(dump.find("\"" + value + "\"") == std::string::npos);
        }
    });
}
