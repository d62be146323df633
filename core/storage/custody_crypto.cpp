#include "langnghe/storage/custody_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <vector>

#include "langnghe/base/error.h"

namespace langnghe {

namespace {
constexpr std::size_t key_bytes = 32, signature_bytes = 64;

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

[[noreturn]] void crypto_failed(const char* what) {
    throw Error(ErrorCode::internal, std::string("OpenSSL could not ") + what);
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 15]);
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// nullopt-like: an empty vector for text that is not `bytes` bytes of lowercase hex.
std::vector<unsigned char> from_hex(std::string_view text, std::size_t bytes) {
    if (!is_hex(text, bytes)) return {};
    std::vector<unsigned char> out(bytes);
    for (std::size_t i = 0; i < bytes; ++i)
        out[i] = static_cast<unsigned char>(hex_digit(text[2 * i]) * 16 + hex_digit(text[2 * i + 1]));
    return out;
}
}  // namespace

bool is_hex(std::string_view text, std::size_t bytes) {
    if (text.size() != bytes * 2) return false;
    for (char c : text)
        if (hex_digit(c) < 0) return false;
    return true;
}

KeyPair generate_key_pair() {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) crypto_failed("make an Ed25519 key pair");
    unsigned char priv[key_bytes], pub[key_bytes];
    std::size_t priv_size = sizeof priv, pub_size = sizeof pub;
    if (EVP_PKEY_get_raw_private_key(key.get(), priv, &priv_size) != 1 ||
        EVP_PKEY_get_raw_public_key(key.get(), pub, &pub_size) != 1)
        crypto_failed("read an Ed25519 key");
    KeyPair out{to_hex(priv, priv_size), to_hex(pub, pub_size)};
    OPENSSL_cleanse(priv, sizeof priv);
    return out;
}

std::string sign_message(const std::string& private_key_hex, std::string_view message) {
    return SigningKey(private_key_hex).sign(message);
}

SigningKey::SigningKey(const std::string& private_key_hex)
    : m_key(nullptr), m_signing(nullptr), m_seed_digest(sha256_hex(private_key_hex)) {
    auto raw = from_hex(private_key_hex, key_bytes);
    if (raw.empty()) throw Error(ErrorCode::storage, "this device's signing key is damaged");
    Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size()));
    OPENSSL_cleanse(raw.data(), raw.size());
    if (!key) crypto_failed("read an Ed25519 private key");
    // Initialising a signature fetches the algorithm from OpenSSL's providers, which costs about as
    // much as signing a link; a commit that seals one link would pay it every time.
    MdCtx signing(EVP_MD_CTX_new());
    if (!signing || EVP_DigestSignInit(signing.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        crypto_failed("prepare Ed25519 signing");
    m_key = key.release();
    m_signing = signing.release();
}

SigningKey::~SigningKey() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_signing));
    EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
}

bool SigningKey::made_from(std::string_view private_key_hex) const {
    return secrets_equal(m_seed_digest, sha256_hex(private_key_hex));
}

std::string SigningKey::sign(std::string_view message) const {
    // Ed25519 signs in one shot, after which a context cannot sign again: each signature uses a copy.
    MdCtx ctx(EVP_MD_CTX_new());
    unsigned char signature[signature_bytes];
    std::size_t size = sizeof signature;
    if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), static_cast<const EVP_MD_CTX*>(m_signing)) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &size, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1)
        crypto_failed("sign with Ed25519");
    return to_hex(signature, size);
}

bool signature_valid(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex) {
    auto raw_key = from_hex(public_key_hex, key_bytes);
    auto signature = from_hex(signature_hex, signature_bytes);
    if (raw_key.empty() || signature.empty()) return false;
    Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_key.data(), raw_key.size()));
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::string sha256_hex(std::string_view bytes) { return Sha256().add(bytes).hex(); }

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    std::size_t size = 0;
    char digest[] = "SHA256";
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.data(), key.size(),
                   reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, sizeof mac, &size))
        crypto_failed("compute an HMAC");
    return to_hex(mac, size);
}

bool secrets_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_hex(std::size_t count) {
    std::vector<unsigned char> bytes(count);
    if (count > 0 && RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
        throw Error(ErrorCode::internal, "no secure random source");
    return to_hex(bytes.data(), bytes.size());
}

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_ctx), EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx));
        crypto_failed("start SHA-256");
    }
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }

Sha256& Sha256::add(std::string_view bytes) {
    if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), bytes.data(), bytes.size()) != 1) crypto_failed("hash");
    return *this;
}

Sha256& Sha256::add_sized(std::string_view bytes) {
    std::string size = std::to_string(bytes.size()) + ":";
    return add(size).add(bytes);
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    auto* ctx = static_cast<EVP_MD_CTX*>(m_ctx);
    // Restarted with the digest it holds: naming EVP_sha256() again would look it up each time.
    if (EVP_DigestFinal_ex(ctx, digest, &size) != 1 || EVP_DigestInit_ex2(ctx, nullptr, nullptr) != 1)
        crypto_failed("finish SHA-256");
    return to_hex(digest, size);
}

}  // namespace langnghe
