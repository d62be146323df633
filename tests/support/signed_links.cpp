#include "support/signed_links.h"

#include <map>

namespace langnghe::test {

CustodyLink SignedChain::link(const std::vector<RecordState>& records) {
    CustodyLink link{m_site, m_tip.n + 1, m_tip.hash, 1, {}, {}};
    for (const auto& record : records) {
        std::map<Stamp, std::vector<std::pair<std::string, std::string>>> by_stamp;
        for (const auto& [name, field] : record.fields)
            for (const auto& head : field.heads)
                if (head.dot.site == m_site) by_stamp[head.dot.stamp].emplace_back(name, head.value);
        for (const auto& [stamp, values] : by_stamp) {
            CustodyEntry entry{record.id, stamp, {}, {}, random_hex(16)};
            for (const auto& value : values) entry.fields.push_back(value.first);
            entry.hash = entry_hash(entry.nonce, record.id, stamp, values);
            link.entries.push_back(std::move(entry));
        }
    }
    link.signature = sign_message(m_keys.private_key, link.body());
    m_tip = {link.n, link.hash()};
    return link;
}

}  // namespace langnghe::test
