#pragma once
// The sync protocol's messages, shared by the client (sync_client.h) and the station server, so both
// sides read and write the same shapes. Decoding is strict: a missing member, a member of the wrong
// JSON type or an unknown member is invalid_input naming it. See docs/protocol.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/merge/merge.h"
#include "langnghe/storage/custody.h"

namespace langnghe {

inline constexpr int protocol_version = 1;
// A pull returns at most this many records; the client asks for fewer on slow links.
inline constexpr std::size_t max_pull_batch = 5000;
inline constexpr std::size_t default_pull_batch = 2000;
inline constexpr std::size_t default_push_batch = 1000;
// Request bodies over this are refused with 413 before they are read.
inline constexpr std::size_t max_request_bytes = 16 * 1024 * 1024;
// Bodies, requests and answers alike, of this size or more go gzip-compressed when the other side
// takes gzip; below it gzip saves less than it costs.
inline constexpr std::size_t min_gzip_body_bytes = 1024;
// The header every response carries, so a client can estimate its clock offset from any reply.
inline constexpr std::string_view server_time_header = "X-Langnghe-Server-Time";

inline constexpr std::string_view roles[] = {"officer", "unit_head", "supervisor"};
bool is_role(std::string_view role);

struct EnrollRequest {
    std::string code, site, label;  // label: the officer's name, shown in `device list`
    std::string public_key;         // the device's Ed25519 key (custody.h), registered with it
};
struct EnrollResponse {
    std::string device_id, token, unit, role;
    std::int64_t server_time = 0;
};
struct PushRequest {
    std::string site;
    std::vector<RecordState> records;
    // Signed links the station may not hold yet (custody.h): the pusher's own, and others' it relays.
    std::vector<CustodyLink> links;
};
struct PushResponse {
    std::size_t received = 0, changed = 0;
    std::int64_t server_time = 0;
    // The station's change sequence before and after this batch. A device whose pull cursor was at
    // `cursor_before` already holds everything up to `cursor_after`: its own batch is not pulled back.
    std::uint64_t cursor_before = 0, cursor_after = 0;
};
struct PullRequest {
    std::uint64_t cursor = 0;
    std::size_t limit = default_pull_batch;
    std::string registry;  // the digest of the device registry the device holds; "" for none
};
struct PullResponse {
    std::vector<RecordState> records;
    std::uint64_t cursor = 0;
    bool more = false;
    std::string unit, role;  // the device's scope now: a move or a role change shows here
    std::string acting_role;  // what it may write: its role, or officer for a supervisor granted writes
    std::int64_t server_time = 0;
    // The station's device registry (the keys custody is checked against) and its digest, sent
    // when the device's digest differs; `registry_sent` false otherwise.
    std::string registry_digest;
    std::vector<RegisteredKey> registry;
    bool registry_sent = false;
};
// The station's side of a pull answer: its stored canonical states spliced in as JSON text, so a
// pull costs the station neither a decode nor an encode per record. It reads as a PullResponse.
struct PullAnswer {
    std::string records_json = "[]";
    std::uint64_t cursor = 0;
    bool more = false;
    std::string unit, role;
    std::string acting_role;
    std::int64_t server_time = 0;
    std::string registry_digest;
    std::vector<RegisteredKey> registry;
    bool registry_sent = false;
};
// An error as the station says it: its code and its message in both languages, so the device
// shows it in its user's language. `message` is English (what an older device shows).
struct ErrorBody {
    std::string error, message, field;  // field: the request member or input at fault, may be empty
    std::vector<std::string> details;
    std::string message_vi;  // empty from a station before it was sent
};

std::string encode(const EnrollRequest& m);
std::string encode(const EnrollResponse& m);
std::string encode(const PushRequest& m);
// A push body whose records are already encoded: `records_json` is a JSON array of record states.
std::string encode_push_request(const std::string& site, std::string_view records_json,
                                const std::vector<CustodyLink>& links = {});
// The digest a registry is known by: of its keys in site order.
std::string registry_digest(const std::vector<RegisteredKey>& registry);
std::string encode(const PushResponse& m);
std::string encode(const PullRequest& m);
std::string encode(const PullAnswer& m);
std::string encode(const ErrorBody& m);
ErrorBody error_body(const Error& e);
// The error an error body was made from, as the device raises it: same code, messages, field and details.
Error error_from_body(const ErrorBody& body);

EnrollRequest decode_enroll_request(std::string_view json_text);
EnrollResponse decode_enroll_response(std::string_view json_text);
PushRequest decode_push_request(std::string_view json_text);
PushResponse decode_push_response(std::string_view json_text);
PullRequest decode_pull_request(std::string_view json_text);
PullResponse decode_pull_response(std::string_view json_text);
ErrorBody decode_error_body(std::string_view json_text);

// CBOR ⇄ JSON text, for clients that ask for the compact encoding (Content-Type application/cbor),
// streamed both ways without a json document. Members keep the order they come in. CBOR from
// outside is refused as bounded_json.h says; the JSON text is the station's own, and a key it
// repeats is written twice. The CBOR is what json::to_cbor writes when the text's keys are sorted.
std::string cbor_to_json_text(std::string_view cbor);
std::string json_text_to_cbor(std::string_view json_text);

// The error code named in an error body, or internal when the name is unknown.
ErrorCode error_code_from_name(std::string_view name);

}  // namespace langnghe
