#pragma once
// The box's idea of the time: UTC from the broadcast's TDT/TOT, carried
// between tables by a monotonic clock, and local time from the TOT's
// local_time_offset for the box's country and region (EN 300 468, 5.2.5,
// 5.2.6, 6.2.20). Before the first TDT the system clock is used only when
// the platform says it is synchronised (NTP on an IPTV box); otherwise the
// time is unknown and nothing that depends on it may be shown.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/descriptors/local_time_offset_descriptor.h"
#include "dvb/mjd_time.h"
#include "stb/ports/monotonic_clock.h"

namespace stb {

class StreamClock {
 public:
  StreamClock(const MonotonicClock& mono, std::string country_code, uint8_t region_id);

  // A TDT (or the UTC_time of a TOT) arrived now.
  void onStreamTime(dvb::UtcSeconds utc);
  // A TOT arrived now: its time, and the offsets for the box's country/region.
  void onLocalTimeOffsets(dvb::UtcSeconds utc, const std::vector<dvb::LocalTimeOffset>& offsets);
  // The platform's wall clock; used only while no TDT has been seen.
  void onSystemTime(dvb::UtcSeconds utc, bool synchronised);

  bool known() const { return anchor_.has_value(); }
  bool fromStream() const { return from_stream_; }
  // UTC in milliseconds since 1970, or nullopt while unknown.
  std::optional<int64_t> utcMs() const;
  std::optional<dvb::UtcSeconds> utc() const;
  // Offset from UTC in force now for the box's country/region; nullopt until
  // a TOT has named it (the caller falls back to its configured zone).
  std::optional<int> localOffsetMinutes() const;

  // How far the carried time was from the last TDT when it arrived, in ms
  // (a large value means the stream jumped or the monotonic clock drifted).
  int64_t lastCorrectionMs() const { return last_correction_ms_; }

 private:
  struct Anchor {
    int64_t utc_ms;
    int64_t mono_ms;
  };
  void anchor(dvb::UtcSeconds utc, bool from_stream);

  const MonotonicClock& mono_;
  std::string country_;
  uint8_t region_;
  std::optional<Anchor> anchor_;
  bool from_stream_ = false;
  std::optional<dvb::LocalTimeOffset> offset_;
  int64_t last_correction_ms_ = 0;
};

}  // namespace stb
