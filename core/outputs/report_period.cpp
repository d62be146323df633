#include "langnghe/outputs/report_period.h"

#include <algorithm>
#include <cstdio>

#include "langnghe/model/feedback.h"

namespace langnghe {

namespace {
bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int year_of(std::string_view text, bool& ok) {
    ok = text.size() == 4 && all_digits(text);
    int year = ok ? std::stoi(std::string(text)) : 0;
    ok = ok && year >= 1900;
    return year;
}

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

std::string iso(int year, int month, int day) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string two(int n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

[[noreturn]] void refuse(const std::string& field, std::string_view text, const std::string& example) {
    throw_invalid(field, field + ": '" + std::string(text) + "' is not a " + field + " (write it as " + example + ")",
                  field + ": '" + std::string(text) + "' không hợp lệ (viết theo dạng " + example + ")");
}
}  // namespace

ReportPeriod CalendarPeriod::dates() const {
    switch (kind) {
        case Kind::month: return {iso(year, index, 1), iso(year, index, days_in_month(year, index))};
        case Kind::quarter: {
            int first = (index - 1) * 3 + 1, last = first + 2;
            return {iso(year, first, 1), iso(year, last, days_in_month(year, last))};
        }
        case Kind::year: break;
    }
    return {iso(year, 1, 1), iso(year, 12, 31)};
}

std::string CalendarPeriod::code() const {
    switch (kind) {
        case Kind::month: return std::to_string(year) + "-" + two(index);
        case Kind::quarter: return std::to_string(year) + "-Q" + std::to_string(index);
        case Kind::year: break;
    }
    return std::to_string(year);
}

std::string CalendarPeriod::label(Lang lang) const {
    static const char* roman[] = {"I", "II", "III", "IV"};
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    bool vi = lang == Lang::vi;
    switch (kind) {
        case Kind::month:
            return vi ? "Tháng " + two(index) + "/" + std::to_string(year)
                      : std::string(months[index - 1]) + " " + std::to_string(year);
        case Kind::quarter:
            return vi ? "Quý " + std::string(roman[index - 1]) + "/" + std::to_string(year)
                      : "Q" + std::to_string(index) + " " + std::to_string(year);
        case Kind::year: break;
    }
    return vi ? "Năm " + std::to_string(year) : std::to_string(year);
}

CalendarPeriod CalendarPeriod::previous() const {
    CalendarPeriod p = *this;
    int last_index = kind == Kind::month ? 12 : kind == Kind::quarter ? 4 : 1;
    if (p.index > 1) {
        --p.index;
    } else {
        --p.year;
        p.index = last_index;
    }
    return p;
}

CalendarPeriod parse_month(std::string_view text) {
    std::string_view y, m;
    if (text.size() == 7 && text[4] == '-') y = text.substr(0, 4), m = text.substr(5, 2);
    else if (text.size() == 7 && text[2] == '/') m = text.substr(0, 2), y = text.substr(3, 4);
    else refuse("month", text, "2026-11");
    bool ok = false;
    int year = year_of(y, ok);
    int month = all_digits(m) ? std::stoi(std::string(m)) : 0;
    if (!ok || month < 1 || month > 12) refuse("month", text, "2026-11");
    return {CalendarPeriod::Kind::month, year, month};
}

CalendarPeriod parse_quarter(std::string_view text) {
    bool ok = text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') && text[6] >= '1' && text[6] <= '4';
    int year = ok ? year_of(text.substr(0, 4), ok) : 0;
    if (!ok) refuse("quarter", text, "2026-Q4");
    return {CalendarPeriod::Kind::quarter, year, text[6] - '0'};
}

CalendarPeriod parse_year(std::string_view text) {
    bool ok = false;
    int year = year_of(text, ok);
    if (!ok) refuse("year", text, "2026");
    return {CalendarPeriod::Kind::year, year, 1};
}

std::vector<std::string> CalendarPeriod::codes_within() const {
    std::vector<std::string> codes{code()};
    if (kind == Kind::year)
        for (int q = 4; q >= 1; --q) codes.push_back(CalendarPeriod{Kind::quarter, year, q}.code());
    if (kind != Kind::month) {
        int last = kind == Kind::year ? 12 : index * 3, first = kind == Kind::year ? 1 : last - 2;
        for (int m = last; m >= first; --m) codes.push_back(CalendarPeriod{Kind::month, year, m}.code());
    }
    return codes;
}

UnitReport unit_report(Store& store, const std::string& unit, const CalendarPeriod& period,
                       const std::string& today_iso, const std::optional<std::string>& criteria_set) {
    auto answered_at = first_answered_at(store, unit);
    UnitReport r = unit_report(store, unit, period.dates(), today_iso, answered_at);
    add_criteria_scores(store, r, period.codes_within(), criteria_set);
    CalendarPeriod before = period.previous();
    UnitReport earlier = unit_report(store, unit, before.dates(), today_iso, answered_at);
    r.period_code = period.code();
    r.period_label = {period.label(Lang::vi), period.label(Lang::en)};
    PreviousPeriod previous;
    previous.code = before.code();
    previous.label = {before.label(Lang::vi), before.label(Lang::en)};
    previous.period = earlier.period;
    previous.figures = headline_figures(earlier);
    r.previous = std::move(previous);
    return r;
}

}  // namespace langnghe
