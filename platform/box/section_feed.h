#pragma once
// A DvbSource driven by the event loop: its section filters are kept on what
// an SI demux wants, each filter fd is watched for POLLIN, and every section
// read is handed on (to stb::Daemon::pushSection). After a wake-up the fds
// rest for kRestMs while the demux driver buffers what arrives (a notice PID
// has 256 KiB, PSI a few KiB: far more than a PAT at 25 Hz brings), so a
// busy multiplex costs a few wake-ups a second, not one per section.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dvb/si_demux.h"
#include "platform/box/dvb_source.h"
#include "platform/event_loop.h"
#include "stb/ports/log.h"

namespace platform {
namespace box {

struct SectionFeedStats {
  uint64_t sections = 0;  // handed on
  uint64_t bytes = 0;     // of those sections
  uint64_t rearms = 0;    // times the filter set changed
  uint64_t problems = 0;  // dropped reads, overflows, read errors (each logged)
};

class SectionFeed {
 public:
  using Deliver = std::function<void(uint16_t pid, dvb::Section section)>;
  static constexpr int64_t kRestMs = 200;
  // At most this many sections from one filter per drain, so that one
  // flooding PID cannot keep the loop from the others.
  static constexpr int kMaxReadsPerFilter = 64;

  // SOURCE, DEMUX, LOOP and LOG must outlive the feed. DEMUX is the one
  // DELIVER feeds (its wants decide the filters).
  SectionFeed(DvbSource& source, const dvb::SiDemux& demux, Deliver deliver, EventLoop& loop,
              stb::Log& log);
  ~SectionFeed();
  SectionFeed(const SectionFeed&) = delete;
  SectionFeed& operator=(const SectionFeed&) = delete;

  // Starts the filters the demux wants now and watches them. False and
  // *error when not one filter could be started.
  bool start(std::string* error);
  // Reads every filter until it has nothing more (or kMaxReadsPerFilter),
  // hands the sections on, and re-arms the filters when the demux's wants
  // changed meanwhile (a new PAT or PMT). Returns the sections handed on.
  size_t drain();

  // Called after a drain that handed sections on (the loop may have to
  // draw now: a notice that has just arrived can be due at once).
  void setOnSections(std::function<void()> cb) { on_sections_ = std::move(cb); }
  // The rest after a wake-up (tests shorten it).
  void setRestMs(int64_t ms) { rest_ms_ = ms; }

  const SectionFeedStats& stats() const { return stats_; }
  std::string describe() const { return source_.describe(); }

 private:
  void rearmIfWanted();
  void watch();
  void unwatch();
  void onReadable();

  DvbSource& source_;
  const dvb::SiDemux& demux_;
  Deliver deliver_;
  EventLoop& loop_;
  stb::Log& log_;
  std::function<void()> on_sections_;
  uint64_t armed_generation_ = 0;
  bool armed_ = false;
  std::vector<EventLoop::Id> watches_;
  EventLoop::Id rest_timer_ = 0;
  int64_t rest_ms_ = kRestMs;
  SectionFeedStats stats_;
};

}  // namespace box
}  // namespace platform
