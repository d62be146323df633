#pragma once
// What the HTTP layer hands every path under /ui/ to: the web dashboard (sync-server/ui), which sits
// above this layer and is plugged in by `serve`. The /v1 sync protocol never reaches it. The HTTP
// layer does the transport (form bodies bounded, query arguments decoded); the handler does the rest.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace langnghe::server {

// A form post is a few fields; a body past this is refused before it is read.
inline constexpr std::size_t max_form_bytes = 16 * 1024;

struct WebRequest {
    std::string method, path, address;
    std::map<std::string, std::string> query;  // decoded
    std::string cookie, content_type, origin, host;
    std::string body;  // a POST's body, at most max_form_bytes
    bool tls = false;
    // Set by the HTTP layer when it refused the request before reading its body (405, 413, 415): the
    // handler renders the refusal in the page's language.
    int refused = 0;
};

struct WebReply {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // Set-Cookie may appear more than once
};

class WebHandler {
public:
    virtual ~WebHandler() = default;
    // Called from several HTTP threads at once; never throws.
    virtual WebReply answer(const WebRequest& request) noexcept = 0;
};

inline bool is_web_path(std::string_view path) { return path == "/ui" || path.rfind("/ui/", 0) == 0; }

}  // namespace langnghe::server
