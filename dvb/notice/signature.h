#pragma once
// Operator signatures over notices and the other signed objects: Ed25519
// (RFC 8032) or ECDSA over P-256 with SHA-256 (FIPS 186-4), keys named by a
// KeyId so they can be rotated and revoked. OpenSSL does the arithmetic; no
// OpenSSL type appears here, so only signature.cpp includes its headers.
//
// Wire format of a signature: always kSignatureSize (64) bytes.
//   Ed25519:   R || S as in RFC 8032, section 5.1.6.
//   P-256:     r || s, each a 32-byte big-endian unsigned integer (the
//              IEEE P1363 form), not the DER ECDSA-Sig-Value that OpenSSL and
//              X.509 use; fixed size keeps the section layout fixed.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace dvb::notice {

enum class SignatureAlgorithm : uint8_t { Ed25519 = 1, EcdsaP256Sha256 = 2 };

constexpr size_t kSignatureSize = 64;

// A key's name on the wire: the first 8 bytes of SHA-256 over the key's DER
// SubjectPublicKeyInfo (RFC 5280, 4.1.2.7) in its canonical form: for
// Ed25519 the 44-byte SPKI of RFC 8410; for P-256 the id-ecPublicKey SPKI
// with the named-curve OID prime256v1 and the uncompressed point (91 bytes).
// That is what `openssl pkey -pubin -outform DER | sha256sum` hashes for a
// key written by OpenSSL; a key read with a compressed point or explicit
// curve parameters is re-encoded first, so one key has one id however it was
// spelled.
using KeyId = std::array<uint8_t, 8>;

std::string keyIdHex(const KeyId& id);  // 16 lower-case hex digits
// Exactly 16 hex digits, either case; anything else is nullopt.
std::optional<KeyId> parseKeyIdHex(std::string_view text);

struct PkeyFree {
  void operator()(evp_pkey_st* key) const;
};

// Only Ed25519 and P-256 keys load; any other type (RSA, Ed448, X25519, an
// EC key on P-384 or any other curve, ...) is refused with an error that
// names it. P-256 given by explicit parameters rather than its OID is
// accepted and re-encoded with the OID. Encrypted private keys are refused,
// never prompted for.

// A public key that verifies signatures. Move-only; immutable once loaded.
class PublicKey {
 public:
  static std::optional<PublicKey> fromPem(std::string_view pem, std::string* error);
  // One DER SubjectPublicKeyInfo, nothing after it.
  static std::optional<PublicKey> fromDer(const uint8_t* der, size_t size, std::string* error);

  PublicKey(PublicKey&&) noexcept = default;
  PublicKey& operator=(PublicKey&&) noexcept = default;
  PublicKey(const PublicKey&) = delete;
  PublicKey& operator=(const PublicKey&) = delete;
  ~PublicKey() = default;

  SignatureAlgorithm algorithm() const { return algorithm_; }
  const KeyId& id() const { return id_; }
  std::vector<uint8_t> der() const;  // canonical SPKI (the bytes the id hashes)
  std::string pem() const;           // "-----BEGIN PUBLIC KEY-----" of der()

  // True only for a signature in the wire format above, exactly
  // kSignatureSize bytes, valid for this key over these bytes. For P-256, r
  // and s must lie in [1, n-1]; a high s (n/2 < s < n) is accepted, since
  // other signers need not normalise. Leaves OpenSSL's error queue empty.
  bool verify(const uint8_t* message, size_t size, const uint8_t* signature,
              size_t signature_size) const;

 private:
  friend class PrivateKey;
  PublicKey() = default;
  PublicKey share() const;  // another handle on the same immutable key

  std::unique_ptr<evp_pkey_st, PkeyFree> key_;
  SignatureAlgorithm algorithm_ = SignatureAlgorithm::Ed25519;
  KeyId id_{};
};

// A signing key, for the headend tool and for tests; a box holds none.
class PrivateKey {
 public:
  static std::optional<PrivateKey> generate(SignatureAlgorithm algorithm, std::string* error);
  // PKCS#8 "PRIVATE KEY", or the traditional "EC PRIVATE KEY"; unencrypted.
  static std::optional<PrivateKey> fromPem(std::string_view pem, std::string* error);

  PrivateKey(PrivateKey&&) noexcept = default;
  PrivateKey& operator=(PrivateKey&&) noexcept = default;
  PrivateKey(const PrivateKey&) = delete;
  PrivateKey& operator=(const PrivateKey&) = delete;
  ~PrivateKey() = default;

  std::string pem() const;  // unencrypted PKCS#8 "-----BEGIN PRIVATE KEY-----"
  PublicKey publicKey() const;
  SignatureAlgorithm algorithm() const { return public_.algorithm(); }
  const KeyId& id() const { return public_.id(); }

  // kSignatureSize bytes in the wire format above; empty only if OpenSSL
  // fails (out of memory). Ed25519 is deterministic; ECDSA draws a fresh
  // nonce each time and always emits the low s (s <= n/2).
  std::vector<uint8_t> sign(const uint8_t* message, size_t size) const;

 private:
  PrivateKey() = default;
  static std::optional<PrivateKey> adopt(std::unique_ptr<evp_pkey_st, PkeyFree> key,
                                         std::string* error);

  std::unique_ptr<evp_pkey_st, PkeyFree> key_;
  PublicKey public_;
};

}  // namespace dvb::notice
