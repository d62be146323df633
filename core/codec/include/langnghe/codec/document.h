#pragma once
// A record's winning document (the JSON object winning_document writes and storage keeps for
// queries), read by key: how the services turn a stored record into their structs without
// handling JSON themselves.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace langnghe {

class DocumentReader {
public:
    // Throws storage when the text is not a JSON object (a damaged database).
    explicit DocumentReader(std::string_view json_text);
    ~DocumentReader();
    DocumentReader(const DocumentReader&) = delete;
    DocumentReader& operator=(const DocumentReader&) = delete;

    // The value at `key`, or the empty/zero/false value when it is absent or of another kind.
    std::string text(std::string_view key) const;
    std::int64_t integer(std::string_view key) const;
    bool flag(std::string_view key) const;
    // An integer value, or nullopt when it is absent or of another kind.
    std::optional<std::int64_t> maybe_integer(std::string_view key) const;
    // A set field's elements (winning_document's sorted array); empty when absent.
    std::vector<std::string> set(std::string_view key) const;

private:
    struct Parsed;
    std::unique_ptr<Parsed> m_parsed;
};

}  // namespace langnghe
