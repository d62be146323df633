#include "context.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "langnghe/base/dates.h"
#include "langnghe/base/text.h"

namespace langnghe::cli {

namespace {
std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::string pad(const std::string& s, std::size_t width) {
    std::size_t n = codepoint_count(s);
    return n >= width ? s : s + std::string(width - n, ' ');
}
}  // namespace

std::string shorten(std::string_view text, std::size_t max) {
    bool cut = codepoint_count(text) > max;
    std::size_t keep = cut ? (max > 0 ? max - 1 : 0) : max;
    std::string out;
    std::size_t chars = 0;
    for (char c : text) {
        bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts_char && ++chars > keep) break;
        out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
    return cut ? out + "…" : out;
}

std::string default_db_path() {
    if (auto db = env("LANGNGHE_DB"); !db.empty()) return db;
    if (auto xdg = env("XDG_DATA_HOME"); !xdg.empty()) return xdg + "/langnghe/device.db";
    return env("HOME") + "/.local/share/langnghe/device.db";
}

Context::Context(Lang lang) : m_lang(lang) {}
Context::~Context() = default;

Store& Context::store() {
    if (!m_store) m_store = Store::open_existing(db_path);
    return *m_store;
}

Store& Context::create_store() {
    if (!m_store) m_store = Store::open(db_path);
    return *m_store;
}

Actor Context::actor() {
    Actor a;
    a.officer = env("LANGNGHE_OFFICER");
    if (a.officer.empty()) a.officer = store().meta("officer").value_or("");
    a.role = store().meta("role").value_or("officer");
    return a;
}

std::string Context::date(std::string_view iso) const {
    return format_date(iso, m_lang);
}

std::string Context::yes_no(bool value) const {
    return value ? tr("Có", "Yes") : tr("Không", "No");
}

void Context::print_line(std::string_view text) const {
    std::cout << text << '\n';
}

void Context::tell(std::string_view text) const { std::cerr << text << '\n'; }

void Context::print_json(const ViewObject& object) const {
    print_line(to_json(object));
}

void Context::print_json_text(const std::string& json_text) const {
    print_line(json_text);
}

void Context::print_rows(const std::vector<Row>& rows) const {
    std::size_t width = 0;
    for (const auto& [label, value] : rows)
        if (!value.empty()) width = std::max(width, codepoint_count(label));
    for (const auto& [label, value] : rows)
        if (!value.empty()) std::cout << pad(label + ":", width + 1) << ' ' << value << '\n';
}

void Context::print_table(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows) const {
    std::vector<std::size_t> widths(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], codepoint_count(cells[i]));
    };
    measure(header);
    for (const auto& r : rows) measure(r);
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i)
            out += i + 1 == cells.size() ? cells[i] : pad(cells[i], widths[i]) + "  ";
        std::cout << out << '\n';
    };
    line(header);
    for (const auto& r : rows) line(r);
}

}  // namespace langnghe::cli
