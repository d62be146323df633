#include "langnghe/codec/bounded_json.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"

namespace langnghe {

using nlohmann::json;

bool is_lexed_text(std::string_view s) { return std::memchr(s.data(), 0, s.size()) == nullptr; }

bool is_lexed_key(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (c == 0xC2 && next >= 0x80 && next <= 0x9F) return false;                      // C1 controls
        if (c == 0xEF && next == 0xBB && i + 2 < s.size() && s[i + 2] == '\xBF') return false;  // U+FEFF
    }
    return true;
}

bool is_wire_text(std::string_view s) { return is_lexed_text(s) && is_valid_utf8(s); }
bool is_wire_key(std::string_view s) { return is_lexed_key(s) && is_valid_utf8(s); }

std::string printable(std::string_view s, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0, i = 0;
    while (i < s.size() && chars < max_chars) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        std::string_view one = s.substr(i, len == 0 ? 1 : len);
        bool shown = len != 0 && one.size() == len && is_wire_key(one);
        out += shown ? one : std::string_view("?");
        i += shown ? len : 1;
        ++chars;
    }
    if (i < s.size()) out += "…";
    return out;
}

std::string parse_error_reason(const json::exception& e) {
    std::string_view text = e.what();
    if (text.starts_with("[json.exception.")) {
        auto end = text.find("] ");
        if (end != std::string_view::npos) text.remove_prefix(end + 2);
    }
    text = text.substr(0, text.find("; last read:"));
    return printable(text, 200);
}

namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& en, const std::string& vi) {
    throw Error(ErrorCode::invalid_input, en, field).vi(vi);
}

// nlohmann's CBOR reader recurses into every nested array and map, and into every chunk of an
// indefinite-length string with no SAX event a handler could stop it at. So the item heads are
// walked first, iteratively, and nesting is judged here; every other fault nlohmann reports.
void check_cbor_nesting(std::string_view bytes, const std::string& what) {
    struct Open {
        std::uint64_t left = 0;  // items still to come in a definite container
        bool indefinite = false;
        int string_major = -1;   // an indefinite-length string of this major type
    };
    std::vector<Open> open;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    auto item_done = [&] {
        while (!open.empty() && !open.back().indefinite) {
            if (--open.back().left > 0) return;
            open.pop_back();
        }
    };
    while (i < n) {
        unsigned char head = p[i++];
        if (head == 0xFF) {
            if (open.empty() || !open.back().indefinite) return;
            open.pop_back();
            item_done();
            continue;
        }
        int major = head >> 5, info = head & 0x1F;
        if (!open.empty() && open.back().string_major >= 0 && (major != open.back().string_major || info == 31))
            refuse("body", what + ": a chunk of an indefinite-length CBOR string must be a definite string of its type",
                   what + ": mỗi phần của chuỗi CBOR không định độ dài phải là chuỗi cùng loại có độ dài xác định");
        std::uint64_t arg = static_cast<std::uint64_t>(info);
        if (info >= 24 && info <= 27) {
            std::size_t len = std::size_t{1} << (info - 24);
            if (n - i < len) return;
            arg = 0;
            for (std::size_t k = 0; k < len; ++k) arg = arg << 8 | p[i++];
        } else if (info > 27 && (info < 31 || major == 0 || major == 1 || major == 6 || major == 7)) {
            return;  // reserved, or indefinite where CBOR has none
        }
        bool indefinite = info == 31;
        if (major == 6) return;  // tags are refused by nlohmann's reader before it reads on
        if (major == 2 || major == 3) {
            if (indefinite) {
                open.push_back({0, true, major});
                continue;
            }
            if (arg > n - i) return;
            i += static_cast<std::size_t>(arg);
        } else if (major == 4 || major == 5) {
            if (indefinite || arg > 0) {
                if (open.size() >= max_message_depth)
                    refuse("body", what + ": nested deeper than " + std::to_string(max_message_depth) + " levels",
                           what + ": lồng sâu quá " + std::to_string(max_message_depth) + " mức");
                // A count past the input is not refused here (nlohmann reports the input ending);
                // the items that are there are still walked.
                std::uint64_t items = major == 5 && arg <= n ? arg * 2 : arg;
                open.push_back({items, indefinite, -1});
                continue;
            }
        }
        item_done();
    }
}

// Builds a json document from SAX events, refusing what bounded_json.h lists as it goes: nothing
// past the limits is ever built, and a refused document is at most max_message_depth deep, so
// destroying it cannot recurse far either.
class BoundedBuilder {
public:
    BoundedBuilder(std::string_view what, bool lexed, const char* format) : m_what(what), m_lexed(lexed), m_format(format) {}

    json take() { return std::move(m_root); }

    bool null() { return put(nullptr); }
    bool boolean(bool b) { return put(b); }
    bool number_integer(std::int64_t i) { return put(i); }
    bool number_unsigned(std::uint64_t u) { return put(u); }
    bool number_float(double d, const std::string&) {
        if (!std::isfinite(d))
            refuse(field(), m_what + ": '" + field() + "' holds a number that is not finite",
                   m_what + ": '" + field() + "' chứa số không hữu hạn");
        return put(d);
    }
    bool string(std::string& s) {
        if (!(m_lexed ? is_lexed_text(s) : is_wire_text(s)))
            refuse(field(), m_what + ": text in '" + field() + "' must be valid UTF-8 without NUL",
                   m_what + ": chuỗi trong '" + field() + "' phải là UTF-8 hợp lệ, không có ký tự NUL");
        return put(std::move(s));
    }
    bool binary(json::binary_t&) {
        refuse(field(), m_what + ": '" + field() + "' holds a byte string, which JSON has not",
               m_what + ": '" + field() + "' chứa chuỗi byte, JSON không có kiểu này");
    }
    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& k) {
        bool top = m_open.size() == 1;
        if (!(m_lexed ? is_lexed_key(k) : is_wire_key(k)))
            refuse(top ? "body" : field(), m_what + ": a key must be valid UTF-8 without control characters or U+FEFF",
                   m_what + ": khóa phải là UTF-8 hợp lệ, không có ký tự điều khiển hay U+FEFF");
        if (m_open.back()->contains(k))
            refuse(top ? k : field(), m_what + ": key '" + printable(k) + "' appears twice",
                   m_what + ": khóa '" + printable(k) + "' xuất hiện hai lần");
        if (top) m_member = k;
        m_key = std::move(k);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        refuse("body", m_what + ": the body is not valid " + m_format + " (" + parse_error_reason(e) + ")",
               m_what + ": nội dung không phải " + m_format + " hợp lệ (" + parse_error_reason(e) + ")");
    }

private:
    std::string field() const { return m_member.empty() ? "body" : m_member; }
    void count() {
        if (++m_values > max_message_values)
            refuse(field(), m_what + ": more than " + std::to_string(max_message_values) + " values",
                   m_what + ": nhiều hơn " + std::to_string(max_message_values) + " giá trị");
    }
    bool put(json v) {
        count();
        place(std::move(v));
        return true;
    }
    bool open(json container) {
        count();
        if (m_open.size() >= max_message_depth)
            refuse(field(), m_what + ": nested deeper than " + std::to_string(max_message_depth) + " levels",
                   m_what + ": lồng sâu quá " + std::to_string(max_message_depth) + " mức");
        m_open.push_back(&place(std::move(container)));
        return true;
    }
    bool close() {
        m_open.pop_back();
        return true;
    }
    json& place(json v) {
        if (m_open.empty()) return m_root = std::move(v);
        json& parent = *m_open.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return parent.back();
        }
        return parent[m_key] = std::move(v);
    }

    std::string m_what;
    bool m_lexed;
    const char* m_format;
    json m_root;
    std::vector<json*> m_open;  // only the innermost grows while it is open, so these stay valid
    std::string m_key, m_member;
    std::size_t m_values = 0;
};

}  // namespace

json read_json_object(std::string_view text, std::string_view what) {
    std::string name(what);
    if (text.starts_with("\xEF\xBB\xBF"))
        refuse("body", name + ": the body starts with a byte order mark", name + ": nội dung bắt đầu bằng dấu thứ tự byte (BOM)");
    BoundedBuilder builder(what, true, "JSON");
    json::sax_parse(text.begin(), text.end(), &builder);
    json j = builder.take();
    if (!j.is_object()) refuse("body", name + ": the body must be a JSON object", name + ": nội dung phải là một đối tượng JSON");
    return j;
}

json read_cbor(std::string_view bytes, std::string_view what) {
    check_cbor_nesting(bytes, std::string(what));
    BoundedBuilder builder(what, false, "CBOR");
    json::sax_parse(bytes.begin(), bytes.end(), &builder, json::input_format_t::cbor);
    return builder.take();
}

}  // namespace langnghe
