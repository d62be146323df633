#include "langnghe/sync/change_file.h"

#include "langnghe/model/redaction.h"

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/codec/record_reader.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/records.h"
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
    return file;
}

std::string encode_change_file(const ChangeFile& file) {
    json header = {{"format", change_file_format}, {"version", change_file_version}, {"site", file.site},
                   {"since", file.since},          {"last_seq", file.last_seq},      {"created_at", file.created_at},
                   {"count", file.records.size()}};
    // One record per line: the file stays readable and diffable, and is built without a second
    // in-memory copy of every record as a JSON tree.
    std::string out = header.dump();
    out.pop_back();
    out += ",\"records\":[";
    for (std::size_t i = 0; i < file.records.size(); ++i) {
        out += i == 0 ? "\n" : ",\n";
        out += encode_record(file.records[i]);
    }
    out += "\n]}\n";
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
    return file;
}

namespace {
// Records of an importer may name records of its enrolled unit's subtree; an importer that never
// enrolled, the units it holds and the units the file brings.
WriterScope importer_scope(Store& store, const ChangeFile& file) {
    WriterScope scope;
    if (auto enrolled = enrollment(store); enrolled && !enrolled->unit.empty()) {
        for (auto& unit : unit_subtree(store, enrolled->unit)) scope.units.insert(std::move(unit));
        return scope;
    }
    for (auto& unit : unit_codes(store)) scope.units.insert(std::move(unit));
    for (const auto& record : file.records)
        if (record.type == "unit") scope.units.insert(record.unit);
    return scope;
}
}  // namespace

ApplyResult import_changes(Store& store, const ChangeFile& file) {
    ApplyResult result;
    {
        Store::Scope scope(store);
        check_received(store, file.records, receiver_of(store), importer_scope(store, file));
        result = store.apply(file.records);
        scope.commit();
    }
    if (result.redacted) scrub_redacted_values(store);
    return result;
}

}  // namespace langnghe
