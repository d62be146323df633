#pragma once
// Reads JSON text holding records straight into RecordStates through nlohmann's SAX interface.
// Records are most of every sync body and change file; building a json document of them first and
// walking it cost a pulling device more than storing them did (docs/benchmarks.md). Validation is
// the codec's: a malformed record is invalid_input naming the record id, even when the fault comes
// before the id in the text.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "langnghe/merge/merge.h"

namespace langnghe {

// A message object whose member `records` is an array of records; its other members, small, are
// kept as a json object for the caller to check.
struct RecordMessage {
    nlohmann::json head = nlohmann::json::object();
    std::vector<RecordState> records;
    bool has_records = false;
};

// `what` names the input in errors ("push", "change list"); `body_field` is the field named when
// the whole input is at fault. The limits and text rules are bounded_json.h's, and a value in a
// record at most max_record_value_depth deep and max_record_value_values large (codec.h); a
// repeated key is refused everywhere.
RecordMessage read_record_message(std::string_view text, const std::string& what, const std::string& body_field = "body");
std::vector<RecordState> read_records(std::string_view text, const std::string& what);
RecordState read_record(std::string_view text, const std::string& what);

}  // namespace langnghe
