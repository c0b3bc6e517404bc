// The scheduler with fixed times: display window, wording switch, frequency
// steps, priority, emergency pre-emption and cadence, dismiss, menu, fee
// reminders, viewing hours, the service on screen, language fallback and
// when the daemon should wake next.
#include "stb/scheduler.h"

#include <gtest/gtest.h>

#include "tests/dvb/notice/notice_test_util.h"
#include "tests/support/utc_time.h"

namespace stb {
namespace {

using dvb::notice::NoticeKind;
using Style = stb::SubtitleBarView::Style;

constexpr int64_t kMin = 60;
constexpr int64_t kHour = 3600;
constexpr int kBeijing = 8 * 60;

using dvb::notice::testing_util::text;
using testing_support::at;

dvb::notice::NoticeText zho() {
  return {"zho", text("线路维护"), text("凌晨1点至6点暂停信号")};
}
dvb::notice::NoticeText spa() {
  return {"spa", text("Mantenimiento de la red"), text("Sin señal de 1:00 a 6:00.")};
}
dvb::notice::NoticeText eng() {
  return {"eng", text("Network maintenance"), text("No signal from 01:00 to 06:00.")};
}

// 01:00 to 06:00 on 30 Nov, Beijing time.
const dvb::UtcSeconds kStart = at("2026-11-29T17:00:00Z");
const dvb::UtcSeconds kEnd = at("2026-11-29T22:00:00Z");

class SchedulerTest : public ::testing::Test {
 protected:
  HeldNotice& add(uint32_t id, NoticeKind kind, dvb::UtcSeconds start = kStart,
                  dvb::UtcSeconds end = kEnd) {
    HeldNotice& h = notices[id];
    h.object_id = id;
    h.revision = 1;
    h.notice.kind = kind;
    h.notice.start = start;
    h.notice.end = end;
    h.notice.contact = "96123";
    h.notice.texts = {eng(), zho(), spa()};
    return h;
  }
  SchedulerInputs in(dvb::UtcSeconds now) const {
    SchedulerInputs i;
    i.notices = &notices;
    i.fee = fee;
    i.hotline = "96123";
    i.now = now;
    i.local_offset_minutes = kBeijing;
    i.service_on_screen = on_screen;
    return i;
  }
  std::optional<CrawlRequest> show(dvb::UtcSeconds now) { return sched.current(in(now)); }
  std::string keyAt(dvb::UtcSeconds now) {
    const auto r = show(now);
    return r ? r->key : "(none)";
  }
  std::optional<dvb::UtcSeconds> wake(dvb::UtcSeconds now) const {
    return sched.nextChange(in(now));
  }

  // Runs crawls of PASS seconds from FROM to UNTIL, each as soon as the
  // scheduler wants it: (start, key) of every pass.
  std::vector<std::pair<dvb::UtcSeconds, std::string>> play(dvb::UtcSeconds from,
                                                            dvb::UtcSeconds until, int64_t pass) {
    std::vector<std::pair<dvb::UtcSeconds, std::string>> out;
    for (dvb::UtcSeconds t = from; t < until;) {
      if (const auto r = show(t)) {
        out.emplace_back(t, r->key);
        t += pass;
        sched.passFinished(t);
      } else {
        const auto next = wake(t);
        if (!next) break;
        t = std::max(*next, t + 1);
      }
    }
    return out;
  }

  // Most tests are about the day's other rules: all day is viewing time here.
  static SchedulePolicy allDay() {
    SchedulePolicy p;
    p.viewing_hours = ViewingHours::wholeDay();
    return p;
  }

  std::map<uint32_t, HeldNotice> notices;
  std::optional<dvb::notice::FeeRecord> fee;
  bool on_screen = true;
  Scheduler sched{allDay(), FeePolicy{}, {"zho", "spa", "eng"}};
};

TEST_F(SchedulerTest, WindowOpensExactlyLeadBeforeStart) {
  add(1001, NoticeKind::kPlannedMaintenance);
  EXPECT_FALSE(show(kStart - 25 * kHour));
  EXPECT_EQ(wake(kStart - 25 * kHour), kStart - 24 * kHour);
  EXPECT_FALSE(show(kStart - 24 * kHour - 1));
  const auto r = show(kStart - 23 * kHour);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->key, "notice:1001");
  EXPECT_FALSE(r->emergency);
  EXPECT_EQ(r->view.style, Style::kMaintenance);
  EXPECT_EQ(r->view.label, "计划维护 · 23小时后开始");
  EXPECT_EQ(r->view.text, "线路维护：凌晨1点至6点暂停信号。咨询电话 96123");
}

TEST_F(SchedulerTest, ShorterLeadOpensLater) {
  add(1001, NoticeKind::kPlannedMaintenance).notice.lead_minutes = 120;
  EXPECT_FALSE(show(kStart - 3 * kHour));
  EXPECT_EQ(wake(kStart - 3 * kHour), kStart - 2 * kHour);
  EXPECT_TRUE(show(kStart - 2 * kHour));
}

TEST_F(SchedulerTest, WordingSwitchesAtStartAndNothingAfterEnd) {
  add(1001, NoticeKind::kPlannedMaintenance);
  EXPECT_EQ(show(kStart - 10 * kMin)->view.label, "计划维护 · 10分钟后开始");
  // The running pass keeps its words even as the start passes.
  EXPECT_EQ(show(kStart + 10)->view.label, "计划维护 · 10分钟后开始");
  sched.passFinished(kStart + 20);
  const auto r = show(kStart + 20);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->view.label, "维护进行中 · 至06:00");
  sched.passFinished(kStart + kMin);
  EXPECT_FALSE(show(kStart + 2 * kMin));
  EXPECT_EQ(wake(kStart + 2 * kMin), kStart + 31 * kMin);  // in progress: every 30 min
  EXPECT_TRUE(show(kStart + 31 * kMin));
  sched.passFinished(kStart + 32 * kMin);
  EXPECT_FALSE(show(kEnd));
  EXPECT_EQ(wake(kEnd), std::nullopt);
}

TEST_F(SchedulerTest, FirstInProgressPassAtStart) {
  add(1001, NoticeKind::kPlannedMaintenance);
  show(kStart - 20 * kMin);
  sched.passFinished(kStart - 19 * kMin);
  // 15 min later (continuous from S-15) and again at the start for the new words.
  EXPECT_EQ(wake(kStart - 18 * kMin), kStart - 15 * kMin);
  EXPECT_EQ(show(kStart - 15 * kMin)->view.label, "计划维护 · 15分钟后开始");
}

TEST_F(SchedulerTest, FrequencyStepsHourlyThenQuarterHourThenContinuous) {
  add(1001, NoticeKind::kPlannedMaintenance);
  const dvb::UtcSeconds t0 = kStart - 23 * kHour;
  ASSERT_TRUE(show(t0));
  sched.passFinished(t0 + kMin);
  EXPECT_FALSE(show(t0 + 30 * kMin));
  EXPECT_EQ(wake(t0 + 30 * kMin), t0 + 61 * kMin);  // hourly
  EXPECT_FALSE(show(t0 + 61 * kMin - 1));
  EXPECT_TRUE(show(t0 + 61 * kMin));
  sched.passFinished(t0 + 62 * kMin);

  // A pass 10 min before the 6 h mark: the 15-minute step brings the next
  // one forward to 5 min after the mark rather than an hour later.
  const dvb::UtcSeconds six = kStart - 6 * kHour;
  ASSERT_TRUE(show(six - 11 * kMin));
  sched.passFinished(six - 10 * kMin);
  EXPECT_EQ(wake(six - 9 * kMin), six + 5 * kMin);
  EXPECT_FALSE(show(six + 4 * kMin));
  ASSERT_TRUE(show(six + 5 * kMin));
  sched.passFinished(six + 6 * kMin);
  EXPECT_EQ(wake(six + 7 * kMin), six + 21 * kMin);  // every 15 min

  // Last 15 min: the next pass right after the previous one.
  ASSERT_TRUE(show(kStart - 14 * kMin));
  sched.passFinished(kStart - 13 * kMin);
  EXPECT_EQ(wake(kStart - 13 * kMin), kStart - 13 * kMin);
  const auto again = show(kStart - 13 * kMin);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->view.label, "计划维护 · 13分钟后开始");
  EXPECT_EQ(wake(kStart - 13 * kMin), kEnd);  // running: only its end changes it
}

TEST_F(SchedulerTest, InformationEveryTwoHours) {
  add(7, NoticeKind::kInformation);
  ASSERT_TRUE(show(kStart - kHour));
  EXPECT_EQ(show(kStart - kHour)->view.style, Style::kInformation);
  EXPECT_EQ(show(kStart - kHour)->view.label, "公告 · 1小时后开始");
  sched.passFinished(kStart - kHour);
  EXPECT_EQ(wake(kStart - kHour), kStart + kHour);
}

TEST_F(SchedulerTest, PriorityOrderOneAtATime) {
  add(1, NoticeKind::kInformation);
  add(2, NoticeKind::kPlannedMaintenance);
  add(3, NoticeKind::kUnplannedOutage);
  add(4, NoticeKind::kServiceChange);
  dvb::notice::FeeRecord f;
  f.paid_until = at("2026-11-30T00:00:00Z");  // the start's local day: expires today
  f.amount_due = 2600;
  f.currency = "CNY";
  fee = f;
  const dvb::UtcSeconds t = kStart + kHour;
  const auto first = show(t);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->key, "notice:3");
  EXPECT_EQ(first->view.style, Style::kOutage);
  EXPECT_EQ(first->view.label, "服务中断 · 至06:00");
  EXPECT_EQ(keyAt(t + 10), "notice:3");  // the rest wait their turn
  std::vector<std::string> order;
  for (int i = 0; i < 5; ++i) {
    sched.passFinished(t + i);
    order.push_back(keyAt(t + i));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"notice:2", "notice:4", "fee", "notice:1", "(none)"}));
}

TEST_F(SchedulerTest, TiesByPriorityThenStartThenId) {
  add(30, NoticeKind::kPlannedMaintenance);
  add(20, NoticeKind::kPlannedMaintenance);
  add(40, NoticeKind::kPlannedMaintenance, kStart - kHour);
  add(50, NoticeKind::kPlannedMaintenance, kStart + kHour).notice.priority = 3;
  const dvb::UtcSeconds t = kStart - 3 * kHour;
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i) {
    order.push_back(keyAt(t));
    sched.passFinished(t);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"notice:50", "notice:40", "notice:20", "notice:30"}));
}

TEST_F(SchedulerTest, AHigherKindWaitsForTheRunningPass) {
  add(2, NoticeKind::kPlannedMaintenance);
  EXPECT_EQ(keyAt(kStart - 2 * kHour), "notice:2");
  add(3, NoticeKind::kUnplannedOutage).notice.lead_minutes = 60;  // opens at S-1h
  EXPECT_EQ(wake(kStart - 2 * kHour), kEnd);  // a non-emergency does not interrupt
  EXPECT_EQ(keyAt(kStart - kHour), "notice:2");
  sched.passFinished(kStart - kHour + 30);
  EXPECT_EQ(keyAt(kStart - kHour + 30), "notice:3");
}

TEST_F(SchedulerTest, EmergencyPreemptsAndCannotBeDismissed) {
  add(2, NoticeKind::kPlannedMaintenance);
  ASSERT_EQ(keyAt(kStart - 2 * kHour), "notice:2");
  HeldNotice& e = add(9, NoticeKind::kEmergency, kStart - kHour, kStart);
  e.notice.lead_minutes = 30;
  e.notice.texts = {{"zho", text("台风预警"), text("请做好防范")}};
  e.notice.contact.clear();
  EXPECT_EQ(wake(kStart - 2 * kHour), kStart - 90 * kMin);
  const auto r = show(kStart - 90 * kMin);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->key, "notice:9");
  EXPECT_TRUE(r->emergency);
  EXPECT_EQ(r->view.style, Style::kEmergency);
  EXPECT_EQ(r->view.label, "紧急通知 · 30分钟后开始");
  EXPECT_EQ(r->view.text, "台风预警：请做好防范");
  EXPECT_FALSE(sched.dismiss(kStart - 89 * kMin));
  EXPECT_EQ(keyAt(kStart - 89 * kMin), "notice:9");
  sched.passFinished(kStart - 88 * kMin);
  EXPECT_EQ(keyAt(kStart - 88 * kMin), "notice:9");  // continuous for its whole window
  // Its start (S-1h) passes during a pass: the running words stay until it ends.
  EXPECT_EQ(show(kStart - 30 * kMin)->view.label, "紧急通知 · 28分钟后开始");
  sched.passFinished(kStart - 30 * kMin);
  EXPECT_EQ(show(kStart - 30 * kMin)->view.label, "紧急通知 · 至01:00");
  EXPECT_EQ(wake(kStart - 30 * kMin), kStart);
  // The emergency's window closes; the interrupted maintenance had not made
  // its pass and is due at once.
  EXPECT_EQ(keyAt(kStart), "notice:2");
}

TEST_F(SchedulerTest, DismissUntilTheNextSlot) {
  EXPECT_FALSE(sched.dismiss(kStart - 2 * kHour));  // nothing running
  add(2, NoticeKind::kPlannedMaintenance);
  ASSERT_TRUE(show(kStart - 2 * kHour));
  EXPECT_TRUE(sched.dismiss(kStart - 2 * kHour + 30));
  EXPECT_FALSE(show(kStart - 2 * kHour + 40));
  EXPECT_EQ(wake(kStart - 2 * kHour + 40), kStart - 2 * kHour + 30 + 15 * kMin);
  EXPECT_FALSE(sched.dismiss(kStart - 2 * kHour + 50));
}

TEST_F(SchedulerTest, MenuHidesAllButEmergencies) {
  add(2, NoticeKind::kPlannedMaintenance);
  ASSERT_TRUE(show(kStart - 2 * kHour));
  sched.setMenuOpen(true);
  EXPECT_FALSE(show(kStart - 2 * kHour + 10));
  EXPECT_EQ(wake(kStart - 2 * kHour + 10), std::nullopt);  // only closing the menu changes it
  add(9, NoticeKind::kEmergency, kStart - kHour, kStart - 30 * kMin).notice.lead_minutes = 0;
  EXPECT_EQ(wake(kStart - 2 * kHour + 10), kStart - kHour);
  EXPECT_EQ(keyAt(kStart - kHour), "notice:9");
  sched.setMenuOpen(false);
  EXPECT_EQ(keyAt(kStart - kHour + 10), "notice:9");
  EXPECT_EQ(keyAt(kStart - 30 * kMin), "notice:2");  // cut by the menu: due again
}

TEST_F(SchedulerTest, CancelledRevisedAndUnreadableNotices) {
  add(2, NoticeKind::kPlannedMaintenance).notice.flags = dvb::notice::Notice::kFlagCancel;
  EXPECT_FALSE(show(kStart - kHour));
  EXPECT_EQ(wake(kStart - kHour), std::nullopt);

  notices.clear();
  HeldNotice& h = add(3, NoticeKind::kServiceChange);
  h.notice.texts = {{"zho", text(""), text("")}};
  EXPECT_FALSE(show(kStart - kHour));  // nothing readable to show

  h.notice.texts = {zho()};
  EXPECT_EQ(show(kStart - kHour)->view.style, Style::kServiceChange);
  // A new revision mid-pass replaces the running words and is due again at once.
  h.revision = 2;
  h.notice.texts[0].body = text("频道调整");
  EXPECT_EQ(show(kStart - kHour + 10)->view.text, "线路维护：频道调整。咨询电话 96123");
  sched.passFinished(kStart - kHour + 20);
  EXPECT_FALSE(show(kStart - kHour + 30));
  h.revision = 3;
  EXPECT_TRUE(show(kStart - kHour + 40));
  // A notice that goes away takes its running crawl with it.
  notices.clear();
  EXPECT_EQ(wake(kStart - kHour + 50), kStart - kHour + 50);
  EXPECT_FALSE(show(kStart - kHour + 50));
}

TEST(SchedulerLanguage, FirstPreferredTextThenCatalogueFallback) {
  std::map<uint32_t, HeldNotice> notices;
  HeldNotice& h = notices[5];
  h.object_id = 5;
  h.notice.kind = NoticeKind::kPlannedMaintenance;
  h.notice.start = kStart;
  h.notice.end = kEnd;
  h.notice.contact = "96123";
  h.notice.texts = {zho(), spa()};
  SchedulerInputs in;
  in.notices = &notices;
  in.now = kStart - 5 * kHour;
  in.local_offset_minutes = kBeijing;
  in.service_on_screen = true;

  Scheduler spanish(SchedulePolicy{}, FeePolicy{}, {"spa", "eng"});
  auto r = spanish.current(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->view.label, "Mantenimiento programado · empieza en 5 h");
  EXPECT_EQ(r->view.text, "Mantenimiento de la red: Sin señal de 1:00 a 6:00. Información: 96123");

  h.notice.texts = {eng()};
  Scheduler english(SchedulePolicy{}, FeePolicy{}, {"zho", "eng"});
  r = english.current(in);
  EXPECT_EQ(r->view.label, "Planned maintenance · starts in 5 h");
  EXPECT_EQ(r->view.text, "Network maintenance: No signal from 01:00 to 06:00. Info: 96123");

  // Only a text the catalogue cannot label: the first preferred catalogue language.
  h.notice.texts = {{"fra", text("Maintenance"), text("Pas de signal")}};
  Scheduler french(SchedulePolicy{}, FeePolicy{}, {"fra", "spa"});
  r = french.current(in);
  EXPECT_EQ(r->view.label, "Mantenimiento programado · empieza en 5 h");
  EXPECT_EQ(r->view.text, "Maintenance: Pas de signal. Información: 96123");

  h.notice.texts = {{"deu", text("Wartung"), text("Kein Signal")}};
  Scheduler german(SchedulePolicy{}, FeePolicy{}, {"deu"});
  EXPECT_EQ(german.current(in)->view.label, "Planned maintenance · starts in 5 h");
}

TEST_F(SchedulerTest, FeeRemindersThroughTheDay) {
  dvb::notice::FeeRecord f;
  f.paid_until = at("2026-12-05T00:00:00Z");
  f.amount_due = 2600;
  f.currency = "CNY";
  f.package = text("基本收视包");
  fee = f;
  // 27 Nov 23:00 local: day 8, nothing; midnight starts day 7.
  EXPECT_FALSE(show(at("2026-11-27T15:00:00Z")));
  EXPECT_EQ(wake(at("2026-11-27T15:00:00Z")), at("2026-11-27T16:00:00Z"));
  const dvb::UtcSeconds t = at("2026-11-28T01:00:00Z");  // 09:00 local
  const auto r = show(t);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->key, "fee");
  EXPECT_EQ(r->view.style, Style::kFee);
  EXPECT_EQ(r->view.label, "缴费提醒 · 7天后到期");
  EXPECT_EQ(r->view.text,
            "您的「基本收视包」有效期至2026年12月5日，应缴费用26.00元。请拨打客服热线96123缴费。");
  EXPECT_EQ(wake(t), at("2026-11-28T16:00:00Z"));  // running: until the local day ends
  sched.passFinished(t + kMin);
  EXPECT_FALSE(show(t + 2 * kMin));
  EXPECT_EQ(wake(t + 2 * kMin), t + 121 * kMin);  // at least 120 min apart
  ASSERT_TRUE(show(t + 121 * kMin));
  EXPECT_TRUE(sched.dismiss(t + 122 * kMin));  // a dismissed pass counts
  ASSERT_TRUE(show(t + 242 * kMin));
  sched.passFinished(t + 243 * kMin);
  EXPECT_FALSE(show(t + 400 * kMin));
  EXPECT_EQ(wake(t + 400 * kMin), at("2026-12-01T16:00:00Z"));  // three a day; next: day 3
}

// ---------------------------------------------------------------------------
// An emergency's cadence

TEST_F(SchedulerTest, EmergencyContinuousForFiveMinutesThenEveryTenAndTheOutageGetsItsTurn) {
  // An outage in progress, then an emergency with no crawl fields and the
  // old 24 h lead. It used to crawl nonstop and hold the outage off.
  add(3, NoticeKind::kUnplannedOutage, kStart - kHour, kEnd);
  add(9, NoticeKind::kEmergency, kStart, kEnd);
  const dvb::UtcSeconds t0 = kStart;
  const auto passes = play(t0, t0 + kHour, 50);
  std::vector<dvb::UtcSeconds> emergency, outage;
  for (const auto& [t, key] : passes) (key == "notice:9" ? emergency : outage).push_back(t - t0);
  // Back to back while a pass may start inside the first 5 min...
  EXPECT_EQ(std::vector<dvb::UtcSeconds>(emergency.begin(), emergency.begin() + 6),
            (std::vector<dvb::UtcSeconds>{0, 50, 100, 150, 200, 250}));
  // ...then one pass 10 min after the end of the previous one.
  EXPECT_EQ(std::vector<dvb::UtcSeconds>(emergency.begin() + 6, emergency.end()),
            (std::vector<dvb::UtcSeconds>{900, 1550, 2200, 2850, 3500}));
  // The outage runs as soon as the continuous period is over, then on its
  // own 30-min cadence between the emergency's passes.
  ASSERT_FALSE(outage.empty());
  EXPECT_EQ(outage.front(), 300);
  EXPECT_EQ(outage, (std::vector<dvb::UtcSeconds>{300, 2150}));
}

TEST_F(SchedulerTest, EmergencyOnItsCadenceWaitsForTheRunningPass) {
  add(3, NoticeKind::kUnplannedOutage, kStart - kHour, kEnd);
  HeldNotice& e = add(9, NoticeKind::kEmergency, kStart, kEnd);
  ASSERT_EQ(keyAt(kStart), "notice:9");
  EXPECT_FALSE(sched.dismiss(kStart + 10));  // its continuous period
  sched.passFinished(kStart + 5 * kMin);
  ASSERT_EQ(keyAt(kStart + 5 * kMin), "notice:3");  // a long outage pass
  // Due again at +15 min, but past its continuous period it does not cut in.
  EXPECT_EQ(wake(kStart + 6 * kMin), kEnd);
  EXPECT_EQ(keyAt(kStart + 15 * kMin), "notice:3");
  sched.passFinished(kStart + 16 * kMin);
  EXPECT_EQ(keyAt(kStart + 16 * kMin), "notice:9");
  sched.passFinished(kStart + 17 * kMin);
  EXPECT_EQ(wake(kStart + 17 * kMin), kStart + 27 * kMin);
  ASSERT_EQ(keyAt(kStart + 27 * kMin), "notice:9");
  sched.passFinished(kStart + 28 * kMin);  // next at +38; the outage's at +46
  ASSERT_EQ(keyAt(kStart + 38 * kMin), "notice:9");
  sched.passFinished(kStart + 39 * kMin);  // next at +49
  ASSERT_EQ(keyAt(kStart + 46 * kMin), "notice:3");
  // A new revision is a new emergency: continuous again, and it pre-empts.
  e.revision = 2;
  EXPECT_EQ(wake(kStart + 47 * kMin), kStart + 47 * kMin);
  EXPECT_EQ(keyAt(kStart + 47 * kMin), "notice:9");
  EXPECT_FALSE(sched.dismiss(kStart + 47 * kMin + 10));
  sched.passFinished(kStart + 48 * kMin);
  EXPECT_EQ(keyAt(kStart + 48 * kMin), "notice:9");  // back to back
}

TEST_F(SchedulerTest, AnEmergencysOwnCrawlFieldsChangeItsCadence) {
  HeldNotice& e = add(9, NoticeKind::kEmergency, kStart, kEnd);
  e.notice.crawl_continuous_minutes = 1;
  e.notice.crawl_every_minutes = 3;
  auto starts = [&](const std::vector<std::pair<dvb::UtcSeconds, std::string>>& passes,
                    dvb::UtcSeconds from) {
    std::vector<dvb::UtcSeconds> out;
    for (const auto& p : passes) out.push_back(p.first - from);
    return out;
  };
  EXPECT_EQ(starts(play(kStart, kStart + 10 * kMin, 50), kStart),
            (std::vector<dvb::UtcSeconds>{0, 50, 280, 510}));

  // Continuous for the whole window, asked for by the operator.
  notices.clear();
  Scheduler fresh{allDay(), FeePolicy{}, {"zho"}};
  sched = fresh;
  HeldNotice& nonstop = add(10, NoticeKind::kEmergency, kStart, kEnd);
  nonstop.notice.crawl_continuous_minutes = 0;
  nonstop.notice.crawl_every_minutes = 0;
  const auto passes = play(kStart, kStart + 2 * kHour, 60);
  EXPECT_EQ(passes.size(), 120u);
}

// ---------------------------------------------------------------------------
// Viewing hours and the service on screen

class SchedulerDayTest : public SchedulerTest {
 protected:
  SchedulerDayTest() { sched = Scheduler{SchedulePolicy{}, FeePolicy{}, {"zho", "spa", "eng"}}; }
};

TEST_F(SchedulerDayTest, NothingUrgentWaitsForSevenInTheMorning) {
  // kStart - 23 h is 02:00 local: the maintenance notice's window is open
  // but nobody watches; its first pass is at 07:00.
  add(1001, NoticeKind::kPlannedMaintenance);
  add(7, NoticeKind::kInformation, kStart - 20 * kHour, kEnd);
  const dvb::UtcSeconds two = kStart - 23 * kHour;
  const dvb::UtcSeconds seven = kStart - 18 * kHour;
  EXPECT_FALSE(show(two));
  EXPECT_EQ(wake(two), seven);
  EXPECT_FALSE(show(seven - 1));
  EXPECT_EQ(keyAt(seven), "notice:1001");
  // A pass that runs past 23:00 ends as usual; no other starts until 07:00.
  const dvb::UtcSeconds eleven = kStart - 2 * kHour;
  sched.passFinished(seven + kMin);
  EXPECT_EQ(keyAt(seven + kMin), "notice:7");
  sched.passFinished(seven + 2 * kMin);
  ASSERT_TRUE(show(eleven - 30));
  sched.passFinished(eleven + 30);
  EXPECT_FALSE(show(eleven + 30));
  // Both end at 06:00, before the next viewing hours: announced during the
  // day, neither crawls in the night (01:00 would change the words).
  EXPECT_EQ(wake(eleven + 30), std::nullopt);
  EXPECT_FALSE(show(kStart + 10));
}

TEST_F(SchedulerDayTest, EmergenciesAndOutagesInProgressGoOutAtNight) {
  add(9, NoticeKind::kEmergency, kStart, kEnd).notice.lead_minutes = 60;
  add(3, NoticeKind::kUnplannedOutage, kStart + kHour, kEnd);  // 02:00 local
  add(1001, NoticeKind::kPlannedMaintenance);                  // not urgent: waits for 07:00
  std::vector<dvb::UtcSeconds> emergency, outage;
  for (const auto& [t, key] : play(kStart - kHour, kStart + 2 * kHour, 60)) {
    ASSERT_NE(key, "notice:1001") << t - kStart;
    (key == "notice:9" ? emergency : outage).push_back(t - kStart);
  }
  ASSERT_FALSE(emergency.empty());
  EXPECT_EQ(emergency.front(), -kHour);  // 00:00 local, as its window opens
  // The outage is not urgent before it starts; from its start (02:00) it is.
  ASSERT_FALSE(outage.empty());
  EXPECT_EQ(outage.front(), kHour);
}

TEST_F(SchedulerDayTest, FeeRemindersNeverStartOutsideViewingHours) {
  dvb::notice::FeeRecord f;
  f.paid_until = at("2026-12-05T00:00:00Z");
  f.amount_due = 2600;
  f.currency = "CNY";
  fee = f;
  // 28 Nov (day 7) from local midnight: they used to land at 00:00, 02:10
  // and 04:20.
  const dvb::UtcSeconds midnight = at("2026-11-27T16:00:00Z");
  EXPECT_FALSE(show(midnight));
  EXPECT_EQ(wake(midnight), midnight + 7 * kHour);
  std::vector<dvb::UtcSeconds> local;
  for (const auto& [t, key] : play(midnight, midnight + 24 * kHour, 60)) {
    EXPECT_EQ(key, "fee");
    local.push_back((t - midnight) / kMin);
  }
  EXPECT_EQ(local, (std::vector<dvb::UtcSeconds>{7 * 60, 9 * 60 + 1, 11 * 60 + 2}));
}

TEST_F(SchedulerDayTest, NothingButUrgentCrawlsWithoutAServiceOnScreen) {
  const dvb::UtcSeconds noon = kStart - 13 * kHour;  // 12:00 local
  add(1001, NoticeKind::kPlannedMaintenance);
  dvb::notice::FeeRecord f;
  f.paid_until = at("2026-11-29T00:00:00Z");  // expires today (29 Nov local)
  f.amount_due = 2600;
  f.currency = "CNY";
  fee = f;
  on_screen = false;
  EXPECT_FALSE(show(noon));
  EXPECT_EQ(wake(noon), std::nullopt);  // only a service on screen changes it
  on_screen = true;
  ASSERT_EQ(keyAt(noon), "notice:1001");
  // The service goes: the running crawl goes with it.
  on_screen = false;
  EXPECT_EQ(wake(noon + 10), noon + 10);
  EXPECT_FALSE(show(noon + 10));
  // Urgent ones still show: an outage in progress and an emergency.
  add(3, NoticeKind::kUnplannedOutage, noon + kHour, kEnd);
  EXPECT_EQ(wake(noon + 20), noon + kHour);  // its start
  EXPECT_EQ(keyAt(noon + kHour), "notice:3");
  add(9, NoticeKind::kEmergency, noon, kEnd);
  EXPECT_EQ(keyAt(noon + kHour + 10), "notice:9");
  on_screen = true;
  sched.passFinished(noon + kHour + 20);
  EXPECT_EQ(keyAt(noon + kHour + 20), "notice:9");  // continuous
}

}  // namespace
}  // namespace stb
