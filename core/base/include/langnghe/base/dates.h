#pragma once
// Calendar dates are stored as ISO "yyyy-mm-dd"; times as ISO "yyyy-mm-ddThh:mm". Vietnamese users
// read and type dd/mm/yyyy.
#include <cstdint>
#include <string>
#include <string_view>

#include "langnghe/base/error.h"

namespace langnghe {

// Accepts yyyy-mm-dd or dd/mm/yyyy, checks the day exists; throws invalid_input naming `field`.
std::string parse_date(std::string_view input, std::string_view field);
// Accepts a date (as parse_date) optionally followed by " hh:mm" or "Thh:mm".
std::string parse_date_time(std::string_view input, std::string_view field);
// dd/mm/yyyy for Vietnamese, yyyy-mm-dd for English; keeps a time part when present.
std::string format_date(std::string_view iso, Lang lang);
// Days since 1970-01-01 of an ISO date (the date part of a date-time).
std::int64_t days_from_iso(std::string_view iso);
std::string iso_from_days(std::int64_t days);
// Today's ISO date / date-time (UTC+7, the time zone the whole country keeps) at `ms`.
std::string iso_date_at(std::int64_t ms);
std::string iso_date_time_at(std::int64_t ms);
// The same to the second with its offset, "2026-12-03T04:36:12+07:00": a moment any program reads.
std::string iso_instant_at(std::int64_t ms);

}  // namespace langnghe
