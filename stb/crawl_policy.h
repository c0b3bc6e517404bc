#pragma once
// How often a notice's crawl repeats inside its display window, and which of
// several due crawls goes first. Pure functions of the notice and the time.
//
// Default frequency (SchedulePolicy below), counted from the end of the
// previous pass of the same crawl:
//   more than 6 h before start   one pass every 60 min
//   15 min .. 6 h before start   every 15 min
//   last 15 min before start     continuous (the next pass right after)
//   in progress (start .. end)   every 30 min
//   emergency                    continuous for 5 min from its first pass,
//                                then every 10 min, for the whole window
//   information                  every 120 min for the whole window
// An emergency's own crawl fields (Notice::crawl_continuous_minutes,
// crawl_every_minutes), set by the operator, replace those two figures.
// Order: emergency > unplanned outage > planned maintenance > service change >
// fee reminder > information; then Notice::priority (higher first), earlier
// start, lower object id.
//
// Urgent crawls (emergencies, unplanned outages in progress) go out at any
// hour; the rest start only inside the viewing hours (viewing_hours.h).
#include <cstdint>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/notice.h"
#include "stb/viewing_hours.h"

namespace stb {

// One step of the approach: while the time to start is more than
// `more_than_minutes`, a pass every `every_minutes` (0 = continuous).
struct LeadStep {
  int more_than_minutes = 0;
  int every_minutes = 0;
};

struct SchedulePolicy {
  // Checked in order, the first that matches wins: list the largest threshold
  // first. A time to start at or below every threshold uses the last step.
  std::vector<LeadStep> before_start{{6 * 60, 60}, {15, 15}, {0, 0}};
  int in_progress_every_minutes = 30;
  // An emergency crawls continuously for emergency_continuous_minutes from
  // its first pass (of its revision), then a pass every
  // emergency_every_minutes (0 = continuous), before and after start.
  int emergency_continuous_minutes = 5;
  int emergency_every_minutes = 10;
  int information_every_minutes = 120;  // whole window, before and after start
  ViewingHours viewing_hours;           // for the crawls that are not urgent
};

// An emergency's figures: its own fields where the operator set them, else
// the policy's.
struct EmergencyCrawl {
  int continuous_minutes = 0;
  int every_minutes = 0;
};
EmergencyCrawl emergencyCrawlOf(const SchedulePolicy& policy, const dvb::notice::Notice& notice);
// When the next pass of an emergency may start: right away until
// continuous_minutes after its first pass started, then every_minutes after
// the end of the last pass.
dvb::UtcSeconds emergencyNextPass(const EmergencyCrawl& crawl, dvb::UtcSeconds first_start,
                                  dvb::UtcSeconds last_end);
// Still inside its continuous period at `now` (it then pre-empts other
// crawls and cannot be dismissed).
bool emergencyContinuous(const EmergencyCrawl& crawl, dvb::UtcSeconds first_start,
                         dvb::UtcSeconds now);

// Emergencies, and unplanned outages once they have started: shown at any
// hour and whatever is on screen.
bool isUrgent(const dvb::notice::Notice& notice, dvb::UtcSeconds now);

// Seconds between the end of one pass and the start of the next for a notice
// of `kind` (not an emergency: see above) starting at `start`, at time `now`
// (inside its window).
int64_t passIntervalSeconds(const SchedulePolicy& policy, dvb::notice::NoticeKind kind,
                            dvb::UtcSeconds start, dvb::UtcSeconds now);

// The instants after `now` at which passIntervalSeconds changes for this
// notice (step thresholds and the start), earliest first.
std::vector<dvb::UtcSeconds> intervalChanges(const SchedulePolicy& policy,
                                             dvb::notice::NoticeKind kind, dvb::UtcSeconds start,
                                             dvb::UtcSeconds now);

// The display window [opens, closes): opens lead_minutes before start, closes at end.
dvb::UtcSeconds windowOpens(const dvb::notice::Notice& notice);
bool inWindow(const dvb::notice::Notice& notice, dvb::UtcSeconds now);

// Priority classes, highest first.
enum class CrawlClass : uint8_t {
  kEmergency,
  kUnplannedOutage,
  kPlannedMaintenance,
  kServiceChange,
  kFee,
  kInformation,
};
CrawlClass crawlClassOf(dvb::notice::NoticeKind kind);

// What orders two due crawls.
struct CrawlRank {
  CrawlClass cls = CrawlClass::kInformation;
  uint8_t priority = 0;  // Notice::priority, higher first
  dvb::UtcSeconds start = 0;
  uint32_t object_id = 0;
};
// True when `a` should run before `b`.
bool ranksBefore(const CrawlRank& a, const CrawlRank& b);

}  // namespace stb
