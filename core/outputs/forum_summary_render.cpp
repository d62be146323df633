// The forum summary as people read it (text), as programs read it (JSON) and as a spreadsheet
// opens it (CSV). Each is written from the same ForumSummary; none computes a figure.
#include <nlohmann/json.hpp>

#include "langnghe/base/csv.h"
#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/base/text.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/forum_summary.h"

namespace langnghe {

using nlohmann::ordered_json;

namespace {
struct Words {
    Lang lang;
    std::string t(std::string_view vi, std::string_view en) const { return std::string(lang == Lang::vi ? vi : en); }
};

std::string unit_name(const std::string& name, const std::string& name_en, Lang lang) {
    return lang == Lang::en && !name_en.empty() ? name_en : name;
}

std::string period_text(const ForumSummary& s, Lang lang) {
    std::string dates = format_date(s.period.from, lang) + " – " + format_date(s.period.to, lang);
    return s.period_code.empty() ? dates : s.period_label.text(lang) + " (" + dates + ")";
}

std::string count(std::size_t n) {
    return std::to_string(n);
}

// "12 (40,0%)": a part and its share of a whole; the share left out when the whole is 0.
std::string with_share(std::size_t part, std::size_t whole, Lang lang) {
    if (whole == 0) return count(part);
    return count(part) + " (" + percent_text(static_cast<double>(part) / static_cast<double>(whole), lang) + ")";
}

struct Table {
    std::string title;
    std::vector<std::vector<std::string>> rows;  // the first is the header
};

void append(std::string& out, const Table& t) {
    out += "\n" + t.title + "\n" + std::string(40, '-') + "\n";
    for (const auto& row : t.rows) {
        std::string line;
        for (const auto& cell : row) line += (line.empty() ? "" : " · ") + cell;
        out += line + "\n";
    }
}

std::string group_people(const GroupAttendance& g) {
    return g.counted_forums ? count(g.attendees) : "–";
}
}  // namespace

std::string forum_summary_text(const ForumSummary& s, Lang lang) {
    Words w{lang};
    std::string out = w.t("TỔNG HỢP KẾT QUẢ HỘI NGHỊ \"CÔNG AN LẮNG NGHE Ý KIẾN NHÂN DÂN\"",
                          "SUMMARY OF THE FORUMS \"THE POLICE LISTEN TO THE PEOPLE\"") +
                      "\n" + std::string(60, '=') + "\n" + unit_name(s.name, s.name_en, lang) + " (" + s.unit + ") · " +
                      period_text(s, lang) + "\n";
    append(out, {w.t("Hội nghị", "Forums"),
                 {{w.t("Đã tổ chức", "Held"), count(s.held)},
                  {w.t("Trong đó đã báo cáo", "Of which reported"), count(s.reported)},
                  {w.t("Dự kiến, chưa tổ chức", "Planned, not yet held"), count(s.planned)},
                  {w.t("Số đơn vị có hội nghị", "Units with forums"), count(s.units.size())},
                  {w.t("Số người dự", "Attendees"), count(s.attendees)}}});

    Table units{w.t("Theo đơn vị", "By unit"),
                {{w.t("Đơn vị", "Unit"), w.t("Đã tổ chức", "Held"), w.t("Dự kiến", "Planned"),
                  w.t("Số người dự", "Attendees"), w.t("Số ý kiến", "Items raised")}}};
    for (const auto& u : s.units)
        units.rows.push_back({unit_name(u.name, u.name_en, lang) + " (" + u.code + ")", count(u.held), count(u.planned),
                              count(u.attendees), count(u.raised)});
    append(out, units);

    Table groups{w.t("Thành phần dự", "Attendee groups"),
                 {{w.t("Thành phần", "Group"), w.t("Số hội nghị có dự", "Forums attended"),
                   w.t("Số người (ở các hội nghị có ghi)", "People (where counted)")}}};
    for (const auto& g : attendee_groups()) {
        const GroupAttendance& a = s.by_group.at(std::string(g.code));
        if (a.forums || a.counted_forums)
            groups.rows.push_back({std::string(g.text(lang)), count(a.forums), group_people(a)});
    }
    append(out, groups);

    Table raised{
        w.t("Ý kiến, kiến nghị của Nhân dân theo lĩnh vực", "What residents raised, by category"),
        {{w.t("Lĩnh vực", "Category"), w.t("Số ý kiến", "Items"), w.t("Giải đáp tại hội nghị", "Answered on the spot"),
          w.t("Có kế hoạch khắc phục", "With an action")}}};
    for (const auto& c : categories()) {
        const RaisedFigures& r = s.by_category.at(std::string(c.code));
        if (r.raised)
            raised.rows.push_back(
                {std::string(c.text(lang)), count(r.raised), count(r.answered_on_the_spot), count(r.with_action)});
    }
    raised.rows.push_back({w.t("Tổng", "Total"), count(s.raised.raised),
                           with_share(s.raised.answered_on_the_spot, s.raised.raised, lang),
                           with_share(s.raised.with_action, s.raised.raised, lang)});
    append(out, raised);

    append(out, {w.t("Kế hoạch khắc phục", "Remediation actions"),
                 {{w.t("Số kế hoạch", "Actions"), count(s.actions)},
                  {w.t("Đã hoàn thành", "Done"), with_share(s.actions_done, s.actions, lang)}}});
    return out;
}

std::string forum_summary_json(const ForumSummary& s) {
    ordered_json period{{"from", s.period.from}, {"to", s.period.to}};
    if (!s.period_code.empty()) period["code"] = s.period_code;
    ordered_json by_group = ordered_json::object();
    for (const auto& g : attendee_groups()) {
        const GroupAttendance& a = s.by_group.at(std::string(g.code));
        by_group[std::string(g.code)] = {
            {"forums", a.forums}, {"counted_forums", a.counted_forums}, {"attendees", a.attendees}};
    }
    ordered_json units = ordered_json::array();
    for (const auto& u : s.units)
        units.push_back({{"code", u.code},
                         {"name", u.name},
                         {"name_en", u.name_en},
                         {"held", u.held},
                         {"planned", u.planned},
                         {"attendees", u.attendees},
                         {"raised", u.raised}});
    auto figures = [](const RaisedFigures& r) {
        return ordered_json{
            {"raised", r.raised}, {"answered_on_the_spot", r.answered_on_the_spot}, {"with_action", r.with_action}};
    };
    ordered_json by_category = ordered_json::object();
    for (const auto& c : categories())
        by_category[std::string(c.code)] = figures(s.by_category.at(std::string(c.code)));
    ordered_json raised = figures(s.raised);
    raised["by_category"] = by_category;
    ordered_json out{
        {"unit", {{"code", s.unit}, {"name", s.name}, {"name_en", s.name_en}}},
        {"period", period},
        {"forums", {{"total", s.forums}, {"held", s.held}, {"reported", s.reported}, {"planned", s.planned}}},
        {"attendees", {{"total", s.attendees}, {"by_group", by_group}}},
        {"units", units},
        {"raised", raised},
        {"actions", {{"total", s.actions}, {"done", s.actions_done}}}};
    return out.dump(2) + "\n";
}

std::string forum_summary_csv(const ForumSummary& s, Lang lang) {
    Words w{lang};
    std::string out(utf8_bom);
    out += csv_line({"section", "key", "label", "value"});
    auto row = [&](const std::string& section, const std::string& key, const std::string& label, std::size_t value) {
        out += csv_line({section, key, label, count(value)});
    };
    out += csv_line({"period", s.period_code, s.period.from, s.period.to});
    row("forums", "held", w.t("Đã tổ chức", "Held"), s.held);
    row("forums", "reported", w.t("Trong đó đã báo cáo", "Of which reported"), s.reported);
    row("forums", "planned", w.t("Dự kiến, chưa tổ chức", "Planned, not yet held"), s.planned);
    row("attendees", "total", w.t("Số người dự", "Attendees"), s.attendees);
    for (const auto& u : s.units) {
        std::string name = unit_name(u.name, u.name_en, lang);
        row("unit_held", u.code, name, u.held);
        row("unit_planned", u.code, name, u.planned);
        row("unit_attendees", u.code, name, u.attendees);
        row("unit_raised", u.code, name, u.raised);
    }
    for (const auto& g : attendee_groups()) {
        const GroupAttendance& a = s.by_group.at(std::string(g.code));
        row("group_forums", std::string(g.code), std::string(g.text(lang)), a.forums);
        row("group_attendees", std::string(g.code), std::string(g.text(lang)), a.attendees);
    }
    for (const auto& c : categories()) {
        const RaisedFigures& r = s.by_category.at(std::string(c.code));
        row("category_raised", std::string(c.code), std::string(c.text(lang)), r.raised);
        row("category_answered_on_the_spot", std::string(c.code), std::string(c.text(lang)), r.answered_on_the_spot);
        row("category_with_action", std::string(c.code), std::string(c.text(lang)), r.with_action);
    }
    row("raised", "total", w.t("Số ý kiến", "Items raised"), s.raised.raised);
    row("raised", "answered_on_the_spot", w.t("Giải đáp tại hội nghị", "Answered on the spot"),
        s.raised.answered_on_the_spot);
    row("raised", "with_action", w.t("Có kế hoạch khắc phục", "With an action"), s.raised.with_action);
    row("actions", "total", w.t("Số kế hoạch", "Actions"), s.actions);
    row("actions", "done", w.t("Đã hoàn thành", "Done"), s.actions_done);
    return out;
}

}  // namespace langnghe
