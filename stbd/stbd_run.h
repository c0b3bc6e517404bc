#pragma once
// The loops that feed the daemon. All of them run in one thread.
//
// - Fast replay: the file is read as fast as it goes; the daemon's clock is
//   a ReplayClock moved by the stream's TDT/TOT; screenshots fall on stream
//   time. The signalfd is polled between reads so SIGTERM still stops it.
// - Realtime replay and live UDP: an EventLoop with timers only. While a
//   crawl runs, one frame per 1/fps s (read the source, update, draw); while
//   nothing is on screen, one turn every 2 s at most (sooner for a fast
//   source, so that about 1 MB waits between turns; or at the scheduler's
//   next change), reading what the source buffered meanwhile.
//   A file in realtime is paced by its TDTs against the monotonic clock.
// - Sections (a dvb:// source): the same timers, with the section filters
//   watched in the loop (platform/box/section_feed.h) instead of a source
//   read at each turn.
//
// Keys from every remote (evdev, LIRC, DirectFB, a key script) take one
// path, KeyPath; a key or a section that starts a crawl makes the loop draw
// at once rather than at its next idle turn.
#include <cstdint>
#include <functional>
#include <string>

#include "overlay/display.h"
#include "platform/box/section_feed.h"
#include "platform/event_loop.h"
#include "platform/ts_source.h"
#include "stb/daemon.h"
#include "stb/key_script.h"
#include "stb/menu/menu_controller.h"
#include "stb/ports/log.h"
#include "stb/replay_clock.h"
#include "stbd/snapshots.h"
#include "stbd/stbd_options.h"

namespace stbd {

// Where every remote key goes, whatever sent it: the menu when there is one
// (it passes on what it does not take), else the daemon (BACK/EXIT dismiss
// a crawl). Auto-repeats pass only for the arrows: a held OK or MENU must
// not act twice. The menu opening and closing is logged at info, each key
// at debug.
class KeyPath {
 public:
  // CLOCK is the daemon's monotonic clock (the replay clock in fast replay),
  // which the menu's timeout runs on.
  KeyPath(stb::Daemon& daemon, stb::menu::MenuController* menu, stb::Log& log,
          const stb::MonotonicClock& clock)
      : daemon_(daemon), menu_(menu), log_(log), clock_(clock) {}

  // KEY now; FROM names the remote ("lirc /run/lirc/lircd").
  void press(const stb::RemoteKeyEvent& key, const std::string& from) {
    press(key, clock_.nowMs(), from);
  }
  // KEY at monotonic MONO_MS.
  void press(const stb::RemoteKeyEvent& key, int64_t mono_ms, const std::string& from);
  // Called after every key that was acted on (the live loop's wake-up).
  void setOnKey(std::function<void()> cb) { on_key_ = std::move(cb); }

  uint64_t keys() const { return keys_; }
  uint64_t repeatsDropped() const { return repeats_dropped_; }

 private:
  stb::Daemon& daemon_;
  stb::menu::MenuController* menu_;
  stb::Log& log_;
  const stb::MonotonicClock& clock_;
  std::function<void()> on_key_;
  uint64_t keys_ = 0;
  uint64_t repeats_dropped_ = 0;
};

// What a run does besides feeding the daemon; any may be null.
struct RunExtras {
  Snapshots* snapshots = nullptr;
  stb::KeyScriptPlayer* keys = nullptr;
  stb::menu::MenuController* menu = nullptr;  // ticked every turn
  KeyPath* key_path = nullptr;                // the script's keys go through it when set
};

struct RunStats {
  uint64_t bytes = 0;
  uint64_t packets = 0;
  uint64_t sections = 0;  // a dvb:// source
  uint64_t frames = 0;
  bool stopped_by_signal = false;
};

// Returns false (and *error) on a read error; a file's end is success.
bool runFastReplay(platform::TsSource& source, stb::Daemon& daemon, stb::ReplayClock& clock,
                   platform::EventLoop& loop, const RunExtras& extras, stb::Log& log,
                   RunStats* stats, std::string* error);

bool runLive(platform::TsSource& source, stb::Daemon& daemon, platform::EventLoop& loop,
             bool pace_by_stream, int frames_per_second, const RunExtras& extras, stb::Log& log,
             RunStats* stats, std::string* error);

// A dvb:// source whose FEED has been started (its filters deliver to
// DAEMON). Runs until SIGTERM/SIGINT stops LOOP; false and *error when the
// loop fails.
bool runSections(platform::box::SectionFeed& feed, stb::Daemon& daemon, platform::EventLoop& loop,
                 int frames_per_second, const RunExtras& extras, stb::Log& log, RunStats* stats,
                 std::string* error);

}  // namespace stbd
