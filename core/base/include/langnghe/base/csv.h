#pragma once
// RFC 4180 CSV: reading (quoted fields, doubled quotes, CRLF, a leading UTF-8 BOM) and writing.
#include <string>
#include <string_view>
#include <vector>

namespace langnghe {

std::vector<std::vector<std::string>> parse_csv(std::string_view text);
// One CSV line (with CRLF) of the given cells, quoting where needed.
std::string csv_line(const std::vector<std::string>& cells);
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

}  // namespace langnghe
