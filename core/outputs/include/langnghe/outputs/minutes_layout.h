#pragma once
// The parts that make forum minutes a biên bản: the place-and-date line, the time the forum
// began and ended, those present in the customary order, and the signature blocks of the chair
// and the secretary side by side.
#include <string>

#include "langnghe/base/error.h"
#include "langnghe/model/forum.h"

namespace langnghe {

// "Phường Ba Đình, ngày 05 tháng 02 năm 2026" (a day below 10 and the months 1 and 2 with a
// leading zero, as administrative documents write them); "Ba Dinh Ward, 5 February 2026" in English.
std::string place_date_line(const std::string& place, const std::string& iso_date, Lang lang);
// "từ 08:00 đến 10:30" / "08:00 to 10:30"; one end alone when the other is unknown; "" for none.
std::string time_span(const std::string& start, const std::string& end, Lang lang);
// The groups present, in attendee_groups() order, each with its count when one was given:
// "Hội Cựu chiến binh (12); Nhân dân".
std::string groups_present(const Forum& forum, Lang lang);

struct SignatureBlock {
    std::string role, hint, name;  // "CHỦ TRÌ", "(Ký, ghi rõ họ tên)", the person
};
// The chair's block and the secretary's, in `lang`.
SignatureBlock chair_signature(const Forum& forum, Lang lang);
SignatureBlock secretary_signature(const Forum& forum, Lang lang);
// The two blocks as plain text, side by side, each centred in its half, room left to sign.
std::string signatures_text(const SignatureBlock& left, const SignatureBlock& right);

}  // namespace langnghe
