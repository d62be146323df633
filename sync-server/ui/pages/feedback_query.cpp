// What the feedback table is asked for (`/ui/feedback?…`), checked and turned into the core's
// FeedbackFilter, and the rows it matches: list_feedback for the filters, search_feedback (the
// search index, ignoring marks) for the words, both within the viewer's unit subtree.
#include <algorithm>
#include <optional>
#include <set>

#include "feedback_pages.h"
#include "form.h"
#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/model/search.h"
#include "langnghe/model/vocab.h"
#include "langnghe/outputs/period_choice.h"
#include "langnghe/storage/queries.h"
#include "langnghe/storage/redaction.h"

namespace langnghe::server::ui {

namespace {
// The parameters that make the filter, in the order links carry them.
constexpr const char* filter_names[] = {"unit", "status", "category", "kind", "channel", "officer",
                                        "from", "to", "month", "quarter", "year", "q"};
constexpr const char* sort_columns[] = {"received", "unit", "status", "category", "kind", "channel"};

bool is_status_box(const std::string& name) { return name.rfind("status_", 0) == 0; }

// What a column sorts by: statuses in their lifecycle's order, the rest by code or date.
template <typename Row>  // Feedback or FeedbackFigures
std::string sort_key(const Row& f, std::string_view column) {
    if (column == "unit") return f.unit;
    if (column == "status") {
        auto statuses = feedback_statuses();
        auto at = std::find_if(statuses.begin(), statuses.end(), [&](const Label& l) { return l.code == f.status; });
        return std::to_string(1000 + (at - statuses.begin())) + f.status;
    }
    if (column == "category") return f.category;
    if (column == "kind") return f.kind;
    if (column == "channel") return f.channel;
    return f.received_at;
}
}  // namespace

std::size_t page_number(const std::map<std::string, std::string>& query) {
    auto it = query.find("page");
    if (it == query.end() || it->second.empty()) return 1;
    const std::string& text = it->second;
    bool digits = text.size() <= 6 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::size_t page = digits ? std::stoul(text) : 0;
    if (page == 0)
        throw_invalid("page", "page: '" + truncate_chars(is_valid_utf8(text) ? text : "?", 20) + "' is not a page number",
                      "page: '" + truncate_chars(is_valid_utf8(text) ? text : "?", 20) + "' không phải số trang");
    return page;
}

FeedbackQuery parse_feedback_query(Store& store, const Viewer& viewer, const std::map<std::string, std::string>& query,
                                   const std::string& today) {
    FeedbackQuery q;
    // Every value a page echoes back is text: NFC, or invalid_input naming the parameter.
    for (const auto& [name, value] : query) {
        bool wanted = is_status_box(name) || std::find(std::begin(filter_names), std::end(filter_names), name) != std::end(filter_names);
        if (!wanted || value.empty()) continue;
        std::string text = to_nfc(value, name);
        if (text.find_first_not_of(' ') == std::string::npos) continue;
        q.given[name] = std::move(text);
    }
    auto given = [&](const char* name) -> std::optional<std::string> {
        auto it = q.given.find(name);
        return it == q.given.end() ? std::nullopt : std::optional<std::string>(it->second);
    };

    // Scope first: the viewer's unit, or a unit of its subtree; any other unit answers as one that
    // does not exist would, so a user cannot learn what lies outside the subtree.
    q.filter.unit = viewer.unit;
    if (auto unit = given("unit"); unit && *unit != viewer.unit) {
        auto subtree = unit_subtree(store, viewer.unit);
        if (std::find(subtree.begin(), subtree.end(), *unit) == subtree.end())
            throw Error(ErrorCode::not_found, "No such unit within your scope.", "unit").vi("Không có đơn vị này trong phạm vi của bạn.");
        q.filter.unit = *unit;
    }

    // Statuses: checkboxes status_<code>, or a list status=new,answered.
    std::set<std::string> statuses;
    if (auto list = given("status")) {
        std::string item;
        for (char c : *list + ",") {
            if (c != ',') {
                item += c;
                continue;
            }
            if (!item.empty()) statuses.insert(item);
            item.clear();
        }
    }
    for (const auto& [name, value] : q.given)
        if (is_status_box(name)) statuses.insert(name.substr(7));
    q.filter.statuses = in_vocabulary_order(feedback_statuses(), {statuses.begin(), statuses.end()});

    q.filter.category = given("category");
    q.filter.kind = given("kind");
    q.filter.channel = given("channel");
    q.filter.officer = given("officer");
    PeriodOptions period{given("from").value_or(""), given("to").value_or(""), given("month").value_or(""),
                         given("quarter").value_or(""), given("year").value_or("")};
    if (!period.month.empty() || !period.quarter.empty() || !period.year.empty()) {
        ChosenPeriod chosen = choose_period(period, today);
        q.filter.from_date = chosen.dates.from;
        q.filter.to_date = chosen.dates.to;
    } else {
        q.filter.from_date = given("from");
        q.filter.to_date = given("to");
    }
    q.search = given("q").value_or("");

    if (auto it = query.find("sort"); it != query.end() && !it->second.empty()) {
        std::string column = it->second[0] == '-' ? it->second.substr(1) : it->second;
        if (std::find(std::begin(sort_columns), std::end(sort_columns), column) == std::end(sort_columns))
            throw_invalid("sort", "sort: not a column the table sorts by", "sort: bảng không sắp xếp được theo cột này");
        q.sort = it->second;
    }
    q.page = page_number(query);
    return q;
}

namespace {
// What ordering one row takes: its key for the sorted column (made once, not per comparison: a
// province's table sorts 100,000 rows), the tie-breakers, and where the row was.
struct SortRow {
    std::string key, received_at, id;
    std::size_t index = 0;
};

bool sorts_descending(const FeedbackQuery& q) { return q.sort[0] == '-'; }
std::string sort_column(const FeedbackQuery& q) { return sorts_descending(q) ? q.sort.substr(1) : q.sort; }

// Ties keep the newest first, then the id, so a page never shows a row the next one repeats.
void sort_rows(std::vector<SortRow>& rows, const FeedbackQuery& q) {
    bool descending = sorts_descending(q);
    std::sort(rows.begin(), rows.end(), [&](const SortRow& a, const SortRow& b) {
        if (a.key != b.key) return descending ? b.key < a.key : a.key < b.key;
        if (a.received_at != b.received_at) return b.received_at < a.received_at;
        return a.id < b.id;
    });
}

// The ids a search (`q`) finds in the filter's unit; none when the query searches nothing.
std::optional<std::set<std::string>> found_by_search(Store& store, const FeedbackQuery& q) {
    if (q.search.empty()) return std::nullopt;
    std::set<std::string> found;
    for (const auto& f : search_feedback(store, q.search, 0, q.filter.unit)) found.insert(f.id);
    return found;
}
}  // namespace

std::vector<Feedback> matching_feedback(Store& store, const FeedbackQuery& q) {
    std::vector<Feedback> rows = list_feedback(store, q.filter);  // checks every filter, in the unit's subtree
    if (auto found = found_by_search(store, q)) std::erase_if(rows, [&](const Feedback& f) { return !found->contains(f.id); });
    std::string column = sort_column(q);
    std::vector<SortRow> order;
    order.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) order.push_back({sort_key(rows[i], column), rows[i].received_at, rows[i].id, i});
    sort_rows(order, q);
    std::vector<Feedback> sorted;
    sorted.reserve(rows.size());
    for (const auto& row : order) sorted.push_back(std::move(rows[row.index]));
    return sorted;
}

std::vector<std::string> matching_ids(Store& store, const FeedbackQuery& q) {
    std::vector<std::string> ids;
    if (q.filter.officer || q.filter.group || q.filter.recorded_by) {
        // Names are matched on the whole record (ranks and marks aside), not by the store.
        for (auto& f : matching_feedback(store, q)) ids.push_back(std::move(f.id));
        return ids;
    }
    // Only what the order needs is kept of each figure, read as SQLite hands it over.
    auto found = found_by_search(store, q);
    std::string column = sort_column(q);
    std::vector<SortRow> order;
    visit_feedback_figures(store, q.filter, [&](const FeedbackFigures& f) {
        if (!found || found->contains(f.id)) order.push_back({sort_key(f, column), f.received_at, f.id});
    });
    sort_rows(order, q);
    ids.reserve(order.size());
    for (auto& row : order) ids.push_back(std::move(row.id));
    return ids;
}

std::string filter_query(const FeedbackQuery& q, bool with_sort) {
    std::string out;
    auto add = [&](const std::string& name, const std::string& value) {
        out += (out.empty() ? "" : "&") + query_encode(name) + "=" + query_encode(value);
    };
    for (const char* name : filter_names)
        if (auto it = q.given.find(name); it != q.given.end()) add(name, it->second);
    for (const auto& [name, value] : q.given)
        if (is_status_box(name)) add(name, value);
    if (with_sort && q.sort != "-received") add("sort", q.sort);
    return out;
}

std::string filter_text(const FeedbackQuery& q) {
    std::string out;
    for (const auto& [name, value] : q.given)
        out += (out.empty() ? "" : " ") + name + "=" + (has_control_characters(value) ? std::string("(?)") : value);
    if (q.sort != "-received") out += (out.empty() ? "" : " ") + std::string("sort=") + q.sort;
    return out.empty() ? "(none)" : truncate_chars(out, 500);
}

namespace {
bool personal_value(const std::string& value) { return !value.empty() && value != redacted_text(); }
}  // namespace

bool shows_personal(const Feedback& f, const Viewer& viewer) {
    return viewer.sees_personal() && !f.anonymous && (personal_value(f.resident_name) || personal_value(f.resident_phone));
}

std::string resident_text(const Feedback& f, const Viewer& viewer, Lang lang) {
    if (f.anonymous) return tr(lang, "ẩn danh", "anonymous");
    if (f.resident_name.empty() && f.resident_phone.empty()) return {};
    if (!viewer.sees_personal()) return tr(lang, "ẩn", "hidden");
    auto shown = [&](const std::string& value) { return value == redacted_text() ? tr(lang, "[đã ẩn]", "[redacted]") : value; };
    std::string out = shown(f.resident_name);
    if (!f.resident_phone.empty()) out += (out.empty() ? "" : " · ") + shown(f.resident_phone);
    return out;
}

}  // namespace langnghe::server::ui
