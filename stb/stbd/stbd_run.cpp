#include "stb/stbd/stbd_run.h"

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

}  // namespace

// Keys whose stream time has come, then the screenshot due (so that it
// shows what the keys did).
static void atStreamTime(const RunExtras& extras, stb::Daemon& daemon, int64_t utc_ms,
                         int64_t mono_ms) {
  if (extras.keys) {
    for (stb::RemoteKey key : extras.keys->due(utc_ms)) {
      if (extras.menu)
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
  dvb::TsFramer framer;
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
    framer.push(buf.data(), r.bytes, [&](const uint8_t* packet) {
      ++stats->packets;
      daemon.pushPacket(packet);
    });
  }
  framer.finish();
  daemon.setOnStreamTime(nullptr);
  log.info("replay: end of " + source.describe());
  return true;
}

namespace {

// One turn of the live loop's reading: what the source holds now, or (paced)
// only as far as the stream's time has come on the monotonic clock.
class PacedReader {
 public:
  PacedReader(platform::TsSource& source, stb::Daemon& daemon, bool pace, RunStats* stats)
      : source_(source), daemon_(daemon), pace_(pace), stats_(stats), buf_(kFastChunk) {}

  // False and *error on a read error; sets *ended at a file's end.
  bool drain(int64_t now_ms, bool* ended, std::string* error) {
    const size_t chunk = pace_ ? kPacedChunk : buf_.size();
    for (;;) {
      if (pace_ && ahead(now_ms)) return true;
      const platform::ReadResult r = source_.read(buf_.data(), chunk);
      switch (r.status) {
        case platform::ReadResult::Status::kWouldBlock:
          return true;
        case platform::ReadResult::Status::kEnd:
          *ended = true;
          framer_.finish();
          return true;
        case platform::ReadResult::Status::kError:
          *error = r.error;
          return false;
        case platform::ReadResult::Status::kData:
          stats_->bytes += r.bytes;
          framer_.push(buf_.data(), r.bytes, [&](const uint8_t* packet) {
            ++stats_->packets;
            daemon_.pushPacket(packet);
          });
          break;
      }
    }
  }

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
  RunStats* stats_;
  dvb::TsFramer framer_;
  std::vector<uint8_t> buf_;
  std::optional<dvb::UtcSeconds> origin_utc_;
  int64_t origin_ms_ = 0;
};

}  // namespace

bool runLive(platform::TsSource& source, stb::Daemon& daemon, platform::EventLoop& loop,
             bool pace_by_stream, int frames_per_second, const RunExtras& extras, stb::Log& log,
             RunStats* stats, std::string* error) {
  PacedReader reader(source, daemon, pace_by_stream, stats);
  const int64_t frame_ms = 1000 / std::max(1, frames_per_second);
  bool failed = false;
  int64_t last_turn_ms = loop.clock().nowMs();
  std::function<void()> turn = [&]() {
    const int64_t now = loop.clock().nowMs();
    const uint64_t bytes_before = stats->bytes;
    bool ended = false;
    if (!reader.drain(now, &ended, error)) {
      failed = true;
      loop.stop();
      return;
    }
    daemon.update();
    if (const std::optional<int64_t> utc_ms = daemon.clock().utcMs())
      atStreamTime(extras, daemon, *utc_ms, now);
    if (daemon.crawling()) {
      daemon.render(now);
      ++stats->frames;
    }
    if (ended) {
      log.info("replay: end of " + source.describe());
      loop.stop();
      return;
    }
    const int64_t idle_ms = idleTurnMs(stats->bytes - bytes_before, now - last_turn_ms);
    last_turn_ms = now;
    int64_t next = now + (daemon.crawling() ? frame_ms : idle_ms);
    if (const std::optional<int64_t> change = daemon.nextUpdateMs()) next = std::min(next, *change);
    loop.addTimer(std::max(next, now + 1), turn);
  };
  loop.addTimer(loop.clock().nowMs(), turn);
  // Under systemd's watchdog (WatchdogSec=): a ping every half period.
  const int64_t watchdog_ms = platform::watchdogIntervalMs() / 2;
  std::function<void()> ping = [&]() {
    if (const platform::NotifyResult r = platform::notifyWatchdog(); !r.ok())
      log.warning("systemd: " + r.error);
    loop.addTimer(loop.clock().nowMs() + watchdog_ms, ping);
  };
  if (watchdog_ms > 0) loop.addTimer(loop.clock().nowMs() + watchdog_ms, ping);
  if (!loop.run(error)) return false;
  return !failed;
}

}  // namespace stbd
