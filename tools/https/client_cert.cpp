#include "tools/https/client_cert.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

namespace tools::https {
namespace {

// The single subject CN of the DER certificate CERT, printable ASCII only.
bool subjectCn(const gnutls_datum_t& cert, std::string* cn, std::string* why) {
  gnutls_x509_crt_t crt = nullptr;
  if (gnutls_x509_crt_init(&crt) < 0) {
    *why = "out of memory";
    return false;
  }
  bool ok = false;
  char buf[256];
  size_t size = sizeof buf;
  size_t second = sizeof buf;
  if (gnutls_x509_crt_import(crt, &cert, GNUTLS_X509_FMT_DER) < 0) {
    *why = "client certificate cannot be read";
  } else if (gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buf, &size) <
                 0 ||
             gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 1, 0, buf + size,
                                           &second) != GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
    *why = "client certificate needs exactly one subject CN";
  } else if (size == 0 || size > 64) {
    *why = "client certificate CN is empty or too long";
  } else {
    cn->assign(buf, size);
    ok = true;
    for (char c : *cn)
      if (c <= 0x20 || c >= 0x7f) ok = false;
    if (!ok) *why = "client certificate CN has characters outside printable ASCII";
  }
  gnutls_x509_crt_deinit(crt);
  return ok;
}

}  // namespace

ClientCertProblem verifyClientCertificate(void* session, std::string* cn, std::string* why) {
  auto* s = static_cast<gnutls_session_t>(session);
  if (gnutls_certificate_type_get(s) != GNUTLS_CRT_X509) {
    *why = "no X.509 client certificate";
    return ClientCertProblem::kMissing;
  }
  unsigned int count = 0;
  const gnutls_datum_t* chain = gnutls_certificate_get_peers(s, &count);
  if (!chain || count == 0) {
    *why = "no client certificate";
    return ClientCertProblem::kMissing;
  }
  // Chain, validity and signatures against the trusted CA, and the key
  // purpose: a certificate with an extendedKeyUsage must include clientAuth.
  gnutls_typed_vdata_st purpose{};
  purpose.type = GNUTLS_DT_KEY_PURPOSE_OID;
  purpose.data = reinterpret_cast<unsigned char*>(const_cast<char*>(GNUTLS_KP_TLS_WWW_CLIENT));
  unsigned int status = 0;
  const int rc = gnutls_certificate_verify_peers(s, &purpose, 1, &status);
  if (rc < 0) {
    *why = std::string("client certificate not verified: ") + gnutls_strerror(rc);
    return ClientCertProblem::kInvalid;
  }
  if (status != 0) {
    gnutls_datum_t text{};
    *why = "client certificate not verified";
    if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &text, 0) == 0) {
      std::string detail = reinterpret_cast<const char*>(text.data);
      gnutls_free(text.data);
      while (!detail.empty() && detail.back() == ' ') detail.pop_back();
      *why += ": " + detail;
    }
    return ClientCertProblem::kInvalid;
  }
  return subjectCn(chain[0], cn, why) ? ClientCertProblem::kNone : ClientCertProblem::kInvalid;
}

void sendRefusalAlert(void* session, ClientCertProblem problem) {
  auto* s = static_cast<gnutls_session_t>(session);
  const auto alert =
      problem == ClientCertProblem::kMissing && gnutls_protocol_get_version(s) == GNUTLS_TLS1_3
          ? GNUTLS_A_CERTIFICATE_REQUIRED
          : GNUTLS_A_BAD_CERTIFICATE;
  // A non-blocking socket: one small record, sent or not; the close follows.
  (void)gnutls_alert_send(s, GNUTLS_AL_FATAL, alert);
}

}  // namespace tools::https
