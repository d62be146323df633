#include "request_body.h"

#include <zlib.h>

#include "langnghe/base/error.h"

namespace langnghe::server {

struct RequestBody::Inflater {
    z_stream stream{};
    bool ended = false;  // the last gzip member is complete
    Inflater() {
        if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw Error(ErrorCode::internal, "zlib could not start");
    }
    ~Inflater() { inflateEnd(&stream); }
};

RequestBody::RequestBody(std::size_t limit, bool gzipped) : m_limit(limit) {
    if (gzipped) m_inflater = std::make_unique<Inflater>();
}

RequestBody::~RequestBody() = default;

void RequestBody::refuse_too_large() const {
    throw Error(ErrorCode::too_large, "the request body is over " + std::to_string(m_limit) + " bytes", "body")
        .vi("nội dung yêu cầu vượt quá " + std::to_string(m_limit) + " byte");
}

void RequestBody::append(const char* data, std::size_t length) {
    m_raw_bytes += length;
    if (m_raw_bytes > m_limit) refuse_too_large();
    if (!m_inflater) {
        m_text.append(data, length);
        return;
    }
    inflate_piece(data, length);
}

void RequestBody::inflate_piece(const char* data, std::size_t length) {
    z_stream& z = m_inflater->stream;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z.avail_in = static_cast<uInt>(length);
    char out[16384];
    do {
        if (m_inflater->ended) {
            if (z.avail_in == 0) break;
            // Concatenated gzip members are one body (RFC 1952 2.2).
            if (inflateReset(&z) != Z_OK) throw Error(ErrorCode::internal, "zlib could not restart");
            m_inflater->ended = false;
        }
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof out;
        int rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            throw Error(ErrorCode::invalid_input, "the request body is not valid gzip (Content-Encoding: gzip)", "body")
                .vi("nội dung yêu cầu không phải gzip hợp lệ");
        std::size_t produced = sizeof out - z.avail_out;
        if (m_text.size() + produced > m_limit) refuse_too_large();
        m_text.append(out, produced);
        m_inflater->ended = rc == Z_STREAM_END;
        if (rc == Z_BUF_ERROR) break;  // all input used and all output given: wait for the next piece
    } while (z.avail_in > 0 || z.avail_out == 0);
}

std::string RequestBody::finish() {
    if (m_inflater && !m_inflater->ended && m_raw_bytes > 0)
        throw Error(ErrorCode::invalid_input, "the gzip request body ends early", "body").vi("nội dung gzip bị cắt cụt");
    return std::move(m_text);
}

}  // namespace langnghe::server
