#pragma once
// A maintenance / outage / service / emergency / information notice: the body
// of a signed object on table_id 0xC0 (docs/protocol.md, "Notice").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/dvb_text.h"
#include "dvb/mjd_time.h"

namespace dvb::notice {

enum class NoticeKind : uint8_t {
  kPlannedMaintenance = 1,
  kUnplannedOutage = 2,
  kServiceChange = 3,
  kEmergency = 4,
  kInformation = 5,
};
const char* noticeKindName(NoticeKind kind);  // "planned_maintenance", ...
std::optional<NoticeKind> noticeKindFromName(const std::string& name);

// A prefix of the 6-digit Chinese administrative division code: "36"
// (Jiangxi), "3601" (Nanchang), "360102" (one district). 1 to 6 digits.
struct AreaPrefix {
  std::string digits;
  bool covers(const std::string& box_area_code) const;
  bool operator==(const AreaPrefix& o) const { return digits == o.digits; }
};

// Who a notice is for. A box is targeted when all lists are empty (everyone)
// or when any one entry matches it (area prefix, network node, box id or
// smartcard id).
struct Targeting {
  std::vector<AreaPrefix> areas;
  std::vector<uint32_t> nodes;
  std::vector<std::string> box_ids;
  std::vector<std::string> smartcard_ids;
  bool operator==(const Targeting& o) const {
    return areas == o.areas && nodes == o.nodes && box_ids == o.box_ids &&
           smartcard_ids == o.smartcard_ids;
  }
};

struct BoxIdentity {
  std::string area_code;  // 6 digits
  uint32_t node = 0;
  std::string box_id;
  std::string smartcard_id;
};
bool targets(const Targeting& t, const BoxIdentity& box);

struct NoticeText {
  std::string language;  // ISO 639-2, e.g. "zho", "spa", "eng"
  DvbText title;         // short, for the bar's label
  DvbText body;          // the crawl text
};

struct Notice {
  static constexpr uint8_t kFlagCancel = 0x01;
  NoticeKind kind = NoticeKind::kInformation;
  uint8_t flags = 0;
  uint8_t priority = 0;  // 0 = the kind's default order; higher first
  UtcSeconds start = 0;
  UtcSeconds end = 0;
  uint16_t lead_minutes = 24 * 60;  // display window opens this long before start
  Targeting targeting;
  std::string contact;  // optional phone number
  std::vector<NoticeText> texts;
  // An emergency's crawl, set per notice by the operator (extension fields,
  // docs/protocol.md 2.1); unset = the box's defaults. Minutes.
  std::optional<uint16_t> crawl_continuous_minutes;  // continuous from its first pass
  std::optional<uint16_t> crawl_every_minutes;       // then one pass every; 0 = continuous

  bool cancelled() const { return flags & kFlagCancel; }
};

}  // namespace dvb::notice
