#include "prepared_replica.h"

#include <chrono>

#include "langnghe/storage/queries.h"
#include "pg_station_store.h"

namespace langnghe::server {

namespace {
std::int64_t records_held(Store& store) {
    std::int64_t total = 0;
    for (const auto& count : count_records(store)) total += count.records;
    return total;
}

std::unique_ptr<WorkingReplica> make_replica(const std::string& url, const StationIdentity& identity,
                                             const PreparedReplica::Ready& ready, const std::atomic<bool>& stop) {
    auto started = std::chrono::steady_clock::now();
    pg::Connection db(url);
    auto replica = std::make_unique<WorkingReplica>(identity);
    if (!take_up_from(db, *replica, station_counter(db), &stop)) return nullptr;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (ready) ready(records_held(replica->store()), replica->pos, ms);
    return replica;
}
}  // namespace

PreparedReplica::PreparedReplica(std::string url, StationIdentity identity, Ready ready)
    : m_made(std::async(std::launch::async,
                        [this, url = std::move(url), identity = std::move(identity), ready = std::move(ready)] {
                            return make_replica(url, identity, ready, m_stop);
                        })) {}

PreparedReplica::~PreparedReplica() {
    m_stop = true;
    if (m_made.valid()) m_made.wait();
}

std::unique_ptr<WorkingReplica> PreparedReplica::take() {
    if (!m_made.valid()) return nullptr;
    try {
        return m_made.get();
    } catch (const std::exception&) {
        return nullptr;  // made by the caller instead, which reports what is wrong with the database
    }
}

}  // namespace langnghe::server
