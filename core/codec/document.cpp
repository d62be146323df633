#include "langnghe/codec/document.h"

#include <nlohmann/json.hpp>

#include "langnghe/base/error.h"

namespace langnghe {

struct DocumentReader::Parsed {
    nlohmann::json doc;
    const nlohmann::json* find(std::string_view key) const {
        auto it = doc.find(std::string(key));
        return it == doc.end() ? nullptr : &*it;
    }
};

DocumentReader::DocumentReader(std::string_view json_text) : m_parsed(std::make_unique<Parsed>()) {
    m_parsed->doc = nlohmann::json::parse(json_text, nullptr, false);
    if (!m_parsed->doc.is_object())
        throw Error(ErrorCode::storage, "a stored record document is not a JSON object; restore the database from a backup")
            .vi("một bản ghi đã lưu không đọc được; hãy khôi phục cơ sở dữ liệu từ bản sao lưu");
}

DocumentReader::~DocumentReader() = default;

std::string DocumentReader::text(std::string_view key) const {
    const auto* v = m_parsed->find(key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::int64_t DocumentReader::integer(std::string_view key) const { return maybe_integer(key).value_or(0); }

std::optional<std::int64_t> DocumentReader::maybe_integer(std::string_view key) const {
    const auto* v = m_parsed->find(key);
    if (!v || !v->is_number_integer()) return std::nullopt;
    return v->get<std::int64_t>();
}

bool DocumentReader::flag(std::string_view key) const {
    const auto* v = m_parsed->find(key);
    return v && v->is_boolean() && v->get<bool>();
}

std::vector<std::string> DocumentReader::set(std::string_view key) const {
    std::vector<std::string> out;
    const auto* v = m_parsed->find(key);
    if (!v || !v->is_array()) return out;
    for (const auto& element : *v)
        if (element.is_string()) out.push_back(element.get<std::string>());
    return out;
}

}  // namespace langnghe
