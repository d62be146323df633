#pragma once
// Parsing what a browser sends: form bodies (application/x-www-form-urlencoded) and Cookie headers.
#include <map>
#include <string>
#include <string_view>

namespace langnghe::server::ui {

// name → value, percent-decoded, '+' as a space; a repeated name keeps its first value.
std::map<std::string, std::string> parse_form(std::string_view body);
// Percent-encoded for a URL's query (RFC 3986 unreserved characters kept).
std::string query_encode(std::string_view text);
// The value of cookie `name` in a Cookie header, empty when absent.
std::string cookie_value(std::string_view header, std::string_view name);

}  // namespace langnghe::server::ui
