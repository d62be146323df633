#pragma once
// Pages computed from the whole of a unit's records (the overview) kept for as long as nothing in
// the station changes: the key holds the station's change cursor, so the first request after any
// change computes afresh and every later one until the next change is answered from here. Bounded:
// past `capacity` pages the oldest half goes.
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace langnghe::server::ui {

class PageCache {
public:
    explicit PageCache(std::size_t capacity = 64) : m_capacity(capacity) {}

    // `what` names the page and everything it depends on but the station's data (unit, period,
    // language, today's date); `cursor` is the station's newest change.
    std::optional<std::string> find(const std::string& what, std::uint64_t cursor);
    void keep(const std::string& what, std::uint64_t cursor, std::string body);

private:
    std::mutex m_mutex;
    std::size_t m_capacity;
    std::map<std::string, std::pair<std::uint64_t, std::string>> m_pages;
    std::list<std::string> m_order;  // oldest first
};

}  // namespace langnghe::server::ui
