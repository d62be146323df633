#pragma once
// Unicode handling through utf8proc: every stored text is valid UTF-8 in NFC.
#include <string>
#include <string_view>

namespace langnghe {

bool is_valid_utf8(std::string_view s);
// NFC form of s; throws invalid_input naming `field` when s is not valid UTF-8.
std::string to_nfc(std::string_view s, std::string_view field = "text");
// True for the code points to_nfc passes through without asking utf8proc: each is NFC alone and
// none composes with a neighbour (checked exhaustively by tests/text_nfc_test.cpp).
bool is_nfc_inert_code_point(char32_t cp);
// Folding used by search: case folded, combining marks removed, đ/Đ → d, whitespace collapsed.
// "Thái ĐỘ" and "thai do" fold to the same string.
std::string fold_for_search(std::string_view s);
// Whether `text` holds the words of `phrase` together and in order, as whole words, both folded as
// fold_for_search folds: "le van hung" is in "Thiếu tá Lê Văn Hùng", "van hu" and "an" are not.
// An empty phrase is in every text.
bool holds_phrase(std::string_view text, std::string_view phrase);
// Number of Unicode code points (for length limits that mean characters, not bytes).
std::size_t codepoint_count(std::string_view s);
// At most max_chars code points of s (valid UTF-8), cut between characters, never inside one.
std::string truncate_chars(std::string_view s, std::size_t max_chars);
// True when s holds a control character (C0, DEL, C1) or a bidirectional override: text that
// moves a terminal's cursor or reorders what a person reads, e.g. in a device label.
bool has_control_characters(std::string_view s);

// Validates and normalises a user-supplied text field: valid UTF-8, NFC, trimmed, not empty
// (unless allow_empty), at most max_chars code points. Throws invalid_input naming `field`.
std::string clean_text(std::string_view s, std::string_view field, std::size_t max_chars, bool allow_empty = false);

// Text for XML and XHTML content and attribute values (the SVG charts, the HTML minutes).
std::string xml_escape(std::string_view s);

}  // namespace langnghe
