#pragma once
// What the subtitle bar shows now: one crawl at a time, chosen from the held
// notices and the box's fee record by the frequency and priority rules of
// crawl_policy.h and fee_reminder.h. Time comes in with the inputs; nothing
// here reads a clock.
//
// A crawl runs from the current() call that starts it until passFinished()
// or dismiss(); its request is frozen meanwhile (a label that counts down
// would otherwise restart the crawl every minute). It is cut short only when
// an emergency becomes due, when its item is gone, revised or out of its
// window, or when the menu opens; a crawl cut short has not made its pass and
// is due again.
//
// The menu: while it is open only emergencies are shown (an emergency must
// reach the viewer whatever the screen shows); other crawls wait until it closes.
//
// An emergency pre-empts a running crawl and cannot be dismissed only during
// its continuous period (crawl_policy.h); after it, on its cadence, it waits
// for the running pass like any crawl, so an outage in progress gets its turn.
// Crawls that are not urgent start only inside the viewing hours and only
// while a service is on screen; one running is cut when the service goes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/fee_batch.h"
#include "stb/crawl_policy.h"
#include "stb/crawl_request.h"
#include "stb/fee_reminder.h"
#include "stb/held_notice.h"
#include "stb/wording.h"

namespace stb {

struct SchedulerInputs {
  const std::map<uint32_t, HeldNotice>* notices = nullptr;  // by object id; null = none
  std::optional<dvb::notice::FeeRecord> fee;                // the box's own record
  std::string hotline;                                      // from the service directory; may be ""
  dvb::UtcSeconds now = 0;
  int local_offset_minutes = 0;
  // A service is on screen (the PAT names a program): without one, only
  // urgent crawls show.
  bool service_on_screen = false;
};

// The bar's colour for a notice of KIND.
stb::SubtitleBarView::Style barStyleOf(dvb::notice::NoticeKind kind);

class Scheduler {
 public:
  // languages: the viewer's preference, first preferred first (ISO 639-2).
  Scheduler(SchedulePolicy schedule, FeePolicy fee, std::vector<std::string> languages);

  // What should be on the bar now: the running crawl, an emergency that
  // pre-empts it, or the next due crawl (which starts running); nullopt =
  // bar hidden.
  std::optional<CrawlRequest> current(const SchedulerInputs& in);
  // The running crawl completed one pass at `now`; its next slot counts from here.
  void passFinished(dvb::UtcSeconds now);
  // BACK/EXIT: ends the running crawl as if its pass had finished now. False
  // (and nothing changes) for an emergency or when nothing runs.
  bool dismiss(dvb::UtcSeconds now);
  void setMenuOpen(bool open);

  // The earliest time at which current() could change if no input changes
  // (may be in.now when something is due); nullopt = nothing scheduled.
  std::optional<dvb::UtcSeconds> nextChange(const SchedulerInputs& in) const;

 private:
  struct Running {
    std::string key;         // "notice:<id>" or "fee"
    uint32_t object_id = 0;  // notices only
    uint32_t revision = 0;
    NoticePhase phase = NoticePhase::kScheduled;
    dvb::UtcSeconds started = 0;
    bool urgent = false;  // keeps running without a service on screen
    CrawlRequest request;
  };
  struct LastPass {
    dvb::UtcSeconds end = 0;
    uint32_t revision = 0;
    NoticePhase phase = NoticePhase::kScheduled;
    dvb::UtcSeconds first_start = 0;  // of this revision's first pass: an emergency's period
  };
  // Which due crawls may start: all, only emergencies (menu open), or only
  // those that may cut the running crawl short.
  enum class Candidates { kAll, kEmergencies, kPreempting };

  // When a notice's next pass may start (now if due); nullopt = never again.
  std::optional<dvb::UtcSeconds> noticeNextDue(const HeldNotice& held, dvb::UtcSeconds now) const;
  // The same, held back to when the viewing hours and the screen allow it.
  std::optional<dvb::UtcSeconds> noticeNextStart(const HeldNotice& held,
                                                 const SchedulerInputs& in) const;
  // An emergency still inside its continuous period at `now`.
  bool emergencyContinuousAt(const HeldNotice& held, dvb::UtcSeconds now) const;
  bool stillValid(const Running& r, const SchedulerInputs& in) const;
  std::optional<Running> bestDue(const SchedulerInputs& in, Candidates which) const;
  Running startNotice(const HeldNotice& held, const SchedulerInputs& in) const;
  void recordPass(dvb::UtcSeconds now);

  SchedulePolicy schedule_;
  FeePolicy fee_policy_;
  std::vector<std::string> languages_;
  bool menu_open_ = false;
  int local_offset_minutes_ = 0;  // from the last current(): the day a fee pass counts on
  std::optional<Running> running_;
  std::map<uint32_t, LastPass> notice_passes_;
  FeePasses fee_passes_;
};

}  // namespace stb
