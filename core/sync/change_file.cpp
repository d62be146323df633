#include "langnghe/sync/change_file.h"

#include "langnghe/model/redaction.h"

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/record_reader.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/records.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/storage/custody_json.h"
#include "langnghe/storage/redaction.h"
#include "langnghe/sync/custody_check.h"
#include "langnghe/sync/record_check.h"
#include "langnghe/sync/sync_client.h"

namespace langnghe {

using json = nlohmann::ordered_json;

namespace {
constexpr std::size_t export_batch = 1000;

[[noreturn]] void not_a_change_file(const std::string& en, const std::string& vi) {
    throw Error(ErrorCode::invalid_input, "not a langnghe change file: " + en, "file")
        .vi("không phải tệp thay đổi của langnghe: " + vi);
}

std::uint64_t unsigned_member(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned())
        not_a_change_file(std::string("'") + key + "' must be a number >= 0",
                          std::string("'") + key + "' phải là số >= 0");
    return it->get<std::uint64_t>();
}

std::string string_member(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        not_a_change_file(std::string("'") + key + "' must be a string", std::string("'") + key + "' phải là chuỗi");
    return it->get<std::string>();
}
}  // namespace

namespace {
// The signature ends the file: `,"signature":"<128 hex>"}` and a newline.
constexpr std::string_view signature_member = ",\"signature\":\"";
constexpr std::size_t signature_suffix_size = signature_member.size() + 128 + 3;

std::string unsigned_text(const ChangeFile& file);
constexpr std::size_t max_label_bytes = 1000;
}  // namespace

ChangeFile export_changes(Store& store, std::uint64_t since_seq) {
    ChangeFile file;
    file.site = store.site_id();
    file.since = since_seq;
    file.last_seq = since_seq;
    file.created_at = format_iso8601_ms(store.clock().physical_ms());
    for (;;) {
        ChangeBatch batch = store.export_since(file.last_seq, export_batch);
        for (auto& r : batch.records) file.records.push_back(std::move(r));
        file.last_seq = batch.last_seq;
        if (!batch.more) break;
    }
    file.links = custody_links(store);
    file.keys = registered_keys(store);
    file.keys.push_back({store.site_id(), own_public_key(store), "active"});
    file.enroll = enroll_claim(store);
    file.signature = sign_as_replica(store, unsigned_text(file));
    return file;
}

namespace {
std::string unsigned_text(const ChangeFile& file) {
    json keys = json::array();
    for (const auto& key : file.keys) keys.push_back({key.site, key.public_key, key.status});
    json header = {{"format", change_file_format}, {"version", change_file_version}, {"site", file.site},
                   {"since", file.since},          {"last_seq", file.last_seq},      {"created_at", file.created_at},
                   {"count", file.records.size()}, {"keys", keys}};
    if (file.enroll) header["enroll"] = {{"proof", file.enroll->proof}, {"label", file.enroll->label}};
    // One link and one record per line: the file stays readable and diffable, and is built without a
    // second in-memory copy of every record as a JSON tree.
    std::string out = header.dump();
    out.pop_back();
    out += ",\"links\":[";
    for (std::size_t i = 0; i < file.links.size(); ++i) out += (i == 0 ? "\n" : ",\n") + encode_link(file.links[i]);
    out += "\n],\"records\":[";
    for (std::size_t i = 0; i < file.records.size(); ++i) {
        out += i == 0 ? "\n" : ",\n";
        out += encode_record(file.records[i]);
    }
    out += "\n]";
    return out;
}
}  // namespace

std::string change_file_signed_text(const ChangeFile& file) { return unsigned_text(file); }

std::string encode_change_file(const ChangeFile& file) {
    std::string out = unsigned_text(file);
    if (!file.signature.empty()) out += std::string(signature_member) + file.signature + "\"";
    out += "}\n";
    return out;
}

ChangeFile decode_change_file(std::string_view text) {
    // The records are read as a push body's are, straight into states with the same limits.
    RecordMessage message;
    try {
        message = read_record_message(text, "the file", "file");
    } catch (const Error& e) {
        if (e.field() != "file") throw;
        not_a_change_file(e.what(), e.message(Lang::vi));
    }
    const nlohmann::json& j = message.head;
    if (!j.contains("format") || j["format"] != change_file_format)
        not_a_change_file("'format' must be \"" + std::string(change_file_format) + "\"",
                          "'format' phải là \"" + std::string(change_file_format) + "\"");
    auto version = unsigned_member(j, "version");
    if (version != static_cast<std::uint64_t>(change_file_version)) {
        auto v = std::to_string(version), mine = std::to_string(change_file_version);
        throw Error(ErrorCode::incompatible,
                    "the change file has format version " + v + "; this program reads version " + mine, "file")
            .vi("tệp thay đổi có phiên bản định dạng " + v + "; chương trình này đọc phiên bản " + mine);
    }
    ChangeFile file;
    file.site = string_member(j, "site");
    file.since = unsigned_member(j, "since");
    file.last_seq = unsigned_member(j, "last_seq");
    file.created_at = string_member(j, "created_at");
    if (!message.has_records) not_a_change_file("'records' must be an array", "'records' phải là một mảng");
    auto count = std::to_string(unsigned_member(j, "count")), found = std::to_string(message.records.size());
    if (count != found)
        not_a_change_file("'count' says " + count + " records but the file has " + found + " (was it cut short?)",
                          "'count' ghi " + count + " bản ghi nhưng tệp có " + found + " (tệp có bị cắt ngắn không?)");
    file.records = std::move(message.records);
    file.read_from_text = true;
    if (auto keys = j.find("keys"); keys != j.end()) {
        try {
            file.keys = keys_from_json(*keys, "keys");
        } catch (const Error& e) {
            not_a_change_file(e.what(), e.message(Lang::vi));
        }
    }
    if (auto enroll = j.find("enroll"); enroll != j.end()) {
        if (!enroll->is_object() || !enroll->contains("proof") || !(*enroll)["proof"].is_string() ||
            !is_hex((*enroll)["proof"].get<std::string>(), 32) || !enroll->contains("label") ||
            !(*enroll)["label"].is_string() || (*enroll)["label"].get<std::string>().size() > max_label_bytes)
            not_a_change_file("'enroll' must be {\"proof\": 64 hex digits, \"label\": a name}",
                              "'enroll' phải là {\"proof\": 64 chữ số hex, \"label\": một tên}");
        file.enroll = EnrollClaim{(*enroll)["proof"].get<std::string>(), (*enroll)["label"].get<std::string>()};
    }
    if (auto links = j.find("links"); links != j.end()) file.links = links_from_json(*links);
    if (auto signature = j.find("signature"); signature != j.end()) {
        if (!signature->is_string() || !is_hex(signature->get<std::string>(), 64))
            not_a_change_file("'signature' must be 128 hex digits", "'signature' phải là 128 chữ số hex");
        file.signature = signature->get<std::string>();
        // The signature covers every byte before it; it is the file's last member.
        // Import checks it after the records, so that a record at fault is named first.
        if (text.size() >= signature_suffix_size &&
            text.substr(text.size() - signature_suffix_size, signature_member.size()) == signature_member)
            file.signed_text = std::string(text.substr(0, text.size() - signature_suffix_size));
    }
    return file;
}

namespace {
// Records of an importer may name records of its enrolled unit's subtree; an importer that never
// enrolled, or a file of the station its card named, the units it holds and the units the file brings.
WriterScope importer_scope(Store& store, const ChangeFile& file, bool from_station) {
    WriterScope scope;
    // The station's own file brings the units a pull would, which a device enrolled by card may not hold yet.
    if (auto enrolled = enrollment(store); enrolled && !enrolled->unit.empty() && !from_station) {
        for (auto& unit : unit_subtree(store, enrolled->unit)) scope.units.insert(std::move(unit));
        return scope;
    }
    for (auto& unit : unit_codes(store)) scope.units.insert(std::move(unit));
    for (const auto& record : file.records)
        if (record.type == "unit") scope.units.insert(record.unit);
    return scope;
}
}  // namespace

namespace {
[[noreturn]] void refuse_file(const std::string& en, const std::string& vi) {
    throw Error(ErrorCode::forbidden, "change file refused: " + en, "file").vi("tệp thay đổi bị từ chối: " + vi);
}

// The keys an importer checks a file against: its own, its registry, and the keys the file brings
// when the importer never enrolled (it has no registry: they are pinned at first sight) or when the
// file is signed by the station its card named (checked against the card's key before any is used).
KeyOf importer_keys(Store& store, const ChangeFile& file, bool take_file_keys) {
    return [&store, &file, take_file_keys](const std::string& site) -> std::optional<RegisteredKey> {
        if (site == store.site_id()) return RegisteredKey{site, own_public_key(store), "active"};
        if (auto key = registered_key(store, site)) return key;
        if (take_file_keys)
            for (const auto& key : file.keys)
                if (key.site == site && is_hex(key.public_key, 32)) return key;
        return std::nullopt;
    };
}

void check_signer(const ChangeFile& file, const KeyOf& key_of) {
    auto signer = key_of(file.site);
    if (!signer)
        refuse_file("it is signed by device " + file.site + ", which this device does not know (sync with the station, "
                    "then import again)",
                    "tệp được ký bởi thiết bị " + file.site + ", thiết bị này không biết (hãy đồng bộ với trạm rồi nhập lại)");
    if (signer->status != "active")
        refuse_file("it is signed by device " + file.site + ", which the station revoked",
                    "tệp được ký bởi thiết bị " + file.site + ", đã bị trạm thu hồi");
    if (file.signature.empty())
        refuse_file("it is not signed (a change file carries its writer's signature last)",
                    "tệp không có chữ ký (tệp thay đổi mang chữ ký của thiết bị ghi ở cuối)");
    if (file.read_from_text && file.signed_text.empty())
        refuse_file("its signature does not end the file as it was written (were bytes added after it?)",
                    "chữ ký không nằm ở cuối tệp như khi được ghi (có byte nào bị thêm sau nó không?)");
    // A file read from text is checked on its bytes; one made in memory (export_changes) on its encoding.
    std::string signed_text = file.read_from_text ? file.signed_text : unsigned_text(file);
    if (!signature_valid(signer->public_key, signed_text, file.signature))
        refuse_file("it is altered or not signed by device " + file.site,
                    "tệp đã bị sửa hoặc không được thiết bị " + file.site + " ký");
}
}  // namespace

ApplyResult import_changes(Store& store, const ChangeFile& file) {
    ApplyResult result;
    {
        bool enrolled = enrollment(store).has_value();
        bool from_station = file.site == card_station(store);
        bool take_file_keys = !enrolled || from_station;
        KeyOf key_of = importer_keys(store, file, take_file_keys);
        // What a record claims is checked first: a misshapen or out-of-scope record is named.
        check_received(store, file.records, receiver_of(store), importer_scope(store, file, from_station));
        check_signer(file, key_of);
        // Writes the file's signer relays without their links (served to it by the station) are
        // taken when their writer is a known, active device; its own writes must be in its chain,
        // unless it is the station the card named, whose signed file stands for a pull.
        CustodyCheck custody(store, key_of, [&](const std::string& site) {
            auto key = key_of(site);
            return (site != file.site || from_station) && key && key->status == "active";
        });
        Store::Scope scope(store);
        auto fresh = custody.accept_links(file.links);
        check_custody(store, file.records, custody);
        result = store.apply(file.records);
        append_custody_links(store, fresh, false);
        if (!fresh.empty()) erase_redacted_nonces(store, &fresh);
        for (const auto& key : file.keys) {
            if (key.site == store.site_id() || !is_hex(key.public_key, 32)) continue;
            // The station's registry replaces what the device held; a stranger's file only adds.
            if (from_station ? key.site != file.site : !enrolled && !registered_key(store, key.site)) register_key(store, key);
        }
        scope.commit();
    }
    if (result.redacted) scrub_redacted_values(store);
    return result;
}

}  // namespace langnghe
