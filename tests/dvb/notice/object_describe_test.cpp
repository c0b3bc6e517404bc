// The words both tools show for an object body (stb-notice's build and
// verify, stb-probe's summary line): one implementation in dvb/notice.
#include "dvb/notice/object_describe.h"

#include <gtest/gtest.h>

#include "tests/dvb/notice/notice_test_util.h"

namespace dvb::notice {
namespace {

TEST(ObjectDescribe, ANoticeInLines) {
  Notice n = testing_util::maintenanceNotice();
  n.targeting.nodes = {7, 9};
  n.lead_minutes = 90;
  const std::vector<std::string> lines = describeBody(ObjectBody{n});
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "planned_maintenance, priority 0, 2026-11-30T02:00:00Z .. "
                "2026-11-30T06:00:00Z, shown from 90 min before the start",
                "targets: areas 3601; nodes 7, 9",
                "contact: 96123",
                "zho (GB-2312-1980): 线路维护 | 11月30日02:00至06:00线路维护，届时暂停收看。",
                "spa (ISO/IEC 6937): Mantenimiento | Corte de servicio por "
                "mantenimiento de línea.",
            }));
}

// An emergency's crawl settings show only when the operator set them.
TEST(ObjectDescribe, AnEmergencysCrawlSettings) {
  Notice n = testing_util::maintenanceNotice();
  n.kind = NoticeKind::kEmergency;
  n.crawl_continuous_minutes = 20;
  n.crawl_every_minutes = 15;
  std::vector<std::string> lines = describeBody(ObjectBody{n});
  EXPECT_EQ(lines.at(3), "crawl: continuous for 20 min, then every 15 min");
  n.crawl_continuous_minutes.reset();
  n.crawl_every_minutes = 0;
  lines = describeBody(ObjectBody{n});
  EXPECT_EQ(lines.at(3), "crawl: nonstop");
  n.crawl_every_minutes.reset();
  lines = describeBody(ObjectBody{n});
  EXPECT_EQ(lines.at(3).rfind("crawl:", 0), std::string::npos) << lines.at(3);
}

TEST(ObjectDescribe, ANoticeInOneLine) {
  Notice n = testing_util::maintenanceNotice();
  EXPECT_EQ(noticeSummary(n),
            "planned_maintenance 2026-11-30T02:00:00Z .. 2026-11-30T06:00:00Z \"线路维护\"");
  n.flags = Notice::kFlagCancel;
  n.texts.clear();
  EXPECT_EQ(noticeSummary(n),
            "planned_maintenance (cancelled) 2026-11-30T02:00:00Z .. 2026-11-30T06:00:00Z");
}

TEST(ObjectDescribe, OtherObjectsAndUndecodableText) {
  WorkCalendar c;
  c.year = 2026;
  c.days.push_back({*parseIso8601("2026-10-01T00:00:00Z"), DayType::kHoliday});
  c.days.push_back({*parseIso8601("2026-10-11T00:00:00Z"), DayType::kWorkingDay});
  EXPECT_EQ(describeBody(ObjectBody{c}),
            (std::vector<std::string>{"year 2026: 1 holiday, 1 swapped working day",
                                      "holidays: 2026-10-01", "working days: 2026-10-11"}));
  DvbText bad;
  bad.undecodable = true;
  EXPECT_EQ(describeText(bad), "(undecodable)");
}

}  // namespace
}  // namespace dvb::notice
