#include "langnghe/base/csv.h"

#include "langnghe/base/error.h"

namespace langnghe {

std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        any = true;
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell.push_back(c);
            }
        } else if (c == '"' && cell.empty()) {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(std::move(cell));
            cell.clear();
            rows.push_back(std::move(row));
            row.clear();
            any = false;
            ++line;
        } else {
            cell.push_back(c);
        }
    }
    if (quoted) throw_invalid("file", "CSV line " + std::to_string(line) + ": a quoted field is not closed");
    if (any) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {
// A number as the reports write it: -3, +12, 86.1, 86,1%.
bool is_plain_number(std::string_view cell) {
    std::size_t i = (cell[0] == '-' || cell[0] == '+') ? 1 : 0, digits = 0;
    for (; i < cell.size(); ++i) {
        char c = cell[i];
        if (c >= '0' && c <= '9') ++digits;
        else if (!((c == '.' || c == ',') && digits > 0) && !(c == '%' && i + 1 == cell.size() && digits > 0))
            return false;
    }
    return digits > 0;
}

// Spreadsheets run a cell that starts with one of these as a formula: a resident's words could
// then compute, or call out, on an official's machine (CSV injection). Numbers stay numbers.
bool would_run_as_formula(std::string_view cell) {
    if (cell.empty() || std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos) return false;
    return !is_plain_number(cell);
}
}  // namespace

std::string csv_line(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out.push_back(',');
        const auto& c = cells[i];
        bool as_text = would_run_as_formula(c);
        if (!as_text && c.find_first_of(",\"\r\n") == std::string::npos) {
            out += c;
            continue;
        }
        out.push_back('"');
        if (as_text) out.push_back('\'');
        for (char ch : c) {
            if (ch == '"') out.push_back('"');
            out.push_back(ch);
        }
        out.push_back('"');
    }
    out += "\r\n";
    return out;
}

}  // namespace langnghe
