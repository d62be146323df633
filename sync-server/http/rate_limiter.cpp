#include "rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace langnghe::server {

namespace {
// A flood of spoofed or many addresses must not grow the map without bound; a cleared bucket is full,
// which only forgives, never locks anyone out.
constexpr std::size_t max_buckets = 100000;
}  // namespace

MemoryRateStore::Bucket& MemoryRateStore::refilled(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) {
    if (m_buckets.size() >= max_buckets && !m_buckets.count(key)) m_buckets.clear();
    auto [it, fresh] = m_buckets.try_emplace(key, Bucket{rate.burst, now_ms});
    Bucket& b = it->second;
    std::int64_t elapsed = std::max<std::int64_t>(0, now_ms - b.at_ms);
    b.tokens = std::min(rate.burst, b.tokens + static_cast<double>(elapsed) / static_cast<double>(rate.refill_ms));
    b.at_ms = std::max(b.at_ms, now_ms);
    return b;
}

RateDecision MemoryRateStore::take(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    Bucket& b = refilled(key, rate, now_ms);
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return {true, 0};
    }
    auto wait = static_cast<std::int64_t>(std::ceil((1 - b.tokens) * static_cast<double>(rate.refill_ms)));
    return {false, std::max<std::int64_t>(wait, 1)};
}

void MemoryRateStore::give_back(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    Bucket& b = refilled(key, rate, now_ms);
    b.tokens = std::min(rate.burst, b.tokens + 1);
}

EndpointLimit::EndpointLimit(std::string name, TokenBucketRate per_address, TokenBucketRate global,
                             std::shared_ptr<RateStore> store)
    : m_name(std::move(name)), m_per_address(per_address), m_global(global), m_store(std::move(store)) {}

RateDecision EndpointLimit::admit(const std::string& address, std::int64_t now_ms) {
    std::string address_key = m_name + " " + address;
    RateDecision own = m_store->take(address_key, m_per_address, now_ms);
    if (!own.allowed) return own;
    RateDecision all = m_store->take(m_name, m_global, now_ms);
    if (!all.allowed) m_store->give_back(address_key, m_per_address, now_ms);
    return all;
}

void EndpointLimit::give_back(const std::string& address, std::int64_t now_ms) {
    m_store->give_back(m_name + " " + address, m_per_address, now_ms);
    m_store->give_back(m_name, m_global, now_ms);
}

}  // namespace langnghe::server
