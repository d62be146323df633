#pragma once
// Fetches pull batches one ahead on a worker thread, so that the next batch crosses the network and
// is decoded while the caller stores the current one. A fresh device's first pull is bounded by
// whichever is slower, not by both in turn (docs/benchmarks.md). The worker never touches the
// store: what a batch means (cursor saved, scope changed, device revoked) stays with the caller.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "langnghe/sync/sync_protocol.h"
#include "langnghe/sync/transport.h"

namespace langnghe {

struct PulledBatch {
    HttpResponse answer;    // the body is dropped once decoded
    PullResponse response;  // decoded when the answer is 200
};

class PullAhead {
public:
    using Fetch = std::function<PulledBatch(std::uint64_t cursor)>;
    // Starts fetching at `cursor`; goes on at each answer's cursor until one is not 200 or has no more.
    PullAhead(Fetch fetch, std::uint64_t cursor);
    // Stops after the request in flight, if any.
    ~PullAhead();
    PullAhead(const PullAhead&) = delete;
    PullAhead& operator=(const PullAhead&) = delete;

    // The next batch in order, waiting for it; rethrows what the fetch threw.
    PulledBatch next();
    // Hands a batch the caller is done with back to the worker, which allocated it: freed there, its
    // thousands of strings do not contend for the worker's malloc arena from this thread.
    void recycle(PulledBatch&& batch);

private:
    void run(std::uint64_t cursor);
    void free_spent();  // on the worker, outside the lock

    Fetch m_fetch;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<PulledBatch> m_ready;  // one batch ahead at most: memory stays bounded
    std::vector<PulledBatch> m_spent;
    std::exception_ptr m_error;
    bool m_stop = false;
    std::thread m_worker;
};

}  // namespace langnghe
