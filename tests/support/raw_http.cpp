#include "support/raw_http.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>

namespace langnghe::test {

Socket::Socket(int port, const std::string& source) : m_fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    REQUIRE(m_fd >= 0);
    if (!source.empty()) {
        sockaddr_in from{};
        from.sin_family = AF_INET;
        REQUIRE(inet_pton(AF_INET, source.c_str(), &from.sin_addr) == 1);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
    }
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    REQUIRE(connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
}

Socket::~Socket() {
    if (m_fd >= 0) close(m_fd);
}

bool Socket::send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string Socket::receive(std::chrono::milliseconds timeout, const std::function<bool(const std::string&)>& done) {
    std::string got;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done(got)) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{m_fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buffer[65536];
        ssize_t n = recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
}

namespace {
std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The length of the whole answer once its headers are in.
std::optional<std::size_t> whole_answer_length(const std::string& got) {
    auto end = got.find("\r\n\r\n");
    if (end == std::string::npos) return std::nullopt;
    std::string head = lower(got.substr(0, end));
    auto at = head.find("\r\ncontent-length:");
    std::size_t length = at == std::string::npos ? 0 : std::stoul(head.substr(at + 17));
    return end + 4 + length;
}

RawAnswer parse_answer(const std::string& got) {
    RawAnswer a;
    auto length = whole_answer_length(got);
    if (!length || got.size() < *length || got.rfind("HTTP/1.", 0) != 0) return a;
    auto end = got.find("\r\n\r\n");
    a.status = std::stoi(got.substr(9, 3));
    std::size_t line = got.find("\r\n") + 2;
    while (line < end) {
        std::size_t next = got.find("\r\n", line);
        std::string header = got.substr(line, next - line);
        auto colon = header.find(':');
        auto value = header.find_first_not_of(' ', colon + 1);
        a.headers[lower(header.substr(0, colon))] = value == std::string::npos ? std::string() : header.substr(value);
        line = next + 2;
    }
    a.body = got.substr(end + 4, *length - end - 4);
    return a;
}
}  // namespace

RawAnswer read_answer(Socket& s, std::chrono::milliseconds timeout) {
    return parse_answer(s.receive(timeout, [](const std::string& got) {
        auto length = whole_answer_length(got);
        return length && got.size() >= *length;
    }));
}

std::string raw_request(const std::string& method, const std::string& path, const std::vector<std::string>& headers,
                        const std::string& body) {
    std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& h : headers) text += h + "\r\n";
    if (!body.empty() || method == "POST") text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return text + "\r\n" + body;
}

RawAnswer ask(int port, const std::string& request_text, const std::string& source, std::chrono::milliseconds timeout) {
    Socket s(port, source);
    REQUIRE(s.send(request_text));
    return read_answer(s, timeout);
}

}  // namespace langnghe::test
