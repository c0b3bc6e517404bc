#include "stb/crawl_policy.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace stb {

using dvb::notice::NoticeKind;

namespace {

// Kinds whose frequency does not depend on the time to start.
std::optional<int> flatMinutes(const SchedulePolicy& policy, NoticeKind kind) {
  if (kind == NoticeKind::kEmergency) return policy.emergency_every_minutes;
  if (kind == NoticeKind::kInformation) return policy.information_every_minutes;
  return std::nullopt;
}

}  // namespace

EmergencyCrawl emergencyCrawlOf(const SchedulePolicy& policy, const dvb::notice::Notice& notice) {
  EmergencyCrawl c;
  c.continuous_minutes =
      notice.crawl_continuous_minutes.value_or(policy.emergency_continuous_minutes);
  c.every_minutes = notice.crawl_every_minutes.value_or(policy.emergency_every_minutes);
  return c;
}

bool emergencyContinuous(const EmergencyCrawl& crawl, dvb::UtcSeconds first_start,
                         dvb::UtcSeconds now) {
  return now < first_start + int64_t{crawl.continuous_minutes} * 60;
}

dvb::UtcSeconds emergencyNextPass(const EmergencyCrawl& crawl, dvb::UtcSeconds first_start,
                                  dvb::UtcSeconds last_end) {
  // A pass that ends inside the continuous period is followed at once; the
  // period bounds when a continuous pass may start, not cut one short.
  if (emergencyContinuous(crawl, first_start, last_end)) return last_end;
  return last_end + int64_t{crawl.every_minutes} * 60;
}

bool isUrgent(const dvb::notice::Notice& notice, dvb::UtcSeconds now) {
  if (notice.kind == NoticeKind::kEmergency) return true;
  return notice.kind == NoticeKind::kUnplannedOutage && now >= notice.start;
}

int64_t passIntervalSeconds(const SchedulePolicy& policy, NoticeKind kind, dvb::UtcSeconds start,
                            dvb::UtcSeconds now) {
  if (const auto flat = flatMinutes(policy, kind)) return int64_t{*flat} * 60;
  if (now >= start || policy.before_start.empty()) {
    return int64_t{policy.in_progress_every_minutes} * 60;
  }
  const int64_t to_start = start - now;
  for (const LeadStep& step : policy.before_start) {
    if (to_start > int64_t{step.more_than_minutes} * 60) return int64_t{step.every_minutes} * 60;
  }
  return int64_t{policy.before_start.back().every_minutes} * 60;
}

std::vector<dvb::UtcSeconds> intervalChanges(const SchedulePolicy& policy, NoticeKind kind,
                                             dvb::UtcSeconds start, dvb::UtcSeconds now) {
  std::vector<dvb::UtcSeconds> out;
  if (flatMinutes(policy, kind)) return out;
  // The interval for "more than N minutes" changes once the time to start
  // reaches N minutes exactly.
  for (const LeadStep& step : policy.before_start) {
    const dvb::UtcSeconds t = start - int64_t{step.more_than_minutes} * 60;
    if (t > now) out.push_back(t);
  }
  if (start > now) out.push_back(start);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

dvb::UtcSeconds windowOpens(const dvb::notice::Notice& notice) {
  return notice.start - int64_t{notice.lead_minutes} * 60;
}

bool inWindow(const dvb::notice::Notice& notice, dvb::UtcSeconds now) {
  return now >= windowOpens(notice) && now < notice.end;
}

CrawlClass crawlClassOf(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kEmergency:
      return CrawlClass::kEmergency;
    case NoticeKind::kUnplannedOutage:
      return CrawlClass::kUnplannedOutage;
    case NoticeKind::kPlannedMaintenance:
      return CrawlClass::kPlannedMaintenance;
    case NoticeKind::kServiceChange:
      return CrawlClass::kServiceChange;
    case NoticeKind::kInformation:
      break;
  }
  return CrawlClass::kInformation;  // and any kind a newer headend invents
}

bool ranksBefore(const CrawlRank& a, const CrawlRank& b) {
  // Higher priority first: compare b's against a's.
  return std::make_tuple(a.cls, b.priority, a.start, a.object_id) <
         std::make_tuple(b.cls, a.priority, b.start, b.object_id);
}

}  // namespace stb
