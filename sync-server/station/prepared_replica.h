#pragma once
// A PostgreSQL server's working replica made in the background when the server starts
// (docs/postgres.md, "The working replica"): on a connection and a thread of its own, while the
// server already answers pulls, so the first push or dashboard page does not make it from nothing
// with every other request waiting behind the station's mutex.
#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>

#include "working_replica.h"

namespace langnghe::server {

class PreparedReplica {
public:
    // Called on the background thread once the replica holds every change up to `pos`.
    using Ready = std::function<void(std::int64_t records, std::int64_t pos, std::int64_t ms)>;

    PreparedReplica(std::string url, StationIdentity identity, Ready ready);
    // Stops a build under way (between batches) and waits for it.
    ~PreparedReplica();
    PreparedReplica(const PreparedReplica&) = delete;
    PreparedReplica& operator=(const PreparedReplica&) = delete;

    // The replica, waiting for it if it is still being made; nullptr when making it failed (the
    // database was unreachable, say) or it was already taken: the caller makes one as before.
    std::unique_ptr<WorkingReplica> take();

private:
    std::atomic<bool> m_stop{false};
    std::future<std::unique_ptr<WorkingReplica>> m_made;
};

}  // namespace langnghe::server
