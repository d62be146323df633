#pragma once
// Change files: record states carried between replicas with no network at all (a USB stick from
// the ward to the station and back). A file holds its format and version, the site that wrote it,
// the sequence range it covers and the full merge state of every record changed in that range, so
// importing it is an ordinary join: in any order, any number of times.
//
//   {"format": "langnghe-changes", "version": 1, "site": "…", "since": 0, "last_seq": 42,
//    "created_at": "2026-11-22T10:15:30.123Z", "count": 17, "records": [ <codec.h records> ]}
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/storage/store.h"

namespace langnghe {

inline constexpr std::string_view change_file_format = "langnghe-changes";
inline constexpr int change_file_version = 1;

struct ChangeFile {
    std::string site;            // the replica that wrote the file
    std::uint64_t since = 0;     // records changed after this sequence of `site`…
    std::uint64_t last_seq = 0;  // …up to this one: the `--since` of the next export
    std::string created_at;      // ISO 8601 UTC, for people
    std::vector<RecordState> records;
};

// Every record changed on this replica after `since_seq`.
ChangeFile export_changes(Store& store, std::uint64_t since_seq);
std::string encode_change_file(const ChangeFile& file);
// Throws invalid_input when the text is not a change file or a record in it is malformed, and
// incompatible when it was written by a newer format version.
ChangeFile decode_change_file(std::string_view text);
// Joins every record of the file in one transaction: all or nothing.
ApplyResult import_changes(Store& store, const ChangeFile& file);

}  // namespace langnghe
