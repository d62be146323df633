#pragma once
// A json document built from SAX events, one value at a time, for the bounded message reader
// (bounded_json.cpp) and the record reader's captured values (record_reader.cpp). Callers bound
// depth and size before each event, so what is built, dumped and destroyed never recurses far.
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace langnghe {

class JsonBuilder {
public:
    std::size_t depth() const { return m_open.size(); }
    // A scalar, or a container to fill (start); true when the value as a whole is complete.
    bool put(nlohmann::json v) {
        place(std::move(v));
        return m_open.empty();
    }
    void start(nlohmann::json container) { m_open.push_back(&place(std::move(container))); }
    // False when the innermost object has the key already. Copied, not moved: the caller's buffer
    // (the lexer's token) keeps its capacity.
    bool key(const std::string& k) {
        if (m_open.back()->contains(k)) return false;
        m_key = k;
        return true;
    }
    bool end() {
        m_open.pop_back();
        return m_open.empty();
    }
    nlohmann::json take() {
        m_open.clear();
        return std::move(m_root);
    }
    void clear() {
        m_open.clear();
        m_root = nullptr;
    }

private:
    nlohmann::json& place(nlohmann::json v) {
        if (m_open.empty()) return m_root = std::move(v);
        nlohmann::json& parent = *m_open.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return parent.back();
        }
        return parent[m_key] = std::move(v);
    }

    nlohmann::json m_root;
    std::vector<nlohmann::json*> m_open;  // only the innermost grows while it is open, so these stay valid
    std::string m_key;
};

}  // namespace langnghe
