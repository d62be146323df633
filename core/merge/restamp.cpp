#include "langnghe/merge/restamp.h"

#include <algorithm>

namespace langnghe {

Stamp max_stamp_of(const RecordState& record, std::string_view site) {
    Stamp out = 0;
    for (const auto& [name, field] : record.fields) {
        for (const auto& head : field.heads)
            if (head.dot.site == site) out = std::max(out, head.dot.stamp);
        if (auto it = field.context.find(site); it != field.context.end()) out = std::max(out, it->second);
    }
    return out;
}

Restamped restamp_unsent(const std::vector<RecordState>& records, std::string_view own_site, Stamp sent,
                         std::int64_t corrected_now_ms, std::int64_t tolerance_ms) {
    Restamped out;
    Stamp limit = std::max(stamp_from_ms(corrected_now_ms + tolerance_ms), sent);
    auto far = [limit](Stamp s) { return s > limit; };

    // Every far dot of this site, renamed in order from above max(now, sent) and above every stamp
    // of this site that stays (so no new dot is an old one).
    Stamp next = std::max(stamp_from_ms(corrected_now_ms), sent);
    for (const auto& record : records)
        for (const auto& [name, field] : record.fields) {
            for (const auto& head : field.heads)
                if (head.dot.site == own_site) {
                    if (far(head.dot.stamp)) out.renamed.emplace(head.dot.stamp, 0);
                    else next = std::max(next, head.dot.stamp);
                }
            if (auto it = field.context.find(own_site); it != field.context.end() && !far(it->second))
                next = std::max(next, it->second);
        }
    for (auto& [original, renamed] : out.renamed) renamed = ++next;
    out.clock_floor = next;

    // The new stamp of the greatest renamed write at or below `s` (0: none).
    auto renamed_up_to = [&](Stamp s) -> Stamp {
        auto it = out.renamed.upper_bound(s);
        return it == out.renamed.begin() ? 0 : std::prev(it)->second;
    };

    for (const auto& original : records) {
        RecordState record = original;
        bool changed = false;
        for (auto& [name, field] : record.fields) {
            for (auto& head : field.heads)
                if (head.dot.site == own_site && far(head.dot.stamp) && out.renamed.at(head.dot.stamp) != head.dot.stamp) {
                    head.dot.stamp = out.renamed.at(head.dot.stamp);
                    ++out.values;
                    changed = true;
                }
            std::sort(field.heads.begin(), field.heads.end(), [](const Head& a, const Head& b) { return a.dot < b.dot; });
            auto own = field.context.find(own_site);
            if (own != field.context.end() && far(own->second)) {
                Stamp covered = std::max(sent, renamed_up_to(own->second));
                for (const auto& head : field.heads)
                    if (head.dot.site == own_site) covered = std::max(covered, head.dot.stamp);
                changed = changed || own->second != covered;
                own->second = covered;
            }
        }
        out.clock_floor = std::max(out.clock_floor, max_stamp_of(record, own_site));
        if (changed) out.changed.push_back(std::move(record));
    }
    return out;
}

}  // namespace langnghe
