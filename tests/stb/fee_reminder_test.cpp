// Fee reminders: which local days, how many passes and how far apart, and the
// reminder as the bar shows it.
#include "stb/fee_reminder.h"

#include <gtest/gtest.h>

#include "tests/support/utc_time.h"

namespace stb {
namespace {

constexpr int kBeijing = 8 * 60;
// The day's rules on their own; the viewing hours have their own test.
const ViewingHours kAllDay = ViewingHours::wholeDay();
constexpr int64_t kMin = 60;

using testing_support::at;

dvb::notice::FeeRecord record() {
  dvb::notice::FeeRecord r;
  r.subscriber_id = "8001234567";
  r.paid_until = at("2026-12-05T00:00:00Z");  // last paid day: 5 Dec
  r.amount_due = 2600;
  r.currency = "CNY";
  r.package.utf8 = "基本收视包";
  r.package.raw.assign(r.package.utf8.begin(), r.package.utf8.end());
  return r;
}

TEST(FeeReminder, DaysLeftCountLocalDates) {
  const auto r = record();
  // 28 Nov 00:00 in +08:00 is 27 Nov 16:00 UTC: seven days before 5 Dec.
  EXPECT_EQ(feeDaysLeft(r, at("2026-11-27T16:00:00Z"), kBeijing), 7);
  EXPECT_EQ(feeDaysLeft(r, at("2026-11-27T15:59:59Z"), kBeijing), 8);
  EXPECT_EQ(feeDaysLeft(r, at("2026-11-27T15:59:59Z"), 0), 8);
  EXPECT_EQ(feeDaysLeft(r, at("2026-12-04T16:00:00Z"), kBeijing), 0);  // 5 Dec, 00:00 local
  EXPECT_EQ(feeDaysLeft(r, at("2026-12-04T16:00:00Z"), 0), 1);         // still 4 Dec in UTC
  EXPECT_EQ(feeDaysLeft(r, at("2026-12-06T01:00:00Z"), kBeijing), -1);
  EXPECT_EQ(feeDaysLeft(r, at("2026-12-05T03:00:00Z"), -5 * 60), 1);  // 4 Dec 22:00 local
}

TEST(FeeReminder, ReminderDaysAreTheListThenTheGracePeriod) {
  const FeePolicy p;
  for (int d : {7, 3, 1, 0, -1, -4, -7}) EXPECT_TRUE(isReminderDay(p, d)) << d;
  for (int d : {8, 6, 5, 4, 2, -8, -30}) EXPECT_FALSE(isReminderDay(p, d)) << d;
  FeePolicy q;
  q.days_before = {14, 2};
  q.grace_days = 0;
  EXPECT_TRUE(isReminderDay(q, 14));
  EXPECT_FALSE(isReminderDay(q, 0));
  EXPECT_FALSE(isReminderDay(q, -1));
}

TEST(FeeReminder, AtMostMaxPerDayAtLeastMinGapApart) {
  const FeePolicy p;
  const auto r = record();
  FeePasses passes;
  const dvb::UtcSeconds morning = at("2026-11-28T01:00:00Z");  // 09:00 local, day 7
  EXPECT_TRUE(feeDue(p, r, passes, morning, kBeijing, kAllDay));
  passes.record(morning + kMin, kBeijing);
  EXPECT_FALSE(feeDue(p, r, passes, morning + 60 * kMin, kBeijing, kAllDay));
  EXPECT_EQ(feeNextDue(p, r, passes, morning + 60 * kMin, kBeijing, kAllDay), morning + 121 * kMin);
  EXPECT_TRUE(feeDue(p, r, passes, morning + 121 * kMin, kBeijing, kAllDay));
  passes.record(morning + 122 * kMin, kBeijing);
  passes.record(morning + 300 * kMin, kBeijing);
  EXPECT_EQ(passes.count, 3);
  // Three today: the next is on day 3 (2 Dec), from local midnight.
  EXPECT_FALSE(feeDue(p, r, passes, morning + 600 * kMin, kBeijing, kAllDay));
  EXPECT_EQ(feeNextDue(p, r, passes, morning + 600 * kMin, kBeijing, kAllDay),
            at("2026-12-01T16:00:00Z"));
}

TEST(FeeReminder, PassesStartOnlyInsideTheViewingHours) {
  // Reminders used to land at 00:00, 02:10 and 04:20 local time: the first
  // instant of the day, then the minimum gap. Now the day's passes start at
  // 07:00 at the earliest and never at 23:00 or later.
  const FeePolicy p;
  const ViewingHours hours;  // 07:00-23:00
  const auto r = record();
  FeePasses passes;
  const dvb::UtcSeconds midnight = at("2026-11-27T16:00:00Z");  // 28 Nov 00:00 local, day 7
  EXPECT_FALSE(feeDue(p, r, passes, midnight, kBeijing, hours));
  const dvb::UtcSeconds seven = at("2026-11-27T23:00:00Z");  // 07:00 local
  EXPECT_EQ(feeNextDue(p, r, passes, midnight, kBeijing, hours), seven);
  EXPECT_FALSE(feeDue(p, r, passes, seven - 1, kBeijing, hours));
  EXPECT_TRUE(feeDue(p, r, passes, seven, kBeijing, hours));
  // Walk the day as the scheduler would, a one-minute pass whenever due:
  // three passes, 120 min apart, all between 07:00 and 23:00 local.
  std::vector<dvb::UtcSeconds> starts;
  for (dvb::UtcSeconds t = midnight; t < midnight + 24 * 3600; t += kMin) {
    if (!feeDue(p, r, passes, t, kBeijing, hours)) continue;
    starts.push_back(t);
    passes.record(t + kMin, kBeijing);
  }
  EXPECT_EQ(starts, (std::vector<dvb::UtcSeconds>{seven, seven + 121 * kMin, seven + 242 * kMin}));
  // A late day: the gap pushes the next pass past 23:00, so it waits for
  // the next reminder day's 07:00 rather than crawling at night.
  FeePasses late;
  late.record(at("2026-12-02T14:00:00Z"), kBeijing);  // 2 Dec (day 3) 22:00 local
  EXPECT_FALSE(feeDue(p, r, late, at("2026-12-02T14:59:00Z"), kBeijing, hours));
  EXPECT_EQ(feeNextDue(p, r, late, at("2026-12-02T14:59:00Z"), kBeijing, hours),
            at("2026-12-03T23:00:00Z"));  // 4 Dec (day 1) 07:00 local
  // Hours across midnight (18:00-02:00): on 28 Nov (day 7) 01:00 is
  // inside; from 03:00 the next start is 18:00.
  ViewingHours evening;
  ASSERT_EQ(parseViewingHours("18:00-02:00", &evening), "");
  EXPECT_TRUE(feeDue(p, r, FeePasses{}, at("2026-11-27T17:00:00Z"), kBeijing, evening));
  EXPECT_EQ(feeNextDue(p, r, FeePasses{}, at("2026-11-27T19:00:00Z"), kBeijing, evening),
            at("2026-11-28T10:00:00Z"));
}

TEST(FeeReminder, GapCarriesAcrossMidnight) {
  const FeePolicy p;
  const auto r = record();
  FeePasses passes;
  passes.record(at("2026-12-04T15:30:00Z"), kBeijing);  // 23:30 on day 1 (4 Dec)
  EXPECT_EQ(passes.countOn(dvb::mjdFromCivil({2026, 12, 4})), 1);
  EXPECT_EQ(passes.countOn(dvb::mjdFromCivil({2026, 12, 5})), 0);
  // Day 0 starts at 16:00 UTC, but the gap holds the next pass until 17:30.
  EXPECT_EQ(feeNextDue(p, r, passes, at("2026-12-04T16:00:00Z"), kBeijing, kAllDay),
            at("2026-12-04T17:30:00Z"));
}

TEST(FeeReminder, EveryDayOfTheGraceThenNothing) {
  const FeePolicy p;
  const auto r = record();
  FeePasses passes;
  EXPECT_TRUE(feeDue(p, r, passes, at("2026-12-06T02:00:00Z"), kBeijing, kAllDay));  // day -1
  EXPECT_TRUE(
      feeDue(p, r, passes, at("2026-12-12T15:59:59Z"), kBeijing, kAllDay));  // day -7, 23:59
  EXPECT_FALSE(feeDue(p, r, passes, at("2026-12-12T16:00:00Z"), kBeijing, kAllDay));  // day -8
  EXPECT_EQ(feeNextDue(p, r, passes, at("2026-12-12T16:00:00Z"), kBeijing, kAllDay), std::nullopt);
  // Between reminder days: the next one's local midnight (day 3 = 2 Dec).
  EXPECT_EQ(feeNextDue(p, r, passes, at("2026-11-29T04:00:00Z"), kBeijing, kAllDay),
            at("2026-12-01T16:00:00Z"));
  // Long before: day 7 (28 Nov).
  EXPECT_EQ(feeNextDue(p, r, passes, at("2026-10-01T00:00:00Z"), kBeijing, kAllDay),
            at("2026-11-27T16:00:00Z"));
}

TEST(FeeReminder, RequestInTheBoxsLanguage) {
  FeePolicy p;
  const auto r = record();
  const dvb::UtcSeconds day3 = at("2026-12-02T01:00:00Z");
  CrawlRequest zho = feeRequest(p, r, Language::kZho, "96123", day3, kBeijing);
  EXPECT_EQ(zho.key, "fee");
  EXPECT_FALSE(zho.emergency);
  EXPECT_EQ(zho.view.style, stb::SubtitleBarView::Style::kFee);
  EXPECT_EQ(zho.view.label, "缴费提醒 · 3天后到期");
  EXPECT_EQ(zho.view.text,
            "您的「基本收视包」有效期至2026年12月5日，应缴费用26.00元。请拨打客服热线96123缴费。");
  const CrawlRequest eng = feeRequest(p, r, Language::kEng, "", day3, kBeijing);
  EXPECT_EQ(eng.view.label, "Fee reminder · expires in 3 days");
  EXPECT_EQ(eng.view.text,
            "Your package \"基本收视包\" is paid until 5 Dec 2026. Amount due: 26.00 CNY.");
  p.how_to_pay["spa"] = "Pague en cualquier oficina o en la app.";
  const CrawlRequest spa =
      feeRequest(p, r, Language::kSpa, "96123", at("2026-12-07T01:00:00Z"), kBeijing);
  EXPECT_EQ(spa.view.label, "Aviso de pago · venció hace 2 días");
  EXPECT_EQ(spa.view.text,
            "Su paquete «基本收视包» estaba pagado hasta el 5/12/2026. Importe a pagar: 26.00 CNY. "
            "Pague en cualquier oficina o en la app.");
}

}  // namespace
}  // namespace stb
