#pragma once
// Enrollment by file (docs/custody.md): the card a station issues with a one-time code, as a URI a
// QR code carries or a person types, and the proof a device enrolled by it puts in its change files.
//
//   langnghe://enroll?code=XXXX-XXXX-XXXX&unit=U&role=R&station=SITE&key=HEX&server=URL
#include <string>
#include <string_view>

namespace langnghe {

struct EnrollmentCard {
    std::string code, unit, role;
    std::string station_site, station_key;  // whom the device trusts to sign what it is sent
    std::string server;                     // where it syncs once it has a network; may be empty
};

std::string card_uri(const EnrollmentCard& card);
// Throws invalid_input naming the member that is missing or malformed.
EnrollmentCard parse_card_uri(std::string_view uri);

// The code as compared: no dashes or spaces, upper case, O read as 0 and I, L as 1.
std::string normalised_enroll_code(std::string_view code);
// What the station keeps of a code: the SHA-256 of its normalised text, hex.
std::string enroll_code_hash(std::string_view code);
// HMAC-SHA-256 keyed with the code's hash over the device's site and public key: binds the code to
// this key without carrying the code.
std::string enroll_proof(std::string_view code_hash, std::string_view site, std::string_view public_key);

// What the change files of a device enrolled by card carry until the station registers it.
struct EnrollClaim {
    std::string proof, label;
};

}  // namespace langnghe
