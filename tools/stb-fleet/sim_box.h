#pragma once
// One simulated box: the box's own report logic (stb::Outbox with its
// backoff and Retry-After handling, stb::ReportSender) on the fleet's
// virtual clock, an in-memory outbox store, and its own HTTPS link. It also
// checks the one thing the storm test asserts about timing: no report is
// sent again before its backoff or the server's Retry-After allowed.
//
// For the outage, the box's notice side too: the intake stb::Daemon holds
// (stb::NoticeIntake: verify, keep what targets this box, honour a
// cancellation) fed with signed sections, and the menu's own known-outage
// decision over what it holds; and the return-visit question, asked when a
// ticket poll finds the ticket resolved and answered through the outbox.
// The notice side is made at the box's first tables, so a box that never
// receives any costs nothing for it.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dvb/notice/key_ring.h"
#include "dvb/section.h"
#include "stb/box_status.h"
#include "stb/memory_state_store.h"
#include "stb/notice_intake.h"
#include "stb/outbox.h"
#include "stb/ports/log.h"
#include "stb/ports/monotonic_clock.h"
#include "stb/report_sender.h"
#include "tools/stb-fleet/fleet_http.h"

namespace tools::fleet {

// splitmix64: a cheap, seedable source per box (jitter, report ids).
class SeededRandom : public stb::RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t next() override;

 private:
  uint64_t state_;
};

struct BoxTiming {
  uint64_t sends = 0;               // report POSTs (first tries and retries)
  uint64_t early = 0;               // sent before the outbox's own schedule allowed
  uint64_t before_retry_after = 0;  // sent before the server's Retry-After ran out
  uint64_t retry_after_seen = 0;    // answers that carried Retry-After
};

// What the box's menu reads (stb::BoxStatus) for one simulated box: its
// identity, the notices its real intake holds, and the fleet's UTC.
class SimBoxStatus : public stb::BoxStatus {
 public:
  SimBoxStatus(dvb::notice::KeyRing& keys, dvb::notice::BoxIdentity identity, stb::Log& log);
  // One gathered table (an object's sections), as the demux hands it over.
  void onTable(const std::vector<dvb::Section>& sections, dvb::UtcSeconds now);
  void setNow(dvb::UtcSeconds now) { now_ = now; }

  std::optional<dvb::UtcSeconds> utcNow() const override { return now_; }
  int localOffsetMinutes() const override { return 480; }  // China, as the TOT says
  const std::map<uint32_t, stb::HeldNotice>& heldNotices() const override {
    return intake_.notices();
  }
  const std::optional<dvb::notice::Directory>& directory() const override {
    return intake_.directory();
  }
  const dvb::notice::BoxIdentity& boxIdentity() const override { return identity_; }
  const std::optional<dvb::Pat>& pat() const override;
  const std::optional<dvb::Sdt>& sdt() const override;
  stb::StreamHealthFigures streamHealth() const override { return {}; }
  const stb::NoticeIntake& intake() const { return intake_; }

 private:
  dvb::notice::BoxIdentity identity_;
  stb::MemoryStateStore store_;
  stb::NoticeIntake intake_;
  std::optional<dvb::UtcSeconds> now_;
};

class SimBox : public stb::CentralApi {
 public:
  // What the fleet's loop hears from a box: its next wake-up (nullopt: none)
  // each report that left the waiting state (delivered or refused), with
  // the virtual time it was filed, and each request it starts.
  struct Hooks {
    std::function<void(std::optional<int64_t>)> wake_at;
    std::function<void(int64_t filed_ms)> settled;
    std::function<void(int64_t now_ms)> sending;  // each request the box starts
  };
  SimBox(std::string box_id, uint64_t seed, FleetHttp* http, BoxLink::Config link,
         const stb::MonotonicClock* clock, stb::Log* log, Hooks hooks);

  const std::string& id() const { return id_; }
  // The viewer confirms a report now (built as the menu builds it).
  bool file(const std::string& area_code, std::string* error);
  // Runs the sender if its wake-up is due.
  void wake() { sender_->run(); }
  std::optional<int64_t> wakeAt() const { return wake_at_; }
  const stb::Outbox& outbox() const { return outbox_; }
  const BoxTiming& timing() const { return timing_; }

  // The box's area (its identity for notices' targets), "110105" until set.
  void setAreaCode(std::string area_code) { area_code_ = std::move(area_code); }

  // The notice side. Tables the box receives from the notice PID at NOW
  // (UTC), verified against KEYS (shared by the fleet: one operator).
  void onNoticeTable(const std::vector<dvb::Section>& sections, dvb::notice::KeyRing& keys,
                     dvb::UtcSeconds now);
  // What the menu would show as the known outage at NOW ("06:00", the local
  // end), by stb::menu::knownOutage; nullopt also before any table arrived.
  std::optional<std::string> knownOutage(dvb::UtcSeconds now);
  bool receivedNotices() const { return status_ != nullptr; }

  // From now on, the viewer answers each return-visit question (fixed,
  // SCORE) as soon as a poll finds a ticket resolved.
  void answerReturnVisits(int score) { return_visit_score_ = score; }
  size_t returnVisitsAsked() const { return asked_.size(); }
  int64_t lastAskedMs() const { return last_asked_ms_; }  // 0: never asked
  // Answers the central system took (their outbox rows delivered).
  size_t returnVisitsAnswered() const;

  // stb::CentralApi: what the sender calls; checks the timing, then sends.
  void request(const std::string& path, const std::string& body,
               const std::vector<std::string>& headers, Done done) override;

 private:
  std::string id_;
  SeededRandom random_;
  stb::MemoryOutboxStore store_;
  stb::Outbox outbox_;
  BoxLink link_;
  const stb::MonotonicClock* clock_;
  std::unique_ptr<stb::ReportSender> sender_;
  std::optional<int64_t> wake_at_;
  Hooks hooks_;
  // Per report id: not before this (the outbox's schedule; the server's
  // Retry-After), as they stood after the last failure.
  std::map<std::string, std::pair<int64_t, int64_t>> not_before_;
  BoxTiming timing_;
  void askReturnVisits();

  std::string area_code_ = "110105";
  stb::Log* log_;
  std::unique_ptr<SimBoxStatus> status_;  // made at the first notice table
  std::optional<int> return_visit_score_;
  std::set<std::string> asked_;  // tickets whose question the viewer was asked
  int64_t last_asked_ms_ = 0;
};

}  // namespace tools::fleet
