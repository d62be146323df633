#pragma once
// Calendar periods of the unit report (issue 15): a month ("2026-11"), a quarter ("2026-Q4") or a
// year ("2026"), each with the period before it, shown side by side.
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "langnghe/base/error.h"
#include "langnghe/outputs/report.h"

namespace langnghe {

struct CalendarPeriod {
    enum class Kind { month, quarter, year };
    Kind kind = Kind::year;
    int year = 0;
    int index = 1;  // the month 1–12 or the quarter 1–4; 1 for a year

    // ISO dates of its first and last day.
    ReportPeriod dates() const;
    // "2026-11", "2026-Q4", "2026": what the option takes.
    std::string code() const;
    // "Tháng 11/2026", "Quý IV/2026", "Năm 2026" / "November 2026", "Q4 2026", "2026".
    std::string label(Lang lang) const;
    // The month, quarter or year before: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4.
    CalendarPeriod previous() const;
    // Its code, then the codes of the quarters and then the months within it, latest first: where
    // the report looks for criteria assessments ("2026", "2026-Q4", …, "2026-Q1", "2026-12", …).
    std::vector<std::string> codes_within() const;
};

// Parse the option values; anything else is invalid_input naming the field (month, quarter, year),
// in both languages. A month is "2026-11" or "11/2026", a quarter "2026-Q4" (or "q4"), a year
// "2026"; years from 1900 to 9999.
CalendarPeriod parse_month(std::string_view text);
CalendarPeriod parse_quarter(std::string_view text);
CalendarPeriod parse_year(std::string_view text);

// The unit report over `period`, with the headline figures of the period before it
// (UnitReport::previous), both periods' labels, and the criteria scores of `criteria_set` (see
// add_criteria_scores) from the period's codes_within().
UnitReport unit_report(Store& store, const std::string& unit, const CalendarPeriod& period,
                       const std::string& today_iso, const std::optional<std::string>& criteria_set = std::nullopt);

}  // namespace langnghe
