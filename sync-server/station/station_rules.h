#pragma once
// Rules the station's operations share across its files (station.cpp, station_files.cpp).
#include <string>
#include <string_view>
#include <vector>

#include "langnghe/storage/custody.h"
#include "langnghe/sync/custody_check.h"

namespace langnghe::server {

// 32 random bytes: a token that cannot be guessed, of which the station keeps only the hash.
std::string random_token();
// The key of a site in a registry sorted by site (Station::registry).
KeyOf key_lookup(std::vector<RegisteredKey> keys);
// A device's label as stored: NFC, at most 200 characters, no control characters.
std::string clean_label(std::string_view label);

}  // namespace langnghe::server
