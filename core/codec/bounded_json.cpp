#include "langnghe/codec/bounded_json.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_set>
#include <utility>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/codec/codec.h"
#include "json_builder.h"

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
        bool whole = len != 0 && one.size() == len && is_valid_utf8(one);  // one '?' per character hidden
        bool shown = whole && is_lexed_key(one) && !has_control_characters(one);
        out += shown ? one : std::string_view("?");
        i += whole ? len : 1;
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

// Reads SAX events into a Sink, refusing what bounded_json.h lists as it goes: nothing past the
// limits ever reaches the sink. A Sink takes value(v) for each scalar, open(array), key(k) (false
// when the innermost object has it already) and close().
template <class Sink>
class BoundedReader {
public:
    BoundedReader(Sink& sink, std::string_view what, bool lexed, const char* format)
        : m_sink(sink), m_what(what), m_lexed(lexed), m_format(format) {}

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
        return put(s);
    }
    bool binary(json::binary_t&) {
        refuse(field(), m_what + ": '" + field() + "' holds a byte string, which JSON has not",
               m_what + ": '" + field() + "' chứa chuỗi byte, JSON không có kiểu này");
    }
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& k) {
        bool top = m_depth == 1;
        if (!(m_lexed ? is_lexed_key(k) : is_wire_key(k)))
            refuse(top ? "body" : field(), m_what + ": a key must be valid UTF-8 without control characters or U+FEFF",
                   m_what + ": khóa phải là UTF-8 hợp lệ, không có ký tự điều khiển hay U+FEFF");
        if (!m_sink.key(k))
            refuse(top ? k : field(), m_what + ": key '" + printable(k) + "' appears twice",
                   m_what + ": khóa '" + printable(k) + "' xuất hiện hai lần");
        if (top) m_member = k;
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
    template <class T>
    bool put(T&& v) {
        count();
        m_sink.value(std::forward<T>(v));
        return true;
    }
    bool open(bool array) {
        count();
        if (m_depth >= max_message_depth)
            refuse(field(), m_what + ": nested deeper than " + std::to_string(max_message_depth) + " levels",
                   m_what + ": lồng sâu quá " + std::to_string(max_message_depth) + " mức");
        ++m_depth;
        m_sink.open(array);
        return true;
    }
    bool close() {
        --m_depth;
        m_sink.close();
        return true;
    }

    Sink& m_sink;
    std::string m_what;
    bool m_lexed;
    const char* m_format;
    std::size_t m_depth = 0, m_values = 0;
    std::string m_member;
};

// A json document; a refused one is at most max_message_depth deep, so destroying it cannot
// recurse far either.
class DocumentSink {
public:
    json take() { return m_builder.take(); }
    void value(std::string& s) { m_builder.put(std::move(s)); }
    template <class T>
    void value(T v) {
        m_builder.put(v);
    }
    void open(bool array) { m_builder.start(array ? json::array() : json::object()); }
    bool key(const std::string& k) { return m_builder.key(k); }
    void close() { m_builder.end(); }

private:
    JsonBuilder m_builder;
};

// JSON text, written as the events come: members in the order the input has them, each value
// byte for byte as json::dump() writes it. No document is built.
class JsonTextSink {
public:
    std::string take() { return std::move(m_out); }
    void value(std::nullptr_t) {
        separate();
        m_out += "null";
    }
    void value(bool b) {
        separate();
        m_out += b ? "true" : "false";
    }
    void value(std::int64_t i) {
        separate();
        append_integer(i);
    }
    void value(std::uint64_t u) {
        separate();
        append_integer(u);
    }
    void value(double d) {
        separate();
        m_out += json(d).dump();  // nlohmann's own float format (1.0, 1e+100), not to_chars' shortest
    }
    void value(const std::string& s) {
        separate();
        append_json_string(m_out, s);
    }
    void open(bool array) {
        separate();
        m_out += array ? '[' : '{';
        m_open.push_back({array, true, {}});
    }
    bool key(const std::string& k) {
        Open& object = m_open.back();
        if (!object.keys.insert(k).second) return false;
        m_out += object.first ? "" : ",";
        object.first = false;
        append_json_string(m_out, k);
        m_out += ':';
        return true;
    }
    void close() {
        m_out += m_open.back().array ? ']' : '}';
        m_open.pop_back();
    }

private:
    struct Open {
        bool array, first;
        std::unordered_set<std::string> keys;  // an object's, to refuse one repeated
    };
    // The comma before an array's second and later items; an object's members have theirs from key().
    void separate() {
        if (m_open.empty() || !m_open.back().array) return;
        if (!m_open.back().first) m_out += ',';
        m_open.back().first = false;
    }
    template <class Integer>
    void append_integer(Integer n) {
        char digits[24];
        m_out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
    }

    std::string m_out;
    std::vector<Open> m_open;
};

}  // namespace

json read_json_object(std::string_view text, std::string_view what) {
    std::string name(what);
    if (text.starts_with("\xEF\xBB\xBF"))
        refuse("body", name + ": the body starts with a byte order mark", name + ": nội dung bắt đầu bằng dấu thứ tự byte (BOM)");
    DocumentSink document;
    BoundedReader reader(document, what, true, "JSON");
    json::sax_parse(text.begin(), text.end(), &reader);
    json j = document.take();
    if (!j.is_object()) refuse("body", name + ": the body must be a JSON object", name + ": nội dung phải là một đối tượng JSON");
    return j;
}

std::string read_cbor_as_json_text(std::string_view bytes, std::string_view what) {
    check_cbor_nesting(bytes, std::string(what));
    JsonTextSink text;
    BoundedReader reader(text, what, false, "CBOR");
    json::sax_parse(bytes.begin(), bytes.end(), &reader, json::input_format_t::cbor);
    return text.take();
}

}  // namespace langnghe
