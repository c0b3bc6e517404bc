#include "tools/stb-fleet/outage_spool.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dvb/notice/signature.h"
#include "tools/stb-headend/spool.h"
#include "tools/stb-notice/input.h"
#include "tools/stb-notice/keygen.h"
#include "tools/stb-notice/sign_objects.h"

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

// "HH:MM" local (UTC+8), as the box's known-outage page words the end.
std::string localClock(dvb::UtcSeconds t) {
  const int64_t minute = ((t + 8 * 3600) % 86400 + 86400) % 86400 / 60;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  return text;
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

bool spoolOutageNotice(const OutageNotice& n, const std::string& key_path,
                       const std::string& spool_dir, const std::string& name, std::string* error) {
  const std::string until = localClock(n.end);
  nlohmann::json notice = {
      {"id", n.object_id},
      {"revision", n.revision},
      {"kind", "unplanned_outage"},
      {"start", dvb::formatIso8601(n.start)},
      {"end", dvb::formatIso8601(n.end)},
      {"targets", {{"areas", {n.area_code}}}},
      {"contact", "96123"},
  };
  if (n.cancel) {
    notice["cancel"] = true;
    notice["texts"] = nlohmann::json::array();
  } else {
    notice["texts"] = {
        {{"language", "zho"},
         {"title", "本区域故障"},
         {"body", "您所在区域的有线电视信号中断，正在抢修，预计" + until + "恢复。"}},
        {{"language", "eng"},
         {"title", "Outage in your area"},
         {"body", "Service in your area is down; we are on it. Expected back at " + until + "."}},
    };
  }
  std::vector<notice::FieldProblem> problems;
  const auto object = notice::checkNotice(notice, &problems);
  if (!object) {
    if (error)
      *error = "outage notice: " + (problems.empty() ? std::string("refused")
                                                     : problems[0].path + ": " + problems[0].why);
    return false;
  }
  std::string pem;
  if (!readFile(key_path, &pem, error)) return false;
  auto key = dvb::notice::PrivateKey::fromPem(pem, error);
  if (!key) return false;
  const auto signed_objects = notice::signInputs({*object}, *key, nullptr, n.issued, error);
  if (!signed_objects) return false;
  return headend::writeSpoolFile(spool_dir, name, notice::allSections(*signed_objects), error);
}

}  // namespace tools::fleet
