#pragma once
// Custody links read from a json document a message decoder already holds (bounded_json.h), so
// the links of a push or a change file are not written back to text and parsed again.
#include <nlohmann/json.hpp>

#include <vector>

#include "langnghe/storage/custody.h"

namespace langnghe {

// Strict and bounded, for input from anywhere: invalid_input naming what is wrong.
std::vector<CustodyLink> links_from_json(const nlohmann::json& array);
// A link's entries, under the same rules.
std::vector<CustodyEntry> entries_from_json(const nlohmann::json& array);

}  // namespace langnghe
