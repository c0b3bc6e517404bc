#include "stb/stream_clock.h"

namespace stb {

StreamClock::StreamClock(const MonotonicClock& mono, std::string country_code, uint8_t region_id)
    : mono_(mono), country_(std::move(country_code)), region_(region_id) {}

void StreamClock::anchor(dvb::UtcSeconds utc, bool from_stream) {
  const int64_t mono = mono_.nowMs();
  const int64_t stream_ms = utc * 1000;
  if (const auto carried = utcMs()) last_correction_ms_ = stream_ms - *carried;
  // TDT carries whole seconds: while the carried time still rounds down to
  // this TDT's second, it is the better estimate; keep it.
  if (from_stream && from_stream_ && anchor_) {
    const int64_t carried = *utcMs();
    if (carried >= stream_ms && carried < stream_ms + 1000) return;
  }
  anchor_ = Anchor{stream_ms, mono};
  from_stream_ = from_stream;
}

void StreamClock::onStreamTime(dvb::UtcSeconds utc) {
  anchor(utc, true);
}

void StreamClock::onLocalTimeOffsets(dvb::UtcSeconds utc,
                                     const std::vector<dvb::LocalTimeOffset>& offsets) {
  anchor(utc, true);
  for (const dvb::LocalTimeOffset& o : offsets) {
    if (o.country_code != country_ || o.country_region_id != region_) continue;
    offset_ = o;
    return;
  }
}

void StreamClock::onSystemTime(dvb::UtcSeconds utc, bool synchronised) {
  if (from_stream_ || !synchronised) return;  // the broadcast's time wins once seen
  anchor(utc, false);
}

std::optional<int64_t> StreamClock::utcMs() const {
  if (!anchor_) return std::nullopt;
  return anchor_->utc_ms + (mono_.nowMs() - anchor_->mono_ms);
}

std::optional<dvb::UtcSeconds> StreamClock::utc() const {
  const auto ms = utcMs();
  if (!ms) return std::nullopt;
  return *ms >= 0 ? *ms / 1000 : (*ms - 999) / 1000;
}

std::optional<int> StreamClock::localOffsetMinutes() const {
  const auto now = utc();
  if (!offset_ || !now) return std::nullopt;
  return *now < offset_->time_of_change ? offset_->offset_minutes : offset_->next_offset_minutes;
}

}  // namespace stb
