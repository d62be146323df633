// to_nfc skips utf8proc for text made of "inert" code points; this proves, against utf8proc itself,
// that skipping it never changes a result.
#include <catch2/catch.hpp>

#include <utf8proc.h>

#include <cstdlib>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"

using namespace langnghe;

namespace {
std::string utf8_of(char32_t cp) {
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string utf8proc_nfc(const std::string& s) {
    utf8proc_uint8_t* out = nullptr;
    auto len =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    std::string result = len < 0 ? std::string("<error>") : std::string(reinterpret_cast<const char*>(out), len);
    std::free(out);
    return result;
}

std::vector<char32_t> inert_code_points() {
    std::vector<char32_t> out;
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp)
        if ((cp < 0xD800 || cp > 0xDFFF) && is_nfc_inert_code_point(cp)) out.push_back(cp);
    return out;
}
}  // namespace

TEST_CASE("inert code points are NFC alone and never compose with each other", "[base]") {
    auto inert = inert_code_points();
    REQUIRE(inert.size() > 800);  // ASCII, Latin-1, Latin Extended, Vietnamese letters, punctuation
    std::vector<std::string> encoded;
    for (auto cp : inert) {
        encoded.push_back(utf8_of(cp));
        INFO("U+" << std::hex << static_cast<unsigned>(cp));
        REQUIRE(utf8proc_nfc(encoded.back()) == encoded.back());
    }
    std::size_t mismatches = 0;
    for (const auto& a : encoded)
        for (const auto& b : encoded)
            if (utf8proc_nfc(a + b) != a + b) ++mismatches;
    CHECK(mismatches == 0);
}

TEST_CASE("text outside the inert set still goes through utf8proc", "[base]") {
    CHECK_FALSE(is_nfc_inert_code_point(0x0300));  // combining grave
    CHECK_FALSE(is_nfc_inert_code_point(0x2126));  // OHM SIGN, a singleton that NFC replaces
    CHECK(to_nfc("\u2126") == "\u03A9");
    CHECK(to_nfc("Ha\xCC\x80 No\xCC\xA3\xCC\x82i") == "Hà Nội");  // decomposed marks compose
    CHECK(to_nfc("Ho\xCC\x80"
                 "a") == "Hòa");
    CHECK(to_nfc("\xE1\xBA\xA0\xCC\x86") == "\xE1\xBA\xB6");              // Ạ + breve → Ặ
    CHECK(to_nfc("Khánh Hoà – “ổn định”…") == "Khánh Hoà – “ổn định”…");  // inert: returned as is
    CHECK_THROWS_AS(to_nfc("ok \xC3"), Error);                            // invalid UTF-8 still refused
}
