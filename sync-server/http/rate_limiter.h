#pragma once
// Rate limits for the unauthenticated endpoints (enrollment, receipt lookups): token buckets, one
// per client address and one for all clients together. The buckets live behind RateStore
// (rate_store.h): the station's store shares them between servers when it can (PostgreSQL);
// otherwise MemoryRateStore keeps them in this process.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "rate_store.h"

namespace langnghe::server {

class MemoryRateStore final : public RateStore {
public:
    RateDecision take(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) override;
    void give_back(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) override;

private:
    struct Bucket {
        double tokens;
        std::int64_t at_ms;
    };
    Bucket& refilled(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms);
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets;
};

// One endpoint's limit: a bucket per client address and one shared by all addresses.
class EndpointLimit {
public:
    EndpointLimit(std::string name, TokenBucketRate per_address, TokenBucketRate global, std::shared_ptr<RateStore> store);
    // Both buckets must hold a token; a refusal by the global bucket gives the address's token back.
    RateDecision admit(const std::string& address, std::int64_t now_ms);
    // For attempts that do not count (a successful enrollment): returns both tokens.
    void give_back(const std::string& address, std::int64_t now_ms);

private:
    std::string m_name;
    TokenBucketRate m_per_address, m_global;
    std::shared_ptr<RateStore> m_store;
};

}  // namespace langnghe::server
