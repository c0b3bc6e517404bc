#pragma once
// The box's daemon without its I/O: transport-stream packets and remote keys
// in, subtitle-bar commands out. stbd (stbd/) wires it to a TS source, an
// event loop, DirectFB and SQLite; tests wire it to fakes.
//
// Per packet: the SI demux (PAT/PMT/TDT/TOT and the notice PID the PMT
// registers as "STBN") -> the stream clock and notice intake. Whenever time
// moves or what the box holds changes, update() asks the scheduler what the
// bar should show and drives the BarOutput: a new crawl is laid out once, the
// running one is left alone until its pass ends (unless an emergency
// pre-empts it), and the bar is hidden when nothing is due.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/key_ring.h"
#include "dvb/si_demux.h"
#include "stb/bar_under_menu.h"
#include "stb/box_status.h"
#include "stb/crawl_policy.h"
#include "stb/crawl_request.h"
#include "stb/fee_reminder.h"
#include "stb/notice_intake.h"
#include "stb/ports/bar_output.h"
#include "stb/ports/log.h"
#include "stb/ports/remote_key.h"
#include "stb/ports/state_store.h"
#include "stb/replay_clock.h"
#include "stb/scheduler.h"
#include "stb/stream_clock.h"

namespace stb {

struct DaemonOptions {
  dvb::notice::BoxIdentity box;
  std::string country = "CHN";
  uint8_t region = 0;
  int fallback_offset_minutes = 480;   // until a TOT names the local offset
  std::optional<uint16_t> notice_pid;  // else the PMT's "STBN" registration
  SchedulePolicy schedule;
  FeePolicy fee;
  std::vector<std::string> languages = {"zho", "eng"};
};

struct DaemonStats {
  uint64_t tdts = 0;
  uint64_t tots = 0;
  uint64_t notice_tables = 0;
  uint64_t crawls_shown = 0;
  uint64_t passes = 0;
  uint64_t bar_errors = 0;
  std::optional<dvb::UtcSeconds> last_stream_utc;  // of the latest TDT/TOT
};

// The menu and fault reporting see it only as a BoxStatus and a
// BarUnderMenu.
class Daemon : private dvb::SiListener, public BoxStatus, public BarUnderMenu {
 public:
  // With REPLAY set (fast replay), every TDT/TOT first moves REPLAY to the
  // stream's time, and MONO must be REPLAY.
  Daemon(const MonotonicClock& mono, dvb::notice::KeyRing& keys, StateStore& store, BarOutput& bar,
         Log& log, DaemonOptions options, ReplayClock* replay = nullptr);

  // Restores what the box held before a restart and, when the platform's
  // clock is synchronised, starts from it; then shows what is due.
  void start(dvb::UtcSeconds system_utc, bool system_synchronised);

  void pushPacket(const uint8_t* packet);
  // A whole section from a hardware demux's section filter (stbd's dvb://
  // source) instead of packets; demux().sectionWants() says which filters
  // to run, and changes when the PAT/PMT do.
  void pushSection(uint16_t pid, dvb::Section section);
  // Called after every TDT/TOT has been applied (screenshots on stream time).
  void setOnStreamTime(std::function<void(dvb::UtcSeconds)> cb) { on_stream_time_ = std::move(cb); }
  // Called for every TDT/TOT before it is applied: the last moment the box
  // shows the stream as it stood before that time (a screenshot settles).
  void setBeforeStreamTime(std::function<void(dvb::UtcSeconds)> cb) {
    before_stream_time_ = std::move(cb);
  }

  // Re-decides what the bar shows at the current time.
  void update();
  // Draws the running crawl for the monotonic instant NOW_MS (frame timer,
  // screenshots). Does nothing when the bar is hidden.
  void render(int64_t now_ms);

  // BACK or EXIT on the remote: dismisses the running crawl until its next
  // slot. False when there was none, or it is an emergency.
  bool dismiss();
  // A key from the remote (or a key script): BACK and EXIT dismiss the
  // running crawl; the rest wait for the menu.
  void onKey(RemoteKey key) override;
  void setMenuOpen(bool open) override;

  bool crawling() const override { return current_.has_value(); }
  const std::optional<CrawlRequest>& currentCrawl() const { return current_; }
  int64_t crawlStartMs() const { return crawl_start_ms_; }
  // The monotonic time at which update() is next needed if nothing arrives:
  // the scheduler's next change, or the end of the running pass is checked
  // by the frame loop. nullopt: nothing scheduled.
  std::optional<int64_t> nextUpdateMs() const override;

  const DaemonOptions& options() const { return options_; }
  const StreamClock& clock() const { return clock_; }
  const NoticeIntake& intake() const { return intake_; }
  const dvb::SiDemux& demux() const { return demux_; }
  // The latest PAT (the service on screen, for a fault report's diagnostics).
  const std::optional<dvb::Pat>& pat() const override { return pat_; }
  // The latest SDT of this transport stream (table 0x42): the service's name.
  const std::optional<dvb::Sdt>& sdt() const override { return sdt_; }
  const DaemonStats& stats() const { return stats_; }

  // BoxStatus: what the menu and a fault report read.
  std::optional<dvb::UtcSeconds> utcNow() const override { return clock_.utc(); }
  int localOffsetMinutes() const override {
    return clock_.localOffsetMinutes().value_or(options_.fallback_offset_minutes);
  }
  const std::map<uint32_t, HeldNotice>& heldNotices() const override { return intake_.notices(); }
  const std::optional<dvb::notice::Directory>& directory() const override {
    return intake_.directory();
  }
  const dvb::notice::BoxIdentity& boxIdentity() const override { return options_.box; }
  StreamHealthFigures streamHealth() const override {
    return {demux_.health().total().packets, demux_.health().total().continuity_errors,
            demux_.sectionErrors().crc_errors};
  }

 private:
  void onPat(const dvb::Pat& pat) override;
  void onSdt(const dvb::Sdt& sdt) override;
  void onPmt(uint16_t pid, const dvb::Pmt& pmt) override;
  void onTdt(const dvb::Tdt& tdt) override;
  void onTot(const dvb::Tot& tot) override;
  // A notice table, gathered by the demux as the intake's wantsTable() allows.
  void onPrivateTable(uint16_t pid, const std::vector<dvb::Section>& sections) override;
  void onTableError(uint16_t pid, uint8_t table_id, const std::string& why) override;

  SchedulerInputs inputs(dvb::UtcSeconds now) const;
  // The PAT (or, without one, this stream's SDT) names a program: the one
  // stb/menu/service_on_screen.h reports. Without it only urgent crawls show.
  bool serviceOnScreen() const;
  void showCrawl(const CrawlRequest& request);
  void hideCrawl();

  const MonotonicClock& mono_;
  Log& log_;
  BarOutput& bar_;
  DaemonOptions options_;
  ReplayClock* replay_;
  StreamClock clock_;
  NoticeIntake intake_;
  Scheduler scheduler_;
  dvb::SiDemux demux_;
  std::optional<dvb::Pat> pat_;
  std::optional<dvb::Sdt> sdt_;
  std::optional<CrawlRequest> current_;
  int64_t crawl_start_ms_ = 0;
  std::optional<dvb::UtcSeconds> last_expiry_check_;
  uint64_t seen_generation_ = 0;
  bool announced_notice_pid_ = false;
  bool warned_unregistered_ = false;
  DaemonStats stats_;
  std::function<void(dvb::UtcSeconds)> on_stream_time_;
  std::function<void(dvb::UtcSeconds)> before_stream_time_;
};

}  // namespace stb
