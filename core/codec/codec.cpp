#include "langnghe/codec/codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <deque>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/record_reader.h"
#include "langnghe/merge/lattice.h"

namespace langnghe {

using nlohmann::json;

namespace {
bool is_simple(const FieldState& f) {
    return f.heads.size() == 1 && f.context.size() == 1 && f.context.begin()->first == f.heads[0].dot.site &&
           f.context.begin()->second == f.heads[0].dot.stamp;
}

// Writing is the hot path of every insert, apply and sync, so records are encoded by appending text
// rather than through a json DOM: a head's value is JSON text already (written by json_string & co.
// or by record_reader.cpp) and is copied as is. Keys come out in the order nlohmann::json's
// std::map objects use, so the bytes are what json::dump() gives (tests/write_path_test.cpp).
void append_number(std::string& out, Stamp n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, static_cast<std::size_t>(end - digits));
}

void append_head(std::string& out, const Head& h) {
    out += '[';
    append_number(out, h.dot.stamp);
    out += ',';
    append_json_string(out, h.dot.site);
    out += ',';
    out += h.value;
    out += ']';
}

void append_field(std::string& out, const FieldState& f) {
    if (is_simple(f)) {
        append_head(out, f.heads[0]);
        return;
    }
    out += "{\"c\":{";
    bool first = true;
    for (const auto& [site, stamp] : f.context) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, site);
        out += ':';
        append_number(out, stamp);
    }
    out += "},\"h\":[";
    for (std::size_t i = 0; i < f.heads.size(); ++i) {
        if (i > 0) out += ',';
        append_head(out, f.heads[i]);
    }
    out += "]}";
}

void append_record(std::string& out, const RecordState& record) {
    out += "{\"f\":{";
    bool first = true;
    for (const auto& [name, field] : record.fields) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ':';
        append_field(out, field);
    }
    out += "},\"id\":";
    append_json_string(out, record.id);
    out += ",\"type\":";
    append_json_string(out, record.type);
    out += ",\"unit\":";
    append_json_string(out, record.unit);
    out += '}';
}

}  // namespace

std::string json_string_content(std::string_view value) {
    if (value.size() >= 2 && value.find('\\') == std::string_view::npos) return std::string(value.substr(1, value.size() - 2));
    return nlohmann::json::parse(value).get<std::string>();
}

void append_json_string(std::string& out, std::string_view s) {
    // Nothing to escape and valid UTF-8 (which json::dump() copies as is): append it quoted.
    bool ascii = true, plain = true;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || c == '"' || c == '\\') {
            plain = false;
            break;
        }
        ascii = ascii && u < 0x80;
    }
    if (!plain || (!ascii && !is_valid_utf8(s))) {
        out += json(std::string(s)).dump();
        return;
    }
    out += '"';
    out += s;
    out += '"';
}

std::string encode_record(const RecordState& record) {
    std::size_t estimate = 64 + record.id.size() + record.unit.size();
    for (const auto& [name, field] : record.fields) {
        estimate += name.size() + 8 + field.context.size() * 32;
        for (const auto& h : field.heads) estimate += h.value.size() + 48;
    }
    std::string out;
    out.reserve(estimate);
    append_record(out, record);
    return out;
}

RecordState decode_record(std::string_view json_text) { return read_record(json_text, "record"); }

std::string encode_records(const std::vector<RecordState>& records) {
    std::string out = "[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i > 0) out += ',';
        append_record(out, records[i]);
    }
    out += ']';
    return out;
}

std::vector<RecordState> decode_records(std::string_view json_array_text) {
    return read_records(json_array_text, "change list");
}

bool is_site_id(std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
    });
}

std::string winning_document(const RecordState& record) {
    // (key, JSON text of its value), sorted at the end as nlohmann::json orders object keys. Views
    // point into `record` or into `owned`, a deque, whose elements never move.
    std::vector<std::pair<std::string_view, std::string_view>> entries;
    std::vector<std::pair<std::size_t, std::string*>> set_arrays;  // entry index, array text
    std::deque<std::string> owned;
    entries.reserve(record.fields.size() + 2);
    for (const auto& [name, field] : record.fields) {
        auto precedence = precedence_for(record.type, name);
        const std::string& value = winner(field, precedence).value;
        auto slash = name.find('/');
        if (slash != std::string::npos) {
            // Elements of one set are adjacent: field names are sorted and share the "name/" prefix.
            auto set_name = std::string_view(name).substr(0, slash);
            if (set_arrays.empty() || entries[set_arrays.back().first].first != set_name) {
                set_arrays.emplace_back(entries.size(), &owned.emplace_back("["));
                entries.emplace_back(set_name, std::string_view());
            }
            std::string& array = *set_arrays.back().second;
            if (value == "true") {
                if (array.size() > 1) array += ',';
                append_json_string(array, std::string_view(name).substr(slash + 1));
            }
            continue;
        }
        std::optional<LatticeStatus> lattice;
        if (precedence) lattice = parse_lattice_status(value);
        if (!lattice) {
            entries.emplace_back(name, value);
            continue;
        }
        std::string& status = owned.emplace_back();
        append_json_string(status, lattice->status);
        entries.emplace_back(name, status);
        if (lattice->round > 0)
            entries.emplace_back(owned.emplace_back(name + "_round"), owned.emplace_back(std::to_string(lattice->round)));
    }
    for (auto& [index, array] : set_arrays) {
        *array += ']';
        entries[index].second = *array;
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out = "{";
    std::string_view previous;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& [key, value] = entries[i];
        if (i > 0 && key == previous) continue;  // a set and a field of the same name: the first wins
        previous = key;
        if (out.size() > 1) out += ',';
        append_json_string(out, key);
        out += ':';
        out += value;
    }
    out += '}';
    return out;
}

}  // namespace langnghe
