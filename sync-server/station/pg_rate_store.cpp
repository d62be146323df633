#include "pg_rate_store.h"

#include <algorithm>
#include <cmath>

namespace langnghe::server {

namespace {
// $1 key, $2 burst, $3 now (ms), $4 refill (ms per token). A fresh bucket is full. In an UPDATE,
// every expression reads the row as it was, so `taken` and `tokens` see the same refill.
constexpr const char* take_sql = R"sql(
    INSERT INTO rate_buckets AS b(key, tokens, at_ms, taken) VALUES ($1, $2::float8 - 1, $3::bigint, true)
    ON CONFLICT (key) DO UPDATE SET
        taken = least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms)::float8 / $4::float8) >= 1,
        tokens = least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms)::float8 / $4::float8)
                 - CASE WHEN least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms)::float8 / $4::float8) >= 1
                        THEN 1 ELSE 0 END,
        at_ms = greatest(b.at_ms, $3::bigint)
    RETURNING taken, tokens)sql";

constexpr const char* give_back_sql = R"sql(
    INSERT INTO rate_buckets AS b(key, tokens, at_ms, taken) VALUES ($1, $2::float8, $3::bigint, false)
    ON CONFLICT (key) DO UPDATE SET
        tokens = least($2::float8, b.tokens + greatest(0, $3::bigint - b.at_ms)::float8 / $4::float8 + 1),
        at_ms = greatest(b.at_ms, $3::bigint)
    RETURNING taken, tokens)sql";

// A bucket untouched this long is full again under every rate the server sets, the same as no row:
// deleting it forgives nothing, and keeps a flood of forged addresses from growing the table.
constexpr std::int64_t full_after_ms = 60LL * 60 * 1000;
constexpr std::uint64_t takes_between_sweeps = 1000;
}  // namespace

PgRateStore::PgRateStore(const std::string& url) : m_db(url) {}

pg::Result PgRateStore::run(const char* sql, const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) {
    return m_db.exec(sql, {key, std::to_string(rate.burst), std::to_string(now_ms), std::to_string(rate.refill_ms)});
}

RateDecision PgRateStore::take(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    if (++m_takes % takes_between_sweeps == 0) forget_full_buckets(now_ms);
    auto r = run(take_sql, key, rate, now_ms);
    if (r.text(0, 0) == "t") return {true, 0};
    double tokens = std::stod(std::string(r.text(0, 1)));
    auto wait = static_cast<std::int64_t>(std::ceil((1 - tokens) * static_cast<double>(rate.refill_ms)));
    return {false, std::max<std::int64_t>(wait, 1)};
}

void PgRateStore::give_back(const std::string& key, const TokenBucketRate& rate, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    run(give_back_sql, key, rate, now_ms);
}

void PgRateStore::forget_full_buckets(std::int64_t now_ms) {
    m_db.exec("DELETE FROM rate_buckets WHERE at_ms < $1::bigint", {std::to_string(now_ms - full_after_ms)});
}

}  // namespace langnghe::server
