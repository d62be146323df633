#include "langnghe/base/dates.h"

#include <chrono>
#include <cstdio>

namespace langnghe {

namespace {
constexpr std::int64_t vietnam_offset_ms = 7 * 3600 * 1000;

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string make_iso(int y, int m, int d, std::string_view input, std::string_view field) {
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || y < 1900 || y > 2999)
        throw_invalid(std::string(field), std::string(field) + ": '" + std::string(input) + "' is not a real date",
                      std::string(field) + ": '" + std::string(input) + "' không phải ngày có thật");
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

[[noreturn]] void bad_date(std::string_view input, std::string_view field) {
    throw_invalid(std::string(field), std::string(field) + ": '" + std::string(input) +
                                          "' is not a date (use dd/mm/yyyy or yyyy-mm-dd)",
                  std::string(field) + ": '" + std::string(input) + "' không phải ngày (dùng dd/mm/yyyy hoặc yyyy-mm-dd)");
}
}  // namespace

std::string parse_date(std::string_view in, std::string_view field) {
    if (in.size() == 10 && in[4] == '-' && in[7] == '-' && digits(in.substr(0, 4)) && digits(in.substr(5, 2)) &&
        digits(in.substr(8, 2)))
        return make_iso(number(in.substr(0, 4)), number(in.substr(5, 2)), number(in.substr(8, 2)), in, field);
    auto s1 = in.find('/');
    auto s2 = s1 == std::string_view::npos ? s1 : in.find('/', s1 + 1);
    if (s2 != std::string_view::npos) {
        auto d = in.substr(0, s1), m = in.substr(s1 + 1, s2 - s1 - 1), y = in.substr(s2 + 1);
        if (digits(d) && digits(m) && digits(y) && d.size() <= 2 && m.size() <= 2 && y.size() == 4)
            return make_iso(number(y), number(m), number(d), in, field);
    }
    bad_date(in, field);
}

std::string parse_date_time(std::string_view in, std::string_view field) {
    auto sep = in.find_first_of(" T");
    if (sep == std::string_view::npos) return parse_date(in, field);
    std::string date = parse_date(in.substr(0, sep), field);
    auto t = in.substr(sep + 1);
    if (t.size() != 5 || t[2] != ':' || !digits(t.substr(0, 2)) || !digits(t.substr(3, 2)) ||
        number(t.substr(0, 2)) > 23 || number(t.substr(3, 2)) > 59)
        throw_invalid(std::string(field), std::string(field) + ": '" + std::string(in) + "' has no valid time (hh:mm)",
                      std::string(field) + ": '" + std::string(in) + "' không có giờ hợp lệ (hh:mm)");
    return date + "T" + std::string(t);
}

std::string format_date(std::string_view iso, Lang lang) {
    if (iso.size() < 10 || lang == Lang::en) return std::string(iso);
    std::string out = std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
                      std::string(iso.substr(0, 4));
    if (iso.size() > 11) out += " " + std::string(iso.substr(11));
    return out;
}

std::int64_t days_from_iso(std::string_view iso) {
    using namespace std::chrono;
    if (iso.size() < 10) return 0;
    year_month_day ymd{year{number(iso.substr(0, 4))}, month{static_cast<unsigned>(number(iso.substr(5, 2)))},
                       day{static_cast<unsigned>(number(iso.substr(8, 2)))}};
    return sys_days{ymd}.time_since_epoch().count();
}

std::string iso_from_days(std::int64_t days) {
    using namespace std::chrono;
    year_month_day ymd{sys_days{std::chrono::days{days}}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string iso_date_at(std::int64_t ms) {
    auto local = ms + vietnam_offset_ms;
    auto days = local / 86400000 - (local % 86400000 < 0 ? 1 : 0);
    return iso_from_days(days);
}

std::string iso_date_time_at(std::int64_t ms) {
    auto local = ms + vietnam_offset_ms;
    auto day_ms = ((local % 86400000) + 86400000) % 86400000;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(day_ms / 3600000), static_cast<int>(day_ms / 60000 % 60));
    return iso_date_at(ms) + "T" + buf;
}

std::string iso_instant_at(std::int64_t ms) {
    auto local = ms + vietnam_offset_ms;
    auto day_ms = ((local % 86400000) + 86400000) % 86400000;
    char buf[16];
    std::snprintf(buf, sizeof buf, ":%02d+07:00", static_cast<int>(day_ms / 1000 % 60));
    return iso_date_time_at(ms) + buf;
}

}  // namespace langnghe
