#include "support/ui_browser.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <regex>

#include "support/station.h"

namespace langnghe::test {

std::string form_encode(const FormFields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        out += (out.empty() ? "" : "&") + name + "=";
        for (unsigned char c : value) {
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

RawAnswer UiBrowser::get(const std::string& path) {
    return ask(port, raw_request("GET", path, cookie.empty() ? std::vector<std::string>{} : std::vector<std::string>{"Cookie: " + cookie}));
}

RawAnswer UiBrowser::post(const std::string& path, const FormFields& fields) {
    std::vector<std::string> headers{"Content-Type: application/x-www-form-urlencoded"};
    if (!cookie.empty()) headers.push_back("Cookie: " + cookie);
    RawAnswer a = ask(port, raw_request("POST", path, headers, form_encode(fields)));
    auto set = a.headers.find("set-cookie");
    if (set != a.headers.end() && set->second.rfind("langnghe_session=", 0) == 0) cookie = set->second.substr(0, set->second.find(';'));
    return a;
}

std::string UiBrowser::csrf(const std::string& path) {
    std::smatch m;
    std::string body = get(path).body;
    REQUIRE(std::regex_search(body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
    return m[1];
}

std::string one_time_password(const std::string& printed) {
    std::smatch m;
    REQUIRE(std::regex_search(printed, m, std::regex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")));
    return m[0];
}

std::string add_ui_user(TestStation& station, const std::string& name, const std::string& unit, const std::string& role) {
    return one_time_password(station.admin({"user", "add", "--name", name, "--unit", unit, "--role", role}));
}

UiBrowser signed_in_as(TestStation& station, const std::string& name, const std::string& unit, const std::string& role,
                       const std::string& password) {
    std::string first = add_ui_user(station, name, unit, role);
    UiBrowser b{station.port(), {}};
    REQUIRE(b.post("/ui/login", {{"username", name}, {"password", first}}).status == 303);
    std::string token = b.csrf("/ui/password");
    REQUIRE(b.post("/ui/password", {{"csrf", token}, {"current", first}, {"new_password", password}, {"confirm", password}}).status == 303);
    return b;
}

}  // namespace langnghe::test
