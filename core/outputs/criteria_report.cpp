#include "langnghe/outputs/criteria_report.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "langnghe/base/csv.h"
#include "langnghe/base/text.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
using Results = std::map<std::string, std::string>;  // criterion → result

std::string tr(Lang lang, std::string_view vi, std::string_view en) { return std::string(lang == Lang::vi ? vi : en); }

std::string score(const CriteriaUnitScore& u, std::size_t total) { return std::to_string(u.met) + "/" + std::to_string(total); }

std::string change(const CriteriaUnitScore& u) {
    if (!u.previous_met) return "";
    long d = static_cast<long>(u.met) - static_cast<long>(*u.previous_met);
    return (d > 0 ? "+" : "") + std::to_string(d);
}

std::string title_of(const CriteriaSet& set, Lang lang) { return lang == Lang::vi ? set.title_vi : set.title_en; }

std::string example_warning(Lang lang) {
    return tr(lang, "BỘ TIÊU CHÍ VÍ DỤ, không phải danh sách của Bộ Công an",
              "EXAMPLE criteria set, not the Ministry's list");
}
}  // namespace

std::vector<std::string> CriteriaReport::units_meeting_all() const {
    std::vector<std::string> out;
    for (const auto& u : units)
        if (u.unassessed < total() && u.meets_all(total())) out.push_back(u.unit);
    return out;
}

CriteriaReport criteria_report(Store& store, const std::string& unit, const std::string& period,
                               const std::optional<std::string>& set_name) {
    CriteriaReport r;
    r.set = find_criteria_set(store, set_name);
    r.period = parse_period(period);
    r.previous_period = previous_period(r.period);
    r.unit = unit;
    std::map<std::string, Results> now, before;
    for (const auto& a : list_assessments(store, unit, r.period, r.set.key())) now[a.unit][a.criterion] = a.result;
    for (const auto& a : list_assessments(store, unit, r.previous_period, r.set.key()))
        before[a.unit][a.criterion] = a.result;
    for (const auto& c : r.set.criteria) {
        CriterionRollup roll;
        roll.criterion = c;
        r.criteria.push_back(roll);
    }
    // Tree order: the unit, then each child's subtree in turn, children by code.
    std::map<std::string, Unit> units;
    std::map<std::string, std::vector<std::string>> children;
    for (auto& u : list_units(store, unit)) {
        if (u.code != unit) children[u.parent].push_back(u.code);
        units.emplace(u.code, std::move(u));
    }
    std::vector<std::pair<std::string, int>> order, stack{{unit, 0}};
    while (!stack.empty()) {
        auto [code, depth] = stack.back();
        stack.pop_back();
        order.emplace_back(code, depth);
        auto& below = children[code];
        for (auto it = below.rbegin(); it != below.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
    for (const auto& [code, depth] : order) {
        const Unit& u = units[code];
        if (u.code != unit && !now.contains(u.code) && !before.contains(u.code)) continue;
        CriteriaUnitScore s;
        s.unit = u.code;
        s.name = u.name;
        s.depth = depth;
        const Results& results = now[u.code];
        for (auto& roll : r.criteria) {
            auto it = results.find(roll.criterion.code);
            std::string result = it == results.end() ? "" : it->second;
            if (result == "met") {
                ++s.met;
                ++roll.met;
                continue;
            }
            s.missing.emplace_back(roll.criterion.code, result);
            if (result == "partly") ++s.partly, ++roll.partly;
            else if (result == "not_met") ++s.not_met, ++roll.not_met;
            else ++s.unassessed;
        }
        if (auto prev = before.find(u.code); prev != before.end()) {
            std::size_t met = 0;
            for (const auto& c : r.set.criteria)
                if (auto it = prev->second.find(c.code); it != prev->second.end() && it->second == "met") ++met;
            s.previous_met = met;
        }
        r.units.push_back(std::move(s));
    }
    return r;
}

std::string criteria_report_text(const CriteriaReport& r, Lang lang) {
    std::string out = tr(lang, "Bộ tiêu chí: ", "Criteria set: ") + title_of(r.set, lang) + " (" + r.set.key() + ")\n";
    if (r.set.example) out += "!! " + example_warning(lang) + "\n";
    out += tr(lang, "Đơn vị: ", "Unit: ") + r.unit + "   " + tr(lang, "Kỳ: ", "Period: ") + r.period + "   " +
           tr(lang, "Kỳ trước: ", "Previous period: ") + r.previous_period + "\n\n";
    for (const auto& u : r.units) {
        std::string line = std::string(static_cast<std::size_t>(u.depth) * 2, ' ') + u.unit + " " + u.name + "  " + score(u, r.total());
        if (u.previous_met)
            line += "  (" + tr(lang, "kỳ trước ", "previous ") + std::to_string(*u.previous_met) + "/" +
                    std::to_string(r.total()) + ", " + change(u) + ")";
        if (u.unassessed == r.total()) line += "  " + tr(lang, "chưa đánh giá", "not assessed");
        out += line + "\n";
        if (u.unassessed == r.total() || u.missing.empty()) continue;
        for (const auto& [code, result] : u.missing) {
            const Criterion* c = r.set.find(code);
            std::string state = result.empty() ? tr(lang, "chưa đánh giá", "not assessed")
                                               : std::string(label_of(criteria_results(), result, lang));
            out += std::string(static_cast<std::size_t>(u.depth) * 2 + 4, ' ') + "- " + code + " " +
                   (lang == Lang::vi ? c->title_vi : c->title_en) + ": " + state + "\n";
        }
    }
    auto all = r.units_meeting_all();
    out += "\n" + tr(lang, "Đơn vị đạt đủ tiêu chí: ", "Units that meet all criteria: ") +
           (all.empty() ? tr(lang, "không có", "none") : std::string());
    for (std::size_t i = 0; i < all.size(); ++i) out += (i ? ", " : "") + all[i];
    out += "\n\n" + tr(lang, "Theo tiêu chí (số đơn vị đạt / một phần / không đạt):",
                       "By criterion (units met / partly / not met):") + "\n";
    for (const auto& c : r.criteria)
        out += "  " + c.criterion.code + " " + (lang == Lang::vi ? c.criterion.title_vi : c.criterion.title_en) + "  " +
               std::to_string(c.met) + " / " + std::to_string(c.partly) + " / " + std::to_string(c.not_met) + "\n";
    return out;
}

std::string criteria_report_json(const CriteriaReport& r) {
    using nlohmann::json;
    json units = json::array();
    for (const auto& u : r.units) {
        json missing = json::array();
        for (const auto& [code, result] : u.missing) missing.push_back({{"code", code}, {"result", result}});
        units.push_back({{"unit", u.unit},
                         {"name", u.name},
                         {"depth", u.depth},
                         {"score", score(u, r.total())},
                         {"met", u.met},
                         {"partly", u.partly},
                         {"not_met", u.not_met},
                         {"unassessed", u.unassessed},
                         {"meets_all", u.meets_all(r.total())},
                         {"missing", missing},
                         {"previous_met", u.previous_met ? json(*u.previous_met) : json(nullptr)}});
    }
    json criteria = json::array();
    for (const auto& c : r.criteria)
        criteria.push_back({{"code", c.criterion.code}, {"group", c.criterion.group}, {"title_vi", c.criterion.title_vi},
                            {"title_en", c.criterion.title_en}, {"met", c.met}, {"partly", c.partly}, {"not_met", c.not_met}});
    json out = {{"set", r.set.key()},          {"example", r.set.example},  {"title_vi", r.set.title_vi},
                {"title_en", r.set.title_en},  {"unit", r.unit},            {"period", r.period},
                {"previous_period", r.previous_period}, {"total", r.total()}, {"units", units},
                {"units_meeting_all", r.units_meeting_all()}, {"criteria", criteria}};
    return out.dump(2) + "\n";
}

std::string criteria_report_csv(const CriteriaReport& r, Lang lang) {
    std::string out(utf8_bom);
    out += csv_line({"unit", "name", "period", "score", "met", "partly", "not_met", "unassessed", "previous_met",
                     "change", "missing"});
    for (const auto& u : r.units) {
        std::string missing;
        for (const auto& m : u.missing) missing += (missing.empty() ? "" : " ") + m.first;
        out += csv_line({u.unit, u.name, r.period, score(u, r.total()), std::to_string(u.met), std::to_string(u.partly),
                         std::to_string(u.not_met), std::to_string(u.unassessed),
                         u.previous_met ? std::to_string(*u.previous_met) : "", change(u), missing});
    }
    (void)lang;
    return out;
}

std::string criteria_report_svg(const CriteriaReport& r, Lang lang) {
    const double row = 22, left = 220, width = 360, top = r.set.example ? 86 : 66;
    const double height = top + row * static_cast<double>(r.units.size()) + 30;
    auto text = [](double x, double y, std::string_view t, std::string_view anchor = "start", int size = 12) {
        return "  <text x=\"" + std::to_string(static_cast<int>(x)) + "\" y=\"" + std::to_string(static_cast<int>(y)) +
               "\" font-size=\"" + std::to_string(size) + "\" text-anchor=\"" + std::string(anchor) + "\">" +
               xml_escape(t) + "</text>\n";
    };
    std::string title = tr(lang, "Bộ tiêu chí", "Criteria") + " " + r.set.key() + " — " + r.unit + " " + r.period;
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\"" +
                      std::to_string(static_cast<int>(height)) + "\" font-family=\"sans-serif\">\n";
    out += "  <title>" + xml_escape(title) + "</title>\n";
    out += text(20, 28, title, "start", 16);
    out += text(20, 48, title_of(r.set, lang));
    if (r.set.example) out += text(20, 68, example_warning(lang));
    double y = top;
    for (const auto& u : r.units) {
        double share = r.total() ? static_cast<double>(u.met) / static_cast<double>(r.total()) : 0;
        out += text(20 + u.depth * 10, y + 15, u.unit + " " + truncate_chars(u.name, 28));
        out += "  <rect x=\"" + std::to_string(static_cast<int>(left)) + "\" y=\"" + std::to_string(static_cast<int>(y + 3)) +
               "\" width=\"" + std::to_string(static_cast<int>(width)) + "\" height=\"16\" fill=\"#eeeeee\"/>\n";
        out += "  <rect x=\"" + std::to_string(static_cast<int>(left)) + "\" y=\"" + std::to_string(static_cast<int>(y + 3)) +
               "\" width=\"" + std::to_string(static_cast<int>(width * share)) + "\" height=\"16\" fill=\"" +
               (u.meets_all(r.total()) ? "#2e7d32" : "#1565c0") + "\"/>\n";
        out += text(left + width + 10, y + 15, score(u, r.total()) + (u.previous_met ? " (" + change(u) + ")" : ""));
        y += row;
    }
    return out + "</svg>\n";
}

}  // namespace langnghe
