#pragma once
// The cryptography of the chain of custody (docs/custody.md), through OpenSSL 3: Ed25519 key pairs,
// signatures and SHA-256. Keys, signatures and digests travel and are stored as lowercase hex.
#include <cstddef>
#include <string>
#include <string_view>

namespace langnghe {

struct KeyPair {
    std::string private_key;  // the 32-byte Ed25519 seed, hex
    std::string public_key;   // the 32-byte public key, hex
};

KeyPair generate_key_pair();
// The signature (64 bytes, hex) of `message` under a private key of generate_key_pair.
std::string sign_message(const std::string& private_key_hex, std::string_view message);

// A private key of generate_key_pair, held parsed: making the key from its seed derives the public
// half, which costs as much as a signature, so a replica signing every commit keeps one.
class SigningKey {
public:
    explicit SigningKey(const std::string& private_key_hex);
    ~SigningKey();
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;
    // The signature (64 bytes, hex) of `message`.
    std::string sign(std::string_view message) const;
    bool made_from(std::string_view private_key_hex) const;

private:
    void* m_key;
    void* m_signing;  // a context initialised once for m_key, copied for each signature
    std::string m_seed_digest;  // SHA-256 of the seed it was made from: the seed itself is not kept twice
};
// Whether `signature_hex` is `public_key_hex`'s signature of `message`; false for any malformed input.
bool signature_valid(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex);

std::string sha256_hex(std::string_view bytes);
// HMAC-SHA-256 of `message` under `key`, hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// Equality of two secrets in time that does not depend on where they differ.
bool secrets_equal(std::string_view a, std::string_view b);
// `count` random bytes, hex (2 × count characters), from OpenSSL's secure source.
std::string random_hex(std::size_t count);
bool is_hex(std::string_view text, std::size_t bytes);

// SHA-256 fed piece by piece, one context reused: hashing many small entries costs no allocation each.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    Sha256& add(std::string_view bytes);
    // A length-prefixed piece, so consecutive pieces cannot be re-cut into others.
    Sha256& add_sized(std::string_view bytes);
    // The digest of what was added since the last hex(), hex; the context starts again.
    std::string hex();

private:
    void* m_ctx;
};

}  // namespace langnghe
