#pragma once
// The feedback pages (docs/dashboard.md, "Pages"): the table with its filters, the detail page,
// the exports of the table's filter, and the admin's page of the audit log. Each renders from the
// core's queries (list_feedback, search_feedback, record_history, …) what ui_routes.cpp gives it;
// none reads a request or writes a header or an audit line. They say which records they showed
// personal data of, and the routes write the audit line.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "audit.h"
#include "html.h"
#include "langnghe/model/feedback.h"
#include "langnghe/outputs/feedback_export.h"

namespace langnghe {
class Store;
}

namespace langnghe::server::ui {

// Who is reading: the user's unit (the root of everything the user may see) and role.
struct Viewer {
    std::string name, unit, role;
    // Residents' names and phones (docs/dashboard.md, "Who sees what"): unit heads and admins.
    bool sees_personal() const { return role == "unit_head" || role == "admin"; }
    bool is_admin() const { return role == "admin"; }
};

inline constexpr std::size_t feedback_page_size = 50;
inline constexpr std::size_t audit_page_size = 50;

// What the table is asked for, from the query: the core's filter (its unit always set, to the
// user's unit or one of its subtree), the search words, the sort and the page.
struct FeedbackQuery {
    FeedbackFilter filter;
    std::string search;
    std::string sort = "-received";  // a column code; '-' before it: descending
    std::size_t page = 1;
    // The query's filter parameters as given (not page, sort or lang), for links and audit lines.
    std::map<std::string, std::string> given;
};

// Parses and checks the query: a unit outside the viewer's subtree is not_found (as one that does
// not exist); a malformed period, page or sort is invalid_input naming it. `today`: YYYY-MM-DD.
FeedbackQuery parse_feedback_query(Store& store, const Viewer& viewer, const std::map<std::string, std::string>& query,
                                   const std::string& today);
// Every item the query matches within the viewer's scope, in its sort order (not paged).
std::vector<Feedback> matching_feedback(Store& store, const FeedbackQuery& q);
// The ids of the same items in the same order, the records left unread where the filter allows
// (no name matched): the table counts them all and reads only its page's rows.
std::vector<std::string> matching_ids(Store& store, const FeedbackQuery& q);
// The filter as a query string ("status=new&unit=00004"), empty when none; without page and sort
// unless asked for.
std::string filter_query(const FeedbackQuery& q, bool with_sort = false);
// The filter as an audit line names it: "unit=00004 status_new=1 q=thái độ" (sort too when not the
// default), "(none)" when nothing narrows the table; no control characters, at most 500 characters.
std::string filter_text(const FeedbackQuery& q);

// A page's content, and the ids of the records whose personal data it shows (an audit line each view).
struct PageContent {
    std::string title, body;
    std::vector<std::string> personal_ids;
};

PageContent feedback_table(Store& store, Lang lang, const Viewer& viewer, const FeedbackQuery& q);
// not_found for a record that does not exist or lies outside the viewer's subtree, alike.
PageContent feedback_detail(Store& store, Lang lang, const Viewer& viewer, const std::string& id);

// An export of the query's rows (all pages, in its order), with personal data only for a viewer
// who may see it.
struct ExportFile {
    std::string content_type, filename, body;
    std::size_t rows = 0;
    bool personal = false;
};
ExportFile feedback_export(Store& store, Lang lang, const Viewer& viewer, const FeedbackQuery& q, ExportFormat format,
                           const std::string& today);

// The audit log's page `page` (1-based) from `lines`, the newest (page × size + 1) lines: the one
// past the page says whether there is a next.
PageContent audit_page(Lang lang, const std::vector<AuditEntry>& lines, std::size_t page);
// `page` from the query (1 when absent); invalid_input when not a page number.
std::size_t page_number(const std::map<std::string, std::string>& query);

// "ẩn" / "hidden", "ẩn danh" / "anonymous": the resident as the viewer may see them.
std::string resident_text(const Feedback& f, const Viewer& viewer, Lang lang);
// Whether `f` holds a resident's name or phone (not redacted) that the viewer is shown.
bool shows_personal(const Feedback& f, const Viewer& viewer);

}  // namespace langnghe::server::ui
