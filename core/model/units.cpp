#include "langnghe/model/units.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "langnghe/base/csv.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/model/vocab.h"
#include "langnghe/storage/queries.h"

namespace langnghe {

using nlohmann::json;

namespace {
struct UnitRow {
    std::string code, name, kind, parent, name_en;
    std::string where;  // "line 4" or "item 12", for error messages
};

bool starts_with_word(const std::string& s, std::string_view prefix) {
    return s.size() >= prefix.size() && std::string_view(s).substr(0, prefix.size()) == prefix;
}

std::string kind_from_full_name(const std::string& full, bool top_level) {
    std::string lower = to_nfc(full);
    if (top_level) return starts_with_word(lower, "Thành phố") ? "city" : "province";
    for (auto [prefix, kind] : {std::pair{"Phường", "ward"}, {"Xã", "commune"}, {"xã", "commune"}, {"Thị trấn", "town"},
                                {"Đặc khu", "special_zone"}, {"Quận", "district"}, {"Huyện", "district"},
                                {"Thị xã", "district"}, {"Thành phố", "district"}})
        if (starts_with_word(lower, prefix)) return kind;
    return "commune";
}

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void read_admin_json(const json& provinces, std::vector<UnitRow>& rows) {
    std::size_t index = 0;
    for (const auto& p : provinces) {
        ++index;
        std::string code = str(p, "Code");
        std::string full = str(p, "FullName");
        rows.push_back({code, full.empty() ? str(p, "Name") : full, kind_from_full_name(full, true), "",
                        str(p, "FullNameEn"), "province " + std::to_string(index)});
        auto add_wards = [&](const json& wards, const std::string& parent) {
            for (const auto& w : wards) {
                std::string wfull = str(w, "FullName");
                rows.push_back({str(w, "Code"), wfull.empty() ? str(w, "Name") : wfull, kind_from_full_name(wfull, false),
                                parent, str(w, "FullNameEn"), "unit " + str(w, "Code")});
            }
        };
        if (p.contains("Wards")) add_wards(p["Wards"], code);
        if (p.contains("District"))
            for (const auto& d : p["District"]) {
                std::string dfull = str(d, "FullName");
                rows.push_back({str(d, "Code"), dfull, "district", code, str(d, "FullNameEn"), "unit " + str(d, "Code")});
                if (d.contains("Ward")) add_wards(d["Ward"], str(d, "Code"));
            }
    }
}

std::vector<UnitRow> parse_rows(std::string_view text) {
    std::vector<UnitRow> rows;
    auto start = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start != std::string_view::npos && text[start] == '[') {
        json j;
        try {
            j = json::parse(text);
        } catch (const json::exception& e) {  // parse_error, or out_of_range for a number past double
            throw_invalid("file", std::string("unit file is not valid JSON: ") + e.what());
        }
        if (!j.empty() && j[0].is_object() && j[0].contains("Code")) {
            read_admin_json(j, rows);
            return rows;
        }
        std::size_t index = 0;
        for (const auto& u : j) {
            ++index;
            if (!u.is_object()) throw_invalid("file", "item " + std::to_string(index) + ": must be an object");
            rows.push_back({str(u, "code"), str(u, "name"), str(u, "kind"), str(u, "parent_code"), str(u, "name_en"),
                            "item " + std::to_string(index)});
        }
        return rows;
    }
    auto table = parse_csv(text);
    if (table.empty()) throw_invalid("file", "unit file is empty");
    const auto& header = table[0];
    if (header.size() < 4 || header[0] != "code" || header[1] != "name" || header[2] != "kind" || header[3] != "parent_code")
        throw_invalid("file", "unit CSV must start with the header code,name,kind,parent_code");
    for (std::size_t i = 1; i < table.size(); ++i) {
        const auto& r = table[i];
        if (r.size() == 1 && r[0].empty()) continue;
        if (r.size() < 4)
            throw_invalid("file", "line " + std::to_string(i + 1) + ": expected at least 4 columns, found " +
                                      std::to_string(r.size()));
        rows.push_back({r[0], r[1], r[2], r[3], r.size() > 4 ? r[4] : "", "line " + std::to_string(i + 1)});
    }
    return rows;
}

bool valid_code(const std::string& code) { return is_unit_code(code); }

// Folded kind words that may start a unit's full name, longest first so "thi xa" wins over "thi".
constexpr std::string_view folded_kind_words[] = {"thanh pho ", "thi tran ", "thi xa ", "dac khu ", "phuong ",
                                                  "huyen ", "quan ", "tinh ", "xa "};

std::string_view without_kind_word(std::string_view folded) {
    for (auto word : folded_kind_words)
        if (folded.size() > word.size() && folded.substr(0, word.size()) == word) return folded.substr(word.size());
    return folded;
}

Unit unit_from_doc(const std::string& doc_text) {
    json d = json::parse(doc_text);
    return {d.value("code", ""), d.value("name", ""), d.value("name_en", ""), d.value("kind", ""),
            d.value("parent", ""), d.value("deleted", false)};
}
// The units of the file that would get another name or parent while records say they belong to
// them: the import stops and names each, since codes of two releases of the unit list collide.
void refuse_renames_of_held_units(Store& store, const std::vector<UnitRow>& rows) {
    std::map<std::string, std::int64_t> held = count_records_by_unit(store);
    std::vector<std::string> renames;
    for (const auto& r : rows) {
        auto count = held.find(r.code);
        if (count == held.end()) continue;
        auto existing = find_unit(store, r.code);
        if (!existing || (existing->name == r.name && existing->parent == r.parent)) continue;
        renames.push_back(r.code + ": " + existing->name + (existing->name == r.name ? "" : " → " + r.name) +
                          (existing->parent == r.parent ? "" : " (parent " + existing->parent + " → " + r.parent + ")") +
                          ", " + std::to_string(count->second) + " records");
    }
    if (renames.empty()) return;
    std::string n = std::to_string(renames.size());
    throw Error(ErrorCode::invalid_state,
                "the import would rename or move " + n + " units that hold records (first: " + renames.front() +
                    "); import this list under its own namespace (--namespace), or pass --rename if these units "
                    "really were renamed",
                "rename", renames)
        .vi("việc nhập sẽ đổi tên hoặc đổi cấp trên của " + n + " đơn vị đang có hồ sơ (đầu tiên: " + renames.front() +
            "); hãy nhập danh sách này vào không gian mã riêng (--namespace), hoặc dùng --rename nếu các đơn vị "
            "này thực sự đã đổi tên");
}

}  // namespace

UnitImportResult import_units(Store& store, const Actor&, std::string_view file_text, const UnitImportOptions& options) {
    if (!is_valid_utf8(file_text)) throw_invalid("file", "unit file is not valid UTF-8");
    std::vector<UnitRow> rows = parse_rows(file_text);
    if (!options.code_namespace.empty()) {
        if (!valid_code(options.code_namespace + ".x"))
            throw_invalid("namespace", "namespace '" + options.code_namespace + "' must be letters, digits, '-', '_' or '.'");
        for (auto& r : rows) {
            r.code = options.code_namespace + "." + r.code;
            if (!r.parent.empty()) r.parent = options.code_namespace + "." + r.parent;
        }
    }
    std::map<std::string, const UnitRow*> by_code;
    for (auto& r : rows) {
        auto fail = [&](const std::string& what) { throw_invalid("file", r.where + ": " + what); };
        if (!valid_code(r.code)) fail("code '" + r.code + "' must be 1-32 letters, digits, '-', '_' or '.'");
        r.name = clean_text(r.name, "name", max_short_text);
        r.name_en = clean_text(r.name_en, "name_en", max_short_text, true);
        if (!find_label(unit_kinds(), r.kind)) require_code(unit_kinds(), r.kind, r.where + ": kind");
        if (!by_code.emplace(r.code, &r).second) fail("code '" + r.code + "' appears twice");
    }
    for (const auto& r : rows) {
        if (r.parent.empty()) continue;
        if (r.parent == r.code) throw_invalid("file", r.where + ": unit " + r.code + " cannot be its own parent");
        if (!by_code.count(r.parent) && !find_unit(store, r.parent))
            throw_invalid("file", r.where + ": parent_code '" + r.parent + "' is neither in the file nor imported");
    }
    for (const auto& r : rows) {  // a parent chain that returns to where it started never reaches a root
        std::set<std::string> seen{r.code};
        for (auto p = r.parent; !p.empty();) {
            if (!seen.insert(p).second) throw_invalid("file", r.where + ": parent chain of " + r.code + " is a cycle");
            auto it = by_code.find(p);
            if (it != by_code.end()) p = it->second->parent;
            else if (auto stored = find_unit(store, p)) p = stored->parent;
            else break;
        }
    }

    if (!options.allow_renames) refuse_renames_of_held_units(store, rows);

    UnitImportResult result;
    Store::Scope scope(store);
    Dot dot = store.next_dot();
    for (const auto& r : rows) {
        std::vector<std::pair<std::string, std::string>> values{{"code", json_string(r.code)},
                                                                {"name", json_string(r.name)},
                                                                {"name_en", json_string(r.name_en)},
                                                                {"kind", json_string(r.kind)},
                                                                {"parent", json_string(r.parent)}};
        auto existing = find_unit(store, r.code);
        if (existing && existing->name == r.name && existing->name_en == r.name_en && existing->kind == r.kind &&
            existing->parent == r.parent && !existing->deleted) {
            ++result.unchanged;
            continue;
        }
        if (!existing) values.emplace_back("deleted", json_bool(false));
        else if (existing->deleted) values.emplace_back("deleted", json_bool(false));
        store.write("un-" + r.code, "unit", r.code, values, dot);
        ++(existing ? result.updated : result.added);
    }
    scope.commit();
    return result;
}

std::optional<Unit> find_unit(Store& store, const std::string& code) {
    auto r = find_record(store, "un-" + code);
    if (!r || r->type != "unit") return std::nullopt;
    return unit_from_doc(r->doc);
}

std::vector<Unit> list_units(Store& store, const std::optional<std::string>& root) {
    std::vector<Unit> out;
    if (root) {
        if (!find_unit(store, *root)) throw Error(ErrorCode::not_found, "no unit with code " + *root, "unit");
        for (const auto& code : unit_subtree(store, *root))
            if (auto u = find_unit(store, code)) out.push_back(*u);
        return out;
    }
    RecordFilter units;
    units.type = "unit";
    for (const auto& row : find_records(store, units)) out.push_back(unit_from_doc(row.doc));
    return out;
}

namespace {
// What find_units_by_name matches: the folded name, with or without its kind word. A query without
// a kind word ("Khánh Hòa") matches any kind; one with it ("Xã Tân Hòa") only that kind.
class NameMatch {
public:
    explicit NameMatch(std::string_view name)
        : m_query(fold_for_search(to_nfc(name, "name"))), m_bare(without_kind_word(m_query) == m_query) {}
    bool empty() const { return m_query.empty(); }
    bool operator()(const Unit& unit) const {
        std::string folded = fold_for_search(unit.name);
        return folded == m_query || (m_bare && without_kind_word(folded) == m_query);
    }

private:
    std::string m_query;
    bool m_bare;
};
}  // namespace

std::vector<Unit> find_units_by_name(Store& store, std::string_view name) {
    NameMatch named(name);
    std::vector<Unit> out;
    if (named.empty()) return out;
    RecordFilter live_units;
    live_units.type = "unit";
    live_units.not_true = {"$.deleted"};
    for (const auto& row : find_records(store, live_units)) {
        Unit unit = unit_from_doc(row.doc);
        if (named(unit)) out.push_back(std::move(unit));
    }
    return out;
}

std::vector<Unit> search_units(Store& store, std::string_view query) {
    std::string folded_query = fold_for_search(to_nfc(query, "name"));
    std::vector<std::string> words;
    for (std::size_t at = 0; at < folded_query.size();) {
        std::size_t end = folded_query.find(' ', at);
        if (end == std::string::npos) end = folded_query.size();
        if (end > at) words.push_back(folded_query.substr(at, end - at));
        at = end + 1;
    }
    std::vector<Unit> out;
    if (words.empty()) return out;
    RecordFilter live_units;
    live_units.type = "unit";
    live_units.not_true = {"$.deleted"};
    for (const auto& row : find_records(store, live_units)) {
        Unit unit = unit_from_doc(row.doc);
        std::string names = fold_for_search(unit.name) + " " + fold_for_search(unit.name_en);
        bool all_words = std::all_of(words.begin(), words.end(),
                                     [&](const std::string& w) { return names.find(w) != std::string::npos; });
        if (all_words || fold_for_search(unit.code) == folded_query) out.push_back(std::move(unit));
    }
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    return out;
}

std::vector<Unit> find_residential_groups(Store& store, std::string_view name,
                                          const std::optional<std::string>& under) {
    NameMatch named(name);
    std::vector<Unit> candidates;
    if (under) {
        // A ward's subtree is its few dozen groups: cheaper than reading every unit of the country.
        for (auto& g : live_units_under(store, *under, "residential_group"))
            candidates.push_back({std::move(g.code), std::move(g.name), std::move(g.name_en), "residential_group",
                                  std::move(g.parent), false});
    } else {
        candidates = find_units_by_name(store, name);
        if (auto by_code = find_unit(store, std::string(name))) candidates.push_back(std::move(*by_code));
    }
    std::vector<Unit> out;
    for (auto& unit : candidates)
        if (!unit.deleted && unit.kind == "residential_group" && (unit.code == name || named(unit)))
            out.push_back(std::move(unit));
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    out.erase(std::unique(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.code == b.code; }), out.end());
    return out;
}

std::vector<Unit> unit_path(Store& store, const std::string& code) {
    std::vector<Unit> chain;
    std::set<std::string> seen;
    for (auto u = find_unit(store, code); u && seen.insert(u->code).second; u = find_unit(store, u->parent)) {
        chain.insert(chain.begin(), *u);
        if (u->parent.empty()) break;
    }
    return chain;
}

}  // namespace langnghe
