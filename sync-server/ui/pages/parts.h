#pragma once
// What the list pages (actions, forums, ballots) share: table cells, the period a query names, and a
// unit's name as the page's reader reads it.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "../html.h"
#include "langnghe/outputs/report_period.h"

namespace langnghe {
class Store;
}

namespace langnghe::server::ui {

std::string col_head(std::string_view text, bool number = false);    // <th scope="col">
std::string row_head(std::string_view text);                          // <th scope="row">
std::string cell(std::string_view text, bool number = false);         // <td>, right-aligned for numbers
// A table in its sideways-scrolling box, labelled by the heading with id `heading_id`.
std::string boxed_table(const std::string& heading_id, const std::string& head, const std::string& rows);

// The period `?month=`, `?year=` or `?quarter=` names (in that order, as on the overview); none when
// the query names none. A malformed one is invalid_input naming it.
std::optional<CalendarPeriod> period_in(const std::map<std::string, std::string>& query);
// The quarter `today` (YYYY-MM-DD) falls in.
CalendarPeriod quarter_of(const std::string& today);
// The GET form that chooses the period of page `action`, showing `shown`.
std::string period_form(const std::string& action, const std::optional<CalendarPeriod>& shown, Lang lang);
// "00004 Phường Ba Đình" (the English name when the page is English and the unit has one).
std::string unit_title(Store& store, const std::string& code, Lang lang);

}  // namespace langnghe::server::ui
