#include "stbd/stbd_run.h"

#include <algorithm>
#include <vector>

#include "dvb/framing/ts_framer.h"
#include "platform/systemd_notify.h"

namespace stbd {
namespace {

constexpr size_t kFastChunk = 1 << 16;
// One UDP datagram's worth: a paced file stops at most this far past a TDT.
constexpr size_t kPacedChunk = 7 * 188;
// With nothing on screen the source is read in batches: as rarely as every
// 2 s, but often enough that what arrives between two turns stays well
// inside a UDP socket's receive buffer (stbd asks for 3 MB; a 38 Mbit/s
// multiplex fills 1 MB in 210 ms, a 4 Mbit/s service in 2 s).
constexpr int64_t kMaxIdleTurnMs = 2000;
constexpr int64_t kMinIdleTurnMs = 250;
constexpr uint64_t kIdleBatchBytes = 1 << 20;

// The next idle turn for a source that delivered BYTES over ELAPSED_MS.
int64_t idleTurnMs(uint64_t bytes, int64_t elapsed_ms) {
  if (bytes == 0 || elapsed_ms <= 0) return kMaxIdleTurnMs;
  const double ms = static_cast<double>(kIdleBatchBytes) * elapsed_ms / bytes;
  return std::clamp(static_cast<int64_t>(ms), kMinIdleTurnMs, kMaxIdleTurnMs);
}

bool isArrow(stb::RemoteKey key) {
  return key == stb::RemoteKey::kUp || key == stb::RemoteKey::kDown ||
         key == stb::RemoteKey::kLeft || key == stb::RemoteKey::kRight;
}

}  // namespace

void KeyPath::press(const stb::RemoteKeyEvent& key, int64_t mono_ms, const std::string& from) {
  const std::string name = stb::remoteKeyName(key.key);
  if (key.repeat && !isArrow(key.key)) {
    ++repeats_dropped_;
    return;
  }
  ++keys_;
  log_.debug("key " + name + (key.repeat ? " (held)" : "") + " from " + from);
  const bool was_open = menu_ && menu_->isOpen();
  if (menu_)
    menu_->onKey(key.key, mono_ms);
  else
    daemon_.onKey(key.key);
  const bool open = menu_ && menu_->isOpen();
  if (open && !was_open) log_.info("menu: opened by " + name + " from " + from);
  if (!open && was_open) log_.info("menu: closed by " + name + " from " + from);
  if (on_key_) on_key_();
}

// Keys whose stream time has come, then the screenshot due (so that it
// shows what the keys did; it is taken once the stream at that time has been
// read, see Snapshots).
static void atStreamTime(const RunExtras& extras, stb::Daemon& daemon, int64_t utc_ms,
                         int64_t mono_ms) {
  if (extras.keys) {
    for (stb::RemoteKey key : extras.keys->due(utc_ms)) {
      if (extras.key_path)
        extras.key_path->press(stb::RemoteKeyEvent{key, false}, mono_ms, "key script");
      else if (extras.menu)
        extras.menu->onKey(key, mono_ms);
      else
        daemon.onKey(key);
    }
  }
  if (extras.menu) extras.menu->tick(mono_ms);
  if (extras.snapshots) extras.snapshots->onTime(utc_ms / 1000, daemon, mono_ms);
}

bool runFastReplay(platform::TsSource& source, stb::Daemon& daemon, stb::ReplayClock& clock,
                   platform::EventLoop& loop, const RunExtras& extras, stb::Log& log,
                   RunStats* stats, std::string* error) {
  daemon.setOnStreamTime(
      [&](dvb::UtcSeconds utc) { atStreamTime(extras, daemon, utc * 1000, clock.nowMs()); });
  if (extras.snapshots)
    daemon.setBeforeStreamTime(
        [&](dvb::UtcSeconds utc) { extras.snapshots->beforeTime(utc, daemon, clock.nowMs()); });
  dvb::TsFramer framer;
  const auto feed = [&](const uint8_t* packet) {
    ++stats->packets;
    daemon.pushPacket(packet);
  };
  std::vector<uint8_t> buf(kFastChunk);
  for (uint64_t turn = 0;; ++turn) {
    if (turn % 64 == 0) {
      // Only the signalfd is watched: this returns at once.
      if (!loop.runOnce(0, error)) return false;
      if (loop.stopped()) {
        stats->stopped_by_signal = true;
        break;
      }
    }
    const platform::ReadResult r = source.read(buf.data(), buf.size());
    if (r.status == platform::ReadResult::Status::kEnd) break;
    if (r.status == platform::ReadResult::Status::kError) {
      *error = r.error;
      return false;
    }
    if (r.status != platform::ReadResult::Status::kData) continue;
    stats->bytes += r.bytes;
    framer.push(buf.data(), r.bytes, feed);
  }
  framer.finish(feed);  // a capture of fewer than five whole packets arrives only here
  if (extras.snapshots) extras.snapshots->settle(daemon, clock.nowMs());
  daemon.setOnStreamTime(nullptr);
  daemon.setBeforeStreamTime(nullptr);
  log.info("replay: end of " + source.describe());
  return true;
}

namespace {

// What feeds the daemon in the live loop at each turn.
class LiveFeed {
 public:
  virtual ~LiveFeed() = default;
  // Hands over what waits now; false and *error on a read error, *ended at
  // a file's end.
  virtual bool drain(int64_t now_ms, bool* ended, std::string* error) = 0;
  // How long the loop may sleep with nothing on screen, given how much the
  // last turn read over ELAPSED_MS.
  virtual int64_t idleMs(int64_t elapsed_ms) = 0;
  // Whether the last drain handed over all the stream carried up to the
  // current stream time (a paced file stops right after a TDT that is ahead).
  virtual bool caughtUp() const = 0;
  virtual std::string describe() const = 0;
};

// One turn of the live loop's reading: what the source holds now, or (paced)
// only as far as the stream's time has come on the monotonic clock.
class PacedReader : public LiveFeed {
 public:
  PacedReader(platform::TsSource& source, stb::Daemon& daemon, bool pace, Snapshots* snapshots,
              RunStats* stats)
      : source_(source),
        daemon_(daemon),
        pace_(pace),
        snapshots_(snapshots),
        stats_(stats),
        buf_(kFastChunk) {
    // Packets go in only during a turn's drain: a screenshot settles at the turn's time.
    if (snapshots_)
      daemon_.setBeforeStreamTime(
          [this](dvb::UtcSeconds utc) { snapshots_->beforeTime(utc, daemon_, drain_ms_); });
  }
  ~PacedReader() override {
    if (snapshots_) daemon_.setBeforeStreamTime(nullptr);
  }

  bool drain(int64_t now_ms, bool* ended, std::string* error) override {
    bytes_before_ = stats_->bytes;
    stopped_ahead_ = false;
    drain_ms_ = now_ms;
    const size_t chunk = pace_ ? kPacedChunk : buf_.size();
    const auto feed = [&](const uint8_t* packet) {
      ++stats_->packets;
      daemon_.pushPacket(packet);
    };
    for (;;) {
      if (pace_ && ahead(now_ms)) {
        stopped_ahead_ = true;
        return true;
      }
      const platform::ReadResult r = source_.read(buf_.data(), chunk);
      switch (r.status) {
        case platform::ReadResult::Status::kWouldBlock:
          return true;
        case platform::ReadResult::Status::kEnd:
          *ended = true;
          framer_.finish(feed);  // a capture of fewer than five whole packets
          return true;
        case platform::ReadResult::Status::kError:
          *error = r.error;
          return false;
        case platform::ReadResult::Status::kData:
          stats_->bytes += r.bytes;
          framer_.push(buf_.data(), r.bytes, feed);
          break;
      }
    }
  }
  int64_t idleMs(int64_t elapsed_ms) override {
    return idleTurnMs(stats_->bytes - bytes_before_, elapsed_ms);
  }
  bool caughtUp() const override { return !stopped_ahead_; }
  std::string describe() const override { return source_.describe(); }

 private:
  // The stream has told a time later than the monotonic clock has reached
  // since its first TDT: wait before reading on.
  bool ahead(int64_t now_ms) {
    const std::optional<dvb::UtcSeconds> utc = daemon_.stats().last_stream_utc;
    if (!utc) return false;
    if (!origin_utc_) {
      origin_utc_ = *utc;
      origin_ms_ = now_ms;
    }
    return (*utc - *origin_utc_) * 1000 > now_ms - origin_ms_;
  }

  platform::TsSource& source_;
  stb::Daemon& daemon_;
  bool pace_;
  Snapshots* snapshots_;
  RunStats* stats_;
  dvb::TsFramer framer_;
  std::vector<uint8_t> buf_;
  std::optional<dvb::UtcSeconds> origin_utc_;
  int64_t origin_ms_ = 0;
  int64_t drain_ms_ = 0;
  uint64_t bytes_before_ = 0;
  bool stopped_ahead_ = false;
};

// Section filters deliver as they become readable (their own fd watches);
// a turn has nothing to read, and the kernel buffers between wake-ups.
class SectionTurns : public LiveFeed {
 public:
  explicit SectionTurns(platform::box::SectionFeed& feed) : feed_(feed) {}
  bool drain(int64_t, bool*, std::string*) override { return true; }
  int64_t idleMs(int64_t) override { return kMaxIdleTurnMs; }
  bool caughtUp() const override { return true; }
  std::string describe() const override { return feed_.describe(); }

 private:
  platform::box::SectionFeed& feed_;
};

// The turns of the live loop: read, update, keys and screenshots on stream
// time, a frame while a crawl runs; then the next turn at the frame rate,
// the idle interval or the scheduler's next change, whichever comes first.
bool runTurns(LiveFeed& feed, stb::Daemon& daemon, platform::EventLoop& loop, int frames_per_second,
              const RunExtras& extras, stb::Log& log, RunStats* stats, std::string* error,
              std::function<void()>* wake) {
  const int64_t frame_ms = 1000 / std::max(1, frames_per_second);
  bool failed = false;
  int64_t last_turn_ms = loop.clock().nowMs();
  platform::EventLoop::Id turn_timer = 0;
  int64_t turn_due = 0;
  std::function<void()> turn;
  auto schedule = [&](int64_t due) {
    if (turn_timer != 0) loop.cancel(turn_timer);
    turn_due = due;
    turn_timer = loop.addTimer(due, [&]() {
      turn_timer = 0;
      turn();
    });
  };
  turn = [&]() {
    const int64_t now = loop.clock().nowMs();
    bool ended = false;
    if (!feed.drain(now, &ended, error)) {
      failed = true;
      loop.stop();
      return;
    }
    daemon.update();
    if (extras.snapshots && (ended || feed.caughtUp())) extras.snapshots->settle(daemon, now);
    if (const std::optional<int64_t> utc_ms = daemon.clock().utcMs())
      atStreamTime(extras, daemon, *utc_ms, now);
    if (daemon.crawling()) {
      daemon.render(now);
      ++stats->frames;
    }
    if (ended) {
      if (extras.snapshots) extras.snapshots->settle(daemon, now);
      log.info("replay: end of " + feed.describe());
      loop.stop();
      return;
    }
    const int64_t idle_ms = feed.idleMs(now - last_turn_ms);
    last_turn_ms = now;
    int64_t next = now + (daemon.crawling() ? frame_ms : idle_ms);
    if (const std::optional<int64_t> change = daemon.nextUpdateMs()) next = std::min(next, *change);
    // A scripted key is pressed on time, not at the next idle turn; at least
    // 100 ms apart, since stream time moves only with what the source delivers.
    const std::optional<int64_t> utc_ms = daemon.clock().utcMs();
    if (extras.keys && extras.keys->nextAtMs() && utc_ms)
      next = std::min(next, now + std::max<int64_t>(*extras.keys->nextAtMs() - *utc_ms, 100));
    schedule(std::max(next, now + 1));
  };
  // A key or a section between turns may have started a crawl (or closed the
  // menu over one): its first frame is due now, not at the next idle turn.
  *wake = [&]() {
    const int64_t now = loop.clock().nowMs();
    if (daemon.crawling() && turn_due > now + frame_ms) schedule(now);
  };
  schedule(loop.clock().nowMs());
  // Under systemd's watchdog (WatchdogSec=): a ping every half period.
  const int64_t watchdog_ms = platform::watchdogIntervalMs() / 2;
  std::function<void()> ping = [&]() {
    if (const platform::NotifyResult r = platform::notifyWatchdog(); !r.ok())
      log.warning("systemd: " + r.error);
    loop.addTimer(loop.clock().nowMs() + watchdog_ms, ping);
  };
  if (watchdog_ms > 0) loop.addTimer(loop.clock().nowMs() + watchdog_ms, ping);
  const bool ran = loop.run(error);
  *wake = nullptr;
  if (turn_timer != 0) loop.cancel(turn_timer);
  return ran && !failed;
}

}  // namespace

bool runLive(platform::TsSource& source, stb::Daemon& daemon, platform::EventLoop& loop,
             bool pace_by_stream, int frames_per_second, const RunExtras& extras, stb::Log& log,
             RunStats* stats, std::string* error) {
  PacedReader reader(source, daemon, pace_by_stream, extras.snapshots, stats);
  std::function<void()> wake;
  if (extras.key_path)
    extras.key_path->setOnKey([&]() {
      if (wake) wake();
    });
  const bool ok =
      runTurns(reader, daemon, loop, frames_per_second, extras, log, stats, error, &wake);
  if (extras.key_path) extras.key_path->setOnKey(nullptr);
  return ok;
}

bool runSections(platform::box::SectionFeed& feed, stb::Daemon& daemon, platform::EventLoop& loop,
                 int frames_per_second, const RunExtras& extras, stb::Log& log, RunStats* stats,
                 std::string* error) {
  SectionTurns turns(feed);
  std::function<void()> wake;
  if (extras.key_path)
    extras.key_path->setOnKey([&]() {
      if (wake) wake();
    });
  feed.setOnSections([&]() {
    if (wake) wake();
  });
  // Sections arrive between turns, as the filters become readable.
  if (extras.snapshots)
    daemon.setBeforeStreamTime([&](dvb::UtcSeconds utc) {
      extras.snapshots->beforeTime(utc, daemon, loop.clock().nowMs());
    });
  const bool ok =
      runTurns(turns, daemon, loop, frames_per_second, extras, log, stats, error, &wake);
  daemon.setBeforeStreamTime(nullptr);
  feed.setOnSections(nullptr);
  if (extras.key_path) extras.key_path->setOnKey(nullptr);
  stats->sections = feed.stats().sections;
  stats->bytes = feed.stats().bytes;
  return ok;
}

}  // namespace stbd
