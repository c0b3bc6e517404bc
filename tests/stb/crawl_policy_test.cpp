// How often a notice repeats as its start approaches, its display window, and
// which of several due crawls goes first.
#include "stb/crawl_policy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/utc_time.h"

namespace stb {
namespace {

using dvb::notice::NoticeKind;

constexpr int64_t kMin = 60;
constexpr int64_t kHour = 3600;

using testing_support::at;

TEST(CrawlPolicy, DefaultIntervalsStepDownAsStartApproaches) {
  const SchedulePolicy p;
  const dvb::UtcSeconds s = at("2026-11-29T22:00:00Z");
  const auto m = NoticeKind::kPlannedMaintenance;
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 23 * kHour), 60 * kMin);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 6 * kHour - 1), 60 * kMin);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 6 * kHour), 15 * kMin);  // "15 min .. 6 h"
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 15 * kMin - 1), 15 * kMin);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 15 * kMin), 0);  // last 15 min: continuous
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 1), 0);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s), 30 * kMin);  // in progress
  EXPECT_EQ(passIntervalSeconds(p, NoticeKind::kUnplannedOutage, s, s + 5 * kHour), 30 * kMin);
}

TEST(CrawlPolicy, InformationSlowForTheWholeWindow) {
  const SchedulePolicy p;
  const dvb::UtcSeconds s = at("2026-11-29T22:00:00Z");
  for (const int64_t d : {-20 * kHour, -10 * kMin, 0 * kHour, 3 * kHour})
    EXPECT_EQ(passIntervalSeconds(p, NoticeKind::kInformation, s, s + d), 120 * kMin) << d;
  EXPECT_TRUE(intervalChanges(p, NoticeKind::kInformation, s, s - 20 * kHour).empty());
}

TEST(CrawlPolicy, EmergencyContinuousForABoundedTimeThenOnACadence) {
  // With no crawl fields of its own: continuous for 5 min from its first
  // pass, then every 10 min, however long its window (it used to crawl
  // nonstop for the whole day of a 24 h lead).
  const SchedulePolicy p;
  dvb::notice::Notice n;
  n.kind = NoticeKind::kEmergency;
  const EmergencyCrawl c = emergencyCrawlOf(p, n);
  EXPECT_EQ(c.continuous_minutes, 5);
  EXPECT_EQ(c.every_minutes, 10);
  const dvb::UtcSeconds first = at("2026-11-29T22:00:00Z");
  EXPECT_TRUE(emergencyContinuous(c, first, first));
  EXPECT_TRUE(emergencyContinuous(c, first, first + 5 * kMin - 1));
  EXPECT_FALSE(emergencyContinuous(c, first, first + 5 * kMin));
  EXPECT_EQ(emergencyNextPass(c, first, first + 2 * kMin), first + 2 * kMin);  // right after
  EXPECT_EQ(emergencyNextPass(c, first, first + 5 * kMin), first + 15 * kMin);
  EXPECT_EQ(emergencyNextPass(c, first, first + 20 * kHour), first + 20 * kHour + 10 * kMin);

  // The operator's fields for this notice win, each on its own.
  n.crawl_continuous_minutes = 30;
  EXPECT_EQ(emergencyCrawlOf(p, n).continuous_minutes, 30);
  EXPECT_EQ(emergencyCrawlOf(p, n).every_minutes, 10);
  n.crawl_every_minutes = 0;  // continuous for the whole window, asked for
  const EmergencyCrawl own = emergencyCrawlOf(p, n);
  EXPECT_EQ(emergencyNextPass(own, first, first + 20 * kHour), first + 20 * kHour);
  SchedulePolicy box;
  box.emergency_continuous_minutes = 2;
  box.emergency_every_minutes = 20;
  n.crawl_continuous_minutes.reset();
  n.crawl_every_minutes.reset();
  EXPECT_EQ(emergencyNextPass(emergencyCrawlOf(box, n), first, first + 3 * kMin),
            first + 23 * kMin);
}

TEST(CrawlPolicy, UrgentMeansEmergencyOrOutageInProgress) {
  dvb::notice::Notice n;
  n.start = at("2026-11-29T22:00:00Z");
  n.end = n.start + kHour;
  n.kind = NoticeKind::kEmergency;
  EXPECT_TRUE(isUrgent(n, n.start - 2 * kHour));
  n.kind = NoticeKind::kUnplannedOutage;
  EXPECT_FALSE(isUrgent(n, n.start - 1));
  EXPECT_TRUE(isUrgent(n, n.start));
  for (auto k :
       {NoticeKind::kPlannedMaintenance, NoticeKind::kServiceChange, NoticeKind::kInformation}) {
    n.kind = k;
    EXPECT_FALSE(isUrgent(n, n.start + 1)) << int(k);
  }
}

TEST(ViewingHours, DefaultSevenToElevenLocalTime) {
  const ViewingHours h;
  constexpr int kBeijing = 8 * 60;
  const dvb::UtcSeconds midnight = at("2026-11-27T16:00:00Z");  // 28 Nov 00:00 local
  EXPECT_FALSE(inViewingHours(h, midnight, kBeijing));
  EXPECT_FALSE(inViewingHours(h, midnight + 7 * kHour - 1, kBeijing));
  EXPECT_TRUE(inViewingHours(h, midnight + 7 * kHour, kBeijing));
  EXPECT_TRUE(inViewingHours(h, midnight + 23 * kHour - 1, kBeijing));
  EXPECT_FALSE(inViewingHours(h, midnight + 23 * kHour, kBeijing));
  EXPECT_EQ(nextViewingStart(h, midnight + 2 * kHour, kBeijing), midnight + 7 * kHour);
  EXPECT_EQ(nextViewingStart(h, midnight + 12 * kHour, kBeijing), midnight + 12 * kHour);
  EXPECT_EQ(nextViewingStart(h, midnight + 23 * kHour + 30 * kMin, kBeijing),
            midnight + 31 * kHour);
  // The same instant is 16:00 in UTC: inside.
  EXPECT_TRUE(inViewingHours(h, midnight, 0));
}

TEST(ViewingHours, ParsedFromTheConfigFormat) {
  ViewingHours h;
  EXPECT_EQ(parseViewingHours("08:30-22:00", &h), "");
  EXPECT_EQ(h.from_minutes, 8 * 60 + 30);
  EXPECT_EQ(h.until_minutes, 22 * 60);
  EXPECT_EQ(formatViewingHours(h), "08:30-22:00");
  EXPECT_EQ(parseViewingHours("00:00-24:00", &h), "");
  EXPECT_EQ(h, ViewingHours::wholeDay());
  EXPECT_TRUE(inViewingHours(h, at("2026-11-27T19:00:00Z"), 480));
  EXPECT_EQ(parseViewingHours("18:00-02:00", &h), "");
  EXPECT_TRUE(inViewingHours(h, at("2026-11-27T17:00:00Z"), 480));   // 01:00
  EXPECT_FALSE(inViewingHours(h, at("2026-11-27T19:00:00Z"), 480));  // 03:00
  for (const char* bad : {"", "7-23", "07:00", "07:00-25:00", "07:60-23:00", "10:00-10:00",
                          "24:00-07:00", "07:00 - 23:00"}) {
    ViewingHours untouched;
    EXPECT_NE(parseViewingHours(bad, &untouched), "") << bad;
    EXPECT_EQ(untouched, ViewingHours{}) << bad;
  }
}

TEST(CrawlPolicy, IntervalChangesAreTheStepThresholdsAndTheStart) {
  const SchedulePolicy p;
  const dvb::UtcSeconds s = at("2026-11-29T22:00:00Z");
  const auto m = NoticeKind::kServiceChange;
  EXPECT_EQ(intervalChanges(p, m, s, s - 24 * kHour),
            (std::vector<dvb::UtcSeconds>{s - 6 * kHour, s - 15 * kMin, s}));
  EXPECT_EQ(intervalChanges(p, m, s, s - 6 * kHour),
            (std::vector<dvb::UtcSeconds>{s - 15 * kMin, s}));
  EXPECT_TRUE(intervalChanges(p, m, s, s).empty());
}

TEST(CrawlPolicy, StepsAreConfigurable) {
  SchedulePolicy p;
  p.before_start = {{120, 30}, {10, 5}};  // below 10 min: the last step (5 min)
  p.in_progress_every_minutes = 45;
  const dvb::UtcSeconds s = at("2026-11-29T22:00:00Z");
  const auto m = NoticeKind::kPlannedMaintenance;
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 3 * kHour), 30 * kMin);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - kHour), 5 * kMin);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s - 2 * kMin), 5 * kMin);
  EXPECT_EQ(passIntervalSeconds(p, m, s, s + kMin), 45 * kMin);
}

TEST(CrawlPolicy, WindowOpensLeadBeforeStartAndClosesAtEnd) {
  dvb::notice::Notice n;
  n.start = at("2026-11-29T22:00:00Z");
  n.end = at("2026-11-30T02:00:00Z");
  EXPECT_EQ(windowOpens(n), at("2026-11-28T22:00:00Z"));  // default lead: 24 h
  EXPECT_FALSE(inWindow(n, at("2026-11-28T21:59:59Z")));
  EXPECT_TRUE(inWindow(n, at("2026-11-28T22:00:00Z")));
  EXPECT_TRUE(inWindow(n, at("2026-11-30T01:59:59Z")));
  EXPECT_FALSE(inWindow(n, at("2026-11-30T02:00:00Z")));
  n.lead_minutes = 90;
  EXPECT_EQ(windowOpens(n), at("2026-11-29T20:30:00Z"));
}

TEST(CrawlPolicy, PriorityByKindThenPriorityThenStartThenId) {
  EXPECT_EQ(crawlClassOf(NoticeKind::kEmergency), CrawlClass::kEmergency);
  EXPECT_EQ(crawlClassOf(NoticeKind::kInformation), CrawlClass::kInformation);
  const dvb::UtcSeconds s = at("2026-11-29T22:00:00Z");
  std::vector<CrawlRank> ranks = {
      {CrawlClass::kInformation, 9, s, 1},
      {CrawlClass::kFee, 0, 0, 0},
      {CrawlClass::kPlannedMaintenance, 0, s, 7},
      {CrawlClass::kServiceChange, 0, s, 2},
      {CrawlClass::kPlannedMaintenance, 0, s - kHour, 9},  // earlier start
      {CrawlClass::kPlannedMaintenance, 0, s, 3},          // lower id
      {CrawlClass::kPlannedMaintenance, 5, s + kHour, 8},  // higher priority
      {CrawlClass::kUnplannedOutage, 0, s, 4},
      {CrawlClass::kEmergency, 0, s, 5},
  };
  std::sort(ranks.begin(), ranks.end(), ranksBefore);
  std::vector<uint32_t> ids;
  std::vector<CrawlClass> classes;
  for (const CrawlRank& r : ranks) {
    ids.push_back(r.object_id);
    classes.push_back(r.cls);
  }
  EXPECT_EQ(ids, (std::vector<uint32_t>{5, 4, 8, 9, 3, 7, 2, 0, 1}));
  EXPECT_EQ(classes[7], CrawlClass::kFee);  // after service change, before information
}

}  // namespace
}  // namespace stb
