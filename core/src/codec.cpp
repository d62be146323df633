#include "langnghe/codec.h"

#include <nlohmann/json.hpp>

#include "langnghe/error.h"
#include "langnghe/store.h"

namespace langnghe {

using nlohmann::json;

namespace {
json head_json(const Head& h) { return json::array({h.dot.stamp, h.dot.site, json::parse(h.value)}); }

bool is_simple(const FieldState& f) {
    return f.heads.size() == 1 && f.context.size() == 1 && f.context.begin()->first == f.heads[0].dot.site &&
           f.context.begin()->second == f.heads[0].dot.stamp;
}

json field_json(const FieldState& f) {
    if (is_simple(f)) return head_json(f.heads[0]);
    json heads = json::array();
    for (const auto& h : f.heads) heads.push_back(head_json(h));
    json ctx = json::object();
    for (const auto& [site, stamp] : f.context) ctx[site] = stamp;
    return json{{"h", std::move(heads)}, {"c", std::move(ctx)}};
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

json record_json(const RecordState& record) {
    json fields = json::object();
    for (const auto& [name, field] : record.fields) fields[name] = field_json(field);
    return json{{"id", record.id}, {"type", record.type}, {"unit", record.unit}, {"f", std::move(fields)}};
}

json parse_text(std::string_view text, const char* what) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throw Error(ErrorCode::invalid_input, std::string(what) + " is not valid JSON: " + e.what(), "changes");
    }
}
}  // namespace

std::string encode_record(const RecordState& record) { return record_json(record).dump(); }

RecordState decode_record(std::string_view json_text) { return parse_record(parse_text(json_text, "record")); }

std::string encode_records(const std::vector<RecordState>& records) {
    json out = json::array();
    for (const auto& r : records) out.push_back(record_json(r));
    return out.dump();
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
    json doc = json::object();
    for (const auto& [name, field] : record.fields) {
        auto precedence = Store::precedence_for(record.type, name);
        json value = json::parse(winner(field, precedence).value);
        auto slash = name.find('/');
        if (slash != std::string::npos) {
            auto& set = doc[name.substr(0, slash)];
            if (set.is_null()) set = json::array();
            if (value == true) set.push_back(name.substr(slash + 1));
        } else if (precedence && value.is_array() && value.size() == 2) {
            doc[name] = value[1];
            if (value[0].get<int>() > 0) doc[name + "_round"] = value[0];
        } else {
            doc[name] = std::move(value);
        }
    }
    return doc.dump();
}

}  // namespace langnghe
