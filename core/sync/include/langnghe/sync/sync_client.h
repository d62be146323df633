#pragma once
// The device side of sync (SYNC.md 10–17): enrollment, then push-then-pull in bounded batches.
//
// A change counts as pushed only once the station acknowledged it: the push cursor (a local change
// sequence) moves after each acknowledged batch, so an interrupted sync resumes where it stopped and
// a failed push is retried by the next sync even when nothing new was written. Pulled batches are
// applied atomically together with the pull cursor, so a kill between batches loses nothing and
// repeats nothing that matters (joins are idempotent).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "langnghe/merge/restamp.h"
#include "langnghe/storage/set_aside.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/enrollment_card.h"
#include "langnghe/sync/sync_protocol.h"
#include "langnghe/sync/transport.h"

namespace langnghe {

struct Enrollment {
    std::string server, device_id, unit, role, cacert;
    bool revoked = false;
};

struct SyncProgress {
    std::string phase;  // "push" | "pull"
    std::size_t records = 0;
    double records_per_s = 0;
};

struct SyncOptions {
    std::size_t push_batch = default_push_batch;
    std::size_t pull_batch = default_pull_batch;
    bool full = false;  // start both cursors from zero: everything is pushed and pulled again
    int max_attempts = 6;            // per request, for transient failures
    int first_backoff_ms = 200;      // doubled after each failed attempt
    // A health check answered slower than this cannot tell the station's time well enough (the
    // estimate is off by up to half the round trip): it is discarded and asked again.
    std::int64_t max_clock_round_trip_ms = 4000;
    std::function<void(const SyncProgress&)> progress;
    std::function<void(int delay_ms)> sleep;  // injectable for tests; default really sleeps
    std::function<std::int64_t()> steady_ms;  // times round trips; injectable for tests, default steady_clock
};

struct SyncSummary {
    std::size_t pushed = 0, pulled = 0, changed = 0, purged = 0, restamped = 0, retries = 0;
    std::vector<std::string> refused;  // set aside by this sync (the reasons: sync_status)
    bool clock_measured = false;       // the station's time was read (a health check answered in time)
    std::int64_t clock_offset_ms = 0;  // the station's clock minus this device's
    std::string unit, role;
    bool scope_changed = false;
    std::int64_t duration_ms = 0;
    std::uint64_t bytes_sent = 0, bytes_received = 0;  // over the wire, headers included
};

struct SyncStatus {
    std::optional<Enrollment> enrollment;
    std::size_t unpushed = 0, refused = 0;  // refused: how many are set aside
    std::vector<SetAside> set_aside;
    std::int64_t last_sync_ms = 0;  // 0: never
    std::int64_t clock_offset_ms = 0;
};

// Beyond this the device's clock is corrected, far-ahead unsent stamps are re-stamped and `sync`
// tells the user the clock is wrong.
inline constexpr std::int64_t clock_skew_tolerance_ms = 2 * 60 * 1000;

// Over HTTP(S) to `server_url`, trusting `cacert` when it is not empty.
Enrollment enroll_device(Store& store, const std::string& server_url, const std::string& code,
                         const std::string& cacert, const std::string& label);
// Through `transport`; `server_url` and `cacert` are only recorded, for later syncs over HTTP.
Enrollment enroll_device(Store& store, Transport& transport, const std::string& server_url, const std::string& code,
                         const std::string& cacert, const std::string& label);
// Enrollment by file, with no network (docs/custody.md): the card's unit and role, the station's
// key trusted from now on, and the proof this device's change files carry until the station has
// registered it. Throws invalid_state when the device is enrolled already.
Enrollment enroll_by_card(Store& store, const EnrollmentCard& card, const std::string& label);
// The proof a change file of this device carries: set by enroll_by_card, gone after an enrollment
// over the network.
std::optional<EnrollClaim> enroll_claim(Store& store);
// The site of the station whose key came with this device's card, if it was enrolled by one.
std::optional<std::string> card_station(Store& store);
std::optional<Enrollment> enrollment(Store& store);
// Over HTTP(S) to the station this device is enrolled at.
SyncSummary sync_device(Store& store, const SyncOptions& options = {});
// Through `transport`, which reaches the station this device is enrolled at.
SyncSummary sync_device(Store& store, Transport& transport, const SyncOptions& options = {});
SyncStatus sync_status(Store& store);

// Re-stamps this device's writes the station cannot hold that are stamped more than the tolerance
// ahead of `true_now_ms` (restamp.h has the rules) and runs the clock at the corrected time from
// now on, above every stamp of this device left anywhere. Returns how many values were re-stamped.
std::size_t correct_clock(Store& store, std::int64_t offset_ms, std::int64_t true_now_ms);
// The same with `sent`, the greatest stamp of this device that other replicas may hold, given
// (correct_clock reads it from the sync state); returns what was re-stamped.
Restamped correct_clock(Store& store, std::int64_t offset_ms, std::int64_t true_now_ms, Stamp sent);

}  // namespace langnghe
