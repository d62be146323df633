#include "langnghe/model/search.h"

#include <set>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/document.h"
#include "langnghe/model/vocab.h"
#include "langnghe/storage/queries.h"
#include "langnghe/storage/search_index.h"

namespace langnghe {

namespace {
// Named for what the index holds: a new version of searchable_text takes a new key, so a store
// indexed by an earlier one is indexed again in full at its next search.
constexpr const char* cursor_key = "search_seq.labels";

// What a person may search a feedback item by: the resident's words, the answer, where it was
// said, who it was referred to, the category and kind as people name them in either language
// ("tin dung den" finds loan-shark items), and every note written on it.
std::string searchable_text(Store& store, const std::string& id, const DocumentReader& doc) {
    std::string text;
    for (const char* key : {"text", "answer", "group", "referred_to"}) text += doc.text(key) + "\n";
    for (auto [vocabulary, key] : {std::pair{categories(), "category"}, {feedback_kinds(), "kind"}})
        if (const Label* named = find_label(vocabulary, doc.text(key)))
            text += std::string(named->vi) + "\n" + std::string(named->en) + "\n";
    for (const auto& note : note_texts(store, id)) text += note + "\n";
    return fold_for_search(text);
}

void reindex(Store& store, const std::string& id) {
    auto feedback = find_record(store, id);
    // A note whose feedback has not arrived yet: indexed when it does.
    if (!feedback || feedback->type != "feedback") return;
    index_feedback(store, id, searchable_text(store, id, DocumentReader(feedback->doc)));
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
    std::set<std::string> stale = feedback_touched_since(store, cursor);
    for (const auto& id : stale) reindex(store, id);
    store.set_meta(cursor_key, std::to_string(last));
    scope.commit();
    return stale.size();
}

std::size_t refresh_built_search_index(Store& store) {
    return store.meta(cursor_key) ? refresh_search_index(store) : 0;
}

std::vector<Feedback> search_feedback(Store& store, const std::string& query, std::size_t limit,
                                      const std::optional<std::string>& unit) {
    std::string match = fts_query(query);
    std::set<std::string> subtree;
    if (unit) {
        require_unit(store, *unit);
        auto codes = unit_subtree(store, *unit);
        subtree.insert(codes.begin(), codes.end());
    }
    refresh_search_index(store);
    // Within a unit the best matches may lie anywhere in the ranking, so every match is read.
    std::vector<std::string> ids = search_index_match(store, match, unit ? 0 : limit);
    std::vector<Feedback> out;
    for (const auto& id : ids) {
        Feedback f = get_feedback(store, id);
        if (unit && !subtree.contains(f.unit)) continue;
        out.push_back(std::move(f));
        if (out.size() == limit) break;
    }
    return out;
}

}  // namespace langnghe
