#pragma once
// Change files: record states carried between replicas with no network at all (a USB stick from
// the ward to the station and back). A file holds its format and version, the site that wrote it,
// the sequence range it covers and the full merge state of every record changed in that range, so
// importing it is an ordinary join: in any order, any number of times. It carries every custody
// link the writer holds and the keys it knows, and is signed by the writer (docs/custody.md), so an
// importer refuses a file altered in one byte, signed by a device it does not know, or whose
// records are not what their writers signed.
//
//   {"format": "langnghe-changes", "version": 2, "site": "…", "since": 0, "last_seq": 42,
//    "created_at": "2026-11-22T10:15:30.123Z", "count": 17, "keys": [[site, key, status], …],
//    "enroll": {"proof": "…", "label": "…"},   (only from a device enrolled by card)
//    "links": [ <custody.h links> ], "records": [ <codec.h records> ], "signature": "…"}
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/storage/custody.h"
#include "langnghe/storage/store.h"
#include "langnghe/sync/enrollment_card.h"

namespace langnghe {

inline constexpr std::string_view change_file_format = "langnghe-changes";
inline constexpr int change_file_version = 2;

struct ChangeFile {
    std::string site;            // the replica that wrote the file
    std::uint64_t since = 0;     // records changed after this sequence of `site`…
    std::uint64_t last_seq = 0;  // …up to this one: the `--since` of the next export
    std::string created_at;      // ISO 8601 UTC, for people
    std::vector<RecordState> records;
    std::vector<CustodyLink> links;    // every chain the writer holds
    std::vector<RegisteredKey> keys;   // the writer's own key and the registry it holds
    std::optional<EnrollClaim> enroll;  // a device enrolled by card, until the station registers it
    std::string signature;             // the writer's, over the file up to its records' end
    std::string signed_text;           // read back: the bytes the signature covers
    bool read_from_text = false;       // decoded from a file, not made by export_changes
};

// Every record changed on this replica after `since_seq`, with the links and keys, signed.
ChangeFile export_changes(Store& store, std::uint64_t since_seq);
// The bytes a file's signature covers: its text up to the signature.
std::string change_file_signed_text(const ChangeFile& file);
// The file's text; its signature last, when it has one.
std::string encode_change_file(const ChangeFile& file);
// Throws invalid_input when the text is not a change file or a record in it is malformed, and
// incompatible when it was written by a newer format version.
ChangeFile decode_change_file(std::string_view text);
// Checks the file's signature, its links and the writes of its records against this replica's
// registry (an importer that never enrolled pins the keys the file brings; one enrolled by card takes
// the keys of a file its station signed), then joins every record
// and keeps the links to pass on, in one transaction: all or nothing. Throws forbidden naming the
// link or records at fault.
ApplyResult import_changes(Store& store, const ChangeFile& file);

}  // namespace langnghe
