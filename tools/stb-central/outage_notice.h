#pragma once
// The unplanned-outage notice of a confirmed incident (docs/operator-guide.md
// "Incidents and the outage notice"): built as `stb-notice build` takes a
// notice (docs/notice.schema.json), checked by stb-notice's own validation,
// signed with the operator's key by the headend console's publisher and
// written into stb-headend's spool, the playout's input. Resolving the
// incident writes the cancellation (a higher revision, cancel set, no texts)
// over the same spool file.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <utility>

#include "dvb/notice/signature.h"
#include "tools/stb-central/time_util.h"

namespace tools::central {

// Outage notices take object ids 0x7Fxx Fyyy (docs/protocol.md 2.1): the
// incident id's low 12 bits in yyy, the next 8 in xx. The low 16 bits (the
// table_id_extension a box assembles sections by) are then 0xF000-0xFFFF,
// where neither the headend console (ids counted up from 1) nor the guide's
// hand-written notices go, so an outage notice never shares its sections'
// identity with another notice on air.
constexpr uint32_t kOutageObjectIdBase = 0x7F00F000;
constexpr int64_t kMaxOutageIncidentId = (int64_t{1} << 20) - 1;
// nullopt when INCIDENT_ID is outside 1..kMaxOutageIncidentId.
std::optional<uint32_t> outageObjectId(int64_t incident_id);

// The spool file's name (without .bin) of the incident's notice: every
// revision goes to the same file, replacing the last.
std::string outageSpoolName(int64_t incident_id);

// What the notice says, from the incident.
struct OutageFacts {
  int64_t incident_id = 0;
  std::string area_code;            // the notice's target area (1-6 digits)
  UtcSeconds start = 0;             // the incident's confirmation
  UtcSeconds expected_restore = 0;  // the notice's end
  int utc_offset_minutes = 0;       // the area's local time, for the texts
  std::string contact;              // the hotline; empty: none
};

// The notice as docs/notice.schema.json has it, revision 1, texts in zho,
// spa and eng saying when service is expected back (local time). nullopt
// and *error when the incident id has no object id.
std::optional<nlohmann::json> outageNoticeJson(const OutageFacts& facts, std::string* error);

// The expected restore time as the texts give it in LANGUAGE ("zho", "spa",
// "eng"): "14:30" on the day of START, with the date when later.
std::string outageUntilText(const OutageFacts& facts, const std::string& language);

// What went to the spool: the incident records it.
struct SpooledNotice {
  uint32_t object_id = 0;
  uint32_t revision = 0;
  std::string sha256;  // of the signed sections, in order (hex)
  std::string path;    // the spool file
};

class OutagePublisher {
 public:
  // The key at KEY_PATH (refused when its group or others may read it) and
  // SPOOL_DIR (must be a directory). nullopt and *error saying which.
  static std::optional<OutagePublisher> open(const std::string& spool_dir,
                                             const std::string& key_path, std::string* error);

  // REVISION (1, or the next for a new restore time) of the incident's
  // notice, signed at NOW, into the spool. nullopt and *error when it is
  // refused (its check, the key, the spool): then nothing was written.
  std::optional<SpooledNotice> publish(const OutageFacts& facts, uint32_t revision, UtcSeconds now,
                                       std::string* error) const;

  // The cancellation: the same object, LAST_REVISION + 1, cancel set, no
  // texts, signed at NOW, over the same spool file.
  std::optional<SpooledNotice> withdraw(const OutageFacts& facts, uint32_t last_revision,
                                        UtcSeconds now, std::string* error) const;

  const std::string& spoolDir() const { return spool_dir_; }

 private:
  OutagePublisher(std::string spool_dir, dvb::notice::PrivateKey key)
      : spool_dir_(std::move(spool_dir)), key_(std::move(key)) {}
  std::optional<SpooledNotice> spool(const OutageFacts& facts, const nlohmann::json& notice,
                                     UtcSeconds now, std::string* error) const;

  std::string spool_dir_;
  dvb::notice::PrivateKey key_;
};

}  // namespace tools::central
