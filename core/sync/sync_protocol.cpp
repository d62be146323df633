#include "langnghe/sync/sync_protocol.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <utility>
#include <vector>

#include "langnghe/base/text.h"
#include "langnghe/codec/bounded_json.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/record_reader.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/custody_json.h"

namespace langnghe {

using nlohmann::json;

namespace {
json parse_object(std::string_view text, std::string_view what) { return read_json_object(text, what); }

void only_members(const json& j, std::string_view what, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : j.items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw Error(ErrorCode::invalid_input, std::string(what) + ": unknown member '" + printable(key) + "'", key);
}

const json& member(const json& j, std::string_view what, const char* name) {
    auto it = j.find(name);
    if (it == j.end()) throw Error(ErrorCode::invalid_input, std::string(what) + ": missing member '" + name + "'", name);
    return *it;
}

std::string string_member(const json& j, std::string_view what, const char* name) {
    const json& v = member(j, what, name);
    if (!v.is_string()) throw Error(ErrorCode::invalid_input, std::string(what) + ": '" + name + "' must be a string", name);
    return v.get<std::string>();
}

std::uint64_t unsigned_member(const json& j, std::string_view what, const char* name) {
    const json& v = member(j, what, name);
    if (!v.is_number_unsigned())
        throw Error(ErrorCode::invalid_input, std::string(what) + ": '" + name + "' must be a non-negative integer", name);
    return v.get<std::uint64_t>();
}

bool bool_member(const json& j, std::string_view what, const char* name) {
    const json& v = member(j, what, name);
    if (!v.is_boolean()) throw Error(ErrorCode::invalid_input, std::string(what) + ": '" + name + "' must be true or false", name);
    return v.get<bool>();
}

// A message holding records, read without building a json document of them (record_reader.h).
RecordMessage parse_record_message(std::string_view text, const std::string& what) {
    RecordMessage m = read_record_message(text, what);
    if (!m.has_records) throw Error(ErrorCode::invalid_input, what + ": missing member 'records'", "records");
    return m;
}

// Record arrays are already JSON text: splice them in rather than build a DOM of every record.
std::string with_records(json head, std::string_view records_json) {
    std::string out = head.dump();
    out.pop_back();
    out.reserve(out.size() + records_json.size() + 16);
    out += head.empty() ? "\"records\":" : ",\"records\":";
    out += records_json;
    out += '}';
    return out;
}
}  // namespace

bool is_role(std::string_view role) { return std::find(std::begin(roles), std::end(roles), role) != std::end(roles); }

std::string encode(const EnrollRequest& m) {
    return json{{"code", m.code}, {"site", m.site}, {"label", m.label}, {"public_key", m.public_key}}.dump();
}
std::string encode(const EnrollResponse& m) {
    return json{{"device_id", m.device_id}, {"token", m.token},  {"unit", m.unit},
                {"role", m.role},           {"server_time", m.server_time}, {"protocol", protocol_version}}
        .dump();
}
std::string encode(const PushRequest& m) { return encode_push_request(m.site, encode_records(m.records), m.links); }
std::string encode_push_request(const std::string& site, std::string_view records_json, const std::vector<CustodyLink>& links) {
    std::string out = "{\"site\":";
    append_json_string(out, site);
    if (!links.empty()) out += ",\"links\":" + encode_links(links);
    out += ",\"records\":";
    out += records_json;
    out += '}';
    return out;
}

std::string registry_digest(const std::vector<RegisteredKey>& registry) {
    Sha256 digest;
    for (const auto& key : registry) digest.add_sized(key.site).add_sized(key.public_key).add_sized(key.status);
    return digest.hex();
}
std::string encode(const PushResponse& m) {
    return json{{"received", m.received},          {"changed", m.changed},          {"server_time", m.server_time},
                {"cursor_before", m.cursor_before}, {"cursor_after", m.cursor_after}}
        .dump();
}
std::string encode(const PullRequest& m) {
    return json{{"cursor", m.cursor}, {"limit", m.limit}, {"registry", m.registry}}.dump();
}
std::string encode(const PullAnswer& m) {
    json head{{"cursor", m.cursor}, {"more", m.more}, {"unit", m.unit}, {"role", m.role}, {"acting_role", m.acting_role},
              {"server_time", m.server_time}};
    if (m.registry_sent) {
        head["registry_digest"] = m.registry_digest;
        json keys = json::array();
        for (const auto& key : m.registry) keys.push_back({key.site, key.public_key, key.status});
        head["registry"] = std::move(keys);
    }
    return with_records(std::move(head), m.records_json);
}
// Never throws on the text it is given: invalid UTF-8 anywhere in an error comes out as U+FFFD.
std::string encode(const ErrorBody& m) {
    return json{{"error", m.error}, {"message", m.message}, {"message_vi", m.message_vi}, {"field", m.field}, {"details", m.details}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
}

ErrorBody error_body(const Error& e) {
    // The same replacement here, so that whatever carries the body on (CBOR, a log) has valid text.
    auto valid = [](const std::string& s) {
        if (is_valid_utf8(s)) return s;
        return json::parse(json(s).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
    };
    ErrorBody body{std::string(error_code_name(e.code())), valid(e.what()), valid(e.field()), {}, valid(e.message(Lang::vi))};
    for (const auto& d : e.details()) body.details.push_back(valid(d));
    return body;
}

EnrollRequest decode_enroll_request(std::string_view text) {
    json j = parse_object(text, "enroll");
    only_members(j, "enroll", {"code", "site", "label", "public_key"});
    EnrollRequest m{string_member(j, "enroll", "code"), string_member(j, "enroll", "site"),
                    string_member(j, "enroll", "label"), string_member(j, "enroll", "public_key")};
    if (!is_hex(m.public_key, 32))
        throw Error(ErrorCode::invalid_input, "enroll: 'public_key' must be an Ed25519 public key (64 hex digits)", "public_key");
    return m;
}

EnrollResponse decode_enroll_response(std::string_view text) {
    json j = parse_object(text, "enroll response");
    return {string_member(j, "enroll response", "device_id"), string_member(j, "enroll response", "token"),
            string_member(j, "enroll response", "unit"), string_member(j, "enroll response", "role"),
            static_cast<std::int64_t>(unsigned_member(j, "enroll response", "server_time"))};
}

PushRequest decode_push_request(std::string_view text) {
    RecordMessage m = parse_record_message(text, "push");
    only_members(m.head, "push", {"site", "links"});
    PushRequest request{string_member(m.head, "push", "site"), std::move(m.records), {}};
    if (auto links = m.head.find("links"); links != m.head.end()) request.links = links_from_json(*links);
    return request;
}

PushResponse decode_push_response(std::string_view text) {
    json j = parse_object(text, "push response");
    return {unsigned_member(j, "push response", "received"), unsigned_member(j, "push response", "changed"),
            static_cast<std::int64_t>(unsigned_member(j, "push response", "server_time")),
            unsigned_member(j, "push response", "cursor_before"), unsigned_member(j, "push response", "cursor_after")};
}

PullRequest decode_pull_request(std::string_view text) {
    json j = parse_object(text, "pull");
    only_members(j, "pull", {"cursor", "limit", "registry"});
    PullRequest m{unsigned_member(j, "pull", "cursor"), unsigned_member(j, "pull", "limit"), {}};
    if (j.contains("registry")) m.registry = string_member(j, "pull", "registry");
    if (m.limit == 0 || m.limit > max_pull_batch)
        throw Error(ErrorCode::invalid_input, "pull: 'limit' must be 1 to " + std::to_string(max_pull_batch), "limit");
    return m;
}

PullResponse decode_pull_response(std::string_view text) {
    // Answers are read leniently, as before: a newer station may add members an older device ignores.
    RecordMessage m = parse_record_message(text, "pull response");
    PullResponse r;
    r.records = std::move(m.records);
    r.cursor = unsigned_member(m.head, "pull response", "cursor");
    r.more = bool_member(m.head, "pull response", "more");
    r.unit = string_member(m.head, "pull response", "unit");
    r.role = string_member(m.head, "pull response", "role");
    // Stations before grants sent none: the device acts in its role.
    r.acting_role = m.head.contains("acting_role") ? string_member(m.head, "pull response", "acting_role") : r.role;
    r.server_time = static_cast<std::int64_t>(unsigned_member(m.head, "pull response", "server_time"));
    if (m.head.contains("registry")) {
        r.registry_sent = true;
        r.registry_digest = string_member(m.head, "pull response", "registry_digest");
        // The device keeps the digest and sends it back with every pull.
        if (!is_hex(r.registry_digest, 32))
            throw Error(ErrorCode::invalid_input, "pull response: 'registry_digest' must be 64 hex digits", "registry_digest")
                .vi("câu trả lời pull: 'registry_digest' phải là 64 chữ số hex");
        r.registry = keys_from_json(m.head["registry"], "registry");
    }
    return r;
}

// An error body is shown to the officer as it came: whatever sent it (a forged station, a proxy)
// gets no control characters onto the terminal and no more than these.
constexpr std::size_t max_error_message_chars = 2000, max_error_name_chars = 200, max_error_details = 10'000;

ErrorBody decode_error_body(std::string_view text) {
    json j = parse_object(text, "error");
    ErrorBody m{printable(string_member(j, "error", "error"), max_error_name_chars),
                printable(string_member(j, "error", "message"), max_error_message_chars),
                {},
                {},
                {}};
    // Stations before the Vietnamese message sent English only; the device then shows that.
    if (auto it = j.find("message_vi"); it != j.end() && it->is_string())
        m.message_vi = printable(it->get<std::string>(), max_error_message_chars);
    if (auto it = j.find("field"); it != j.end() && it->is_string())
        m.field = printable(it->get<std::string>(), max_error_name_chars);
    if (auto it = j.find("details"); it != j.end() && it->is_array())
        for (const auto& d : *it)
            if (d.is_string() && m.details.size() < max_error_details)
                m.details.push_back(printable(d.get<std::string>(), max_error_name_chars));
    return m;
}

Error error_from_body(const ErrorBody& body) {
    return Error(error_code_from_name(body.error), body.message, body.field, body.details).vi(body.message_vi);
}

std::string cbor_to_json_text(std::string_view cbor) { return read_cbor_as_json_text(cbor, "CBOR body"); }

std::string json_text_to_cbor(std::string_view json_text) { return write_json_text_as_cbor(json_text); }

ErrorCode error_code_from_name(std::string_view name) {
    for (ErrorCode code : all_error_codes)
        if (error_code_name(code) == name) return code;
    return ErrorCode::internal;
}

}  // namespace langnghe
