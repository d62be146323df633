#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/codec/bounded_json.h"

namespace langnghe {

using nlohmann::json;

namespace {
// CBOR written as the JSON text is read, without a json document. Each item has the head
// json::to_cbor gives it: the shortest argument, definite lengths, a float as single precision when
// that holds it exactly. Members stay in the text's order (to_cbor sorts them; the bytes are the
// same for text whose keys are sorted, as json::dump() writes them).
class CborWriter {
public:
    std::string take() { return std::move(m_out); }

    bool null() { return simple(0xF6); }
    bool boolean(bool b) { return simple(b ? 0xF5 : 0xF4); }
    bool number_integer(std::int64_t i) {
        item();
        // -1 - i: a negative integer's argument, computed without overflowing at INT64_MIN.
        head(i >= 0 ? 0 : 1, i >= 0 ? static_cast<std::uint64_t>(i) : ~static_cast<std::uint64_t>(i));
        return true;
    }
    bool number_unsigned(std::uint64_t u) {
        item();
        head(0, u);
        return true;
    }
    bool number_float(double d, const std::string&) {
        item();
        bool single = d >= std::numeric_limits<float>::lowest() && d <= std::numeric_limits<float>::max() &&
                      static_cast<double>(static_cast<float>(d)) == d;
        if (single) {
            m_out += '\xFA';
            big_endian(std::bit_cast<std::uint32_t>(static_cast<float>(d)), 4);
        } else {
            m_out += '\xFB';
            big_endian(std::bit_cast<std::uint64_t>(d), 8);
        }
        return true;
    }
    bool string(std::string& s) {
        item();
        text(s);
        return true;
    }
    bool binary(json::binary_t&) { return false; }  // JSON text has none
    bool key(std::string& k) {
        ++m_open.back().items;
        text(k);
        return true;
    }
    bool start_object(std::size_t) { return open(5); }
    bool start_array(std::size_t) { return open(4); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        throw Error(ErrorCode::invalid_input, "the JSON text to encode as CBOR is not valid (" + parse_error_reason(e) + ")", "body")
            .vi("văn bản JSON cần mã hóa thành CBOR không hợp lệ (" + parse_error_reason(e) + ")");
    }

private:
    struct Open {
        std::size_t at;  // where its head goes
        int major;       // 4 an array, 5 a map
        std::uint64_t items = 0;  // a map's members, an array's items
    };

    bool simple(unsigned char byte) {
        item();
        m_out += static_cast<char>(byte);
        return true;
    }
    void item() {
        if (!m_open.empty() && m_open.back().major == 4) ++m_open.back().items;
    }
    void text(const std::string& s) {
        head(3, s.size());
        m_out += s;
    }
    // The container's head is known only at its end: one byte is kept for it, which holds up to
    // 23 items; a larger container moves its content once, by at most 8 bytes.
    bool open(int major) {
        item();
        m_open.push_back({m_out.size(), major});
        m_out += '\0';
        return true;
    }
    bool close() {
        Open done = m_open.back();
        m_open.pop_back();
        std::string container_head;  // at most 9 bytes: no allocation
        append_head(container_head, done.major, done.items);
        m_out.replace(done.at, 1, container_head);
        return true;
    }
    void head(int major, std::uint64_t argument) { append_head(m_out, major, argument); }
    static void append_head(std::string& out, int major, std::uint64_t argument) {
        auto initial = static_cast<unsigned char>(major << 5);
        int bytes = argument <= 23 ? 0 : argument <= 0xFF ? 1 : argument <= 0xFFFF ? 2 : argument <= 0xFFFF'FFFF ? 4 : 8;
        out += static_cast<char>(initial | (bytes == 0 ? argument : bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
        append_big_endian(out, argument, bytes);
    }
    void big_endian(std::uint64_t n, int bytes) { append_big_endian(m_out, n, bytes); }
    static void append_big_endian(std::string& out, std::uint64_t n, int bytes) {
        for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>(n >> (8 * i) & 0xFF);
    }

    std::string m_out;
    std::vector<Open> m_open;
};
}  // namespace

std::string write_json_text_as_cbor(std::string_view json_text) {
    CborWriter writer;
    json::sax_parse(json_text.begin(), json_text.end(), &writer);
    return writer.take();
}

}  // namespace langnghe
