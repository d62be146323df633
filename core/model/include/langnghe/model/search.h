#pragma once
// Search over feedback text, answers, resident-facing fields and notes that ignores case and
// diacritics, đ included ("thai do" finds "Thái độ", "duong" finds "đường"). The FTS5 index holds
// folded text and is brought up to date lazily, on the first search after writes, so the write and
// merge paths stay fast.
#include <optional>
#include <string>
#include <vector>

#include "langnghe/model/feedback.h"

namespace langnghe {

// All words of `query` must appear (prefix match on the last word). Deleted feedback is left out.
// With `unit`, only feedback of that unit and the units below it (an unknown unit is invalid_input).
std::vector<Feedback> search_feedback(Store& store, const std::string& query, std::size_t limit = 100,
                                      const std::optional<std::string>& unit = std::nullopt);
// Brings the index up to date; returns how many records were (re)indexed.
std::size_t refresh_search_index(Store& store);
// The same, only when a search has built the index: a store never searched holds no folded text.
std::size_t refresh_built_search_index(Store& store);

}  // namespace langnghe
