#include "password.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>
#include <vector>

#include "langnghe/base/error.h"
#include "langnghe/base/text.h"
#include "langnghe/storage/custody_crypto.h"

namespace langnghe::server::ui {

namespace {
constexpr std::size_t salt_bytes = 16, key_bytes = 32;

std::vector<unsigned char> random_bytes(std::size_t count) {
    std::vector<unsigned char> out(count);
    if (RAND_bytes(out.data(), static_cast<int>(count)) != 1) throw Error(ErrorCode::internal, "RAND_bytes failed");
    return out;
}

std::string to_hex(const unsigned char* data, std::size_t length) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (std::size_t i = 0; i < length; ++i) {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 15]);
    }
    return out;
}

std::string from_hex(std::string_view hex) {
    std::string out;
    auto value = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(value(hex[i]) * 16 + value(hex[i + 1])));
    return out;
}

std::vector<unsigned char> scrypt(std::string_view password, std::string_view salt, const ScryptParams& params,
                                  std::size_t length) {
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr), &EVP_KDF_free);
    if (!kdf) throw Error(ErrorCode::internal, "this OpenSSL has no scrypt");
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    if (!ctx) throw Error(ErrorCode::internal, "EVP_KDF_CTX_new failed");
    std::uint64_t n = params.n;
    std::uint32_t r = params.r, p = params.p;
    OSSL_PARAM list[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, const_cast<char*>(password.data()), password.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_end(),
    };
    std::vector<unsigned char> out(length);
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), list) != 1)
        throw Error(ErrorCode::internal, "scrypt failed (parameters out of range or out of memory)");
    return out;
}
}  // namespace

std::string scrypt_hex(std::string_view password, std::string_view salt, const ScryptParams& params, std::size_t length) {
    auto key = scrypt(password, salt, params, length);
    return to_hex(key.data(), key.size());
}

PasswordHash hash_password(std::string_view password) {
    PasswordHash h;
    auto salt = random_bytes(salt_bytes);
    h.salt_hex = to_hex(salt.data(), salt.size());
    h.key_hex = scrypt_hex(password, from_hex(h.salt_hex), h.params, key_bytes);
    return h;
}

bool password_matches(std::string_view password, const PasswordHash& hash) {
    if (hash.key_hex.size() != key_bytes * 2 || !is_hex(hash.salt_hex, hash.salt_hex.size() / 2)) return false;
    auto key = scrypt(password, from_hex(hash.salt_hex), hash.params, key_bytes);
    std::string stored = from_hex(hash.key_hex);
    return CRYPTO_memcmp(key.data(), stored.data(), key_bytes) == 0;
}

std::string one_time_password() {
    static constexpr char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    auto bytes = random_bytes(10);  // 80 bits: sixteen 5-bit characters
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            if (!out.empty() && out.size() % 5 == 4) out.push_back('-');
            out.push_back(crockford[(buffer >> bits) & 31]);
        }
    }
    return out;
}

void check_new_password(std::string_view password, std::string_view old_password) {
    if (!is_valid_utf8(password) || codepoint_count(password) < 10)
        throw_invalid("password", "the new password must have at least 10 characters",
                      "mật khẩu mới phải có ít nhất 10 ký tự");
    if (password == old_password)
        throw_invalid("password", "the new password must differ from the one-time password",
                      "mật khẩu mới phải khác mật khẩu dùng một lần");
}

}  // namespace langnghe::server::ui
