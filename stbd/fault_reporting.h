#pragma once
// The fault-report path of stbd put together: the outbox on the state
// database (or in memory when there is none), the HTTPS client for the
// central system when one is configured, the sender on the event loop, and
// the menu's handlers: a confirmed report is written to the outbox before the
// viewer is told anything, then posted; My reports shows the outbox.
//
// Only wiring: what My reports shows and which return visits are due is
// stb's policy (stb/menu/report_summary.h, stb/return_visits.h); what a
// report says about the box comes from stb/box_status.h.
#include <sys/types.h>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "platform/box/tuner.h"
#include "platform/central_client.h"
#include "platform/event_loop.h"
#include "platform/sqlite_outbox_store.h"
#include "platform/sqlite_state_store.h"
#include "stb/box_status.h"
#include "stb/menu/menu_controller.h"
#include "stb/menu/report_body.h"
#include "stb/outbox.h"
#include "stb/ports/log.h"
#include "stb/report_sender.h"
#include "stbd/config.h"

namespace stbd {

// Forwards to another log and keeps the last warnings and errors, which a
// fault report carries.
class RecentLog : public stb::Log {
 public:
  RecentLog(stb::Log& inner, size_t keep) : inner_(inner), keep_(keep) {}
  void write(stb::LogLevel level, const std::string& message) override;
  std::vector<std::string> recent() const { return {lines_.begin(), lines_.end()}; }

 private:
  stb::Log& inner_;
  size_t keep_;
  std::deque<std::string> lines_;
};

// Report ids from the kernel's CSPRNG: getrandom(2), else /dev/urandom
// (old kernels, seccomp), each retried a bounded number of times. When both
// fail, nextStrong() says so and the report is refused with that reason;
// it never loops and never makes an id from weaker bits.
class KernelRandom : public stb::RandomSource {
 public:
  // getrandom(2)'s contract: bytes written, or -1 and errno. The seam tests
  // use to make the kernel fail.
  using Fill = std::function<ssize_t(void* buf, size_t len)>;
  static constexpr int kAttempts = 5;

  KernelRandom();
  KernelRandom(Fill getrandom_fn, Fill urandom_fn);
  uint64_t next() override;
  std::optional<uint64_t> nextStrong(std::string* error) override;

 private:
  static std::optional<uint64_t> readFrom(const Fill& fill, const char* name, std::string* why);
  Fill getrandom_, urandom_;
  uint64_t fallback_counter_ = 0;
};

class FaultReporting {
 public:
  // STORE holds the outbox's rows (stbd's FlashStorage: flash when it
  // works, memory when not); it must outlive this.
  FaultReporting(const StbdConfig& config, stb::OutboxStore& store, platform::EventLoop& loop,
                 const stb::BoxStatus& box, RecentLog& log);
  ~FaultReporting();

  // Hooks the menu's report and return-visit answers to the outbox.
  void attach(stb::menu::MenuController& menu);
  // Starts sending what an earlier run left waiting.
  void start();
  // The tuner whose reading a report carries (not owned; must outlive
  // this). Unset: a simulated tuner's plausible figures (file and UDP).
  // Not const: a reading moves the tuner's bit-error counters on.
  void setTuner(platform::box::Tuner* tuner) { tuner_ = tuner; }
  // At the end of a replay: gives the sender up to TIMEOUT_MS of loop turns
  // to deliver what is due now (nothing is lost either way: it is stored).
  void flush(int timeout_ms);

  const stb::Outbox& outbox() const { return *outbox_; }

 private:
  void onReport(const stb::menu::ReportRequest& request);
  void onReturnVisit(const stb::menu::ReturnVisitAnswer& answer);
  stb::menu::TunerFigures tunerFigures();
  // My reports and the return visits due, from the outbox.
  void refreshReports();
  // Turns the "sending" page into the result once the report is delivered,
  // or into "waiting to send" at GIVE_UP (monotonic ms).
  void awaitAnswer(const std::string& report_id, int64_t give_up, const std::string& hotline);

  platform::EventLoop& loop_;
  const stb::BoxStatus& box_;
  RecentLog& log_;
  stb::menu::MenuController* menu_ = nullptr;
  platform::box::Tuner* tuner_ = nullptr;
  // Tickets answered while this runs, even when the answer could not be
  // stored: never asked again in this run.
  std::set<std::string> answered_;
  int64_t started_ms_;
  stb::OutboxStore& store_;
  std::unique_ptr<stb::RandomSource> random_;
  std::unique_ptr<stb::Outbox> outbox_;
  std::unique_ptr<platform::CentralClient> client_;
  std::unique_ptr<stb::ReportSender> sender_;
  platform::EventLoop::Id timer_ = 0;
  platform::EventLoop::Id answer_timer_ = 0;
};

}  // namespace stbd
