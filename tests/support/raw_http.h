#pragma once
// A raw HTTP/1.1 client over one TCP socket, for tests that must control every byte: headers sent
// without their body, a request trickled a byte at a time, a chosen loopback source address.
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace langnghe::test {

class Socket {
public:
    // Connected to 127.0.0.1:`port`, from `source` (another loopback address, 127.0.0.2…) when given.
    explicit Socket(int port, const std::string& source = {});
    ~Socket();
    Socket(Socket&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    // False when the peer closed.
    bool send(std::string_view bytes);
    // Whatever arrives within `timeout`, until the peer closes or `done` says it is enough.
    std::string receive(std::chrono::milliseconds timeout, const std::function<bool(const std::string&)>& done);

private:
    int m_fd;
};

struct RawAnswer {
    int status = 0;  // 0: no whole answer in time
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// The answer to what was sent on `s` (one with a Content-Length, as the station sends them).
RawAnswer read_answer(Socket& s, std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A request's text: Host and, for a body or a POST, Content-Length are added.
std::string raw_request(const std::string& method, const std::string& path, const std::vector<std::string>& headers = {},
                        const std::string& body = {});

// One request on a connection of its own.
RawAnswer ask(int port, const std::string& request_text, const std::string& source = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace langnghe::test
