#include "stbd/snapshots.h"

#include <algorithm>
#include <cstdio>

#include "overlay/screenshot.h"
#include "overlay/test_picture.h"

namespace stbd {

std::string compactUtc(dvb::UtcSeconds t) {
  // formatIso8601 gives "2026-11-30T02:00:00Z"; file names drop - and :.
  std::string iso = dvb::formatIso8601(t);
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  iso.erase(std::remove(iso.begin(), iso.end(), ':'), iso.end());
  return iso;
}

Snapshots::Snapshots(overlay::Display& display, std::string dir, uint64_t every_ms, stb::Log& log)
    : display_(display),
      dir_(std::move(dir)),
      every_s_(static_cast<int64_t>(every_ms / 1000)),
      log_(log),
      picture_(overlay::makeTestPicture(display.width(), display.height())) {}

void Snapshots::beforeTime(dvb::UtcSeconds utc, stb::Daemon& daemon, int64_t mono_ms) {
  if (pending_ && utc > *pending_) settle(daemon, mono_ms);
}

void Snapshots::onTime(dvb::UtcSeconds utc, stb::Daemon& daemon, int64_t mono_ms) {
  beforeTime(utc, daemon, mono_ms);
  // The first one falls on the interval's grid (every hour on the hour).
  if (!next_) next_ = (utc + every_s_ - 1) / every_s_ * every_s_;
  if (utc < *next_) return;
  while (*next_ <= utc) *next_ += every_s_;
  pending_ = utc;
}

void Snapshots::settle(stb::Daemon& daemon, int64_t mono_ms) {
  if (!pending_) return;
  const dvb::UtcSeconds utc = *pending_;
  pending_.reset();
  if (daemon.crawling()) daemon.render(std::max(mono_ms, daemon.crawlStartMs() + kSettleMs));
  const std::string path = dir_ + "/" + compactUtc(utc) + ".png";
  std::string error;
  if (!overlay::saveScreenshot(display_, &picture_, path, &error)) {
    ++failed_;
    log_.error("screenshot " + path + ": " + error);
    return;
  }
  ++taken_;
  log_.debug("screenshot " + path + (daemon.crawling() ? " (bar shown)" : " (no bar)"));
}

}  // namespace stbd
