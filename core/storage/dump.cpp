#include <nlohmann/json.hpp>

#include "langnghe/codec/codec.h"
#include "langnghe/merge/lattice.h"
#include "langnghe/storage/store.h"

namespace langnghe {

std::string Store::canonical_dump() {
    using nlohmann::json;
    json records = json::array();
    auto st = m_db->prepare("SELECT state, doc FROM records ORDER BY id");
    while (st.step()) {
        RecordState record = read_stored(st.column_view(0));
        json conflicts = json::array();
        for (const auto& [name, field] : record.fields) {
            for (const auto& lost : conflicting_values(record.type, name, field))
                conflicts.push_back(
                    {{"field", name}, {"value", json::parse(lost.value)}, {"stamp", lost.dot.stamp}, {"site", lost.dot.site}});
        }
        json entry = {{"id", record.id}, {"type", record.type}, {"unit", record.unit},
                      {"doc", json::parse(st.column_view(1))}};
        if (!conflicts.empty()) entry["conflicts"] = std::move(conflicts);
        records.push_back(std::move(entry));
    }
    return json{{"format", "langnghe-dump"}, {"version", 1}, {"records", std::move(records)}}.dump(1) + "\n";
}

}  // namespace langnghe
