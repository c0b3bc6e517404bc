#include "dvb/notice/signature.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/files.h"

namespace dvb::notice {
namespace {

// --- Helpers: OpenSSL used directly, as an independent second opinion ------

struct TestPkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct TestBioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct TestCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct TestSigFree {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};
struct TestBnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using RawPkey = std::unique_ptr<EVP_PKEY, TestPkeyFree>;
using RawBio = std::unique_ptr<BIO, TestBioFree>;
using RawCtx = std::unique_ptr<EVP_MD_CTX, TestCtxFree>;
using RawSig = std::unique_ptr<ECDSA_SIG, TestSigFree>;
using RawBn = std::unique_ptr<BIGNUM, TestBnFree>;

std::vector<uint8_t> hex(const std::string& text) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoul(text.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string();
}

std::string publicPem(EVP_PKEY* key) {
  RawBio bio(BIO_new(BIO_s_mem()));
  EXPECT_EQ(PEM_write_bio_PUBKEY(bio.get(), key), 1);
  return bioText(bio.get());
}

std::string privatePem(EVP_PKEY* key) {
  RawBio bio(BIO_new(BIO_s_mem()));
  EXPECT_EQ(PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
            1);
  return bioText(bio.get());
}

std::vector<uint8_t> spki(EVP_PKEY* key) {
  const int size = i2d_PUBKEY(key, nullptr);
  EXPECT_GT(size, 0);
  std::vector<uint8_t> der(static_cast<size_t>(size));
  unsigned char* p = der.data();
  i2d_PUBKEY(key, &p);
  return der;
}

RawPkey opensslPublic(const PublicKey& key) {
  const std::vector<uint8_t> der = key.der();
  const unsigned char* p = der.data();
  return RawPkey(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
}

// r || s (wire) <-> DER ECDSA-Sig-Value, done here without the code under test.
std::vector<uint8_t> wireToDer(const std::vector<uint8_t>& wire) {
  RawSig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(wire.data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(wire.data() + 32, 32, nullptr);
  EXPECT_EQ(ECDSA_SIG_set0(sig.get(), r, s), 1);
  std::vector<uint8_t> der(static_cast<size_t>(i2d_ECDSA_SIG(sig.get(), nullptr)));
  unsigned char* p = der.data();
  i2d_ECDSA_SIG(sig.get(), &p);
  return der;
}

std::vector<uint8_t> derToWire(const std::vector<uint8_t>& der) {
  const unsigned char* p = der.data();
  RawSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  EXPECT_TRUE(sig);
  std::vector<uint8_t> wire(64);
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), wire.data(), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), wire.data() + 32, 32);
  return wire;
}

std::vector<uint8_t> opensslSignDer(EVP_PKEY* key, const std::vector<uint8_t>& message) {
  RawCtx ctx(EVP_MD_CTX_new());
  size_t size = 0;
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key), 1);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &size, message.data(), message.size()), 1);
  std::vector<uint8_t> der(size);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), der.data(), &size, message.data(), message.size()), 1);
  der.resize(size);
  return der;
}

bool opensslVerifyDer(EVP_PKEY* key, const std::vector<uint8_t>& message,
                      const std::vector<uint8_t>& der) {
  RawCtx ctx(EVP_MD_CTX_new());
  const bool ok =
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx.get(), der.data(), der.size(), message.data(), message.size()) == 1;
  ERR_clear_error();
  return ok;
}

PrivateKey generated(SignatureAlgorithm algorithm) {
  std::string error;
  auto key = PrivateKey::generate(algorithm, &error);
  EXPECT_TRUE(key) << error;
  return std::move(*key);
}

bool verifies(const PublicKey& key, const std::vector<uint8_t>& message,
              const std::vector<uint8_t>& signature) {
  return key.verify(message.data(), message.size(), signature.data(), signature.size());
}

std::string tempPath(const std::string& stem) {
  static int counter = 0;
  return testing::TempDir() + "/signature_test_" + std::to_string(getpid()) + "_" +
         std::to_string(counter++) + "_" + stem;
}

// Runs a shell command; returns its stdout, or nullopt (with a test
// failure) when it exits non-zero.
std::optional<std::string> run(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    ADD_FAILURE() << "popen failed: " << command;
    return std::nullopt;
  }
  std::string out;
  char buffer[256];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0) {
    ADD_FAILURE() << "command failed (status " << status << "): " << command;
    return std::nullopt;
  }
  return out;
}

// --- Key ids ----------------------------------------------------------------

TEST(KeyIdHex, RoundTripsAndIsLowerCase) {
  const KeyId id = {0x00, 0x01, 0xAB, 0xCD, 0xEF, 0x10, 0x7F, 0xFF};
  EXPECT_EQ(keyIdHex(id), "0001abcdef107fff");
  EXPECT_EQ(parseKeyIdHex("0001abcdef107fff"), id);
  EXPECT_EQ(parseKeyIdHex("0001ABCDEF107FFF"), id);
}

TEST(KeyIdHex, RejectsWrongLengthAndNonHex) {
  EXPECT_FALSE(parseKeyIdHex(""));
  EXPECT_FALSE(parseKeyIdHex("0001abcdef107ff"));
  EXPECT_FALSE(parseKeyIdHex("0001abcdef107fff0"));
  EXPECT_FALSE(parseKeyIdHex("0001abcdef107ffg"));
  EXPECT_FALSE(parseKeyIdHex(" 001abcdef107fff"));
  EXPECT_FALSE(parseKeyIdHex("0x01abcdef107fff"));
}

// Golden ids: if these change, every box in the field stops recognising the
// operator's keys. Computed with `openssl pkey -pubin -outform DER | sha256sum`.
TEST(KeyId, IsStableForKnownKeys) {
  std::string error;
  // RFC 8032, 7.1, TEST 1 public key in its RFC 8410 SPKI.
  const auto ed =
      hex("302a300506032b6570032100"
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto ed_key = PublicKey::fromDer(ed.data(), ed.size(), &error);
  ASSERT_TRUE(ed_key) << error;
  EXPECT_EQ(keyIdHex(ed_key->id()), "06e3fd8fda29bb60");
  EXPECT_EQ(ed_key->der(), ed);
  // RFC 6979, A.2.5 P-256 public key, named curve, uncompressed point.
  const auto ec =
      hex("3059301306072a8648ce3d020106082a8648ce3d03010703420004"
          "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
          "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
  auto ec_key = PublicKey::fromDer(ec.data(), ec.size(), &error);
  ASSERT_TRUE(ec_key) << error;
  EXPECT_EQ(keyIdHex(ec_key->id()), "5a7a78cca4a0f420");
  EXPECT_EQ(ec_key->der(), ec);
}

class BothAlgorithms : public testing::TestWithParam<SignatureAlgorithm> {};

INSTANTIATE_TEST_SUITE_P(Signature, BothAlgorithms,
                         testing::Values(SignatureAlgorithm::Ed25519,
                                         SignatureAlgorithm::EcdsaP256Sha256),
                         [](const testing::TestParamInfo<SignatureAlgorithm>& param) {
                           return param.param == SignatureAlgorithm::Ed25519 ? "Ed25519" : "P256";
                         });

TEST_P(BothAlgorithms, KeyIdMatchesOpensslCommandLine) {
  ASSERT_TRUE(run("command -v openssl >/dev/null"))
      << "the openssl command line tool is needed for this test (apt-get install openssl)";
  const PrivateKey key = generated(GetParam());
  const std::string pem_path = tempPath("pub.pem");
  const std::string der_path = pem_path + ".der";
  testing_support::writeTextFile(pem_path, key.publicKey().pem());
  ASSERT_TRUE(
      run("openssl pkey -pubin -in '" + pem_path + "' -outform DER -out '" + der_path + "' 2>&1"));
  auto sum = run("sha256sum '" + der_path + "'");
  ASSERT_TRUE(sum);
  ASSERT_GE(sum->size(), 64u);
  EXPECT_EQ(keyIdHex(key.id()), sum->substr(0, 16)) << *sum;
  std::remove(pem_path.c_str());
  std::remove(der_path.c_str());
}

TEST_P(BothAlgorithms, KeyIdIsSha256OfDerPrefix) {
  const PublicKey key = generated(GetParam()).publicKey();
  const std::vector<uint8_t> der = key.der();
  EXPECT_EQ(der.size(), GetParam() == SignatureAlgorithm::Ed25519 ? 44u : 91u);
  unsigned char digest[32];
  unsigned int size = 0;
  ASSERT_EQ(EVP_Digest(der.data(), der.size(), digest, &size, EVP_sha256(), nullptr), 1);
  EXPECT_EQ(0, std::memcmp(digest, key.id().data(), key.id().size()));
}

// --- PEM and DER ------------------------------------------------------------

TEST_P(BothAlgorithms, PemRoundTripKeepsTheKeyId) {
  const PrivateKey key = generated(GetParam());
  EXPECT_EQ(key.algorithm(), GetParam());
  const std::string private_pem = key.pem();
  EXPECT_NE(private_pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  std::string error;
  auto reloaded = PrivateKey::fromPem(private_pem, &error);
  ASSERT_TRUE(reloaded) << error;
  EXPECT_EQ(reloaded->id(), key.id());
  EXPECT_EQ(reloaded->algorithm(), GetParam());

  const PublicKey pub = key.publicKey();
  EXPECT_EQ(pub.id(), key.id());
  EXPECT_NE(pub.pem().find("-----BEGIN PUBLIC KEY-----"), std::string::npos);
  auto from_pem = PublicKey::fromPem(pub.pem(), &error);
  ASSERT_TRUE(from_pem) << error;
  EXPECT_EQ(from_pem->id(), key.id());
  EXPECT_EQ(from_pem->algorithm(), GetParam());
  const auto der = pub.der();
  auto from_der = PublicKey::fromDer(der.data(), der.size(), &error);
  ASSERT_TRUE(from_der) << error;
  EXPECT_EQ(from_der->id(), key.id());

  // The reloaded private key signs for the original public key.
  const std::vector<uint8_t> message = {1, 2, 3};
  EXPECT_TRUE(verifies(pub, message, reloaded->sign(message.data(), message.size())));
}

// Each failure says what is wrong with the text, not just "unsupported".
TEST(Pem, GarbageAndTruncatedPemAreRejected) {
  const PrivateKey key = generated(SignatureAlgorithm::EcdsaP256Sha256);
  const std::string pub = key.publicKey().pem();
  const std::string priv = key.pem();
  // The END line kept, one base64 line in the middle dropped.
  std::string gutted = pub;
  const size_t second_line = gutted.find('\n') + 1;
  gutted.erase(second_line, gutted.find('\n', second_line) + 1 - second_line);
  const struct {
    std::string input;
    const char* problem;
  } cases[] = {
      {"", "no PEM block"},
      {"hello", "no PEM block"},
      {"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "malformed"},
      {"-----BEGIN PUBLIC KEY-----\n!!!!not base64!!!!\n-----END PUBLIC KEY-----\n", "malformed"},
      {gutted, "malformed"},
      {pub.substr(0, pub.size() / 2), "truncated"},
      {pub.substr(0, pub.size() - 26), "truncated"},  // the END line cut off
      {"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "CERTIFICATE"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_FALSE(PublicKey::fromPem(c.input, &error)) << c.input;
    EXPECT_NE(error.find("PUBLIC KEY"), std::string::npos) << error;
    EXPECT_NE(error.find(c.problem), std::string::npos) << error;
    EXPECT_EQ(ERR_peek_error(), 0u) << "OpenSSL error queue left non-empty";
  }
  const struct {
    std::string input;
    const char* problem;
  } private_cases[] = {
      {"", "no PEM block"},
      {"hello", "no PEM block"},
      {priv.substr(0, priv.size() / 2), "truncated \"PRIVATE KEY\""},
      {pub, "\"PUBLIC KEY\" where a private key was expected"},
  };
  for (const auto& c : private_cases) {
    std::string error;
    EXPECT_FALSE(PrivateKey::fromPem(c.input, &error)) << c.input;
    EXPECT_NE(error.find(c.problem), std::string::npos) << error;
    EXPECT_EQ(ERR_peek_error(), 0u);
  }
}

TEST(Pem, PrivateKeyWhereAPublicKeyIsExpectedIsNamed) {
  std::string error;
  EXPECT_FALSE(PublicKey::fromPem(generated(SignatureAlgorithm::Ed25519).pem(), &error));
  EXPECT_NE(error.find("private key"), std::string::npos) << error;
}

TEST(Pem, EncryptedPrivateKeyIsRejectedWithoutPrompting) {
  const PrivateKey key = generated(SignatureAlgorithm::Ed25519);
  std::string error;
  const std::string plain = key.pem();
  RawBio plain_bio(BIO_new_mem_buf(plain.data(), static_cast<int>(plain.size())));
  RawPkey pkey(PEM_read_bio_PrivateKey(plain_bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(pkey);
  RawBio out(BIO_new(BIO_s_mem()));
  char pass[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(out.get(), pkey.get(), EVP_aes_256_cbc(), pass,
                                          static_cast<int>(std::strlen(pass)), nullptr, nullptr),
            1);
  const std::string encrypted = bioText(out.get());
  ASSERT_NE(encrypted.find("ENCRYPTED PRIVATE KEY"), std::string::npos);
  EXPECT_FALSE(PrivateKey::fromPem(encrypted, &error));
  EXPECT_NE(error.find("encrypted"), std::string::npos) << error;
  EXPECT_EQ(ERR_peek_error(), 0u);
}

// Generates a key of a type we refuse and checks both loaders name it.
void expectRefused(EVP_PKEY* key, const std::vector<std::string>& names) {
  ASSERT_NE(key, nullptr);
  std::string error;
  EXPECT_FALSE(PublicKey::fromPem(publicPem(key), &error));
  for (const std::string& name : names) EXPECT_NE(error.find(name), std::string::npos) << error;
  const auto der = spki(key);
  EXPECT_FALSE(PublicKey::fromDer(der.data(), der.size(), &error));
  for (const std::string& name : names) EXPECT_NE(error.find(name), std::string::npos) << error;
  EXPECT_FALSE(PrivateKey::fromPem(privatePem(key), &error));
  for (const std::string& name : names) EXPECT_NE(error.find(name), std::string::npos) << error;
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(KeyType, RsaIsRefused) {
  RawPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
  expectRefused(key.get(), {"RSA"});
}

TEST(KeyType, P384IsRefused) {
  RawPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
  expectRefused(key.get(), {"EC", "P-384"});
}

TEST(KeyType, OtherCurvesAreRefused) {
  RawPkey ed448(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448"));
  expectRefused(ed448.get(), {"ED448"});
  RawPkey x25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
  expectRefused(x25519.get(), {"X25519"});
  RawPkey k256(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp256k1"));
  expectRefused(k256.get(), {"secp256k1"});
}

TEST(Der, TrailingAndMissingBytesAreRejected) {
  auto der = generated(SignatureAlgorithm::Ed25519).publicKey().der();
  std::string error;
  der.push_back(0);
  EXPECT_FALSE(PublicKey::fromDer(der.data(), der.size(), &error));
  EXPECT_NE(error.find("trailing"), std::string::npos) << error;
  EXPECT_FALSE(PublicKey::fromDer(der.data(), der.size() - 2, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(PublicKey::fromDer(nullptr, 0, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(ERR_peek_error(), 0u);
}

// One key, one id: the compressed-point and explicit-parameter spellings of
// a P-256 key are re-encoded before hashing.
TEST(Der, P256SpellingsShareOneId) {
  const PrivateKey key = generated(SignatureAlgorithm::EcdsaP256Sha256);
  const PublicKey pub = key.publicKey();
  RawPkey raw = opensslPublic(pub);
  ASSERT_EQ(EVP_PKEY_set_utf8_string_param(raw.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                           OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_COMPRESSED),
            1);
  const auto compressed = spki(raw.get());
  ASSERT_EQ(compressed.size(), 59u);
  ASSERT_EQ(EVP_PKEY_set_utf8_string_param(raw.get(), OSSL_PKEY_PARAM_EC_ENCODING,
                                           OSSL_PKEY_EC_ENCODING_EXPLICIT),
            1);
  const auto explicit_params = spki(raw.get());
  ASSERT_GT(explicit_params.size(), 200u);
  for (const auto& der : {compressed, explicit_params}) {
    std::string error;
    auto loaded = PublicKey::fromDer(der.data(), der.size(), &error);
    ASSERT_TRUE(loaded) << error;
    EXPECT_EQ(loaded->id(), pub.id());
    EXPECT_EQ(loaded->der(), pub.der());
    const std::vector<uint8_t> message = {9, 8, 7};
    EXPECT_TRUE(verifies(*loaded, message, key.sign(message.data(), message.size())));
  }
}

// --- Ed25519 known answers (RFC 8032, 7.1) ----------------------------------

struct Rfc8032Vector {
  const char* secret_key;
  const char* public_key;
  const char* message;
  const char* signature;
};

void checkRfc8032(const Rfc8032Vector& v) {
  const auto secret = hex(v.secret_key);
  const auto public_raw = hex(v.public_key);
  const auto message = hex(v.message);
  const auto signature = hex(v.signature);

  RawPkey raw_private(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, secret.data(), secret.size()));
  ASSERT_TRUE(raw_private);
  std::string error;
  auto key = PrivateKey::fromPem(privatePem(raw_private.get()), &error);
  ASSERT_TRUE(key) << error;
  ASSERT_EQ(key->algorithm(), SignatureAlgorithm::Ed25519);

  RawPkey raw_public(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_raw.data(), public_raw.size()));
  ASSERT_TRUE(raw_public);
  const auto public_der = spki(raw_public.get());
  auto pub = PublicKey::fromDer(public_der.data(), public_der.size(), &error);
  ASSERT_TRUE(pub) << error;
  EXPECT_EQ(pub->id(), key->id()) << "the secret key derives the RFC's public key";

  EXPECT_EQ(key->sign(message.data(), message.size()), signature);
  EXPECT_TRUE(verifies(*pub, message, signature));

  // One bit flipped in the message (or, for the empty message, one byte added).
  if (message.empty()) {
    EXPECT_FALSE(verifies(*pub, {0x00}, signature));
  }
  for (size_t bit = 0; bit < 8 * message.size(); ++bit) {
    auto changed = message;
    changed[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(verifies(*pub, changed, signature)) << "message bit " << bit;
  }
  for (size_t bit = 0; bit < 8 * signature.size(); ++bit) {
    auto changed = signature;
    changed[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(verifies(*pub, message, changed)) << "signature bit " << bit;
  }
  for (size_t bit = 0; bit < 8 * public_raw.size(); ++bit) {
    auto changed = public_raw;
    changed[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    RawPkey other(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, changed.data(), changed.size()));
    ASSERT_TRUE(other);
    const auto der = spki(other.get());
    auto other_key = PublicKey::fromDer(der.data(), der.size(), &error);
    // A flipped key is either refused outright or fails to verify.
    if (other_key) {
      EXPECT_FALSE(verifies(*other_key, message, signature)) << "key bit " << bit;
    }
  }
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(Ed25519, Rfc8032Test1) {
  checkRfc8032({"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"});
}

TEST(Ed25519, Rfc8032Test2) {
  checkRfc8032({"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"});
}

// --- ECDSA P-256 ------------------------------------------------------------

const char kP256Order[] = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

// RFC 6979, A.2.5: P-256 with SHA-256 over "sample". Its s is above n/2, so
// this also shows a high-s signature from another signer is accepted.
TEST(EcdsaP256, VerifiesRfc6979KnownAnswer) {
  const auto der =
      hex("3059301306072a8648ce3d020106082a8648ce3d03010703420004"
          "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
          "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
  std::string error;
  auto key = PublicKey::fromDer(der.data(), der.size(), &error);
  ASSERT_TRUE(key) << error;
  EXPECT_EQ(key->algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
  const std::vector<uint8_t> message = {'s', 'a', 'm', 'p', 'l', 'e'};
  const auto signature =
      hex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
          "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
  EXPECT_TRUE(verifies(*key, message, signature));

  // (r, n - s) is the same signature's low-s twin: also valid.
  RawBn n(BN_bin2bn(hex(kP256Order).data(), 32, nullptr));
  RawBn s(BN_bin2bn(signature.data() + 32, 32, nullptr));
  RawBn low(BN_new());
  ASSERT_EQ(BN_sub(low.get(), n.get(), s.get()), 1);
  auto twin = signature;
  BN_bn2binpad(low.get(), twin.data() + 32, 32);
  EXPECT_TRUE(verifies(*key, message, twin));

  auto other = message;
  other[0] = 'S';
  EXPECT_FALSE(verifies(*key, other, signature));
}

TEST(EcdsaP256, SignVerifyRoundTripAndLowS) {
  const PrivateKey key = generated(SignatureAlgorithm::EcdsaP256Sha256);
  const PublicKey pub = key.publicKey();
  const std::vector<uint8_t> message = {'n', 'o', 't', 'i', 'c', 'e'};
  const auto half = hex("7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8");
  for (int i = 0; i < 32; ++i) {
    const auto signature = key.sign(message.data(), message.size());
    ASSERT_EQ(signature.size(), kSignatureSize);
    EXPECT_TRUE(verifies(pub, message, signature));
    EXPECT_LE(std::memcmp(signature.data() + 32, half.data(), 32), 0) << "s above n/2";
  }
}

// Our wire format is plain r || s: OpenSSL verifies it once put in DER, and
// a DER signature from OpenSSL verifies here once taken out of it.
TEST(EcdsaP256, WireFormatInteroperatesWithDer) {
  const PrivateKey key = generated(SignatureAlgorithm::EcdsaP256Sha256);
  const PublicKey pub = key.publicKey();
  RawPkey raw_public = opensslPublic(pub);
  const std::vector<uint8_t> message(100, 0x5A);
  const auto wire = key.sign(message.data(), message.size());
  EXPECT_TRUE(opensslVerifyDer(raw_public.get(), message, wireToDer(wire)));

  std::string error;
  const std::string pem = key.pem();
  RawBio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  RawPkey raw_private(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(raw_private);
  const auto der = opensslSignDer(raw_private.get(), message);
  EXPECT_TRUE(verifies(pub, message, derToWire(der)));
}

TEST(EcdsaP256, DerSignatureIsNotWireFormat) {
  const PrivateKey key = generated(SignatureAlgorithm::EcdsaP256Sha256);
  const std::string pem = key.pem();
  RawBio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  RawPkey raw_private(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(raw_private);
  const std::vector<uint8_t> message = {1, 2, 3, 4};
  for (int i = 0; i < 8; ++i) {
    const auto der = opensslSignDer(raw_private.get(), message);
    ASSERT_GE(der.size(), 68u);
    ASSERT_LE(der.size(), 72u);
    EXPECT_FALSE(verifies(key.publicKey(), message, der)) << der.size() << "-byte DER";
  }
}

TEST(EcdsaP256, ScalarsOutsideOneToNMinusOneAreRejected) {
  const PrivateKey key = generated(SignatureAlgorithm::EcdsaP256Sha256);
  const PublicKey pub = key.publicKey();
  const std::vector<uint8_t> message = {'x'};
  const auto good = key.sign(message.data(), message.size());
  ASSERT_TRUE(verifies(pub, message, good));
  const auto n = hex(kP256Order);
  auto n_plus_1 = n;
  n_plus_1[31] += 1;
  const std::vector<uint8_t> zero(32, 0x00);
  const std::vector<uint8_t> all_ones(32, 0xFF);
  for (const auto& bad : {zero, n, n_plus_1, all_ones}) {
    for (size_t half : {0u, 32u}) {
      auto signature = good;
      std::copy(bad.begin(), bad.end(), signature.begin() + static_cast<long>(half));
      EXPECT_FALSE(verifies(pub, message, signature)) << (half ? "s" : "r");
    }
  }
  auto both_zero = std::vector<uint8_t>(64, 0);
  EXPECT_FALSE(verifies(pub, message, both_zero));
  EXPECT_EQ(ERR_peek_error(), 0u);
}

// --- Both algorithms --------------------------------------------------------

TEST_P(BothAlgorithms, EverySingleByteChangeOfTheMessageFails) {
  const PrivateKey key = generated(GetParam());
  const PublicKey pub = key.publicKey();
  std::vector<uint8_t> message(300);
  for (size_t i = 0; i < message.size(); ++i) message[i] = static_cast<uint8_t>(i * 7 + 3);
  const auto signature = key.sign(message.data(), message.size());
  ASSERT_EQ(signature.size(), kSignatureSize);
  ASSERT_TRUE(verifies(pub, message, signature));
  // At every position: the lowest bit, the highest bit, every bit.
  for (size_t i = 0; i < message.size(); ++i) {
    for (uint8_t change : {0x01, 0x80, 0xFF}) {
      auto changed = message;
      changed[i] ^= change;
      EXPECT_FALSE(verifies(pub, changed, signature)) << "byte " << i << " ^ " << int{change};
    }
  }
  auto shorter = message;
  shorter.pop_back();
  EXPECT_FALSE(verifies(pub, shorter, signature));
  auto longer = message;
  longer.push_back(0);
  EXPECT_FALSE(verifies(pub, longer, signature));
  EXPECT_FALSE(verifies(pub, {}, signature));
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST_P(BothAlgorithms, WrongKeyFails) {
  const PrivateKey key = generated(GetParam());
  const std::vector<uint8_t> message = {'h', 'i'};
  const auto signature = key.sign(message.data(), message.size());
  ASSERT_TRUE(verifies(key.publicKey(), message, signature));
  EXPECT_FALSE(verifies(generated(GetParam()).publicKey(), message, signature));
  const auto other_algorithm = GetParam() == SignatureAlgorithm::Ed25519
                                   ? SignatureAlgorithm::EcdsaP256Sha256
                                   : SignatureAlgorithm::Ed25519;
  EXPECT_FALSE(verifies(generated(other_algorithm).publicKey(), message, signature));
}

TEST_P(BothAlgorithms, WrongSignatureSizeFails) {
  const PrivateKey key = generated(GetParam());
  const PublicKey pub = key.publicKey();
  const std::vector<uint8_t> message = {'h', 'i'};
  const auto signature = key.sign(message.data(), message.size());
  ASSERT_TRUE(verifies(pub, message, signature));
  for (size_t size : {0u, 1u, 32u, 63u}) {
    EXPECT_FALSE(pub.verify(message.data(), message.size(), signature.data(), size)) << size;
  }
  auto longer = signature;
  longer.push_back(0);
  EXPECT_FALSE(verifies(pub, message, longer));
  auto doubled = signature;
  doubled.insert(doubled.end(), signature.begin(), signature.end());
  EXPECT_FALSE(verifies(pub, message, doubled));
  EXPECT_FALSE(pub.verify(message.data(), message.size(), nullptr, kSignatureSize));
}

TEST_P(BothAlgorithms, EmptyMessageSignsAndVerifies) {
  const PrivateKey key = generated(GetParam());
  const auto signature = key.sign(nullptr, 0);
  ASSERT_EQ(signature.size(), kSignatureSize);
  EXPECT_TRUE(key.publicKey().verify(nullptr, 0, signature.data(), signature.size()));
  const uint8_t byte = 0;
  EXPECT_FALSE(key.publicKey().verify(&byte, 1, signature.data(), signature.size()));
  EXPECT_FALSE(key.publicKey().verify(nullptr, 1, signature.data(), signature.size()));
}

TEST_P(BothAlgorithms, PublicKeyHandlesOutliveThePrivateKey) {
  // publicKey() may be called many times; each handle verifies on its own
  // after the private key is gone.
  std::vector<PublicKey> handles;
  std::vector<uint8_t> signature;
  const std::vector<uint8_t> message = {'m'};
  {
    const PrivateKey key = generated(GetParam());
    signature = key.sign(message.data(), message.size());
    handles.push_back(key.publicKey());
    handles.push_back(key.publicKey());
  }
  for (const PublicKey& pub : handles) EXPECT_TRUE(verifies(pub, message, signature));
}

}  // namespace
}  // namespace dvb::notice
