#include "dvb/notice/signature.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>

namespace dvb::notice {

void PkeyFree::operator()(evp_pkey_st* key) const {
  EVP_PKEY_free(key);
}

namespace {

using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;

// PEM text is a few hundred bytes; this refuses anything far larger.
constexpr size_t kMaxPemSize = 64 * 1024;
// A P-256 SPKI is 91 bytes, 335 with explicit curve parameters.
constexpr size_t kMaxDerSize = 4096;
constexpr size_t kScalarSize = 32;  // P-256 r, s and coordinates

// The order n of the P-256 base point (FIPS 186-4, D.1.2.3), big-endian.
constexpr uint8_t kP256Order[kScalarSize] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51};

// OpenSSL's thread-local error queue is shared with everything else in the
// process (libcurl's TLS reads it after every SSL call), so each entry point
// leaves it empty: a bad signature from the broadcast must not surface later
// as a spurious TLS failure.
std::string takeOpensslError() {
  const unsigned long code = ERR_peek_last_error();
  std::string text;
  if (code != 0) {
    const char* lib = ERR_lib_error_string(code);
    const char* reason = ERR_reason_error_string(code);
    text = std::string(" (") + (lib ? lib : "OpenSSL") + ": " + (reason ? reason : "unknown") + ")";
  }
  ERR_clear_error();
  return text;
}

void setError(std::string* error, std::string message) {
  if (error) *error = std::move(message);
}

// Fails with `what`, plus OpenSSL's reason when it gave one.
template <typename T>
std::optional<T> fail(std::string* error, const std::string& what) {
  setError(error, what + takeOpensslError());
  return std::nullopt;
}

// Never prompt on a terminal for a passphrase (OpenSSL's default callback
// would): an encrypted key simply fails to load.
int noPassphrase(char*, int, int, void*) {
  return -1;
}

// OpenSSL reads from a null pointer even for zero bytes in some paths.
const uint8_t* nonNull(const uint8_t* p) {
  static const uint8_t kEmpty = 0;
  return p ? p : &kEmpty;
}

std::optional<Bio> memoryBio(std::string_view text, std::string* error) {
  if (text.size() > kMaxPemSize) {
    setError(error, "PEM text too large (" + std::to_string(text.size()) + " bytes)");
    return std::nullopt;
  }
  Bio bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) return fail<Bio>(error, "out of memory");
  return bio;
}

// Which of our two algorithms this key is for, or an error naming what it is.
std::optional<SignatureAlgorithm> classify(EVP_PKEY* key, std::string* error) {
  static const char kAccepted[] = "; only Ed25519 and EC P-256 keys are accepted";
  if (EVP_PKEY_is_a(key, "ED25519")) return SignatureAlgorithm::Ed25519;
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[80] = {};
    size_t length = 0;
    if (!EVP_PKEY_get_group_name(key, group, sizeof group, &length)) {
      ERR_clear_error();
      setError(error, std::string("EC key without a named curve") + kAccepted);
      return std::nullopt;
    }
    int nid = OBJ_sn2nid(group);
    if (nid == NID_undef) nid = EC_curve_nist2nid(group);
    if (nid == NID_X9_62_prime256v1) return SignatureAlgorithm::EcdsaP256Sha256;
    std::string curve = group;
    const char* nist = nid == NID_undef ? nullptr : EC_curve_nid2nist(nid);
    if (nist && curve != nist) curve += std::string(" (") + nist + ")";
    setError(error, "EC key on curve " + curve + kAccepted);
    return std::nullopt;
  }
  const char* type = EVP_PKEY_get0_type_name(key);
  if (!type) type = OBJ_nid2sn(EVP_PKEY_get_base_id(key));
  ERR_clear_error();
  setError(error, std::string(type ? type : "unknown") + " key" + kAccepted);
  return std::nullopt;
}

// Why no key was read from `pem`, in words an operator can act on: OpenSSL
// 3's own reason is mostly "DECODER routines: unsupported" whatever the
// fault. `detail` (OpenSSL's reason) is added only where it can help.
std::string pemProblem(std::string_view pem, bool want_private, const std::string& detail) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  static constexpr std::string_view kDashes = "-----";
  const std::string want = want_private ? "private key" : "\"PUBLIC KEY\"";
  std::string first_label;
  bool saw_private = false;
  for (size_t begin = pem.find(kBegin); begin != std::string_view::npos;
       begin = pem.find(kBegin, begin + kBegin.size())) {
    const size_t label_start = begin + kBegin.size();
    const size_t label_end = pem.find(kDashes, label_start);
    if (label_end == std::string_view::npos) break;
    const std::string label(pem.substr(label_start, label_end - label_start));
    if (first_label.empty()) first_label = label;
    const bool is_private = label.find("PRIVATE KEY") != std::string::npos;
    saw_private = saw_private || is_private;
    if (want_private ? !is_private : label != "PUBLIC KEY") continue;
    const size_t end = pem.find("-----END " + label + "-----", label_end);
    const std::string_view block = pem.substr(label_end, end - label_end);
    if (label == "ENCRYPTED PRIVATE KEY" || block.find("ENCRYPTED") != std::string_view::npos) {
      return "encrypted private keys are not supported";
    }
    if (end == std::string_view::npos) return "truncated \"" + label + "\" PEM block (no END line)";
    return "malformed \"" + label + "\" PEM block" + detail;
  }
  if (!want_private && saw_private)
    return "PEM holds a private key where a public key was expected";
  if (first_label.empty()) return "no PEM block where a " + want + " was expected";
  return "PEM holds \"" + first_label + "\" where a " + want + " was expected";
}

std::vector<uint8_t> spkiDer(EVP_PKEY* key) {
  const int size = i2d_PUBKEY(key, nullptr);
  if (size <= 0) return {};
  std::vector<uint8_t> der(static_cast<size_t>(size));
  unsigned char* p = der.data();
  if (i2d_PUBKEY(key, &p) != size) return {};
  return der;
}

// Big-endian compare of two 32-byte scalars.
bool inP256ScalarRange(const uint8_t* scalar) {
  static const uint8_t kZero[kScalarSize] = {};
  return std::memcmp(scalar, kZero, kScalarSize) != 0 &&
         std::memcmp(scalar, kP256Order, kScalarSize) < 0;
}

bool verifyEd25519(EVP_PKEY* key, const uint8_t* message, size_t size, const uint8_t* signature) {
  MdCtx ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), signature, kSignatureSize, nonNull(message), size) == 1;
}

bool verifyP256(EVP_PKEY* key, const uint8_t* message, size_t size, const uint8_t* signature) {
  // OpenSSL checks the range too, but only after the DER round trip; the
  // explicit check makes "r or s is 0 or >= n" this file's promise.
  if (!inP256ScalarRange(signature) || !inP256ScalarRange(signature + kScalarSize)) return false;
  Bn r(BN_bin2bn(signature, kScalarSize, nullptr));
  Bn s(BN_bin2bn(signature + kScalarSize, kScalarSize, nullptr));
  EcdsaSig sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return false;
  static_cast<void>(r.release());  // now owned by sig
  static_cast<void>(s.release());
  const int der_size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (der_size <= 0) return false;
  std::vector<uint8_t> der(static_cast<size_t>(der_size));
  unsigned char* p = der.data();
  if (i2d_ECDSA_SIG(sig.get(), &p) != der_size) return false;
  MdCtx ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), der.data(), der.size(), nonNull(message), size) == 1;
}

std::vector<uint8_t> signEd25519(EVP_PKEY* key, const uint8_t* message, size_t size) {
  MdCtx ctx(EVP_MD_CTX_new());
  std::vector<uint8_t> out(kSignatureSize);
  size_t out_size = out.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), out.data(), &out_size, nonNull(message), size) != 1 ||
      out_size != kSignatureSize) {
    return {};
  }
  return out;
}

std::vector<uint8_t> signP256(EVP_PKEY* key, const uint8_t* message, size_t size) {
  MdCtx ctx(EVP_MD_CTX_new());
  size_t der_size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_size, nonNull(message), size) != 1) {
    return {};
  }
  std::vector<uint8_t> der(der_size);
  if (EVP_DigestSign(ctx.get(), der.data(), &der_size, nonNull(message), size) != 1) return {};
  const unsigned char* p = der.data();
  EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_size)));
  if (!sig) return {};
  const BIGNUM* r = ECDSA_SIG_get0_r(sig.get());
  const BIGNUM* s = ECDSA_SIG_get0_s(sig.get());
  // Emit the low s (s and n - s both verify): one canonical signature per
  // nonce, and what verifiers that insist on low s expect.
  Bn order(BN_bin2bn(kP256Order, kScalarSize, nullptr));
  Bn half(BN_new());
  Bn low_s(BN_new());
  if (!order || !half || !low_s || BN_rshift1(half.get(), order.get()) != 1) return {};
  if (BN_cmp(s, half.get()) > 0) {
    if (BN_sub(low_s.get(), order.get(), s) != 1) return {};
  } else if (!BN_copy(low_s.get(), s)) {
    return {};
  }
  std::vector<uint8_t> out(kSignatureSize);
  if (BN_bn2binpad(r, out.data(), kScalarSize) != static_cast<int>(kScalarSize) ||
      BN_bn2binpad(low_s.get(), out.data() + kScalarSize, kScalarSize) !=
          static_cast<int>(kScalarSize)) {
    return {};
  }
  return out;
}

}  // namespace

std::string keyIdHex(const KeyId& id) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * id.size());
  for (uint8_t b : id) {
    text += kDigits[b >> 4];
    text += kDigits[b & 0x0F];
  }
  return text;
}

std::optional<KeyId> parseKeyIdHex(std::string_view text) {
  KeyId id{};
  if (text.size() != 2 * id.size()) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < id.size(); ++i) {
    const int hi = nibble(text[2 * i]);
    const int lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id[i] = static_cast<uint8_t>((hi << 4) | lo);
  }
  return id;
}

// Every public key, from PEM, DER or a private key, ends up here: check the
// type, put a P-256 key in its canonical encoding (named curve, uncompressed
// point; OpenSSL has already matched explicit parameters to P-256 if they
// are P-256's), then name it by that encoding.
std::optional<PublicKey> PublicKey::fromDer(const uint8_t* der, size_t size, std::string* error) {
  if (!der || size == 0) {
    setError(error, "empty public key");
    return std::nullopt;
  }
  if (size > kMaxDerSize) {
    setError(error, "public key DER too large (" + std::to_string(size) + " bytes)");
    return std::nullopt;
  }
  const unsigned char* p = der;
  Pkey key(d2i_PUBKEY(nullptr, &p, static_cast<long>(size)));
  if (!key) return fail<PublicKey>(error, "not a DER SubjectPublicKeyInfo");
  if (p != der + size) {
    setError(error, "trailing bytes after the DER SubjectPublicKeyInfo");
    return std::nullopt;
  }
  auto algorithm = classify(key.get(), error);
  if (!algorithm) return std::nullopt;
  if (*algorithm == SignatureAlgorithm::EcdsaP256Sha256) {
    if (EVP_PKEY_set_utf8_string_param(key.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                       OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED) != 1 ||
        EVP_PKEY_set_utf8_string_param(key.get(), OSSL_PKEY_PARAM_EC_ENCODING,
                                       OSSL_PKEY_EC_ENCODING_GROUP) != 1) {
      return fail<PublicKey>(error, "cannot put the P-256 key in canonical form");
    }
  }
  const std::vector<uint8_t> canonical = spkiDer(key.get());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (canonical.empty() || EVP_Digest(canonical.data(), canonical.size(), digest, &digest_size,
                                      EVP_sha256(), nullptr) != 1) {
    return fail<PublicKey>(error, "cannot encode the public key");
  }
  PublicKey out;
  std::memcpy(out.id_.data(), digest, out.id_.size());
  out.algorithm_ = *algorithm;
  out.key_ = std::move(key);
  ERR_clear_error();
  return out;
}

std::optional<PublicKey> PublicKey::fromPem(std::string_view pem, std::string* error) {
  auto bio = memoryBio(pem, error);
  if (!bio) return std::nullopt;
  Pkey key(PEM_read_bio_PUBKEY(bio->get(), nullptr, noPassphrase, nullptr));
  if (!key) {
    setError(error, pemProblem(pem, false, takeOpensslError()));
    return std::nullopt;
  }
  // Decode once more from the DER so both paths share one check.
  const std::vector<uint8_t> der = spkiDer(key.get());
  if (der.empty()) return fail<PublicKey>(error, "cannot encode the public key");
  return fromDer(der.data(), der.size(), error);
}

std::vector<uint8_t> PublicKey::der() const {
  if (!key_) return {};
  std::vector<uint8_t> out = spkiDer(key_.get());
  ERR_clear_error();
  return out;
}

std::string PublicKey::pem() const {
  if (!key_) return {};
  Bio bio(BIO_new(BIO_s_mem()));
  std::string out;
  if (bio && PEM_write_bio_PUBKEY(bio.get(), key_.get()) == 1) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    if (size > 0) out.assign(data, static_cast<size_t>(size));
  }
  ERR_clear_error();
  return out;
}

bool PublicKey::verify(const uint8_t* message, size_t size, const uint8_t* signature,
                       size_t signature_size) const {
  if (!key_ || !signature || signature_size != kSignatureSize || (!message && size != 0)) {
    return false;
  }
  const bool ok = algorithm_ == SignatureAlgorithm::Ed25519
                      ? verifyEd25519(key_.get(), message, size, signature)
                      : verifyP256(key_.get(), message, size, signature);
  ERR_clear_error();
  return ok;
}

PublicKey PublicKey::share() const {
  PublicKey out;
  if (key_ && EVP_PKEY_up_ref(key_.get()) == 1) out.key_.reset(key_.get());
  out.algorithm_ = algorithm_;
  out.id_ = id_;
  return out;
}

// --- PrivateKey -------------------------------------------------------------

// Wraps a loaded or generated private key, deriving its public half.
std::optional<PrivateKey> PrivateKey::adopt(std::unique_ptr<evp_pkey_st, PkeyFree> key,
                                            std::string* error) {
  if (!classify(key.get(), error)) return std::nullopt;
  const std::vector<uint8_t> der = spkiDer(key.get());
  if (der.empty()) return fail<PrivateKey>(error, "cannot derive the public key");
  auto pub = PublicKey::fromDer(der.data(), der.size(), error);
  if (!pub) return std::nullopt;
  PrivateKey out;
  out.key_ = std::move(key);
  out.public_ = std::move(*pub);
  return out;
}

std::optional<PrivateKey> PrivateKey::generate(SignatureAlgorithm algorithm, std::string* error) {
  Pkey key;
  switch (algorithm) {
    case SignatureAlgorithm::Ed25519:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
      break;
    case SignatureAlgorithm::EcdsaP256Sha256:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
      break;
    default:
      setError(error,
               "unknown signature algorithm " + std::to_string(static_cast<unsigned>(algorithm)));
      return std::nullopt;
  }
  if (!key) return fail<PrivateKey>(error, "key generation failed");
  return adopt(std::move(key), error);
}

std::optional<PrivateKey> PrivateKey::fromPem(std::string_view pem, std::string* error) {
  auto bio = memoryBio(pem, error);
  if (!bio) return std::nullopt;
  Pkey key(PEM_read_bio_PrivateKey(bio->get(), nullptr, noPassphrase, nullptr));
  if (!key) {
    setError(error, pemProblem(pem, true, takeOpensslError()));
    return std::nullopt;
  }
  return adopt(std::move(key), error);
}

std::string PrivateKey::pem() const {
  if (!key_) return {};
  Bio bio(BIO_new(BIO_s_mem()));
  std::string out;
  if (bio && PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                           nullptr) == 1) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    if (size > 0) out.assign(data, static_cast<size_t>(size));
  }
  ERR_clear_error();
  return out;
}

PublicKey PrivateKey::publicKey() const {
  return public_.share();
}

std::vector<uint8_t> PrivateKey::sign(const uint8_t* message, size_t size) const {
  if (!key_ || (!message && size != 0)) return {};
  std::vector<uint8_t> out = algorithm() == SignatureAlgorithm::Ed25519
                                 ? signEd25519(key_.get(), message, size)
                                 : signP256(key_.get(), message, size);
  ERR_clear_error();
  return out;
}

}  // namespace dvb::notice
