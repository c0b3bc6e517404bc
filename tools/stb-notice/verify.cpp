#include "tools/stb-notice/verify.h"
#include "platform/key_files.h"

#include <algorithm>
#include <ctime>
#include <variant>

namespace tools::notice {
namespace {

using dvb::notice::KeyRing;
using dvb::notice::ObjectType;
using dvb::notice::Rejection;

constexpr Rejection kAllRejections[] = {
    Rejection::kMalformed,    Rejection::kUnknownKey,   Rejection::kRevokedKey,
    Rejection::kWrongKeyRole, Rejection::kBadSignature, Rejection::kReplayed,
    Rejection::kBadBody,
};

bool loadKeys(const std::vector<std::string>& paths, const char* role, KeyRing* ring,
              VerifyReport* report, std::string* error) {
  for (const std::string& path : paths) {
    auto key = platform::loadPublicKey(path, error);
    if (!key) {
      *error = path + ": " + *error;
      return false;
    }
    report->keys.emplace_back(role, dvb::notice::keyIdHex(key->id()));
    if (std::string(role) == "root")
      ring->addRoot(std::move(*key));
    else
      ring->addSigning(std::move(*key));
  }
  return true;
}

ObjectResult verifyOne(const GatheredTable& table, dvb::notice::ObjectVerifier& verifier) {
  ObjectResult r;
  const dvb::Section& first = table.sections.front();
  r.pid = table.pid;
  r.table_id = first.tableId();
  r.extension = first.extension();
  r.version = first.version();
  r.section_count = table.sections.size();
  std::string why;
  auto v = verifier.verify(table.sections, &why, nullptr, &r.envelope);  // parsed once
  if (!v) {
    r.rejection = why;
    return r;
  }
  r.envelope = std::move(v->envelope);
  // The box's rule (stb/notice_intake.cpp): a notice, unless a cancellation,
  // whose end has passed when it arrives is refused.
  const auto* notice = std::get_if<dvb::notice::Notice>(&v->body);
  if (notice && !notice->cancelled() && table.stream_time && notice->end <= *table.stream_time) {
    r.ended = true;
    r.rejection = "ended: at " + dvb::formatIso8601(notice->end) + ", before " +
                  dvb::formatIso8601(*table.stream_time) + "; a box refuses it";
    return r;
  }
  r.body = std::move(v->body);
  return r;
}

}  // namespace

void verifyTables(std::vector<GatheredTable> tables, KeyRing& keys, VerifyReport* report) {
  // Key lists first: a box that has applied one can check what its keys sign.
  std::stable_partition(tables.begin(), tables.end(), [](const GatheredTable& t) {
    return t.sections.front().tableId() == static_cast<uint8_t>(ObjectType::kKeyList);
  });
  dvb::notice::ObjectVerifier verifier(keys);
  uint64_t ended = 0;
  for (const GatheredTable& t : tables) {
    report->objects.push_back(verifyOne(t, verifier));
    ++(report->objects.back().verified() ? report->verified : report->rejected);
    if (report->objects.back().ended) ++ended;
  }
  for (Rejection r : kAllRejections)
    report->rejections.emplace_back(dvb::notice::rejectionName(r), verifier.rejected(r));
  report->rejections.emplace_back("ended", ended);
}

bool runVerify(const VerifyOptions& options, VerifyReport* report, std::string* error) {
  report->source = options.source;
  KeyRing keys;
  if (!loadKeys(options.root, "root", &keys, report, error) ||
      !loadKeys(options.trust, "signing", &keys, report, error))
    return false;
  if (!scanSource(options.source, options.pid, &report->scan, error)) return false;
  std::vector<GatheredTable> tables = std::move(report->scan.tables);
  report->scan.tables.clear();
  const auto clock = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  for (GatheredTable& t : tables) {
    if (options.now)
      t.stream_time = options.now;
    else if (!t.stream_time)
      t.stream_time = clock;
  }
  verifyTables(std::move(tables), keys, report);
  return true;
}

}  // namespace tools::notice
