#include "langnghe/outputs/commitment_report.h"

#include "text_table.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "langnghe/base/csv.h"
#include "langnghe/base/text.h"
#include "langnghe/model/commitment.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
using ojson = nlohmann::ordered_json;

std::string ratio_text(const std::optional<double>& share) {
    if (!share) return {};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", *share);
    return buf;
}

std::string display_name(const CommitmentUnitRow& row, Lang lang) {
    return lang == Lang::en && !row.name_en.empty() ? row.name_en : row.name;
}

// Kinds of the vocabulary first, in its order, then any kind outside it (from a newer replica).
std::vector<std::string> kinds_of(const CommitmentUnitRow& row) {
    std::vector<std::string> out;
    for (const auto& l : commitment_kinds())
        if (row.by_kind.contains(std::string(l.code))) out.emplace_back(l.code);
    for (const auto& [kind, figures] : row.by_kind)
        if (!find_label(commitment_kinds(), kind)) out.push_back(kind);
    return out;
}

const CommitmentFigures& figures_of(const CommitmentUnitRow& row, const std::string& kind) { return row.by_kind.at(kind); }
}  // namespace

std::optional<double> CommitmentFigures::share() const {
    if (households <= 0) return std::nullopt;
    return static_cast<double>(signed_count) / static_cast<double>(households);
}

CommitmentFigures commitments_total(const std::map<std::string, CommitmentFigures>& by_kind) {
    CommitmentFigures total;
    for (const auto& [kind, f] : by_kind) {
        total.households += f.households;
        total.signed_count += f.signed_count;
    }
    return total;
}

CommitmentReport commitment_report(Store& store, const std::string& unit, std::int64_t year) {
    require_unit(store, unit);
    CommitmentReport report;
    report.unit = unit;
    report.year = year;
    std::map<std::string, Unit> units;
    std::map<std::string, std::vector<std::string>> children;
    for (auto& u : list_units(store, unit)) {
        if (u.code != unit) children[u.parent].push_back(u.code);
        units.emplace(u.code, std::move(u));
    }
    if (auto it = units.find(unit); it != units.end()) {
        report.name = it->second.name;
        report.name_en = it->second.name_en;
    }
    // Each commitment counts for its unit and every unit above it up to the report's unit.
    std::map<std::string, std::map<std::string, CommitmentFigures>> totals;
    for (const auto& c : list_commitments(store, unit, year)) {
        std::string at = c.unit;
        for (std::size_t hops = 0; hops <= units.size(); ++hops) {
            CommitmentFigures& f = totals[at][c.kind];
            f.households += c.households;
            f.signed_count += c.signed_count;
            auto u = units.find(at);
            if (at == unit || u == units.end()) break;
            at = u->second.parent;
        }
    }
    // Depth first from the report's unit, children by code; units with no commitments are left out.
    std::vector<std::pair<std::string, int>> stack{{unit, 0}};
    while (!stack.empty()) {
        auto [code, level] = stack.back();
        stack.pop_back();
        auto total = totals.find(code);
        if (total == totals.end()) continue;
        CommitmentUnitRow& row = report.rows.emplace_back();
        row.code = code;
        row.level = level;
        if (auto u = units.find(code); u != units.end()) {
            row.name = u->second.name;
            row.name_en = u->second.name_en;
        }
        row.by_kind = total->second;
        std::vector<std::string> below = children[code];
        std::sort(below.rbegin(), below.rend());
        for (const auto& child : below) stack.emplace_back(child, level + 1);
    }
    return report;
}

std::string commitment_report_json(const CommitmentReport& report) {
    ojson rows = ojson::array();
    for (const auto& row : report.rows)
        for (const auto& kind : kinds_of(row)) {
            const CommitmentFigures& f = figures_of(row, kind);
            auto share = f.share();
            rows.push_back(ojson{{"unit", row.code},
                                 {"name", row.name},
                                 {"level", row.level},
                                 {"kind", kind},
                                 {"households", f.households},
                                 {"signed", f.signed_count},
                                 {"share", share ? ojson(*share) : ojson(nullptr)}});
        }
    ojson out{{"unit", report.unit}, {"name", report.name}, {"year", report.year}, {"rows", rows}};
    return out.dump(2) + "\n";
}

std::string commitment_report_csv(const CommitmentReport& report, Lang lang) {
    std::string out(utf8_bom);
    out += lang == Lang::vi ? csv_line({"ma_don_vi", "don_vi", "cap", "loai_cam_ket", "so_ho", "so_ho_da_ky", "ty_le"})
                            : csv_line({"unit", "name", "level", "kind", "households", "signed", "share"});
    for (const auto& row : report.rows)
        for (const auto& kind : kinds_of(row)) {
            const CommitmentFigures& f = figures_of(row, kind);
            out += csv_line({row.code, display_name(row, lang), std::to_string(row.level),
                             std::string(label_of(commitment_kinds(), kind, lang)), std::to_string(f.households),
                             std::to_string(f.signed_count), ratio_text(f.share())});
        }
    return out;
}

std::string commitment_report_text(const CommitmentReport& report, Lang lang) {
    bool vi = lang == Lang::vi;
    std::string title = (vi ? "Ký cam kết năm " : "Household commitments ") + std::to_string(report.year) + " — " +
                        (vi || report.name_en.empty() ? report.name : report.name_en) + " (" + report.unit + ")";
    std::string out = title + "\n";
    if (report.rows.empty())
        return out + (vi ? "Chưa có số liệu ký cam kết của năm này\n" : "No commitments recorded for this year\n");
    std::vector<std::vector<std::string>> cells{{vi ? "Đơn vị" : "Unit", vi ? "Loại cam kết" : "Kind",
                                                 vi ? "Số hộ" : "Households", vi ? "Đã ký" : "Signed",
                                                 vi ? "Tỷ lệ" : "Share"}};
    for (const auto& row : report.rows) {
        bool first = true;
        for (const auto& kind : kinds_of(row)) {
            const CommitmentFigures& f = figures_of(row, kind);
            auto share = f.share();
            std::string name = std::string(static_cast<std::size_t>(row.level) * 2, ' ') + display_name(row, lang) +
                               " (" + row.code + ")";
            cells.push_back({first ? name : "", std::string(label_of(commitment_kinds(), kind, lang)),
                             std::to_string(f.households), std::to_string(f.signed_count),
                             share ? percent_text(*share, lang) : "–"});
            first = false;
        }
    }
    out += text_table(cells, {Align::left, Align::left, Align::right, Align::right, Align::right}, "");
    return out;
}

}  // namespace langnghe
