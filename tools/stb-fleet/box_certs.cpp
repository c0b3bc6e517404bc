#include "tools/stb-fleet/box_certs.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>

namespace tools::fleet {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

const char kMark[] = "TEST ONLY - NOT FOR PRODUCTION";

bool addExtension(X509* cert, X509* ca, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, ca, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// One client certificate for BOX_ID on KEY, as make-test-pki's CLIENT_EXT.
Cert makeCert(X509* ca, EVP_PKEY* ca_key, EVP_PKEY* key, const std::string& box_id, long serial) {
  Cert cert(X509_new(), &X509_free);
  if (!cert) return cert;
  X509* c = cert.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), serial);
  X509_gmtime_adj(X509_getm_notBefore(c), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c), 30L * 24 * 3600);
  X509_set_pubkey(c, key);
  X509_NAME* name = X509_get_subject_name(c);
  const auto text = [](const char* s) { return reinterpret_cast<const unsigned char*>(s); };
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, text(kMark), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, text(box_id.c_str()), -1, -1, 0);
  X509_set_issuer_name(c, X509_get_subject_name(ca));
  const bool ok = addExtension(c, ca, NID_basic_constraints, "critical,CA:FALSE") &&
                  addExtension(c, ca, NID_key_usage, "critical,digitalSignature") &&
                  addExtension(c, ca, NID_ext_key_usage, "clientAuth") &&
                  X509_sign(c, ca_key, EVP_sha256()) > 0;
  if (!ok) cert.reset();
  return cert;
}

}  // namespace

bool makeBoxCertificates(const std::string& ca_pem, const std::string& ca_key,
                         const std::string& dir, const std::vector<std::string>& box_ids,
                         BoxCertificates* out, std::string* error) {
  const auto fail = [error](const std::string& why) {
    if (error) *error = "box certificates: " + why;
    return false;
  };
  File ca_file(std::fopen(ca_pem.c_str(), "r"));
  File ca_key_file(std::fopen(ca_key.c_str(), "r"));
  if (!ca_file || !ca_key_file) return fail("cannot open " + ca_pem + " or " + ca_key);
  Cert ca(PEM_read_X509(ca_file.get(), nullptr, nullptr, nullptr), &X509_free);
  Key signer(PEM_read_PrivateKey(ca_key_file.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!ca || !signer) return fail("cannot read the CA from " + ca_pem + " and " + ca_key);
  Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  if (!key) return fail("cannot make a P-256 key");

  out->key_file = dir + "/fleet.key";
  File key_out(std::fopen(out->key_file.c_str(), "w"));
  if (!key_out ||
      PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return fail("cannot write " + out->key_file);
  key_out.reset();

  out->cert_files.clear();
  long serial = 0x5eed0000;
  for (const std::string& id : box_ids) {
    Cert cert = makeCert(ca.get(), signer.get(), key.get(), id, ++serial);
    if (!cert) return fail("cannot sign a certificate for " + id);
    const std::string path = dir + "/box-" + id + ".pem";
    File f(std::fopen(path.c_str(), "w"));
    if (!f || PEM_write_X509(f.get(), cert.get()) != 1) return fail("cannot write " + path);
    out->cert_files.push_back(path);
  }
  return true;
}

}  // namespace tools::fleet
