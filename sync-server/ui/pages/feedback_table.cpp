// The feedback table (/ui/feedback): a GET form of filters, one page of the rows they match with
// a unit column, sorting links in the column heads, paging, and the exports of the same filter.
#include <algorithm>
#include <map>

#include "feedback_pages.h"
#include "form.h"
#include "langnghe/base/text.h"
#include "langnghe/model/units.h"
#include "langnghe/model/vocab.h"

namespace langnghe::server::ui {

namespace {
std::string label(std::span<const Label> vocabulary, const std::string& code, Lang lang) {
    return std::string(label_of(vocabulary, code, lang));
}

std::string shortened(std::string_view text, std::size_t max) {
    std::string out = truncate_chars(text, max);
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out.size() < text.size() ? out + "…" : out;
}

std::string given(const FeedbackQuery& q, const std::string& name) {
    auto it = q.given.find(name);
    return it == q.given.end() ? std::string() : it->second;
}

std::string text_input(const FeedbackQuery& q, const char* name, std::string_view caption, const char* type = "text",
                       const char* placeholder = "") {
    std::string id = std::string("f-") + name;
    std::string out = "<div><label for=\"" + id + "\">" + esc(caption) + "</label><input type=\"" + type + "\" id=\"" + id +
                      "\" name=\"" + name + "\" value=\"" + esc(given(q, name)) + "\"";
    if (*placeholder) out += std::string(" placeholder=\"") + placeholder + "\"";
    return out + "></div>";
}

std::string vocabulary_select(const FeedbackQuery& q, const char* name, std::string_view caption, std::span<const Label> vocabulary,
                              Lang lang) {
    std::string id = std::string("f-") + name, chosen = given(q, name);
    std::string out = "<div><label for=\"" + id + "\">" + esc(caption) + "</label><select id=\"" + id + "\" name=\"" + name +
                      "\"><option value=\"\">" + tr(lang, "Tất cả", "All") + "</option>";
    for (const auto& l : vocabulary) {
        std::string code(l.code);
        out += "<option value=\"" + esc(code) + "\"" + (code == chosen ? " selected" : "") + ">" + esc(l.text(lang)) + "</option>";
    }
    return out + "</select></div>";
}

std::string unit_name(const Unit& u, Lang lang) { return lang == Lang::en && !u.name_en.empty() ? u.name_en : u.name; }

std::string filter_form(const FeedbackQuery& q, Lang lang, const std::vector<Unit>& units, const std::string& scope_unit) {
    std::string out = "<form class=\"period\" method=\"get\" action=\"/ui/feedback\">";
    std::string chosen_unit = q.filter.unit.value_or(scope_unit);
    out += "<div><label for=\"f-unit\">" + tr(lang, "Đơn vị", "Unit") + "</label><select id=\"f-unit\" name=\"unit\">";
    for (const auto& u : units)
        out += "<option value=\"" + esc(u.code) + "\"" + (u.code == chosen_unit ? " selected" : "") + ">" +
               esc(u.code + " " + shortened(unit_name(u, lang), 40)) + "</option>";
    out += "</select></div>";
    out += "<fieldset><legend>" + tr(lang, "Trạng thái", "Status") + "</legend>";
    for (const auto& l : feedback_statuses()) {
        std::string code(l.code);
        bool on = std::find(q.filter.statuses.begin(), q.filter.statuses.end(), code) != q.filter.statuses.end();
        out += "<label><input type=\"checkbox\" name=\"status_" + esc(code) + "\" value=\"1\"" + (on ? " checked" : "") + "> " +
               esc(l.text(lang)) + "</label>";
    }
    out += "</fieldset>";
    out += vocabulary_select(q, "category", tr(lang, "Lĩnh vực", "Category"), categories(), lang);
    out += vocabulary_select(q, "kind", tr(lang, "Loại", "Kind"), feedback_kinds(), lang);
    out += vocabulary_select(q, "channel", tr(lang, "Kênh tiếp nhận", "Channel"), channels(), lang);
    out += text_input(q, "officer", tr(lang, "Cán bộ được phản ánh", "Officer concerned"));
    out += text_input(q, "q", tr(lang, "Tìm theo nội dung (không cần dấu)", "Search the text (marks optional)"), "search");
    out += text_input(q, "from", tr(lang, "Từ ngày", "From"), "date");
    out += text_input(q, "to", tr(lang, "Đến ngày", "To"), "date");
    out += text_input(q, "month", tr(lang, "Tháng", "Month"), "text", "2026-11");
    out += text_input(q, "quarter", tr(lang, "Quý", "Quarter"), "text", "2026-Q4");
    out += text_input(q, "year", tr(lang, "Năm", "Year"), "text", "2026");
    if (q.sort != "-received") out += "<input type=\"hidden\" name=\"sort\" value=\"" + esc(q.sort) + "\">";
    out += "<div><button type=\"submit\">" + tr(lang, "Lọc", "Filter") + "</button> <a href=\"/ui/feedback\">" +
           tr(lang, "Bỏ lọc", "Clear") + "</a></div></form>\n";
    return out;
}

std::string link_to(const FeedbackQuery& q, const std::string& sort, std::size_t page) {
    std::string query = filter_query(q);
    auto add = [&](const std::string& part) { query += (query.empty() ? "" : "&") + part; };
    if (sort != "-received") add("sort=" + query_encode(sort));
    if (page > 1) add("page=" + std::to_string(page));
    return "/ui/feedback" + (query.empty() ? std::string() : "?" + query);
}

// A column head that sorts by it: ascending first, descending when already ascending.
std::string sort_head(const FeedbackQuery& q, const char* column, std::string_view caption) {
    std::string col = column;
    bool ascending = q.sort == col, descending = q.sort == "-" + col;
    std::string next = ascending ? "-" + col : col;
    std::string state = ascending ? " aria-sort=\"ascending\"" : descending ? " aria-sort=\"descending\"" : "";
    std::string arrow = ascending ? " ▲" : descending ? " ▼" : "";
    return "<th scope=\"col\"" + state + "><a href=\"" + esc(link_to(q, next, 1)) + "\">" + esc(caption) + "</a>" + arrow + "</th>";
}
}  // namespace

PageContent feedback_table(Store& store, Lang lang, const Viewer& viewer, const FeedbackQuery& q) {
    PageContent page;
    page.title = tr(lang, "Ý kiến người dân", "Feedback");
    std::vector<Unit> units = list_units(store, viewer.unit);
    std::map<std::string, std::string> names;
    for (const auto& u : units) names[u.code] = unit_name(u, lang);
    std::string shown_unit = q.filter.unit.value_or(viewer.unit);

    std::vector<std::string> ids = matching_ids(store, q);
    std::size_t pages = ids.empty() ? 1 : (ids.size() + feedback_page_size - 1) / feedback_page_size;
    std::size_t first = (q.page - 1) * feedback_page_size;
    std::vector<Feedback> rows;
    for (std::size_t i = first; i < ids.size() && i < first + feedback_page_size; ++i) rows.push_back(get_feedback(store, ids[i]));

    std::string& out = page.body;
    out = "<h1>" + esc(page.title + ": " + shown_unit + " " + names[shown_unit]) + "</h1>\n";
    out += filter_form(q, lang, units, viewer.unit);
    out += "<h2 id=\"t-feedback\">" + tr(lang, "Kết quả", "Results") + "</h2>\n";
    std::string filter = filter_query(q, true);
    std::string suffix = filter.empty() ? std::string() : "?" + filter;
    out += "<p>" + std::to_string(ids.size()) + tr(lang, " ý kiến", " items") + " · " + tr(lang, "trang ", "page ") +
           std::to_string(q.page) + "/" + std::to_string(pages) + " · " + tr(lang, "Xuất: ", "Export: ") +
           "<a href=\"" + esc("/ui/feedback/export.csv" + suffix) + "\">CSV</a> · <a href=\"" +
           esc("/ui/feedback/export.json" + suffix) + "\">JSON</a>" +
           (viewer.sees_personal() ? tr(lang, " (kèm họ tên, điện thoại người dân; được ghi nhật ký)",
                                        " (with residents' names and phones; logged)")
                                   : tr(lang, " (không kèm thông tin cá nhân)", " (without personal data)")) +
           "</p>\n";
    if (viewer.is_admin()) out += "<p><a href=\"/ui/audit\">" + tr(lang, "Nhật ký truy cập", "Audit log") + "</a></p>\n";

    std::string head = "<th scope=\"col\">" + tr(lang, "Mã", "Id") + "</th>" + sort_head(q, "received", tr(lang, "Ngày tiếp nhận", "Received")) +
                       sort_head(q, "unit", tr(lang, "Đơn vị", "Unit")) + sort_head(q, "status", tr(lang, "Trạng thái", "Status")) +
                       sort_head(q, "category", tr(lang, "Lĩnh vực", "Category")) + sort_head(q, "kind", tr(lang, "Loại", "Kind")) +
                       sort_head(q, "channel", tr(lang, "Kênh", "Channel")) + "<th scope=\"col\">" +
                       tr(lang, "Nội dung", "Text") + "</th><th scope=\"col\">" + tr(lang, "Cán bộ", "Officer") +
                       "</th><th scope=\"col\">" + tr(lang, "Người dân", "Resident") + "</th>";
    std::string body;
    for (const Feedback& f : rows) {
        if (shows_personal(f, viewer)) page.personal_ids.push_back(f.id);
        auto unit = names.find(f.unit);
        body += "<tr><th scope=\"row\"><a href=\"/ui/feedback/" + esc(query_encode(f.id)) + "\">" + esc(f.code.empty() ? f.id : f.code) +
                "</a></th><td>" + esc(f.received_at.substr(0, 10)) + "</td><td>" +
                esc(f.unit + (unit == names.end() ? std::string() : " " + shortened(unit->second, 28))) + "</td><td>" +
                esc(label(feedback_statuses(), f.status, lang)) + "</td><td>" + esc(label(categories(), f.category, lang)) +
                "</td><td>" + esc(label(feedback_kinds(), f.kind, lang)) + "</td><td>" + esc(label(channels(), f.channel, lang)) +
                "</td><td>" + esc(shortened(f.text, 80)) + "</td><td>" + esc(f.officer) + "</td><td>" +
                esc(resident_text(f, viewer, lang)) + "</td></tr>\n";
    }
    if (body.empty())
        body = "<tr><td colspan=\"10\">" + tr(lang, "Không có ý kiến nào khớp bộ lọc.", "No feedback matches the filter.") + "</td></tr>";
    out += "<div class=\"box\"><table aria-labelledby=\"t-feedback\"><thead><tr>" + head + "</tr></thead><tbody>" + body +
           "</tbody></table></div>\n";

    if (pages > 1) {
        out += "<nav aria-label=\"" + tr(lang, "Trang", "Pages") + "\"><p>";
        if (q.page > 1) out += "<a href=\"" + esc(link_to(q, q.sort, q.page - 1)) + "\" rel=\"prev\">" + tr(lang, "← Trang trước", "← Previous") + "</a> ";
        if (q.page < pages) out += "<a href=\"" + esc(link_to(q, q.sort, q.page + 1)) + "\" rel=\"next\">" + tr(lang, "Trang sau →", "Next →") + "</a>";
        out += "</p></nav>\n";
    }
    return page;
}

}  // namespace langnghe::server::ui
