#pragma once
// Passwords of the dashboard's accounts (docs/dashboard.md, "Accounts"): scrypt through OpenSSL 3's
// EVP_KDF, with its cost parameters stored beside each hash so they can be raised later, and the
// one-time passwords `user add` and `user reset` print.
#include <cstdint>
#include <string>
#include <string_view>

namespace langnghe::server::ui {

struct ScryptParams {
    std::uint64_t n = std::uint64_t{1} << 15;  // 32 MiB of memory a hash: slow to guess at, fine for a login
    std::uint32_t r = 8, p = 1;
    bool operator==(const ScryptParams&) const = default;
};

struct PasswordHash {
    ScryptParams params;
    std::string salt_hex, key_hex;  // 16-byte salt, 32-byte key
};

// The raw KDF, for the RFC 7914 vectors: `length` bytes of scrypt(password, salt), hex.
std::string scrypt_hex(std::string_view password, std::string_view salt, const ScryptParams& params, std::size_t length);

// A new salt from RAND_bytes and the key under the current parameters.
PasswordHash hash_password(std::string_view password);
// Compared in constant time (CRYPTO_memcmp) under the hash's own parameters.
bool password_matches(std::string_view password, const PasswordHash& hash);

// 16 Crockford base32 characters (80 bits) from RAND_bytes, in groups of four: "7K2M-Q9XD-…".
std::string one_time_password();

// A new password: at least 10 characters, and not the one-time password it replaces. Throws
// invalid_input (field "password") in both languages.
void check_new_password(std::string_view password, std::string_view old_password);

}  // namespace langnghe::server::ui
