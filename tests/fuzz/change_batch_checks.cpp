#include "fuzz/change_batch_checks.h"

#include <optional>
#include <string>

#include "langnghe/change_file.h"
#include "langnghe/codec.h"
#include "langnghe/error.h"
#include "langnghe/merge.h"
#include "langnghe/record_schema.h"
#include "langnghe/sync_protocol.h"

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
}  // namespace

void check_change_batch(std::string_view input) {
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
