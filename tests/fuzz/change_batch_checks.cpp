#include "fuzz/change_batch_checks.h"

#include <optional>
#include <string>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/bounded_json.h"
#include "langnghe/codec/codec.h"
#include "langnghe/merge/merge.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/sync/change_file.h"
#include "langnghe/sync/sync_protocol.h"

namespace langnghe::fuzz {

namespace {
void require(bool holds, const char* what) {
    if (!holds) throw InvariantBroken(what);
}

void check_records(const std::vector<RecordState>& records) {
    for (const auto& record : records) {
        try {
            check_record_shape(record);
        } catch (const Error&) {
            continue;  // the station refuses it; nothing more to hold
        }
        std::string encoded = encode_record(record);
        require(encode_record(decode_record(encoded)) == encoded, "a decoded record re-encodes differently");
        RecordState joined = record;
        require(!join_into(joined, record), "joining a record with itself reported a change");
        require(encode_record(joined) == encoded, "joining a record with itself changed it");
    }
}

template <class Decode, class Encode>
void check_round_trip(std::string_view input, Decode decode, Encode encode, const char* what) {
    auto decoded = [&] {
        try {
            return std::optional(decode(input));
        } catch (const Error&) {
            return std::optional<decltype(decode(input))>();
        }
    }();
    if (!decoded) return;
    check_records(decoded->records);
    std::string encoded = encode(*decoded);
    require(encode(decode(encoded)) == encoded, what);
}
// Refused with Error, or accepted; nothing else escapes but another exception type.
template <class Decode>
void check_no_crash(std::string_view input, Decode decode) {
    try {
        decode(input);
    } catch (const Error& e) {
        require(e.code() == ErrorCode::invalid_input, "a decoder refused with another code than invalid_input");
        require(is_valid_utf8(encode(error_body(e))), "an error body is not valid UTF-8");
    }
}

template <class Decode>
void check_refused(const std::string& input, Decode decode, const char* what) {
    try {
        decode(input);
    } catch (const Error&) {
        return;
    }
    throw InvariantBroken(what);
}

void check_message_decoders(std::string_view input) {
    check_no_crash(input, [](std::string_view t) { decode_enroll_request(t); });
    check_no_crash(input, [](std::string_view t) { decode_pull_request(t); });
    check_no_crash(input, [](std::string_view t) { decode_pull_response(t); });
    check_no_crash(input, [](std::string_view t) { decode_push_response(t); });
    check_no_crash(input, [](std::string_view t) { decode_error_body(t); });
    check_no_crash(input, [](std::string_view t) { decode_record(t); });
    check_no_crash(input, [](std::string_view t) {
        require(is_valid_utf8(cbor_to_json_text(t)), "CBOR was read into text that is not valid UTF-8");
    });
    // Past the depth limit nothing is accepted, whatever is inside.
    std::string in(input);
    check_refused(std::string(max_message_depth, '[') + in + std::string(max_message_depth, ']'),
                  [](std::string_view t) { decode_records(t); }, "records nested past the limit were accepted");
    check_refused("{\"site\":" + std::string(max_message_depth, '[') + in + std::string(max_message_depth, ']') + ",\"records\":[]}",
                  [](std::string_view t) { decode_push_request(t); }, "a push member nested past the limit was accepted");
    check_refused(std::string(max_message_depth + 1, '\x81') + in, [](std::string_view t) { cbor_to_json_text(t); },
                  "CBOR nested past the limit was accepted");
}
}  // namespace

void check_change_batch(std::string_view input) {
    check_message_decoders(input);
    check_round_trip(
        input, [](std::string_view text) { return decode_push_request(text); },
        [](const PushRequest& m) { return encode(m); }, "a push body re-encodes differently");
    check_round_trip(
        input, [](std::string_view text) { return decode_change_file(text); },
        [](const ChangeFile& f) { return encode_change_file(f); }, "a change file re-encodes differently");
    std::string from_cbor;
    try {
        from_cbor = cbor_to_json_text(input);
    } catch (const Error&) {
        return;
    }
    check_round_trip(
        from_cbor, [](std::string_view text) { return decode_push_request(text); },
        [](const PushRequest& m) { return encode(m); }, "a CBOR push body re-encodes differently");
}

}  // namespace langnghe::fuzz
