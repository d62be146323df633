#include "langnghe/codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <deque>

#include "langnghe/error.h"
#include "langnghe/store.h"
#include "langnghe/text.h"

namespace langnghe {

using nlohmann::json;

namespace {
bool is_simple(const FieldState& f) {
    return f.heads.size() == 1 && f.context.size() == 1 && f.context.begin()->first == f.heads[0].dot.site &&
           f.context.begin()->second == f.heads[0].dot.stamp;
}

// Writing is the hot path of every insert, apply and sync, so records are encoded by appending text
// rather than through a json DOM: a head's value is JSON text already (written by json_string & co.
// or re-dumped by parse_head) and is copied as is. Keys come out in the order nlohmann::json's
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

[[noreturn]] void malformed(const std::string& id, const std::string& what) {
    throw Error(ErrorCode::invalid_input, "change for record '" + id + "' is malformed: " + what, "changes",
                id.empty() ? std::vector<std::string>{} : std::vector<std::string>{id});
}

bool valid_site(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) return false;
    return true;
}

Head parse_head(const std::string& id, const json& j) {
    if (!j.is_array() || j.size() != 3 || !j[0].is_number_unsigned() || !j[1].is_string())
        malformed(id, "a value must be [stamp, site, value]");
    Head h{Dot{j[0].get<Stamp>(), j[1].get<std::string>()}, j[2].dump()};
    if (!valid_site(h.dot.site)) malformed(id, "site id '" + h.dot.site + "' is not valid");
    if (h.dot.stamp == 0) malformed(id, "stamp must be positive");
    return h;
}

FieldState parse_field(const std::string& id, const std::string& name, const json& j) {
    FieldState f;
    if (j.is_array()) {
        f.heads.push_back(parse_head(id, j));
        f.context[f.heads[0].dot.site] = f.heads[0].dot.stamp;
        return f;
    }
    if (!j.is_object() || !j.contains("h") || !j.contains("c") || j.size() != 2 || !j["h"].is_array() ||
        !j["c"].is_object() || j["h"].empty())
        malformed(id, "field '" + name + "' must be [stamp, site, value] or {\"h\": [...], \"c\": {...}}");
    for (const auto& [site, stamp] : j["c"].items()) {
        if (!stamp.is_number_unsigned() || !valid_site(site)) malformed(id, "field '" + name + "' has a bad context");
        f.context[site] = stamp.get<Stamp>();
    }
    for (const auto& hj : j["h"]) f.heads.push_back(parse_head(id, hj));
    std::sort(f.heads.begin(), f.heads.end(), [](const Head& a, const Head& b) { return a.dot < b.dot; });
    for (std::size_t i = 0; i < f.heads.size(); ++i) {
        if (i > 0 && f.heads[i].dot == f.heads[i - 1].dot) malformed(id, "field '" + name + "' repeats a value");
        auto it = f.context.find(f.heads[i].dot.site);
        if (it == f.context.end() || it->second < f.heads[i].dot.stamp)
            malformed(id, "field '" + name + "' has a value its context does not cover");
    }
    return f;
}

RecordState parse_record(const json& j) {
    if (!j.is_object()) malformed("", "a record must be a JSON object");
    for (const auto& [key, value] : j.items())
        if (key != "id" && key != "type" && key != "unit" && key != "f") malformed("", "unknown key '" + key + "'");
    if (!j.contains("id") || !j["id"].is_string()) malformed("", "missing string 'id'");
    RecordState r;
    r.id = j["id"].get<std::string>();
    if (r.id.empty() || r.id.size() > 80) malformed(r.id, "id must be 1 to 80 characters");
    if (!j.contains("type") || !j["type"].is_string()) malformed(r.id, "missing string 'type'");
    if (!j.contains("unit") || !j["unit"].is_string()) malformed(r.id, "missing string 'unit'");
    if (!j.contains("f") || !j["f"].is_object()) malformed(r.id, "missing object 'f'");
    r.type = j["type"].get<std::string>();
    r.unit = j["unit"].get<std::string>();
    for (const auto& [name, field] : j["f"].items()) {
        if (name.empty() || name.size() > 120) malformed(r.id, "field name must be 1 to 120 characters");
        r.fields.emplace(name, parse_field(r.id, name, field));
    }
    return r;
}

json parse_text(std::string_view text, const char* what) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number past double
        throw Error(ErrorCode::invalid_input, std::string(what) + " is not valid JSON: " + e.what(), "changes");
    }
}
}  // namespace

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

RecordState decode_record(std::string_view json_text) {
    return parse_record(parse_text(json_text, "record"));
}

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
    json j = parse_text(json_array_text, "change list");
    if (!j.is_array()) throw Error(ErrorCode::invalid_input, "change list must be a JSON array", "changes");
    std::vector<RecordState> out;
    out.reserve(j.size());
    for (const auto& r : j) out.push_back(parse_record(r));
    return out;
}

namespace {
// Splits our own lattice value text `[round,"status"]` without parsing it; false when it has another
// shape, and the caller parses it properly.
bool split_lattice(std::string_view value, std::string_view& round, std::string_view& status) {
    auto comma = value.find(',');
    if (value.size() < 5 || value.front() != '[' || value.back() != ']' || comma == std::string_view::npos)
        return false;
    round = value.substr(1, comma - 1);
    status = value.substr(comma + 1, value.size() - comma - 2);
    bool digits = !round.empty() && (round.size() == 1 || round[0] != '0') &&
                  std::all_of(round.begin(), round.end(), [](char c) { return c >= '0' && c <= '9'; });
    return digits && status.size() >= 2 && status.front() == '"' && status.back() == '"' &&
           status.find('"', 1) == status.size() - 1 && status.find('\\') == std::string_view::npos;
}
}  // namespace

std::string winning_document(const RecordState& record) {
    // (key, JSON text of its value), sorted at the end as nlohmann::json orders object keys. Views
    // point into `record` or into `owned`, a deque, whose elements never move.
    std::vector<std::pair<std::string_view, std::string_view>> entries;
    std::vector<std::pair<std::size_t, std::string*>> set_arrays;  // entry index, array text
    std::deque<std::string> owned;
    entries.reserve(record.fields.size() + 2);
    for (const auto& [name, field] : record.fields) {
        auto precedence = Store::precedence_for(record.type, name);
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
        std::string_view round, status;
        if (!precedence || value.empty() || value.front() != '[') {
            entries.emplace_back(name, value);
        } else if (split_lattice(value, round, status)) {
            entries.emplace_back(name, status);
            if (round != "0") entries.emplace_back(owned.emplace_back(name + "_round"), round);
        } else {
            json lattice = json::parse(value);
            if (!lattice.is_array() || lattice.size() != 2) {
                entries.emplace_back(name, value);
                continue;
            }
            entries.emplace_back(name, owned.emplace_back(lattice[1].dump()));
            if (lattice[0].is_number_integer() && lattice[0].get<std::int64_t>() > 0)
                entries.emplace_back(owned.emplace_back(name + "_round"), owned.emplace_back(lattice[0].dump()));
        }
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
