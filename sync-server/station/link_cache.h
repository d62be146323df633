#pragma once
// Custody links parsed once per station process: the record pushes of a sync are checked against
// the links its link-only pushes just brought, which the log would otherwise read and parse again
// on every request. Links change only when a redaction erases nonces or another connection (an
// admin command) writes the file, and the cache is emptied then.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "langnghe/storage/custody.h"
#include "langnghe/storage/store.h"

namespace langnghe::server {

class LinkCache {
public:
    explicit LinkCache(std::size_t capacity) : m_capacity(capacity) {}

    // Link n of `site` from the cache, or read from `store` and kept; null when the log lacks it.
    std::shared_ptr<const CustodyLink> get(Store& store, const std::string& site, std::uint64_t n);
    void put(CustodyLink link);
    void clear();
    // Empties the cache when another connection committed to `store`'s file since the last call.
    void forget_if_written_elsewhere(Store& store);

private:
    using Key = std::pair<std::string, std::uint64_t>;
    std::size_t m_capacity;
    std::map<Key, std::shared_ptr<const CustodyLink>> m_links;
    std::deque<Key> m_order;  // oldest first, for eviction
    std::int64_t m_data_version = -1;
};

}  // namespace langnghe::server
