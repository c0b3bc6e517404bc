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
#include <cstdint>
#include <string>

#include "overlay/display.h"
#include "platform/event_loop.h"
#include "platform/ts_source.h"
#include "stb/daemon.h"
#include "stb/key_script.h"
#include "stb/log.h"
#include "stb/menu/menu_controller.h"
#include "stb/replay_clock.h"
#include "stb/stbd/snapshots.h"
#include "stb/stbd/stbd_options.h"

namespace stbd {

// What a run does besides feeding the daemon; any may be null.
struct RunExtras {
  Snapshots* snapshots = nullptr;
  stb::KeyScriptPlayer* keys = nullptr;
  stb::menu::MenuController* menu = nullptr;  // keys go through it when set
};

struct RunStats {
  uint64_t bytes = 0;
  uint64_t packets = 0;
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

}  // namespace stbd
