#include "page_cache.h"

namespace langnghe::server::ui {

std::optional<std::string> PageCache::find(const std::string& what, std::uint64_t cursor) {
    std::lock_guard lock(m_mutex);
    auto it = m_pages.find(what);
    if (it == m_pages.end() || it->second.first != cursor) return std::nullopt;
    return it->second.second;
}

void PageCache::keep(const std::string& what, std::uint64_t cursor, std::string body) {
    std::lock_guard lock(m_mutex);
    auto [it, added] = m_pages.insert_or_assign(what, std::make_pair(cursor, std::move(body)));
    (void)it;
    if (added) m_order.push_back(what);
    if (m_pages.size() <= m_capacity) return;
    while (m_pages.size() > m_capacity / 2 && !m_order.empty()) {
        m_pages.erase(m_order.front());
        m_order.pop_front();
    }
}

}  // namespace langnghe::server::ui
