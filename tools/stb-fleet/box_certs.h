#pragma once
// Client certificates for a simulated fleet: one per box, CN = box id (the
// central system takes a box's identity from it, docs/central-api.md),
// signed by a TEST CA from scripts/make-test-pki. All share one P-256 key,
// so a few thousand boxes cost a second of signing, not minutes of openssl
// runs. TEST ONLY, like the CA they chain to.
#include <string>
#include <vector>

namespace tools::fleet {

struct BoxCertificates {
  std::string key_file;                 // the shared private key (PEM)
  std::vector<std::string> cert_files;  // one per box id, in order
};

// Writes DIR/fleet.key and DIR/box-ID.pem for each of BOX_IDS, signed by
// CA_PEM / CA_KEY. False and *error when the CA cannot be read or a file
// cannot be written.
bool makeBoxCertificates(const std::string& ca_pem, const std::string& ca_key,
                         const std::string& dir, const std::vector<std::string>& box_ids,
                         BoxCertificates* out, std::string* error);

}  // namespace tools::fleet
