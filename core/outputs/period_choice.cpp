#include "langnghe/outputs/period_choice.h"

#include <vector>

#include "langnghe/base/dates.h"

namespace langnghe {

namespace {
// The one of month, quarter and year given ("" when none).
std::string calendar_field(const PeriodOptions& o) {
    std::vector<std::string> given;
    if (!o.month.empty()) given.push_back("month");
    if (!o.quarter.empty()) given.push_back("quarter");
    if (!o.year.empty()) given.push_back("year");
    if (given.size() > 1)
        throw_invalid(given[1], "--" + given[0] + " and --" + given[1] + " each give the period: give one",
                      "--" + given[0] + " và --" + given[1] + " đều xác định kỳ báo cáo: chỉ dùng một");
    return given.empty() ? std::string() : given[0];
}
}  // namespace

ChosenPeriod choose_period(const PeriodOptions& o, const std::string& today_iso) {
    std::string field = calendar_field(o);
    if (!field.empty() && (!o.from.empty() || !o.to.empty()))
        throw_invalid(field, "--" + field + " gives the period: leave out --from and --to",
                      "--" + field + " đã xác định kỳ báo cáo: không dùng kèm --from và --to");
    ChosenPeriod chosen;
    if (field == "month") chosen.calendar = parse_month(o.month);
    if (field == "quarter") chosen.calendar = parse_quarter(o.quarter);
    if (field == "year") chosen.calendar = parse_year(o.year);
    if (chosen.calendar) {
        chosen.dates = chosen.calendar->dates();
        return chosen;
    }
    chosen.dates.from = o.from.empty() ? today_iso.substr(0, 4) + "-01-01" : parse_date(o.from, "from");
    chosen.dates.to = o.to.empty() ? today_iso.substr(0, 10) : parse_date(o.to, "to");
    if (chosen.dates.from > chosen.dates.to)
        throw_invalid("to",
                      "to: the period ends (" + chosen.dates.to + ") before it starts (" + chosen.dates.from + ")",
                      "to: ngày kết thúc (" + chosen.dates.to + ") trước ngày bắt đầu (" + chosen.dates.from + ")");
    return chosen;
}

}  // namespace langnghe
