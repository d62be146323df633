#pragma once
// One error type for the whole core. Expected outcomes (not found, a conflict) are values where
// the API can return them; everything else is thrown as langnghe::Error and converted once at the
// edge: the CLI maps codes to exit statuses, the server to HTTP statuses.
#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace langnghe {

enum class ErrorCode {
    invalid_input,     // a value the user gave is wrong; `field` names it
    not_found,         // a record, unit or file that does not exist
    already_exists,    // creating something whose key is taken
    invalid_state,     // an operation not allowed from the record's current state
    storage,           // SQLite failed
    io,                // reading or writing a file failed
    network,           // the server could not be reached or the connection broke
    unauthorized,      // missing, unknown or revoked device token
    forbidden,         // outside the device's unit scope or role
    incompatible,      // client and server (or file) protocol versions do not match
    clock_skew,        // a timestamp too far from the server clock
    too_large,         // a request or file over its size limit
    too_many_requests, // a client over its rate limit (public receipt lookups)
    unsupported_media_type,  // a request body in an encoding or media type the server does not read
    internal,          // a bug: an invariant did not hold. Keep last (all_error_codes).
};

// Every code, in order: the enum's values run from 0 up to `internal`, which stays last.
inline constexpr auto all_error_codes = [] {
    std::array<ErrorCode, static_cast<std::size_t>(ErrorCode::internal) + 1> codes{};
    for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<ErrorCode>(i);
    return codes;
}();

enum class Lang { vi, en };

// Stable machine name of a code, used in JSON error bodies ("invalid_input").
std::string_view error_code_name(ErrorCode code);
// Short human title of a code in the given language ("Dữ liệu không hợp lệ").
std::string_view error_code_title(ErrorCode code, Lang lang);

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string message, std::string field = {}, std::vector<std::string> details = {});

    ErrorCode code() const noexcept { return m_code; }
    // The input field the error is about ("text", "scores.attitude"), empty when none.
    const std::string& field() const noexcept { return m_field; }
    // Extra items a person may need, e.g. the ids of records refused for scope.
    const std::vector<std::string>& details() const noexcept { return m_details; }

    // The message in the user's language: the Vietnamese text when one was given, else what().
    std::string message(Lang lang) const { return lang == Lang::vi && !m_message_vi.empty() ? m_message_vi : what(); }
    // Adds the Vietnamese message: `throw Error(code, "english", field).vi("tiếng Việt");`
    Error&& vi(std::string message_vi) && {
        m_message_vi = std::move(message_vi);
        return std::move(*this);
    }

private:
    ErrorCode m_code;
    std::string m_field;
    std::vector<std::string> m_details;
    std::string m_message_vi;
};

[[noreturn]] void throw_invalid(std::string field, std::string message);
// The same with the Vietnamese message.
[[noreturn]] void throw_invalid(std::string field, std::string message, std::string message_vi);

}  // namespace langnghe
