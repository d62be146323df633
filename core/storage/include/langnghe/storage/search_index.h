#pragma once
// The full-text index over feedback (schema: search_index): each feedback record's folded text, kept
// by the model (search.h), which decides what is searchable; this file holds the SQL.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "langnghe/storage/store.h"

namespace langnghe {

// Feedback whose own record, or a note on it, changed after `seq`.
std::set<std::string> feedback_touched_since(Store& store, std::uint64_t seq);
// The texts of the notes on `target_id`.
std::vector<std::string> note_texts(Store& store, const std::string& target_id);
// Replaces the indexed text of the feedback `id`; false (and nothing indexed) when it is not held.
bool index_feedback(Store& store, const std::string& id, const std::string& folded_text);
// The feedback (not deleted) matching an FTS5 query, best first, at most `limit`.
std::vector<std::string> search_index_match(Store& store, const std::string& fts_query, std::size_t limit);  // 0: all

}  // namespace langnghe
