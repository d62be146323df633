#include "langnghe/outputs/minutes_layout.h"

#include <cstdio>

#include "langnghe/base/text.h"
#include "langnghe/model/vocab.h"

namespace langnghe {

namespace {
std::string two_digits(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

std::string centred(const std::string& s, std::size_t width) {
    std::size_t len = codepoint_count(s);
    if (len >= width) return s;
    std::size_t left = (width - len) / 2;
    return std::string(left, ' ') + s + std::string(width - len - left, ' ');
}

constexpr std::size_t signature_column = 36;
constexpr int signing_space_lines = 3;
}  // namespace

std::string place_date_line(const std::string& place, const std::string& iso_date, Lang lang) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    if (iso_date.size() < 10) return place;
    int year = std::stoi(iso_date.substr(0, 4)), month = std::stoi(iso_date.substr(5, 2)),
        day = std::stoi(iso_date.substr(8, 2));
    if (month < 1 || month > 12) return place;
    std::string prefix = place.empty() ? "" : place + ", ";
    if (lang == Lang::en) return prefix + std::to_string(day) + " " + months[month - 1] + " " + std::to_string(year);
    std::string d = day < 10 ? two_digits(day) : std::to_string(day);
    std::string m = month <= 2 ? two_digits(month) : std::to_string(month);
    return prefix + "ngày " + d + " tháng " + m + " năm " + std::to_string(year);
}

std::string time_span(const std::string& start, const std::string& end, Lang lang) {
    bool vi = lang == Lang::vi;
    if (!start.empty() && !end.empty()) return vi ? "từ " + start + " đến " + end : start + " to " + end;
    if (!start.empty()) return vi ? "bắt đầu " + start : "from " + start;
    if (!end.empty()) return vi ? "kết thúc " + end : "until " + end;
    return {};
}

std::string groups_present(const Forum& forum, Lang lang) {
    std::string out;
    for (const auto& g : in_vocabulary_order(attendee_groups(), forum.groups)) {
        auto count = forum.group_attendees.find(g);
        // Labels hold commas ("Lãnh đạo cấp ủy, chính quyền"), so groups are set apart by semicolons.
        out += (out.empty() ? "" : "; ") + std::string(label_of(attendee_groups(), g, lang));
        if (count != forum.group_attendees.end()) out += " (" + std::to_string(count->second) + ")";
    }
    return out;
}

SignatureBlock chair_signature(const Forum& forum, Lang lang) {
    bool vi = lang == Lang::vi;
    return {vi ? "CHỦ TRÌ" : "CHAIR", vi ? "(Ký, ghi rõ họ tên)" : "(Signature and full name)", forum.chair};
}

SignatureBlock secretary_signature(const Forum& forum, Lang lang) {
    bool vi = lang == Lang::vi;
    return {vi ? "THƯ KÝ" : "SECRETARY", vi ? "(Ký, ghi rõ họ tên)" : "(Signature and full name)", forum.secretary};
}

std::string signatures_text(const SignatureBlock& left, const SignatureBlock& right) {
    auto line = [](const std::string& a, const std::string& b) {
        std::string s = centred(a, signature_column) + centred(b, signature_column);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s + "\n";
    };
    std::string out = line(left.role, right.role) + line(left.hint, right.hint);
    for (int i = 0; i < signing_space_lines; ++i) out += "\n";
    return out + line(left.name, right.name);
}

}  // namespace langnghe
