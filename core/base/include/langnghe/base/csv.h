#pragma once
// RFC 4180 CSV: reading (quoted fields, doubled quotes, CRLF, a leading UTF-8 BOM) and writing.
#include <string>
#include <string_view>
#include <vector>

namespace langnghe {

std::vector<std::vector<std::string>> parse_csv(std::string_view text);
// One CSV line (with CRLF) of the given cells, quoting where needed. A cell a spreadsheet would run
// as a formula (starting with =, +, -, @, tab or CR, and not a number) is quoted as text: '=…'.
std::string csv_line(const std::vector<std::string>& cells);
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

}  // namespace langnghe
