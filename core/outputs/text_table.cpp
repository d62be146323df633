#include "text_table.h"

#include <algorithm>

#include "langnghe/base/text.h"

namespace langnghe {

std::string text_table(const std::vector<std::vector<std::string>>& rows, const std::vector<Align>& align,
                       const std::string& indent) {
    std::vector<std::size_t> width(align.size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], codepoint_count(row[i]));
    std::string out;
    for (const auto& row : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) {
            std::string pad(width[i] - codepoint_count(row[i]), ' ');
            if (i) line += "  ";
            line += align[i] == Align::right ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
        }
        out += line + "\n";
    }
    return out;
}

std::string text_heading(std::string_view text) {
    std::string line(text);
    return "\n" + line + "\n" + std::string(codepoint_count(line), '-') + "\n";
}

}  // namespace langnghe
