// The pull worker: batches come in order, one fetch ahead at most, and it stops where the caller
// would (no more, an error answer, a thrown error) or when dropped mid-way.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

#include "pull_ahead.h"

using namespace langnghe;

namespace {
PulledBatch batch_at(std::uint64_t cursor, bool more, long status = 200) {
    PulledBatch b;
    b.answer.status = status;
    b.response.cursor = cursor + 1;
    b.response.more = more;
    b.response.records.resize(3);
    return b;
}
}  // namespace

TEST_CASE("pull batches come in cursor order and fetching stops after the last", "[sync]") {
    std::atomic<int> fetches = 0;
    {
        PullAhead ahead(
            [&](std::uint64_t cursor) {
                ++fetches;
                return batch_at(cursor, cursor < 5);
            },
            0);
        for (std::uint64_t expected = 1; expected <= 6; ++expected) {
            PulledBatch b = ahead.next();
            CHECK(b.response.cursor == expected);
            CHECK(b.response.more == (expected < 6));
            ahead.recycle(std::move(b));
        }
    }
    CHECK(fetches == 6);
}

TEST_CASE("a refused pull answer ends the fetching and reaches the caller", "[sync]") {
    std::atomic<int> fetches = 0;
    {
        PullAhead ahead(
            [&](std::uint64_t cursor) {
                ++fetches;
                return batch_at(cursor, true, cursor == 2 ? 401 : 200);
            },
            0);
        CHECK(ahead.next().answer.status == 200);
        CHECK(ahead.next().answer.status == 200);
        CHECK(ahead.next().answer.status == 401);
    }
    CHECK(fetches == 3);
}

TEST_CASE("an error thrown while fetching comes after the batches before it", "[sync]") {
    PullAhead ahead(
        [](std::uint64_t cursor) {
            if (cursor == 2) throw std::runtime_error("connection reset");
            return batch_at(cursor, true);
        },
        0);
    CHECK(ahead.next().response.cursor == 1);
    CHECK(ahead.next().response.cursor == 2);
    CHECK_THROWS_WITH(ahead.next(), "connection reset");
}

TEST_CASE("dropping the pull worker mid-way stops it one batch ahead", "[sync]") {
    std::atomic<int> fetches = 0;
    {
        PullAhead ahead(
            [&](std::uint64_t cursor) {
                ++fetches;
                return batch_at(cursor, true);  // endless: only the caller can stop it
            },
            0);
        CHECK(ahead.next().response.cursor == 1);
    }
    // One taken, one waiting in the slot, at most one more fetched before it saw the stop.
    CHECK(fetches >= 2);
    CHECK(fetches <= 3);
}
