#pragma once
// Custody links and registry keys read from a json document a message decoder already holds
// (bounded_json.h), so the links of a push or a change file are not written back to text and parsed again.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "langnghe/storage/custody.h"

namespace langnghe {

// Strict and bounded, for input from anywhere: invalid_input naming what is wrong.
std::vector<CustodyLink> links_from_json(const nlohmann::json& array);
// A link's entries, under the same rules.
std::vector<CustodyEntry> entries_from_json(const nlohmann::json& array);
// Registry keys [[site, public key, status], …] (a pull answer's registry, a change file's keys):
// site ids, Ed25519 keys, active or revoked; invalid_input naming `member` otherwise.
std::vector<RegisteredKey> keys_from_json(const nlohmann::json& array, const std::string& member);

}  // namespace langnghe
