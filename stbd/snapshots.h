#pragma once
// Screenshots at a fixed interval of stream time, named by the stream's UTC
// (20261130T020000Z.png): the overlay composed over a test picture, so each
// looks like what a viewer sees at that moment.
//
// The one for time T is taken once everything the stream carries at T has
// been read: a TDT comes first in the stream and the notices follow it, so a
// screenshot taken on the TDT itself would miss a notice sent at that time.
// It is taken just before a TDT/TOT with a later time is applied
// (beforeTime, from the daemon, whatever the source), and at the end of the
// stream and after each live turn's read (settle).
#include <cstdint>
#include <optional>
#include <string>

#include "dvb/mjd_time.h"
#include "overlay/display.h"
#include "overlay/image.h"
#include "stb/daemon.h"
#include "stb/ports/log.h"

namespace stbd {

// "20261130T020000Z".
std::string compactUtc(dvb::UtcSeconds t);

class Snapshots {
 public:
  // A crawl that has only just begun is shown this far in, as a viewer sees
  // it a moment later (at its very first frame the text has not entered).
  static constexpr int64_t kSettleMs = 4000;

  Snapshots(overlay::Display& display, std::string dir, uint64_t every_ms, stb::Log& log);

  // A TDT/TOT at UTC is about to be applied: the screenshot waiting for an
  // earlier time is taken now.
  void beforeTime(dvb::UtcSeconds utc, stb::Daemon& daemon, int64_t mono_ms);
  // Stream time is now UTC: the screenshot that fell due (one, named by UTC,
  // when the stream jumped over several) waits for settle(). One still
  // waiting from an earlier time is taken first.
  void onTime(dvb::UtcSeconds utc, stb::Daemon& daemon, int64_t mono_ms);
  // Takes the screenshot waiting, if any, showing the daemon at MONO_MS.
  void settle(stb::Daemon& daemon, int64_t mono_ms);
  // The stream time of the screenshot waiting.
  const std::optional<dvb::UtcSeconds>& pending() const { return pending_; }

  uint64_t taken() const { return taken_; }
  uint64_t failed() const { return failed_; }

 private:
  overlay::Display& display_;
  std::string dir_;
  int64_t every_s_;
  stb::Log& log_;
  overlay::Image picture_;
  std::optional<dvb::UtcSeconds> next_;
  std::optional<dvb::UtcSeconds> pending_;
  uint64_t taken_ = 0;
  uint64_t failed_ = 0;
};

}  // namespace stbd
