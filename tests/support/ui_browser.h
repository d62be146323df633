#pragma once
// A browser as the dashboard's loopback tests drive it: raw HTTP/1.1 with the session cookie kept
// from answer to answer, and the steps every test repeats (a user added, logged in, the one-time
// password changed).
#include <string>
#include <utility>
#include <vector>

#include "support/raw_http.h"

namespace langnghe::test {

class TestStation;

using FormFields = std::vector<std::pair<std::string, std::string>>;
// application/x-www-form-urlencoded, every byte but [A-Za-z0-9._-] percent-encoded.
std::string form_encode(const FormFields& fields);

struct UiBrowser {
    int port;
    std::string cookie;  // "langnghe_session=…"

    RawAnswer get(const std::string& path);
    // A form post; a session cookie the answer sets is kept.
    RawAnswer post(const std::string& path, const FormFields& fields);
    // The CSRF token of the form on the page at `path` (REQUIREs one).
    std::string csrf(const std::string& path = "/ui/");
};

// The one-time password `user add` printed.
std::string one_time_password(const std::string& printed);
// `user add`: the one-time password.
std::string add_ui_user(TestStation& station, const std::string& name, const std::string& unit, const std::string& role);
// A new user logged in with its password changed to `password`: a browser on the overview.
UiBrowser signed_in_as(TestStation& station, const std::string& name, const std::string& unit, const std::string& role,
                       const std::string& password);

}  // namespace langnghe::test
