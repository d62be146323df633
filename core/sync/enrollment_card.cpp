#include "langnghe/sync/enrollment_card.h"

#include <cctype>
#include <map>
#include <memory>

#include <curl/curl.h>

#include "langnghe/base/error.h"
#include "langnghe/codec/codec.h"
#include "langnghe/model/record_schema.h"
#include "langnghe/storage/custody_crypto.h"
#include "langnghe/sync/sync_protocol.h"

namespace langnghe {

namespace {
constexpr std::string_view card_prefix = "langnghe://enroll?";
constexpr std::size_t max_card_size = 4096;

std::string escaped(const std::string& value) {
    std::unique_ptr<char, decltype(&curl_free)> out(curl_easy_escape(nullptr, value.data(), static_cast<int>(value.size())),
                                                    &curl_free);
    if (!out) throw Error(ErrorCode::internal, "cannot escape a card value");
    return out.get();
}

std::string unescaped(std::string_view value) {
    int size = 0;
    std::unique_ptr<char, decltype(&curl_free)> out(
        curl_easy_unescape(nullptr, value.data(), static_cast<int>(value.size()), &size), &curl_free);
    if (!out) throw Error(ErrorCode::internal, "cannot unescape a card value");
    return std::string(out.get(), static_cast<std::size_t>(size));
}

[[noreturn]] void bad_card(const std::string& en, const std::string& vi) {
    throw Error(ErrorCode::invalid_input, "card: " + en, "card").vi("thẻ ghi danh: " + vi);
}

std::string required(std::map<std::string, std::string>& members, const std::string& name) {
    auto it = members.find(name);
    if (it == members.end() || it->second.empty()) bad_card("'" + name + "' is missing", "thiếu '" + name + "'");
    return it->second;
}
}  // namespace

std::string card_uri(const EnrollmentCard& card) {
    std::string uri(card_prefix);
    uri += "code=" + escaped(card.code) + "&unit=" + escaped(card.unit) + "&role=" + escaped(card.role) +
           "&station=" + escaped(card.station_site) + "&key=" + escaped(card.station_key);
    if (!card.server.empty()) uri += "&server=" + escaped(card.server);
    return uri;
}

EnrollmentCard parse_card_uri(std::string_view uri) {
    if (uri.size() > max_card_size) bad_card("longer than a card can be", "dài hơn mức một thẻ có thể có");
    if (uri.substr(0, card_prefix.size()) != card_prefix)
        bad_card("it must begin with " + std::string(card_prefix), "phải bắt đầu bằng " + std::string(card_prefix));
    std::map<std::string, std::string> members;
    std::string_view rest = uri.substr(card_prefix.size());
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos) bad_card("'" + std::string(pair) + "' is not name=value",
                                                   "'" + std::string(pair) + "' không có dạng tên=giá trị");
        std::string name(pair.substr(0, eq));
        if (!members.emplace(name, unescaped(pair.substr(eq + 1))).second)
            bad_card("'" + name + "' is given twice", "'" + name + "' xuất hiện hai lần");
    }
    EnrollmentCard card{required(members, "code"), required(members, "unit"), required(members, "role"),
                        required(members, "station"), required(members, "key"), {}};
    if (auto server = members.find("server"); server != members.end()) card.server = server->second;
    if (normalised_enroll_code(card.code).size() != 12)
        bad_card("'code' is not an enrollment code (XXXX-XXXX-XXXX)", "'code' không phải mã ghi danh (XXXX-XXXX-XXXX)");
    if (!is_unit_code(card.unit)) bad_card("'unit' is not a unit code", "'unit' không phải mã đơn vị");
    if (!is_role(card.role))
        bad_card("'role' is not officer, unit_head or supervisor", "'role' không phải officer, unit_head hoặc supervisor");
    if (!is_site_id(card.station_site)) bad_card("'station' is not a site id", "'station' không phải mã site");
    if (!is_hex(card.station_key, 32)) bad_card("'key' must be 64 hex digits", "'key' phải là 64 chữ số hex");
    return card;
}

std::string normalised_enroll_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.push_back(u == 'O' ? '0' : (u == 'I' || u == 'L') ? '1' : u);
    }
    return out;
}

std::string enroll_code_hash(std::string_view code) { return sha256_hex(normalised_enroll_code(code)); }

std::string enroll_proof(std::string_view code_hash, std::string_view site, std::string_view public_key) {
    std::string message = "langnghe-enroll-v1\n";
    message.append(site).append("\n").append(public_key);
    return hmac_sha256_hex(code_hash, message);
}

}  // namespace langnghe
