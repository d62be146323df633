#include "langnghe/model/search.h"

#include <set>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/document.h"

namespace langnghe {

namespace {
constexpr const char* cursor_key = "search_seq";

// What a person may search a feedback item by: the resident's words, the answer, where it was
// said, who it was referred to, and every note written on it.
std::string searchable_text(Store& store, const std::string& id, const DocumentReader& doc) {
    std::string text;
    for (const char* key : {"text", "answer", "group", "referred_to"}) text += doc.text(key) + "\n";
    auto& notes = store.cached_statement(
        "SELECT json_extract(doc, '$.text') FROM records WHERE type='note' AND json_extract(doc, '$.target') = ?");
    sql::ResetGuard reset(notes);
    notes.bind(1, id);
    while (notes.step()) text += notes.column_text(0) + "\n";
    return fold_for_search(text);
}

void reindex(Store& store, const std::string& id) {
    auto& find = store.cached_statement("SELECT rowid, doc FROM records WHERE id=? AND type='feedback'");
    sql::ResetGuard reset(find);
    find.bind(1, id);
    if (!find.step()) return;  // a note whose feedback has not arrived yet: indexed when it does
    std::int64_t rowid = find.column_int(0);
    std::string folded = searchable_text(store, id, DocumentReader(find.column_view(1)));
    auto& remove = store.cached_statement("DELETE FROM search_index WHERE rowid=?");
    {
        sql::ResetGuard reset_remove(remove);
        remove.bind(1, rowid);
        remove.run();
    }
    auto& insert = store.cached_statement("INSERT INTO search_index(rowid, folded, id) VALUES(?, ?, ?)");
    sql::ResetGuard reset_insert(insert);
    insert.bind(1, rowid).bind(2, folded).bind(3, id);
    insert.run();
}

// An FTS5 query in which every folded word must appear, the last as a prefix (the user may still
// be typing it). Each word is quoted, so FTS5 operators typed by a user are plain text.
std::string fts_query(const std::string& query) {
    std::string folded = fold_for_search(to_nfc(query, "query"));
    std::vector<std::string> words;
    std::string word;
    for (char c : folded + " ") {
        if (c == ' ') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c == '"' ? std::string("\"\"") : std::string(1, c);
        }
    }
    if (words.empty()) throw_invalid("query", "query: give at least one word to search for", "query: hãy nhập ít nhất một từ cần tìm");
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i ? " " : "") + ("\"" + words[i] + "\"") + (i + 1 == words.size() ? "*" : "");
    return out;
}
}  // namespace

std::size_t refresh_search_index(Store& store) {
    Store::Scope scope(store);
    std::uint64_t cursor = std::stoull(store.meta(cursor_key).value_or("0"));
    std::uint64_t last = store.current_seq();
    if (cursor >= last) return 0;
    std::set<std::string> stale;
    auto changed = store.db().prepare(
        "SELECT id, type, json_extract(doc, '$.target') FROM records WHERE seq > ? AND type IN ('feedback', 'note')");
    changed.bind(1, cursor);
    while (changed.step()) stale.insert(changed.column_text(1) == "note" ? changed.column_text(2) : changed.column_text(0));
    for (const auto& id : stale) reindex(store, id);
    store.set_meta(cursor_key, std::to_string(last));
    scope.commit();
    return stale.size();
}

std::vector<Feedback> search_feedback(Store& store, const std::string& query, std::size_t limit) {
    std::string match = fts_query(query);
    refresh_search_index(store);
    auto st = store.db().prepare(
        "SELECT r.id FROM search_index s JOIN records r ON r.rowid = s.rowid AND r.id = s.id "
        "WHERE search_index MATCH ? AND json_extract(r.doc, '$.deleted') IS NOT 1 ORDER BY s.rank, r.id LIMIT ?");
    st.bind(1, match).bind(2, static_cast<std::int64_t>(limit));
    std::vector<std::string> ids;
    while (st.step()) ids.push_back(st.column_text(0));
    std::vector<Feedback> out;
    out.reserve(ids.size());
    for (const auto& id : ids) out.push_back(get_feedback(store, id));
    return out;
}

}  // namespace langnghe
