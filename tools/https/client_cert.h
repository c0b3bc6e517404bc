#pragma once
// The box's identity on a TLS session of the HTTP server (stb-central's box API): its certificate
// verified against the trusted CA (TLS-client purpose) and its subject CN.
// GnuTLS, because libmicrohttpd runs its TLS with GnuTLS.
#include <string>

namespace tools::https {

enum class ClientCertProblem { kNone, kMissing, kInvalid };

// SESSION is a gnutls_session_t. kNone and *cn when the peer's certificate
// chains to the session's trusted CA, is for TLS clients, and has exactly one
// subject CN of 1-64 printable ASCII characters; else the problem and *why.
ClientCertProblem verifyClientCertificate(void* session, std::string* cn, std::string* why);

// Sends the TLS alert that says why the session is refused (certificate
// required, or bad certificate); the caller then closes the connection.
void sendRefusalAlert(void* session, ClientCertProblem problem);

}  // namespace tools::https
