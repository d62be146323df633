#pragma once
// A dashboard user over loopback for the UI tests: a browser's session cookie kept from answer to
// answer, form posts, and accounts made and signed in through the real login and password forms.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "support/raw_http.h"
#include "support/station.h"

namespace langnghe::test {

inline std::string ui_form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& field : fields) {
        out += (out.empty() ? "" : "&") + field.first + "=";
        for (unsigned char c : field.second) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
                out.push_back(static_cast<char>(c));
            } else {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", c);
                out += hex;
            }
        }
    }
    return out;
}

struct UiBrowser {
    int port;
    std::string cookie;  // "langnghe_session=…"

    RawAnswer get(const std::string& path) {
        return ask(port, raw_request("GET", path, cookie.empty() ? std::vector<std::string>{} : std::vector<std::string>{"Cookie: " + cookie}));
    }
    RawAnswer post(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields) {
        std::vector<std::string> headers{"Content-Type: application/x-www-form-urlencoded"};
        if (!cookie.empty()) headers.push_back("Cookie: " + cookie);
        RawAnswer a = ask(port, raw_request("POST", path, headers, ui_form_encode(fields)));
        auto set = a.headers.find("set-cookie");
        if (set != a.headers.end() && set->second.rfind("langnghe_session=", 0) == 0)
            cookie = set->second.substr(0, set->second.find(';'));
        return a;
    }
    std::string csrf(const std::string& path = "/ui/") {
        std::smatch m;
        std::string body = get(path).body;
        REQUIRE(std::regex_search(body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
        return m[1];
    }
};

inline std::string ui_one_time_password(const std::string& printed) {
    std::smatch m;
    REQUIRE(std::regex_search(printed, m, std::regex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")));
    return m[0];
}

// A new account of `unit` with `role`, logged in with its one-time password, which it changes to
// `password`: a browser on the overview.
inline UiBrowser ui_signed_in(TestStation& station, const std::string& name, const std::string& unit, const std::string& role,
                              const std::string& password) {
    std::string first = ui_one_time_password(station.admin({"user", "add", "--name", name, "--unit", unit, "--role", role}));
    UiBrowser b{station.port(), {}};
    REQUIRE(b.post("/ui/login", {{"username", name}, {"password", first}}).status == 303);
    std::string token = b.csrf("/ui/password");
    REQUIRE(b.post("/ui/password", {{"csrf", token}, {"current", first}, {"new_password", password}, {"confirm", password}}).status == 303);
    return b;
}

}  // namespace langnghe::test
