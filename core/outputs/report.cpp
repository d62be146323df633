// The unit report: figures from the list functions of the domain services, then four renderings
// (JSON, CSV, text, SVG). Everything here reads; nothing writes.
#include "langnghe/outputs/report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "langnghe/base/csv.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/base/text.h"
#include "langnghe/model/action.h"
#include "langnghe/model/ballot.h"
#include "langnghe/model/feedback.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"
#include "langnghe/storage/queries.h"

namespace langnghe {
namespace {

using ojson = nlohmann::ordered_json;

double share(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> median(std::vector<std::int64_t> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    if (n % 2 == 1) return static_cast<double>(values[n / 2]);
    return (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2.0;
}

// A FeedbackFilter or BallotFilter: the unit's subtree within the period.
template <class Filter>
Filter period_filter(const std::string& unit, const ReportPeriod& period) {
    Filter filter;
    filter.unit = unit;
    filter.from_date = period.from;
    filter.to_date = period.to;
    return filter;
}

FeedbackFilter feedback_filter(const std::string& unit, const ReportPeriod& period) {
    return period_filter<FeedbackFilter>(unit, period);
}
BallotFilter ballot_filter(const std::string& unit, const ReportPeriod& period) {
    return period_filter<BallotFilter>(unit, period);
}

// The direct children's side-by-side rows, tallied in the one pass over the subtree's records the
// report makes anyway: each record counts for the child whose subtree holds its unit.
class ChildTallies {
public:
    ChildTallies(Store& store, const std::string& parent) {
        std::vector<Unit> children;
        for (auto& u : list_units(store, parent))
            if (u.parent == parent && u.code != parent && !u.deleted) children.push_back(std::move(u));
        std::sort(children.begin(), children.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
        m_rows.resize(children.size());
        for (std::size_t i = 0; i < children.size(); ++i) {
            UnitHeadline& h = m_rows[i].headline;
            h.code = children[i].code;
            h.name = children[i].name;
            h.name_en = children[i].name_en;
            for (const auto& code : unit_subtree(store, children[i].code)) m_child_of.emplace(code, i);
        }
    }
    void feedback(const Feedback& f, std::optional<std::int64_t> days_to_answer) {
        Row* row = of(f.unit);
        if (!row) return;
        row->headline.feedback_total += 1;
        row->acknowledged += f.status != "new" ? 1 : 0;
        row->answered += f.is_answered() ? 1 : 0;
        row->resolved += f.status == "resolved" ? 1 : 0;
        if (days_to_answer) row->days_to_answer.push_back(*days_to_answer);
    }
    void ballot(const Ballot& b) {
        if (Row* row = of(b.unit)) {
            row->headline.ballots += 1;
            row->satisfied += b.is_satisfied() ? 1 : 0;
        }
    }
    void overdue(const OverdueAction& a) {
        if (Row* row = of(a.unit)) row->headline.overdue_actions += 1;
    }
    std::vector<UnitHeadline> headlines() && {
        std::vector<UnitHeadline> out;
        for (auto& row : m_rows) {
            UnitHeadline& h = row.headline;
            h.acknowledged_share = share(row.acknowledged, h.feedback_total);
            h.answered_share = share(row.answered, h.feedback_total);
            h.resolved_share = share(row.resolved, h.feedback_total);
            h.median_days_to_answer = median(std::move(row.days_to_answer));
            h.satisfied_share = share(row.satisfied, h.ballots);
            out.push_back(std::move(h));
        }
        return out;
    }

private:
    struct Row {
        UnitHeadline headline;
        std::size_t acknowledged = 0, answered = 0, resolved = 0, satisfied = 0;
        std::vector<std::int64_t> days_to_answer;
    };
    Row* of(const std::string& unit) {
        auto it = m_child_of.find(unit);
        return it == m_child_of.end() ? nullptr : &m_rows[it->second];
    }
    std::vector<Row> m_rows;
    std::map<std::string, std::size_t> m_child_of;
};

SatisfactionFigures satisfaction(const std::vector<Ballot>& ballots) {
    SatisfactionFigures s;
    s.ballots = ballots.size();
    std::map<std::string, long> sums;
    std::map<std::string, long> month_sums;
    std::size_t satisfied = 0;
    for (const auto& b : ballots) {
        int overall = 0;
        if (auto it = b.scores.find("overall"); it != b.scores.end()) overall = it->second;
        satisfied += b.is_satisfied() ? 1 : 0;
        for (const auto& [criterion, score] : b.scores) sums[criterion] += score;
        std::string month = b.date.substr(0, 7);
        s.by_month[month].count += 1;
        month_sums[month] += overall;
    }
    s.satisfied_share = share(satisfied, s.ballots);
    for (const auto& c : ballot_criteria()) {
        std::string code(c.code);
        s.mean_by_criterion[code] = s.ballots ? static_cast<double>(sums[code]) / static_cast<double>(s.ballots) : 0.0;
    }
    for (auto& [month, m] : s.by_month)
        m.mean_overall = static_cast<double>(month_sums[month]) / static_cast<double>(m.count);
    return s;
}

// --- Labels of the report's own terms (the vocabularies label codes) -------------------------

struct Term {
    std::string_view key, vi, en;
};

constexpr Term terms[] = {
    {"title", "BÁO CÁO ĐƠN VỊ", "UNIT REPORT"},
    {"unit", "Đơn vị", "Unit"},
    {"unit_name", "Tên đơn vị", "Unit name"},
    {"from", "Từ ngày", "From"},
    {"to", "Đến ngày", "To"},
    {"today", "Ngày lập báo cáo", "Report date"},
    {"period", "Kỳ báo cáo", "Period"},
    {"feedback", "Ý kiến, phản ánh, kiến nghị", "Feedback"},
    {"feedback_total", "Tổng số ý kiến", "Feedback received"},
    {"acknowledged_share", "Tỷ lệ đã ghi nhận", "Share acknowledged"},
    {"answered_share", "Tỷ lệ đã giải đáp", "Share answered"},
    {"resolved_share", "Tỷ lệ đã giải quyết", "Share resolved"},
    {"median_days_to_answer", "Số ngày đến khi giải đáp (trung vị)", "Median days to answer"},
    {"by_kind", "Ý kiến theo loại", "Feedback by kind"},
    {"by_category", "Ý kiến theo lĩnh vực", "Feedback by category"},
    {"count", "Số lượng", "Count"},
    {"overdue_actions", "Kế hoạch khắc phục quá hạn", "Overdue actions"},
    {"none", "Không có", "None"},
    {"id", "Mã", "Id"},
    {"owner", "Người phụ trách", "Owner"},
    {"due", "Hạn hoàn thành", "Due"},
    {"description", "Nội dung", "Description"},
    {"days_overdue", "Số ngày quá hạn", "Days overdue"},
    {"satisfaction", "Sự hài lòng của nhân dân", "Residents' satisfaction"},
    {"ballots", "Số phiếu đánh giá", "Ballots"},
    {"satisfied_share", "Tỷ lệ hài lòng (đánh giá chung ≥ 4)", "Share satisfied (overall ≥ 4)"},
    {"mean_by_criterion", "Điểm trung bình theo tiêu chí", "Mean score by criterion"},
    {"criterion", "Tiêu chí", "Criterion"},
    {"mean", "Điểm trung bình", "Mean"},
    {"by_month", "Theo tháng", "By month"},
    {"month", "Tháng", "Month"},
    {"month_ballots", "Số phiếu trong tháng", "Ballots in month"},
    {"month_mean_overall", "Điểm đánh giá chung trung bình", "Mean overall score"},
    {"children", "Các đơn vị trực thuộc", "Units side by side"},
    {"chart_satisfaction", "Đánh giá chung trung bình theo tháng (thang điểm 5)", "Mean overall score by month (out of 5)"},
    {"no_ballots", "Chưa có phiếu đánh giá trong kỳ", "No ballots in the period"},
    {"overdue_count", "Số kế hoạch quá hạn", "Overdue actions"},
    // The side-by-side table's narrow column heads.
    {"col_feedback", "Ý kiến", "Feedback"},
    {"col_acknowledged", "Ghi nhận", "Ack."},
    {"col_answered", "Giải đáp", "Answered"},
    {"col_resolved", "Giải quyết", "Resolved"},
    {"col_days", "Ngày giải đáp", "Days to answer"},
    {"col_overdue", "Quá hạn", "Overdue"},
    {"col_ballots", "Phiếu", "Ballots"},
    {"col_satisfied", "Hài lòng", "Satisfied"},
    {"empty_units", "đơn vị không có ý kiến, phiếu hay kế hoạch quá hạn trong kỳ",
     "units with no feedback, ballots or overdue actions in the period"},
    {"and_more", "và", "and"},
    {"more_units", "đơn vị khác", "more"},
};

std::string_view term(std::string_view key, Lang lang) {
    for (const auto& t : terms)
        if (t.key == key) return lang == Lang::vi ? t.vi : t.en;
    return key;
}

// For files programs read (CSV): the dot, whatever the language.
std::string fixed(double value, int decimals) { return decimal_text(value, decimals, Lang::en); }

std::string month_label(const std::string& month, Lang lang) {
    if (lang == Lang::vi && month.size() == 7) return "Tháng " + month.substr(5, 2) + "/" + month.substr(0, 4);
    return month;
}

std::string unit_display_name(const UnitReport& r, Lang lang) {
    return lang == Lang::en && !r.name_en.empty() ? r.name_en : r.name;
}

std::string child_display_name(const UnitHeadline& h, Lang lang) {
    return lang == Lang::en && !h.name_en.empty() ? h.name_en : h.name;
}

std::size_t count_of(const std::map<std::string, std::size_t>& counts, std::string_view code) {
    auto it = counts.find(std::string(code));
    return it == counts.end() ? 0 : it->second;
}

// Codes of a vocabulary first, in its order, then any code outside it (from a newer replica).
std::vector<std::string> ordered_codes(std::span<const Label> vocabulary, const std::map<std::string, std::size_t>& counts) {
    std::vector<std::string> out;
    for (const auto& l : vocabulary) out.emplace_back(l.code);
    for (const auto& [code, n] : counts)
        if (!find_label(vocabulary, code)) out.push_back(code);
    return out;
}

// --- Plain-text tables -----------------------------------------------------------------------

enum class Align { left, right };

// Columns padded to the widest cell, counted in code points (text is NFC, so one per letter).
std::string table(const std::vector<std::vector<std::string>>& rows, const std::vector<Align>& align,
                  const std::string& indent = "  ") {
    std::vector<std::size_t> width(align.size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], codepoint_count(row[i]));
    std::string out;
    for (const auto& row : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) {
            std::string pad(width[i] - codepoint_count(row[i]), ' ');
            if (i) line += "  ";
            line += align[i] == Align::right ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
        }
        out += line + "\n";
    }
    return out;
}

std::string heading(std::string_view text) {
    std::string line(text);
    return "\n" + line + "\n" + std::string(codepoint_count(line), '-') + "\n";
}

// Label and value rows; with a previous period, a header naming both periods and its values beside.
std::string side_by_side(const UnitReport& r, Lang lang, const std::vector<std::string>& labels,
                         const std::vector<std::string>& current, const std::vector<std::string>& previous) {
    std::vector<std::vector<std::string>> rows;
    if (r.previous) rows.push_back({"", r.period_label.text(lang), r.previous->label.text(lang)});
    for (std::size_t i = 0; i < labels.size(); ++i) {
        rows.push_back({labels[i], current[i]});
        if (r.previous) rows.back().push_back(previous[i]);
    }
    if (r.previous) return table(rows, {Align::left, Align::right, Align::right});
    return table(rows, {Align::left, Align::right});
}

// --- SVG -------------------------------------------------------------------------------------

std::string num(double v) { return fixed(v, 1); }

std::string svg_text(double x, double y, std::string_view text, std::string_view anchor = "start", int size = 12,
                     std::string_view weight = "normal") {
    return "  <text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + std::to_string(size) +
           "\" text-anchor=\"" + std::string(anchor) + "\" font-weight=\"" + std::string(weight) + "\">" +
           xml_escape(text) + "</text>\n";
}

std::string svg_rect(double x, double y, double w, double h, std::string_view fill) {
    return "  <rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
           "\" fill=\"" + std::string(fill) + "\"/>\n";
}

std::string svg_line(double x1, double y1, double x2, double y2, std::string_view stroke) {
    return "  <line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
           "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"1\"/>\n";
}

}  // namespace

PeriodFigures headline_figures(const UnitReport& r) {
    PeriodFigures f;
    f.feedback_total = r.feedback_total;
    f.acknowledged_share = r.acknowledged_share;
    f.answered_share = r.answered_share;
    f.resolved_share = r.resolved_share;
    f.median_days_to_answer = r.median_days_to_answer;
    f.ballots = r.satisfaction.ballots;
    f.satisfied_share = r.satisfaction.satisfied_share;
    return f;
}

UnitReport unit_report(Store& store, const std::string& unit, const ReportPeriod& period, const std::string& today_iso) {
    UnitReport r;
    r.period.from = parse_date(period.from, "from");
    r.period.to = parse_date(period.to, "to");
    if (r.period.from > r.period.to)
        throw_invalid("to", "to: the period ends (" + r.period.to + ") before it starts (" + r.period.from + ")",
                      "to: ngày kết thúc (" + r.period.to + ") trước ngày bắt đầu (" + r.period.from + ")");
    r.today = parse_date(today_iso, "today");
    auto found = find_unit(store, unit);
    if (!found) throw Error(ErrorCode::not_found, "no unit with code " + unit, "unit").vi("không có đơn vị mã " + unit);
    r.unit = found->code;
    r.name = found->name;
    r.name_en = found->name_en;

    ChildTallies children(store, r.unit);

    // Feedback.
    auto feedback = list_feedback(store, feedback_filter(r.unit, r.period));
    r.feedback_total = feedback.size();
    for (const auto& k : feedback_kinds()) r.by_kind[std::string(k.code)] = 0;
    for (const auto& c : categories()) r.by_category[std::string(c.code)] = 0;
    std::size_t acknowledged = 0, answered = 0, resolved = 0;
    std::vector<std::int64_t> days_to_answer;
    for (const auto& f : feedback) {
        r.by_kind[f.kind] += 1;
        r.by_category[f.category] += 1;
        acknowledged += f.status != "new" ? 1 : 0;
        answered += f.is_answered() ? 1 : 0;
        resolved += f.status == "resolved" ? 1 : 0;
        std::optional<std::int64_t> days;
        if (f.received_at.size() >= 10) {
            for (const auto& event : status_history(store, f.id)) {
                if (event.to != "answered" || event.at.size() < 10) continue;
                // A received_at typed in later than the answer is a slip of the pen, not negative time.
                days = std::max<std::int64_t>(0, days_from_iso(event.at) - days_from_iso(f.received_at));
                break;
            }
        }
        if (days) days_to_answer.push_back(*days);
        children.feedback(f, days);
    }
    r.acknowledged_share = share(acknowledged, r.feedback_total);
    r.answered_share = share(answered, r.feedback_total);
    r.resolved_share = share(resolved, r.feedback_total);
    r.answered_with_date = days_to_answer.size();
    r.median_days_to_answer = median(std::move(days_to_answer));

    // Overdue actions on `today`, whatever period they were planned in.
    ActionFilter actions;
    actions.unit = r.unit;
    actions.overdue_on = r.today;
    std::map<std::string, std::string> unit_names;
    for (const auto& a : list_actions(store, actions)) {
        if (!a.overdue_on(r.today)) continue;
        auto [named, added] = unit_names.try_emplace(a.unit);
        if (added)
            if (auto found_unit = find_unit(store, a.unit)) named->second = found_unit->name;
        r.overdue_actions.push_back({a.id, a.unit, named->second, a.owner, a.due, a.description,
                                     days_from_iso(r.today) - days_from_iso(a.due)});
        children.overdue(r.overdue_actions.back());
    }
    // Grouped by unit, the longest overdue first within each: what a province works through.
    std::stable_sort(r.overdue_actions.begin(), r.overdue_actions.end(), [](const OverdueAction& a, const OverdueAction& b) {
        return a.unit != b.unit ? a.unit < b.unit : a.due < b.due;
    });

    auto ballots = list_ballots(store, ballot_filter(r.unit, r.period));
    for (const auto& b : ballots) children.ballot(b);
    r.satisfaction = satisfaction(ballots);
    r.children = std::move(children).headlines();
    return r;
}

std::string report_json(const UnitReport& r) {
    ojson j;
    j["unit"] = {{"code", r.unit}, {"name", r.name}, {"name_en", r.name_en}};
    j["period"] = {{"from", r.period.from}, {"to", r.period.to}};
    if (r.previous) j["period"]["code"] = r.period_code;
    j["today"] = r.today;

    ojson fb;
    fb["total"] = r.feedback_total;
    ojson by_kind = ojson::object(), by_category = ojson::object();
    for (const auto& code : ordered_codes(feedback_kinds(), r.by_kind)) by_kind[code] = count_of(r.by_kind, code);
    for (const auto& code : ordered_codes(categories(), r.by_category)) by_category[code] = count_of(r.by_category, code);
    fb["by_kind"] = by_kind;
    fb["by_category"] = by_category;
    fb["acknowledged_share"] = r.acknowledged_share;
    fb["answered_share"] = r.answered_share;
    fb["resolved_share"] = r.resolved_share;
    fb["median_days_to_answer"] = r.median_days_to_answer ? ojson(*r.median_days_to_answer) : ojson(nullptr);
    fb["answered_with_date"] = r.answered_with_date;
    j["feedback"] = fb;

    ojson overdue = ojson::array();
    for (const auto& a : r.overdue_actions)
        overdue.push_back({{"id", a.id}, {"unit", a.unit}, {"unit_name", a.unit_name}, {"owner", a.owner}, {"due", a.due},
                           {"description", a.description}, {"days_overdue", a.days_overdue}});
    j["overdue_actions"] = overdue;

    const auto& s = r.satisfaction;
    ojson sat;
    sat["ballots"] = s.ballots;
    sat["satisfied_share"] = s.ballots ? ojson(s.satisfied_share) : ojson(nullptr);
    ojson means = ojson::object();
    for (const auto& c : ballot_criteria()) {
        auto it = s.mean_by_criterion.find(std::string(c.code));
        means[std::string(c.code)] = s.ballots && it != s.mean_by_criterion.end() ? ojson(it->second) : ojson(nullptr);
    }
    sat["mean_by_criterion"] = means;
    ojson months = ojson::object();
    for (const auto& [month, m] : s.by_month) months[month] = {{"count", m.count}, {"mean_overall", m.mean_overall}};
    sat["by_month"] = months;
    j["satisfaction"] = sat;

    ojson children = ojson::array();
    for (const auto& c : r.children)
        children.push_back({{"code", c.code},
                            {"name", c.name},
                            {"name_en", c.name_en},
                            {"feedback_total", c.feedback_total},
                            {"acknowledged_share", c.acknowledged_share},
                            {"answered_share", c.answered_share},
                            {"resolved_share", c.resolved_share},
                            {"median_days_to_answer", c.median_days_to_answer ? ojson(*c.median_days_to_answer) : ojson(nullptr)},
                            {"overdue_actions", c.overdue_actions},
                            {"ballots", c.ballots},
                            {"satisfied_share", c.ballots ? ojson(c.satisfied_share) : ojson(nullptr)}});
    j["children"] = children;
    if (r.previous) {
        const PeriodFigures& p = r.previous->figures;
        j["previous"] = {{"period", {{"from", r.previous->period.from}, {"to", r.previous->period.to}, {"code", r.previous->code}}},
                         {"feedback",
                          {{"total", p.feedback_total},
                           {"acknowledged_share", p.acknowledged_share},
                           {"answered_share", p.answered_share},
                           {"resolved_share", p.resolved_share},
                           {"median_days_to_answer", p.median_days_to_answer ? ojson(*p.median_days_to_answer) : ojson(nullptr)}}},
                         {"satisfaction",
                          {{"ballots", p.ballots}, {"satisfied_share", p.ballots ? ojson(p.satisfied_share) : ojson(nullptr)}}}};
    }
    return j.dump(2) + "\n";
}

std::string report_csv(const UnitReport& r, Lang lang) {
    std::string out(utf8_bom);
    bool side_by_side = r.previous.has_value();
    out += side_by_side ? csv_line({"section", "key", "label", "value", "previous_value"})
                        : csv_line({"section", "key", "label", "value"});
    // The previous period's figure for the headline rows that have one, else empty.
    std::map<std::string, std::string> previous;
    auto row = [&](std::string_view section, const std::string& key, std::string_view label, const std::string& value) {
        std::vector<std::string> cells{std::string(section), key, std::string(label), value};
        if (side_by_side) {
            auto it = previous.find(std::string(section) + "." + key);
            cells.push_back(it == previous.end() ? std::string() : it->second);
        }
        out += csv_line(cells);
    };
    auto ratio = [](double v) { return fixed(v, 4); };
    if (side_by_side) {
        const PreviousPeriod& pp = *r.previous;
        const PeriodFigures& p = pp.figures;
        previous = {{"report.period", pp.code},
                    {"report.from", pp.period.from},
                    {"report.to", pp.period.to},
                    {"feedback.total", std::to_string(p.feedback_total)},
                    {"feedback.acknowledged_share", ratio(p.acknowledged_share)},
                    {"feedback.answered_share", ratio(p.answered_share)},
                    {"feedback.resolved_share", ratio(p.resolved_share)},
                    {"feedback.median_days_to_answer", p.median_days_to_answer ? fixed(*p.median_days_to_answer, 1) : ""},
                    {"satisfaction.ballots", std::to_string(p.ballots)},
                    {"satisfaction.satisfied_share", p.ballots ? ratio(p.satisfied_share) : ""}};
    }

    row("report", "unit", term("unit", lang), r.unit);
    row("report", "unit_name", term("unit_name", lang), unit_display_name(r, lang));
    row("report", "from", term("from", lang), r.period.from);
    row("report", "to", term("to", lang), r.period.to);
    if (side_by_side) row("report", "period", term("period", lang), r.period_code);
    row("report", "today", term("today", lang), r.today);

    row("feedback", "total", term("feedback_total", lang), std::to_string(r.feedback_total));
    row("feedback", "acknowledged_share", term("acknowledged_share", lang), ratio(r.acknowledged_share));
    row("feedback", "answered_share", term("answered_share", lang), ratio(r.answered_share));
    row("feedback", "resolved_share", term("resolved_share", lang), ratio(r.resolved_share));
    row("feedback", "median_days_to_answer", term("median_days_to_answer", lang),
        r.median_days_to_answer ? fixed(*r.median_days_to_answer, 1) : "");
    for (const auto& code : ordered_codes(feedback_kinds(), r.by_kind))
        row("kind", code, label_of(feedback_kinds(), code, lang), std::to_string(count_of(r.by_kind, code)));
    for (const auto& code : ordered_codes(categories(), r.by_category))
        row("category", code, label_of(categories(), code, lang), std::to_string(count_of(r.by_category, code)));

    for (const auto& a : r.overdue_actions) {
        row("overdue_action", a.id + ".description", term("description", lang), a.description);
        row("overdue_action", a.id + ".owner", term("owner", lang), a.owner);
        row("overdue_action", a.id + ".due", term("due", lang), a.due);
        row("overdue_action", a.id + ".days_overdue", term("days_overdue", lang), std::to_string(a.days_overdue));
    }

    const auto& s = r.satisfaction;
    row("satisfaction", "ballots", term("ballots", lang), std::to_string(s.ballots));
    row("satisfaction", "satisfied_share", term("satisfied_share", lang), s.ballots ? ratio(s.satisfied_share) : "");
    for (const auto& c : ballot_criteria()) {
        auto it = s.mean_by_criterion.find(std::string(c.code));
        row("criterion", std::string(c.code), c.text(lang),
            s.ballots && it != s.mean_by_criterion.end() ? fixed(it->second, 2) : "");
    }
    for (const auto& [month, m] : s.by_month) {
        row("month_ballots", month, month_label(month, lang), std::to_string(m.count));
        row("month_mean_overall", month, month_label(month, lang), fixed(m.mean_overall, 2));
    }

    for (const auto& c : r.children) {
        std::string name = child_display_name(c, lang) + ": ";
        row("child", c.code + ".feedback_total", name + std::string(term("feedback_total", lang)),
            std::to_string(c.feedback_total));
        row("child", c.code + ".answered_share", name + std::string(term("answered_share", lang)), ratio(c.answered_share));
        row("child", c.code + ".resolved_share", name + std::string(term("resolved_share", lang)), ratio(c.resolved_share));
        row("child", c.code + ".acknowledged_share", name + std::string(term("acknowledged_share", lang)),
            ratio(c.acknowledged_share));
        row("child", c.code + ".median_days_to_answer", name + std::string(term("median_days_to_answer", lang)),
            c.median_days_to_answer ? fixed(*c.median_days_to_answer, 1) : "");
        row("child", c.code + ".overdue_actions", name + std::string(term("overdue_count", lang)),
            std::to_string(c.overdue_actions));
        row("child", c.code + ".ballots", name + std::string(term("ballots", lang)), std::to_string(c.ballots));
        row("child", c.code + ".satisfied_share", name + std::string(term("satisfied_share", lang)),
            c.ballots ? ratio(c.satisfied_share) : "");
    }
    return out;
}

std::string report_text(const UnitReport& r, Lang lang) {
    auto t = [&](std::string_view key) { return std::string(term(key, lang)); };
    auto percent = [lang](double share) { return percent_text(share, lang); };
    auto decimal = [lang](double value, int decimals) { return decimal_text(value, decimals, lang); };
    std::string out = t("title") + "\n";
    out += table({{t("unit"), r.unit + " " + unit_display_name(r, lang)},
                  {t("period"), (r.previous ? r.period_label.text(lang) + ": " : std::string()) +
                                    format_date(r.period.from, lang) + " – " + format_date(r.period.to, lang)},
                  {t("today"), format_date(r.today, lang)}},
                 {Align::left, Align::left}, "");

    out += heading(t("feedback"));
    PeriodFigures now = headline_figures(r);
    auto feedback_rows = [&](const PeriodFigures& f) {
        return std::vector<std::string>{std::to_string(f.feedback_total), percent(f.acknowledged_share),
                                        percent(f.answered_share), percent(f.resolved_share),
                                        f.median_days_to_answer ? decimal(*f.median_days_to_answer, 1) : "–"};
    };
    out += side_by_side(r, lang,
                        {t("feedback_total"), t("acknowledged_share"), t("answered_share"), t("resolved_share"),
                         t("median_days_to_answer")},
                        feedback_rows(now), r.previous ? feedback_rows(r.previous->figures) : std::vector<std::string>{});

    out += heading(t("by_kind"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& code : ordered_codes(feedback_kinds(), r.by_kind))
        rows.push_back({std::string(label_of(feedback_kinds(), code, lang)), std::to_string(count_of(r.by_kind, code))});
    out += table(rows, {Align::left, Align::right});

    out += heading(t("by_category"));
    rows.clear();
    for (const auto& code : ordered_codes(categories(), r.by_category))
        rows.push_back({std::string(label_of(categories(), code, lang)), std::to_string(count_of(r.by_category, code))});
    out += table(rows, {Align::left, Align::right});

    out += heading(t("overdue_actions"));
    if (r.overdue_actions.empty()) {
        out += "  " + t("none") + "\n";
    } else {
        // Grouped by unit: the unit is named on its first row only.
        rows = {{t("unit"), t("due"), t("days_overdue"), t("owner"), t("description")}};
        for (std::size_t i = 0; i < r.overdue_actions.size(); ++i) {
            const auto& a = r.overdue_actions[i];
            bool first_of_unit = i == 0 || r.overdue_actions[i - 1].unit != a.unit;
            rows.push_back({first_of_unit ? a.unit + " " + a.unit_name : "", format_date(a.due, lang), std::to_string(a.days_overdue), a.owner,
                            a.description});
        }
        out += table(rows, {Align::left, Align::left, Align::right, Align::left, Align::left});
    }

    const auto& s = r.satisfaction;
    out += heading(t("satisfaction"));
    auto satisfaction_rows = [&](const PeriodFigures& f) {
        return std::vector<std::string>{std::to_string(f.ballots), f.ballots ? percent(f.satisfied_share) : "–"};
    };
    out += side_by_side(r, lang, {t("ballots"), t("satisfied_share")}, satisfaction_rows(now),
                        r.previous ? satisfaction_rows(r.previous->figures) : std::vector<std::string>{});
    if (s.ballots) {
        out += "\n";
        rows = {{t("criterion"), t("mean")}};
        for (const auto& c : ballot_criteria()) {
            auto it = s.mean_by_criterion.find(std::string(c.code));
            rows.push_back({std::string(c.text(lang)), it != s.mean_by_criterion.end() ? decimal(it->second, 2) : "–"});
        }
        out += table(rows, {Align::left, Align::right});
        out += "\n";
        rows = {{t("month"), t("ballots"), t("month_mean_overall")}};
        for (const auto& [month, m] : s.by_month)
            rows.push_back({month_label(month, lang), std::to_string(m.count), decimal(m.mean_overall, 2)});
        out += table(rows, {Align::left, Align::right, Align::right});
    }

    if (!r.children.empty()) {
        out += heading(t("children"));
        rows = {{t("unit"), t("col_feedback"), t("col_acknowledged"), t("col_answered"), t("col_resolved"), t("col_days"),
                 t("col_overdue"), t("col_ballots"), t("col_satisfied")}};
        std::vector<const UnitHeadline*> empty;
        for (const auto& c : r.children) {
            if (c.empty()) {
                empty.push_back(&c);
                continue;
            }
            bool any_feedback = c.feedback_total > 0;
            rows.push_back({c.code + " " + child_display_name(c, lang), std::to_string(c.feedback_total),
                            any_feedback ? percent(c.acknowledged_share) : "–", any_feedback ? percent(c.answered_share) : "–",
                            any_feedback ? percent(c.resolved_share) : "–",
                            c.median_days_to_answer ? decimal(*c.median_days_to_answer, 1) : "–",
                            std::to_string(c.overdue_actions), std::to_string(c.ballots),
                            c.ballots ? percent(c.satisfied_share) : "–"});
        }
        if (rows.size() > 1)
            out += table(rows, {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right,
                                Align::right, Align::right, Align::right});
        // A province of 166 communes, most without a forum yet: one line, not a page of zeros.
        if (!empty.empty()) {
            constexpr std::size_t named = 8;
            std::string line = "  " + std::to_string(empty.size()) + " " + t("empty_units") + ": ";
            for (std::size_t i = 0; i < empty.size() && i < named; ++i)
                line += (i ? ", " : "") + empty[i]->code + " " + child_display_name(*empty[i], lang);
            if (empty.size() > named)
                line += " " + t("and_more") + " " + std::to_string(empty.size() - named) + " " + t("more_units");
            out += line + "\n";
        }
    }
    return out;
}

std::string report_svg(const UnitReport& r, Lang lang) {
    constexpr double width = 960, margin = 20;
    constexpr double chart1_top = 80, chart1_height = 220;  // plot area of the monthly chart
    constexpr double plot_left = 60, plot_right = width - margin;
    const auto& months = r.satisfaction.by_month;

    std::string body;
    body += svg_text(margin, 30, std::string(term("title", lang)) + " — " + r.unit + " " + unit_display_name(r, lang),
                     "start", 18, "bold");
    body += svg_text(margin, 50, format_date(r.period.from, lang) + " – " + format_date(r.period.to, lang), "start", 12);

    // Chart 1: mean overall score by month, on a 0–5 scale.
    body += svg_text(margin, chart1_top - 12, term("chart_satisfaction", lang), "start", 14, "bold");
    const double base = chart1_top + chart1_height;
    for (int tick = 0; tick <= 5; ++tick) {
        double y = base - chart1_height * tick / 5.0;
        body += svg_line(plot_left, y, plot_right, y, tick == 0 ? "#333333" : "#dddddd");
        body += svg_text(plot_left - 8, y + 4, std::to_string(tick), "end", 11);
    }
    if (months.empty()) {
        body += svg_text((plot_left + plot_right) / 2, base - chart1_height / 2, term("no_ballots", lang), "middle", 13);
    } else {
        double band = (plot_right - plot_left) / static_cast<double>(months.size());
        double bar = std::min(60.0, band * 0.6);
        std::size_t i = 0;
        for (const auto& [month, m] : months) {
            double x = plot_left + band * static_cast<double>(i++) + (band - bar) / 2;
            double h = chart1_height * std::clamp(m.mean_overall, 0.0, 5.0) / 5.0;
            body += svg_rect(x, base - h, bar, h, "#2b6cb0");
            body += svg_text(x + bar / 2, base - h - 5, decimal_text(m.mean_overall, 2, lang), "middle", 11);
            body += svg_text(x + bar / 2, base + 16, month_label(month, lang), "middle", 11);
            body += svg_text(x + bar / 2, base + 30, "n=" + std::to_string(m.count), "middle", 10);
        }
    }

    // Chart 2: feedback by category, horizontal bars (the labels are long).
    constexpr double row_height = 22, label_right = 340, bar_left = 350, bar_right = width - 60;
    const double chart2_top = base + 80;
    body += svg_text(margin, chart2_top - 12, term("by_category", lang), "start", 14, "bold");
    auto codes = ordered_codes(categories(), r.by_category);
    std::size_t most = 1;
    for (const auto& code : codes) most = std::max(most, count_of(r.by_category, code));
    double y = chart2_top;
    for (const auto& code : codes) {
        std::size_t n = count_of(r.by_category, code);
        double w = (bar_right - bar_left) * static_cast<double>(n) / static_cast<double>(most);
        body += svg_text(label_right, y + 15, label_of(categories(), code, lang), "end", 12);
        if (n) body += svg_rect(bar_left, y + 3, w, row_height - 6, "#dd6b20");
        body += svg_text(bar_left + w + 6, y + 15, std::to_string(n), "start", 11);
        y += row_height;
    }
    const double height = y + margin;

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width) + "\" height=\"" +
           num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" xml:lang=\"" +
           (lang == Lang::vi ? "vi" : "en") + "\" font-family=\"Noto Sans, Arial, sans-serif\">\n";
    out += "  <title>" + xml_escape(std::string(term("title", lang)) + " " + r.unit + " " + unit_display_name(r, lang)) +
           "</title>\n";
    out += svg_rect(0, 0, width, height, "#ffffff");
    out += body;
    out += "</svg>\n";
    return out;
}

}  // namespace langnghe
