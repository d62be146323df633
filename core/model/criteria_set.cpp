// Criteria sets: parsed from JSON or CSV, kept in the replica's meta as canonical JSON.
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "langnghe/base/csv.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/model/criteria.h"
#include "langnghe/model/record_schema.h"

namespace langnghe {

namespace {
using nlohmann::json;

constexpr std::string_view meta_prefix = "criteria_set:";
constexpr std::string_view meta_index = "criteria_sets";
constexpr std::size_t max_criteria = 500;

// `where` names the place in the file ("line 4", "criteria[3]") in English and Vietnamese.
struct Where {
    std::string en, vi;
};

[[noreturn]] void fail(const Where& where, const std::string& field, const std::string& en, const std::string& vi) {
    throw_invalid(field, where.en + ": " + field + ": " + en, where.vi + ": " + field + ": " + vi);
}

std::string checked_text(const Where& where, const std::string& field, const std::string& value, bool allow_empty,
                         std::size_t max_chars = max_short_text) {
    try {
        return clean_text(value, field, max_chars, allow_empty);
    } catch (const Error&) {
        std::string most = std::to_string(max_chars);
        fail(where, field, allow_empty ? "must be valid text of at most " + most + " characters"
                                       : "required, valid text of at most " + most + " characters",
             allow_empty ? "phải là văn bản hợp lệ, tối đa " + most + " ký tự" : "bắt buộc, văn bản hợp lệ tối đa " + most + " ký tự");
    }
}

std::string checked_code(const Where& where, const std::string& field, const std::string& value) {
    if (!is_unit_code(value) || value.find('@') != std::string::npos)
        fail(where, field, "'" + value + "' must be 1-32 letters, digits, '-', '_' or '.'",
             "'" + value + "' phải gồm 1–32 chữ cái, chữ số, '-', '_' hoặc '.'");
    return value;
}

void check_criteria(CriteriaSet& set, const std::vector<Where>& places) {
    if (set.criteria.empty())
        throw_invalid("criteria", "a criteria set needs at least one criterion", "bộ tiêu chí phải có ít nhất một tiêu chí");
    if (set.criteria.size() > max_criteria)
        throw_invalid("criteria", "a criteria set holds at most 500 criteria", "bộ tiêu chí có tối đa 500 tiêu chí");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < set.criteria.size(); ++i) {
        Criterion& c = set.criteria[i];
        const Where& w = places[i];
        c.code = checked_code(w, "code", c.code);
        c.group = checked_text(w, "group", c.group, false);
        c.title_vi = checked_text(w, "title_vi", c.title_vi, false);
        c.title_en = checked_text(w, "title_en", c.title_en, false);
        if (!seen.insert(c.code).second)
            fail(w, "code", "'" + c.code + "' appears twice", "'" + c.code + "' xuất hiện hai lần");
    }
}

void set_identity(CriteriaSet& set, const std::string& key) {
    auto at = key.find('@');
    Where whole{"set", "bộ tiêu chí"};
    if (at == std::string::npos)
        throw_invalid("set", "set: name the set as CODE@VERSION, e.g. example-model-ward@2026.1",
                      "set: ghi bộ tiêu chí dạng MÃ@PHIÊN_BẢN, ví dụ example-model-ward@2026.1");
    set.code = checked_code(whole, "set", key.substr(0, at));
    set.version = checked_code(whole, "version", key.substr(at + 1));
}

std::string field_of(const json& object, const char* key, const Where& where) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) fail(where, key, "must be text", "phải là văn bản");
    return it->get<std::string>();
}

CriteriaSet parse_json(std::string_view text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw_invalid("file", "the criteria file is neither a JSON object nor CSV with the header code,group,title_vi,title_en",
                      "tệp tiêu chí không phải đối tượng JSON hay CSV có dòng tiêu đề code,group,title_vi,title_en");
    Where top{"file", "tệp"};
    CriteriaSet set;
    set.code = checked_code(top, "code", field_of(j, "code", top));
    set.version = checked_code(top, "version", field_of(j, "version", top));
    set.title_vi = checked_text(top, "title_vi", field_of(j, "title_vi", top), false);
    set.title_en = checked_text(top, "title_en", field_of(j, "title_en", top), false);
    set.note = checked_text(top, "note", field_of(j, "note", top), true, max_long_text);
    if (auto e = j.find("example"); e != j.end()) {
        if (!e->is_boolean()) fail(top, "example", "must be true or false", "phải là true hoặc false");
        set.example = e->get<bool>();
    }
    const json& list = j["criteria"];
    if (!list.is_array()) fail(top, "criteria", "must be a list of criteria", "phải là danh sách tiêu chí");
    std::vector<Where> places;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        Where w{"criteria[" + std::to_string(i + 1) + "]", "tiêu chí thứ " + std::to_string(i + 1)};
        if (!item.is_object()) fail(w, "criterion", "must be an object", "phải là một đối tượng");
        set.criteria.push_back({field_of(item, "code", w), field_of(item, "group", w), field_of(item, "title_vi", w),
                                field_of(item, "title_en", w)});
        places.push_back(w);
    }
    check_criteria(set, places);
    return set;
}

CriteriaSet parse_csv_set(std::string_view text, const std::optional<std::string>& csv_set) {
    auto table = parse_csv(text);
    if (table.empty() || table[0].empty())
        throw_invalid("file", "the criteria file is empty", "tệp tiêu chí trống");
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < table[0].size(); ++i) column.emplace(table[0][i], i);
    for (const char* name : {"code", "group", "title_vi", "title_en"})
        if (!column.contains(name))
            throw_invalid("file", "line 1: the CSV header needs the columns code,group,title_vi,title_en (missing " +
                                      std::string(name) + ")",
                          "dòng 1: dòng tiêu đề CSV cần các cột code,group,title_vi,title_en (thiếu " + std::string(name) + ")");
    if (!csv_set)
        throw_invalid("set", "set: a CSV file does not name its set; give --set CODE@VERSION",
                      "set: tệp CSV không ghi tên bộ tiêu chí; hãy thêm --set MÃ@PHIÊN_BẢN");
    CriteriaSet set;
    set_identity(set, *csv_set);
    set.title_vi = set.title_en = set.code;
    std::vector<Where> places;
    for (std::size_t i = 1; i < table.size(); ++i) {
        const auto& row = table[i];
        if (row.size() == 1 && row[0].empty()) continue;
        Where w{"line " + std::to_string(i + 1), "dòng " + std::to_string(i + 1)};
        auto cell = [&](const char* name) {
            std::size_t at = column[name];
            if (at >= row.size()) fail(w, name, "missing", "bị thiếu");
            return row[at];
        };
        set.criteria.push_back({cell("code"), cell("group"), cell("title_vi"), cell("title_en")});
        places.push_back(w);
    }
    check_criteria(set, places);
    return set;
}

json to_json(const CriteriaSet& set) {
    json criteria = json::array();
    for (const auto& c : set.criteria)
        criteria.push_back({{"code", c.code}, {"group", c.group}, {"title_vi", c.title_vi}, {"title_en", c.title_en}});
    return {{"code", set.code},         {"version", set.version}, {"title_vi", set.title_vi}, {"title_en", set.title_en},
            {"example", set.example},   {"note", set.note},       {"criteria", criteria}};
}

std::vector<std::string> stored_keys(Store& store) {
    std::vector<std::string> keys;
    if (auto index = store.meta(std::string(meta_index))) {
        json list = json::parse(*index, nullptr, false);
        if (list.is_array())
            for (const auto& k : list)
                if (k.is_string()) keys.push_back(k.get<std::string>());
    }
    return keys;
}
}  // namespace

const Criterion* CriteriaSet::find(std::string_view criterion_code) const {
    for (const auto& c : criteria)
        if (c.code == criterion_code) return &c;
    return nullptr;
}

CriteriaSet parse_criteria_set(std::string_view text, const std::optional<std::string>& csv_set) {
    if (!is_valid_utf8(text)) throw_invalid("file", "the criteria file is not valid UTF-8", "tệp tiêu chí không phải UTF-8 hợp lệ");
    if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
    auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') return parse_json(text);
    return parse_csv_set(text, csv_set);
}

CriteriaImportResult import_criteria_set(Store& store, std::string_view text, const std::optional<std::string>& csv_set) {
    CriteriaSet set = parse_criteria_set(text, csv_set);
    std::string stored = to_json(set).dump();
    std::string key = std::string(meta_prefix) + set.key();
    Store::Scope scope(store);
    if (auto existing = store.meta(key)) {
        if (*existing == stored) return {set, false};
        throw Error(ErrorCode::already_exists,
                    "criteria set " + set.key() + " is already imported with other content; a version never changes, "
                    "import the new list as a new version",
                    "version")
            .vi("bộ tiêu chí " + set.key() + " đã được nhập với nội dung khác; một phiên bản không bao giờ thay đổi, "
                "hãy nhập danh sách mới thành phiên bản mới");
    }
    store.set_meta(key, stored);
    std::vector<std::string> keys = stored_keys(store);
    keys.push_back(set.key());
    std::sort(keys.begin(), keys.end());
    store.set_meta(std::string(meta_index), json(keys).dump());
    scope.commit();
    return {set, true};
}

std::vector<CriteriaSet> list_criteria_sets(Store& store) {
    std::vector<CriteriaSet> out;
    for (const auto& key : stored_keys(store))
        if (auto text = store.meta(std::string(meta_prefix) + key)) out.push_back(parse_json(*text));
    return out;
}

CriteriaSet find_criteria_set(Store& store, const std::optional<std::string>& name) {
    std::vector<CriteriaSet> sets = list_criteria_sets(store);
    if (sets.empty())
        throw Error(ErrorCode::not_found, "no criteria set is imported on this device (langnghe criteria import FILE)", "set")
            .vi("thiết bị chưa nhập bộ tiêu chí nào (langnghe criteria import TỆP)");
    std::vector<CriteriaSet> matches;
    for (auto& s : sets)
        if (!name || s.key() == *name || s.code == *name) matches.push_back(s);
    if (matches.size() == 1) return matches.front();
    std::string known;
    for (const auto& s : sets) known += (known.empty() ? "" : ", ") + s.key();
    if (matches.empty())
        throw Error(ErrorCode::not_found, "set: no criteria set " + *name + " (imported: " + known + ")", "set")
            .vi("set: không có bộ tiêu chí " + *name + " (đã nhập: " + known + ")");
    throw_invalid("set", "set: more than one criteria set matches; name one with --set (" + known + ")",
                  "set: có nhiều bộ tiêu chí phù hợp; hãy chọn một bằng --set (" + known + ")");
}

}  // namespace langnghe
