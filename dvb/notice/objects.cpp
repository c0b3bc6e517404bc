// Small behaviour of the protocol objects: names, targeting, lookups.
#include <cstring>

#include "dvb/crc32.h"
#include "dvb/notice/directory.h"
#include "dvb/notice/fee_batch.h"
#include "dvb/notice/notice.h"
#include "dvb/notice/work_calendar.h"

namespace dvb::notice {

namespace {
const char* const kKindNames[] = {"planned_maintenance", "unplanned_outage", "service_change",
                                  "emergency", "information"};
}

const char* noticeKindName(NoticeKind kind) {
  const auto i = static_cast<size_t>(kind);
  return i >= 1 && i <= 5 ? kKindNames[i - 1] : "unknown";
}

std::optional<NoticeKind> noticeKindFromName(const std::string& name) {
  for (size_t i = 0; i < 5; ++i)
    if (name == kKindNames[i]) return static_cast<NoticeKind>(i + 1);
  return std::nullopt;
}

bool AreaPrefix::covers(const std::string& box_area_code) const {
  return !digits.empty() && box_area_code.compare(0, digits.size(), digits) == 0;
}

bool targets(const Targeting& t, const BoxIdentity& box) {
  if (t.areas.empty() && t.nodes.empty() && t.box_ids.empty() && t.smartcard_ids.empty())
    return true;
  for (const AreaPrefix& a : t.areas)
    if (a.covers(box.area_code)) return true;
  for (uint32_t node : t.nodes)
    if (node == box.node && box.node != 0) return true;
  for (const std::string& id : t.box_ids)
    if (!box.box_id.empty() && id == box.box_id) return true;
  for (const std::string& id : t.smartcard_ids)
    if (!box.smartcard_id.empty() && id == box.smartcard_id) return true;
  return false;
}

uint16_t feeBucketOf(const std::string& subscriber_id, uint16_t bucket_count) {
  const uint32_t crc =
      crc32Mpeg2(reinterpret_cast<const uint8_t*>(subscriber_id.data()), subscriber_id.size());
  return static_cast<uint16_t>(crc % (bucket_count ? bucket_count : 1));
}

const FeeRecord* FeeBatch::find(const std::string& subscriber_id) const {
  for (const FeeRecord& r : records)
    if (r.subscriber_id == subscriber_id) return &r;
  return nullptr;
}

bool WorkCalendar::isWorkingDay(UtcSeconds date) const {
  for (const CalendarDay& d : days)
    if (d.date == date) return d.type == DayType::kWorkingDay;
  // MJD 0 (1858-11-17) was a Wednesday: (mjd + 2) mod 7 is 0 on Mondays.
  const int64_t weekday = ((mjdOfUtc(date) + 2) % 7 + 7) % 7 + 1;  // Monday = 1 .. Sunday = 7
  return weekday <= 5;
}

}  // namespace dvb::notice
