// The unit report as a standalone SVG document: satisfaction by month and feedback by category.
#include <algorithm>
#include <cmath>

#include "langnghe/base/dates.h"
#include "langnghe/base/lang.h"
#include "langnghe/base/text.h"
#include "langnghe/outputs/report.h"
#include "report_terms.h"

namespace langnghe {
namespace {

using namespace report_detail;

std::string num(double v) { return fixed(v, 1); }

std::string class_attribute(std::string_view name) {
    return name.empty() ? std::string() : " class=\"" + std::string(name) + "\"";
}

std::string svg_text(double x, double y, std::string_view text, std::string_view anchor = "start", int size = 12,
                     std::string_view weight = "normal", std::string_view css_class = "") {
    return "  <text" + class_attribute(css_class) + " x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" +
           std::to_string(size) + "\" text-anchor=\"" + std::string(anchor) + "\" font-weight=\"" +
           std::string(weight) + "\">" + xml_escape(text) + "</text>\n";
}

std::string svg_rect(double x, double y, double w, double h, std::string_view fill, std::string_view css_class = "") {
    return "  <rect" + class_attribute(css_class) + " x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) +
           "\" height=\"" + num(h) + "\" fill=\"" + std::string(fill) + "\"/>\n";
}

std::string svg_line(double x1, double y1, double x2, double y2, std::string_view stroke, std::string_view css_class = "") {
    return "  <line" + class_attribute(css_class) + " x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) +
           "\" y2=\"" + num(y2) + "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"" +
           (css_class == "gap" ? "3" : "1") + "\"/>\n";
}

// "T11" / "Nov": short enough for twelve months side by side; the year goes on a line below.
std::string short_month(const std::string& month, Lang lang) {
    static constexpr std::string_view english[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int index = std::stoi(month.substr(5, 2));
    if (lang == Lang::vi) return "T" + std::to_string(index);
    return std::string(english[index - 1]);
}

}  // namespace

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
    // Every month of the period has its place on the axis, so a month without ballots is a visible
    // gap rather than a neighbour moved closer; labels thin out when the months are too narrow.
    const std::vector<std::string> axis = months_between(r.period.from, r.period.to);
    if (months.empty()) {
        body += svg_text((plot_left + plot_right) / 2, base - chart1_height / 2, term("no_ballots", lang), "middle", 13);
    }
    const double band = (plot_right - plot_left) / static_cast<double>(axis.size());
    const double bar = std::min(60.0, band * 0.6);
    constexpr double label_width = 44;
    const std::size_t label_every = static_cast<std::size_t>(std::ceil(label_width / band));
    bool any_gap = false;
    for (std::size_t i = 0; i < axis.size(); ++i) {
        const std::string& month = axis[i];
        const double middle = plot_left + band * (static_cast<double>(i) + 0.5);
        auto found = months.find(month);
        if (found == months.end()) {
            any_gap = true;
            body += svg_line(middle - bar / 2, base - 3, middle + bar / 2, base - 3, "#a0aec0", "gap");
        } else {
            const MonthSatisfaction& m = found->second;
            double h = chart1_height * std::clamp(m.mean_overall, 0.0, 5.0) / 5.0;
            body += svg_rect(middle - bar / 2, base - h, bar, h, "#2b6cb0", "bar");
            if (label_every == 1) {
                body += svg_text(middle, base - h - 5, decimal_text(m.mean_overall, 2, lang), "middle", 11);
                body += svg_text(middle, base + 44, "n=" + std::to_string(m.count), "middle", 10);
            }
        }
        if (i % label_every != 0) continue;
        body += svg_text(middle, base + 16, short_month(month, lang), "middle", 11, "normal", "month");
        if (i == 0 || month.ends_with("-01")) body += svg_text(middle, base + 30, month.substr(0, 4), "middle", 10);
    }
    if (any_gap)
        body += svg_text(plot_right, chart1_top - 12, "▁ " + std::string(term("no_ballots_month", lang)), "end", 11);

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
