#pragma once
// Rate-limit buckets in the station's PostgreSQL database (table rate_buckets), so that a client
// spreading its attempts over the servers behind a load balancer meets one limit, not one per
// server. Each take is one statement that refills, takes and answers under the row's lock.
#include <cstdint>
#include <mutex>
#include <string>

#include "pg_connection.h"
#include "rate_store.h"

namespace langnghe::server {

class PgRateStore final : public RateStore {
public:
    explicit PgRateStore(const std::string& url);

    RateDecision take(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) override;
    void give_back(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) override;

private:
    pg::Result run(const char* sql, const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms);
    void forget_full_buckets(std::int64_t now_ms);

    std::mutex m_mutex;  // one connection, used by the server's request threads in turn
    pg::Connection m_db;
    std::uint64_t m_takes = 0;
};

}  // namespace langnghe::server
