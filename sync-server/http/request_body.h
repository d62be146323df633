#pragma once
// A request body as it arrives in pieces: inflated when it is gzip-encoded, and bounded after
// inflation, so neither a gzip bomb nor a chunked body without a length can grow past the bound.
#include <cstddef>
#include <memory>
#include <string>

namespace langnghe::server {

class RequestBody {
public:
    RequestBody(std::size_t limit, bool gzipped);
    ~RequestBody();
    RequestBody(const RequestBody&) = delete;
    RequestBody& operator=(const RequestBody&) = delete;

    // Throws too_large past the limit (raw or inflated), invalid_input for a broken gzip stream.
    void append(const char* data, std::size_t length);
    // The whole body; throws invalid_input when a gzip stream ended early.
    std::string finish();

private:
    void inflate_piece(const char* data, std::size_t length);
    void refuse_too_large() const;

    std::size_t m_limit;
    std::size_t m_raw_bytes = 0;
    std::string m_text;
    struct Inflater;
    std::unique_ptr<Inflater> m_inflater;  // null for an identity body
};

}  // namespace langnghe::server
