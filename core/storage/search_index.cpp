#include "langnghe/storage/search_index.h"

#include "store_access.h"

namespace langnghe {

using storage_internal::Access;

std::set<std::string> feedback_touched_since(Store& store, std::uint64_t seq) {
    std::set<std::string> out;
    auto st = Access::db(store).prepare(
        "SELECT id, type, json_extract(doc, '$.target') FROM records WHERE seq > ? AND type IN ('feedback', 'note')");
    st.bind(1, seq);
    while (st.step()) out.insert(st.column_view(1) == "note" ? st.column_text(2) : st.column_text(0));
    return out;
}

std::vector<std::string> note_texts(Store& store, const std::string& target_id) {
    auto& st = Access::cached(
        store, "SELECT json_extract(doc, '$.text') FROM records WHERE type='note' AND json_extract(doc, '$.target') = ?");
    sql::ResetGuard reset(st);
    st.bind(1, target_id);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.column_text(0));
    return out;
}

bool index_feedback(Store& store, const std::string& id, const std::string& folded_text) {
    std::int64_t rowid = 0;
    {
        auto& find = Access::cached(store, "SELECT rowid FROM records WHERE id=? AND type='feedback'");
        sql::ResetGuard reset(find);
        find.bind(1, id);
        if (!find.step()) return false;
        rowid = find.column_int(0);
    }
    auto& remove = Access::cached(store, "DELETE FROM search_index WHERE rowid=?");
    {
        sql::ResetGuard reset(remove);
        remove.bind(1, rowid);
        remove.run();
    }
    auto& insert = Access::cached(store, "INSERT INTO search_index(rowid, folded, id) VALUES(?, ?, ?)");
    sql::ResetGuard reset(insert);
    insert.bind(1, rowid).bind(2, folded_text).bind(3, id);
    insert.run();
    return true;
}

std::vector<std::string> search_index_match(Store& store, const std::string& fts_query, std::size_t limit) {
    auto st = Access::db(store).prepare(
        "SELECT r.id FROM search_index s JOIN records r ON r.rowid = s.rowid AND r.id = s.id "
        "WHERE search_index MATCH ? AND json_extract(r.doc, '$.deleted') IS NOT 1 ORDER BY s.rank, r.id LIMIT ?");
    st.bind(1, fts_query).bind(2, limit ? static_cast<std::int64_t>(limit) : std::int64_t{-1});  // -1: no limit
    std::vector<std::string> ids;
    while (st.step()) ids.push_back(st.column_text(0));
    return ids;
}

}  // namespace langnghe
