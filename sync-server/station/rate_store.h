#pragma once
// Token buckets for rate limits (http/rate_limiter.h), behind an interface so that the station's
// store can keep them where every server of the station sees the same buckets.
#include <cstdint>
#include <string>

namespace langnghe::server {

// `burst` requests at once, then one every `refill_ms`.
struct TokenBucketRate {
    double burst = 1;
    std::int64_t refill_ms = 1000;
};

struct RateDecision {
    bool allowed = true;
    std::int64_t retry_after_ms = 0;  // when refused: until the bucket holds a whole token again
};

class RateStore {
public:
    virtual ~RateStore() = default;
    // Takes one token from the bucket `key` if it holds one (a fresh bucket is full).
    virtual RateDecision take(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) = 0;
    // Gives back a token taken by take() (an attempt that turned out not to count).
    virtual void give_back(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) = 0;
};

}  // namespace langnghe::server
