#include "langnghe/sync/custody_check.h"

#include <algorithm>

#include "langnghe/base/error.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/redaction.h"

namespace langnghe {

namespace {
std::string name_of(const CustodyLink& link) { return "link " + link.site + "#" + std::to_string(link.n); }

[[noreturn]] void refuse_link(const CustodyLink& link, const std::string& why) {
    throw Error(ErrorCode::forbidden, "custody refused: " + why, "links", {link.site + "#" + std::to_string(link.n)})
        .vi("chuỗi lưu vết bị từ chối: " + why);
}

// The value of `field` written at `dot`, if the record still holds it.
const Head* head_at(const RecordState& record, const std::string& field, const Dot& dot) {
    auto it = record.fields.find(field);
    if (it == record.fields.end()) return nullptr;
    for (const auto& head : it->second.heads)
        if (head.dot == dot) return &head;
    return nullptr;
}

// Whether `held` has seen `site`'s write of `field` at `stamp`.
bool seen(const std::optional<RecordState>& held, const std::string& field, const std::string& site, Stamp stamp) {
    if (!held) return false;
    auto it = held->fields.find(field);
    if (it == held->fields.end()) return false;
    auto c = it->second.context.find(site);
    return c != it->second.context.end() && c->second >= stamp;
}
}  // namespace

std::optional<std::string> link_fault(const CustodyLink& link, const std::optional<LinkTip>& tip,
                                      const std::optional<RegisteredKey>& key, bool may_be_unsigned) {
    if (!key) return name_of(link) + " is signed by site " + link.site + ", which no registered device has";
    if (key->status != "active") return name_of(link) + " is signed by site " + link.site + ", a revoked device";
    std::uint64_t expected = tip ? tip->n + 1 : 1;
    if (link.n != expected)
        return name_of(link) + " breaks the chain: the next link of " + link.site + " is #" + std::to_string(expected);
    if (link.prev != (tip ? tip->hash : std::string()))
        return name_of(link) + " breaks the chain: it does not name the link before it";
    if (may_be_unsigned && link.signature.empty()) return std::nullopt;
    if (!signature_valid(key->public_key, link.body(), link.signature))
        return name_of(link) + " is altered or not signed by " + link.site + "'s key";
    return std::nullopt;
}

std::optional<std::string> value_fault(const RecordState& record, const Dot& dot, const CustodyEntry& entry) {
    if (entry.nonce.empty()) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& field : entry.fields) {
        const Head* head = head_at(record, field, dot);
        if (!head) return std::nullopt;  // overwritten since: that later write has its own entry
        if (head->value == redacted_json()) return std::nullopt;
        values.emplace_back(field, head->value);
    }
    if (entry_hash(entry.nonce, record.id, dot.stamp, values) == entry.hash) return std::nullopt;
    return "record " + record.id + " holds values of site " + dot.site + " at " + std::to_string(dot.stamp) +
           " that differ from what that site signed";
}

CustodyCheck::CustodyCheck(Store& store, KeyOf key_of, Vouched vouched, LinkReader read_link)
    : m_store(store), m_key_of(std::move(key_of)), m_vouched(std::move(vouched)), m_read_link(std::move(read_link)) {
    if (!m_read_link)
        m_read_link = [&store](const std::string& site, std::uint64_t n) -> std::shared_ptr<const CustodyLink> {
            // Read for their entries and hashes: signing a device's own unsigned link is not needed.
            auto link = custody_link(store, site, n, Signatures::as_stored);
            return link ? std::make_shared<const CustodyLink>(std::move(*link)) : nullptr;
        };
}

std::vector<CustodyLink> CustodyCheck::accept_links(const std::vector<CustodyLink>& links) {
    std::map<std::string, std::optional<LinkTip>> tips;
    std::vector<CustodyLink> fresh;
    for (const auto& link : links) {
        auto tip_it = tips.find(link.site);
        if (tip_it == tips.end()) tip_it = tips.emplace(link.site, custody_tip(m_store, link.site)).first;
        auto& tip = tip_it->second;
        if (tip && link.n <= tip->n) {
            auto held = custody_link(m_store, link.site, link.n, Signatures::as_stored);
            bool same = held ? held->hash() == link.hash() : false;
            if (!same) refuse_link(link, name_of(link) + " differs from the link this log holds with that number");
            continue;
        }
        if (auto fault = link_fault(link, tip, m_key_of(link.site))) refuse_link(link, *fault);
        tip = LinkTip{link.n, link.hash()};
        for (const auto& e : link.entries) m_entries[{link.site, e.record, e.stamp}].push_back(e);
        m_indexed.insert({link.site, link.n});
        fresh.push_back(link);
    }
    return fresh;
}

const std::vector<CustodyEntry>& CustodyCheck::entries_at(const std::string& site, const std::string& record, Stamp stamp,
                                                           bool all_links) {
    // A link read for one record holds the entries of the records written with it: most records
    // are found without a query. A query runs once per site and stamp, for a stamp no link read so
    // far covers, or for every link when `all_links` (an entry split over two links of one commit).
    auto found = m_entries.find({site, record, stamp});
    if (found != m_entries.end() && !all_links) return found->second;
    if (m_looked_up.insert({site, stamp}).second)
        for (auto n : custody_links_at(m_store, site, stamp)) {
            if (!m_indexed.insert({site, n}).second) continue;
            if (auto link = m_read_link(site, n))
                for (const auto& e : link->entries) m_entries[{site, e.record, e.stamp}].push_back(e);
        }
    return m_entries[{site, record, stamp}];
}

void CustodyCheck::cover(const std::string& site, const std::vector<CustodyEntry>& entries) {
    for (const auto& e : entries) m_entries[{site, e.record, e.stamp}].push_back(e);
}

std::optional<std::string> CustodyCheck::fault(const RecordState& record, const std::optional<RecordState>& held) {
    std::set<Dot> checked;
    for (const auto& [name, field] : record.fields)
        for (const auto& head : field.heads) {
            if (seen(held, name, head.dot.site, head.dot.stamp)) continue;
            const std::string& field_name = name;  // a lambda may not capture a structured binding (clang 14)
            auto lists_field = [&](const CustodyEntry& e) {
                return std::binary_search(e.fields.begin(), e.fields.end(), field_name);
            };
            const auto* entries = &entries_at(head.dot.site, record.id, head.dot.stamp);
            if (std::none_of(entries->begin(), entries->end(), lists_field))
                entries = &entries_at(head.dot.site, record.id, head.dot.stamp, true);
            if (std::none_of(entries->begin(), entries->end(), lists_field)) {
                if (m_vouched && m_vouched(head.dot.site)) continue;
                return "record " + record.id + " holds a write of site " + head.dot.site + " to '" + name +
                       "' that no signed link of that site covers";
            }
            if (!checked.insert(head.dot).second) continue;
            for (const auto& entry : *entries)
                if (auto fault = value_fault(record, head.dot, entry)) return fault;
        }
    return std::nullopt;
}

void check_custody(Store& store, const std::vector<RecordState>& records, CustodyCheck& check) {
    std::vector<std::string> refused;
    std::string first;
    for (const auto& record : records)
        if (auto fault = check.fault(record, store.load(record.id))) {
            if (refused.empty()) first = *fault;
            refused.push_back(record.id);
        }
    if (refused.empty()) return;
    auto count = std::to_string(refused.size());
    throw Error(ErrorCode::forbidden,
                count + " record(s) refused, holding writes their writers did not sign (first: " + first + ")",
                "records", refused)
        .vi(count + " bản ghi bị từ chối, chứa nội dung không được thiết bị ghi ký xác nhận (đầu tiên: " + first + ")");
}

namespace {
// The first stored value that its chain does not cover, or whose value differs from the signed one.
std::optional<std::string> values_fault(const std::vector<RecordState>& records, CustodyCheck& index,
                                        const std::map<std::string, std::optional<LinkTip>>& chains,
                                        const std::function<bool(const std::string&)>& must_cover, std::size_t& values) {
    for (const auto& record : records)
        for (const auto& [name, field] : record.fields)
            for (const auto& head : field.heads) {
                bool required = must_cover(head.dot.site);
                if (!required && !chains.contains(head.dot.site)) continue;
                const auto& entries = index.entries_at(head.dot.site, record.id, head.dot.stamp);
                const std::string& field_name = name;  // a lambda may not capture a structured binding (clang 14)
                bool covered = std::any_of(entries.begin(), entries.end(), [&](const CustodyEntry& e) {
                    return std::binary_search(e.fields.begin(), e.fields.end(), field_name);
                });
                if (!covered) {
                    if (!required) continue;  // reached this replica through the station, not by its chain
                    return "record " + record.id + ": the value of '" + name + "' written by site " + head.dot.site +
                           " is in no link of its chain";
                }
                for (const auto& entry : entries)
                    if (auto fault = value_fault(record, head.dot, entry)) return fault;
                ++values;
            }
    return std::nullopt;
}
}  // namespace

CustodyReport verify_custody(Store& store, const KeyOf& key_of, const std::function<bool(const std::string&)>& must_cover,
                             const std::string& may_be_unsigned) {
    CustodyReport report;
    std::map<std::string, std::optional<LinkTip>> tips;
    // Links are checked with the same rule as on receipt, each against the one before it in the log.
    // An unsigned link is held by its hashes alone: the next link's `prev`, or, for the last, its
    // stored hash (checked below).
    CustodyCheck index(store, key_of);
    for (const auto& link : custody_links(store, {}, 1, Signatures::as_stored)) {
        auto& tip = tips[link.site];
        if (!tip) ++report.chains;
        // A device revoked since signed these links while it was active: the chain is what is checked.
        auto key = key_of(link.site);
        if (key) key->status = "active";
        bool unsigned_allowed = !may_be_unsigned.empty() && link.site == may_be_unsigned;
        if (auto fault = link_fault(link, tip, key, unsigned_allowed)) {
            report.fault = *fault;
            return report;
        }
        if (link.signature.empty()) ++report.unsigned_links;
        tip = LinkTip{link.n, link.hash()};
        ++report.links;
        report.entries += link.entries.size();
    }
    if (!may_be_unsigned.empty()) {
        auto unsealed = unsealed_custody_entries(store);
        index.cover(may_be_unsigned, unsealed);
        report.unsealed_entries = unsealed.size();
    }
    for (const auto& [site, tip] : tips)
        if (custody_tip(store, site)->hash != tip->hash) {
            report.fault = "link " + site + "#" + std::to_string(tip->n) + ": its stored hash is not the hash of the link";
            return report;
        }
    for (std::uint64_t seq = 0;;) {
        ChangeBatch batch = store.export_since(seq, 1000);
        seq = batch.last_seq;
        if (auto fault = values_fault(batch.records, index, tips, must_cover, report.values)) {
            report.fault = fault;
            return report;
        }
        if (!batch.more) break;
    }
    return report;
}

CustodyReport verify_replica(Store& store) {
    const std::string& own = store.site_id();
    KeyOf key_of = [&](const std::string& site) -> std::optional<RegisteredKey> {
        if (site == own) return RegisteredKey{site, own_public_key(store), "active"};
        return registered_key(store, site);
    };
    return verify_custody(store, key_of, [&](const std::string& site) { return site == own; }, own);
}

}  // namespace langnghe
