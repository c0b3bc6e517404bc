#include "tools/stb-fleet/outage_spool.h"

#include <fstream>
#include <iterator>

#include "dvb/notice/signature.h"
#include "tools/stb-headend/spool.h"
#include "tools/stb-notice/keygen.h"

namespace tools::fleet {
namespace {

bool readFile(const std::string& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot read " + path;
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

std::string makeOperatorKey(const std::string& dir, dvb::notice::KeyRing* keys,
                            std::string* error) {
  notice::KeygenOptions options;
  options.dir = dir;
  options.name = "fleet-operator";
  const auto made = notice::generateKeyPair(options, error);
  if (!made) return "";
  std::string pem;
  if (!readFile(made->public_path, &pem, error)) return "";
  auto key = dvb::notice::PublicKey::fromPem(pem, error);
  if (!key) return "";
  keys->addSigning(std::move(*key));
  return made->private_path;
}

bool readSpool(const std::string& dir, std::vector<std::vector<dvb::Section>>* tables,
               std::string* error) {
  headend::SpoolWatcher watcher(dir);
  const headend::SpoolWatcher::Scan scan = watcher.scan();
  if (!scan.error.empty()) {
    if (error) *error = "spool " + dir + ": " + scan.error;
    return false;
  }
  if (!scan.bad.empty()) {
    if (error) *error = "spool " + dir + ": " + scan.bad[0].first + ": " + scan.bad[0].second;
    return false;
  }
  tables->clear();
  for (headend::SpoolObject& o : watcher.objects()) tables->push_back(std::move(o.sections));
  return true;
}

}  // namespace tools::fleet
