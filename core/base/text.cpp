#include "langnghe/base/text.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "langnghe/base/error.h"

namespace langnghe {

namespace {
struct FreeDeleter {
    void operator()(utf8proc_uint8_t* p) const noexcept { std::free(p); }
};

std::string map_utf8(std::string_view s, int options, std::string_view field) {
    utf8proc_uint8_t* out = nullptr;
    auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                            &out, static_cast<utf8proc_option_t>(options));
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(out);
    if (len < 0)
        throw_invalid(std::string(field), std::string(field) + ": not valid UTF-8 text (" + utf8proc_errmsg(len) + ")",
                      std::string(field) + ": không phải văn bản UTF-8 hợp lệ");
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
}

// Calls `visit` with each code point of `s` while it returns true. True when every code point was
// visited; false when `visit` stopped or `s` is not UTF-8.
template <typename Visit>
bool each_code_point(std::string_view s, Visit visit) {
    auto p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(s.size());
    while (remaining > 0) {
        utf8proc_int32_t cp;
        auto n = utf8proc_iterate(p, remaining, &cp);
        if (n <= 0 || !visit(cp)) return false;
        p += n;
        remaining -= n;
    }
    return true;
}

bool is_space(utf8proc_int32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000;
}
}  // namespace

bool is_valid_utf8(std::string_view s) {
    return each_code_point(s, [](utf8proc_int32_t) { return true; });
}

namespace {
// Code points that are NFC on their own and never compose with a neighbour: everything below the
// combining marks (U+0300), the precomposed Vietnamese letters and the common punctuation (dashes,
// quotes, ellipsis). Text made only of these is already NFC, which is what almost every Vietnamese
// input is, so the utf8proc pass (the largest cost of validating a record) is skipped for it.
// tests/text_nfc_test.cpp checks every code point and every pair of them against utf8proc.
bool is_nfc_inert(utf8proc_int32_t cp) {
    return cp < 0x300 || (cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x2010 && cp <= 0x2027);
}

bool is_inert_utf8(std::string_view s) {
    return each_code_point(s, is_nfc_inert);
}
}  // namespace

bool is_nfc_inert_code_point(char32_t cp) { return is_nfc_inert(static_cast<utf8proc_int32_t>(cp)); }

std::string to_nfc(std::string_view s, std::string_view field) {
    if (s.empty()) return {};
    if (is_inert_utf8(s)) return std::string(s);
    return map_utf8(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE, field);
}

std::string fold_for_search(std::string_view s) {
    if (s.empty()) return {};
    // Decompose, drop marks, fold case; đ has no decomposition so it is mapped by hand below.
    std::string decomposed =
        map_utf8(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, "text");
    std::string out;
    out.reserve(decomposed.size());
    bool pending_space = false;
    each_code_point(decomposed, [&](utf8proc_int32_t cp) {
        if (cp == 0x0111 || cp == 0x0110) cp = 'd';  // đ, Đ
        if (is_space(cp)) {
            pending_space = !out.empty();
            return true;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        utf8proc_uint8_t buf[4];
        auto w = utf8proc_encode_char(cp, buf);
        out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(w));
        return true;
    });
    return out;
}

bool holds_phrase(std::string_view text, std::string_view phrase) {
    std::string words = fold_for_search(phrase);
    if (words.empty()) return true;
    return (" " + fold_for_search(text) + " ").find(" " + words + " ") != std::string::npos;
}

std::size_t codepoint_count(std::string_view s) {
    std::size_t count = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

std::string truncate_chars(std::string_view s, std::size_t max_chars) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == max_chars) return std::string(s.substr(0, i));
    return std::string(s);
}

bool has_control_characters(std::string_view s) {
    // Text that is not UTF-8 at all counts too: nothing a terminal should be given either.
    return !each_code_point(s, [](utf8proc_int32_t cp) {
        bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
        bool bidi_override = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        return !control && !bidi_override;
    });
}

std::string clean_text(std::string_view s, std::string_view field, std::size_t max_chars, bool allow_empty) {
    std::string text = to_nfc(s, field);
    auto first = text.find_first_not_of(" \t\r\n");
    auto last = text.find_last_not_of(" \t\r\n");
    text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    if (text.empty() && !allow_empty) throw_invalid(std::string(field), std::string(field) + ": must not be empty",
                                                    std::string(field) + ": không được để trống");
    if (codepoint_count(text) > max_chars)
        throw_invalid(std::string(field),
                      std::string(field) + ": longer than " + std::to_string(max_chars) + " characters",
                      std::string(field) + ": dài quá " + std::to_string(max_chars) + " ký tự");
    return text;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace langnghe
