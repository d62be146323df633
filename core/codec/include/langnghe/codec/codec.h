#pragma once
// Text encoding of record states, shared by change files, the sync protocol and storage.
//
//   {"id":"fb-…","type":"feedback","unit":"00004",
//    "f":{"text":[stamp,"site",value],                         one head, context = that head
//         "status":{"h":[[stamp,"site",value],…],"c":{"site":stamp,…}}}}
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/merge/merge.h"

namespace langnghe {

// A head value nests at most this deep and holds at most this many values (arrays, objects and
// scalars); see docs/protocol.md, "Limits".
inline constexpr std::size_t max_record_value_depth = 8;
inline constexpr std::size_t max_record_value_values = 10'000;

std::string encode_record(const RecordState& record);
// Throws invalid_input naming what is malformed (the record id when known).
RecordState decode_record(std::string_view json_text);

// A site id as stamps carry it: 1 to 64 of [0-9a-z_-].
bool is_site_id(std::string_view s);

// The winning values as one JSON object: set elements ("groups/youth": true) become sorted arrays
// ("groups": ["youth"]). Used for queries and for the canonical dump.
std::string winning_document(const RecordState& record);

// The text a JSON string value (quotes and escapes included) holds.
std::string json_string_content(std::string_view json_string_value);

// Appends `s` as a JSON string, byte for byte what nlohmann::json(s).dump() gives.
void append_json_string(std::string& out, std::string_view s);

// A JSON array of encoded records, as written to change files and sync bodies.
std::string encode_records(const std::vector<RecordState>& records);
std::vector<RecordState> decode_records(std::string_view json_array_text);

}  // namespace langnghe
