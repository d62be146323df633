#pragma once
// Aligned plain-text tables for the reports printed on a terminal or pasted into a document.
#include <string>
#include <string_view>
#include <vector>

namespace langnghe {

enum class Align { left, right };

// Columns padded to the widest cell, counted in code points (text is NFC, so one per letter); the
// last column of a left-aligned row is not padded.
std::string text_table(const std::vector<std::vector<std::string>>& rows, const std::vector<Align>& align,
                       const std::string& indent = "  ");

// A blank line, the text, and a rule as long as it.
std::string text_heading(std::string_view text);

}  // namespace langnghe
