#pragma once
// The period of a report as its options give it: --from/--to (by default this year to today), or
// one calendar period, --month, --quarter or --year (report_period.h). Every report over a
// period chooses it here, so each takes the same options and refuses the same mistakes.
#include <optional>
#include <string>

#include "langnghe/outputs/report.h"
#include "langnghe/outputs/report_period.h"

namespace langnghe {

struct PeriodOptions {
    std::string from, to, month, quarter, year;  // as typed; "" when not given
};

struct ChosenPeriod {
    ReportPeriod dates;                      // ISO, both inclusive
    std::optional<CalendarPeriod> calendar;  // when a month, quarter or year was given
};

// Refuses (invalid_input naming the option) two calendar options together, a calendar option with
// --from or --to, a malformed date, month, quarter or year, and a period that ends before it starts.
ChosenPeriod choose_period(const PeriodOptions& options, const std::string& today_iso);

}  // namespace langnghe
