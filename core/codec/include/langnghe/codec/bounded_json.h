#pragma once
// Reading JSON from outside into a json document, and CBOR into JSON text, with bounded depth and
// work, and the rules for the text such input may hold (docs/protocol.md, "Limits"). nlohmann's
// CBOR reader recurses once per nesting level and its dump and comparisons recurse too; a body
// nested 100,000 deep crashed the station. Every message decoder goes through here or through the
// record reader (record_reader.h), which applies the same rules while it streams.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace langnghe {

// Nesting of a message, JSON or CBOR (an object holding arrays holding …), at most this deep, and
// at most this many values (scalars, arrays, objects) in a message read whole. See "Limits" in
// docs/protocol.md for these and the rules for text.
inline constexpr std::size_t max_message_depth = 32;
inline constexpr std::size_t max_message_values = 1'000'000;

// Text a string value may hold: valid UTF-8 (no overlong forms, surrogates or truncated
// sequences) without NUL.
bool is_wire_text(std::string_view s);
// Text a key may hold: wire text without control characters (C0, DEL, C1) and without U+FEFF.
bool is_wire_key(std::string_view s);
// The same for JSON text nlohmann's lexer has already checked as UTF-8: only the other rules.
bool is_lexed_text(std::string_view s);
bool is_lexed_key(std::string_view s);

// `s` fit to quote in an error message or to show from an error body: at most max_chars code
// points, control characters, bidirectional overrides and invalid bytes shown as '?'. Messages
// never carry raw input bytes, and nothing from outside moves a terminal's cursor.
std::string printable(std::string_view s, std::size_t max_chars = 64);
// A parse error's message without the raw bytes it quotes ("last read: '…'").
std::string parse_error_reason(const nlohmann::json::exception& e);

// A JSON object read from `text` (`what` names the message in errors). Refuses, as invalid_input
// naming the member at fault or "body": malformed JSON, a byte order mark, nesting deeper than
// max_message_depth, more than max_message_values values, a repeated key, text that breaks the
// rules above, and a top level that is not an object.
nlohmann::json read_json_object(std::string_view text, std::string_view what);
// CBOR bytes as JSON text, under the same rules and limits; the top level may be any value. Byte
// strings, tags and non-finite numbers are refused too: a body must have a JSON equivalent. The
// text is written as the bytes are read, without a json document: members in the order the CBOR
// map has them, each value as json::dump() writes it.
std::string read_cbor_as_json_text(std::string_view bytes, std::string_view what);
// JSON text written as CBOR while it is read (cbor_writer.cpp), for answers to clients that ask
// for CBOR. Throws invalid_input naming "body" when the text is not JSON.
std::string write_json_text_as_cbor(std::string_view json_text);

}  // namespace langnghe
