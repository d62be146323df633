#include "link_cache.h"

namespace langnghe::server {

std::shared_ptr<const CustodyLink> LinkCache::get(Store& store, const std::string& site, std::uint64_t n) {
    if (auto found = m_links.find({site, n}); found != m_links.end()) return found->second;
    auto link = custody_link(store, site, n);
    if (!link) return nullptr;
    put(std::move(*link));
    return m_links.at({site, n});
}

void LinkCache::put(CustodyLink link) {
    Key key{link.site, link.n};
    if (m_links.contains(key)) return;
    m_links.emplace(key, std::make_shared<const CustodyLink>(std::move(link)));
    m_order.push_back(std::move(key));
    while (m_order.size() > m_capacity) {
        m_links.erase(m_order.front());
        m_order.pop_front();
    }
}

void LinkCache::clear() {
    m_links.clear();
    m_order.clear();
}

void LinkCache::forget_if_written_elsewhere(Store& store) {
    auto version = store.data_version();
    if (version != m_data_version) clear();
    m_data_version = version;
}

}  // namespace langnghe::server
