#include "langnghe/codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

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
void append_head(std::string& out, const Head& h) {
    out += '[';
    out += std::to_string(h.dot.stamp);
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
        out += std::to_string(stamp);
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
    } catch (const json::parse_error& e) {
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
    std::string out;
    out.reserve(1024);
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

std::string winning_document(const RecordState& record) {
    // Key → JSON text of its value; a std::map orders keys as nlohmann::json objects do.
    std::map<std::string, std::string, std::less<>> doc;
    std::map<std::string, std::vector<std::string_view>, std::less<>> sets;
    for (const auto& [name, field] : record.fields) {
        auto precedence = Store::precedence_for(record.type, name);
        const std::string& value = winner(field, precedence).value;
        auto slash = name.find('/');
        if (slash != std::string::npos) {
            auto& members = sets[name.substr(0, slash)];
            if (value == "true") members.push_back(std::string_view(name).substr(slash + 1));
        } else if (precedence && value.size() > 1 && value.front() == '[') {
            json lattice = json::parse(value);  // [round, "status"]: small, and only status fields
            if (lattice.size() != 2) {
                doc[name] = value;
                continue;
            }
            doc[name] = lattice[1].dump();
            if (lattice[0].is_number_integer() && lattice[0].get<std::int64_t>() > 0)
                doc[name + "_round"] = lattice[0].dump();
        } else {
            doc[name] = value;
        }
    }
    for (const auto& [name, members] : sets) {
        std::string array = "[";
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i > 0) array += ',';
            append_json_string(array, members[i]);
        }
        doc[name] = array + "]";
    }
    std::string out = "{";
    for (const auto& [key, value] : doc) {
        if (out.size() > 1) out += ',';
        append_json_string(out, key);
        out += ':';
        out += value;
    }
    out += '}';
    return out;
}

}  // namespace langnghe
