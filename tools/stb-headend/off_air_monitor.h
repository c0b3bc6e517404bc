#pragma once
// The off-air monitor: reads back the TS the headend put on air (a tap of its
// own output, or a multicast group) and compares it with what was signed.
// Sections come through the box's own read path (TsFramer, SiDemux,
// SectionAssembler); each object's sections are gathered by a TableGatherer
// of its own that forgets the table once delivered, so every repetition is
// seen whole, not only the first of each version.
//
// Alarms, each standing while its fault lasts and gone once it is over:
// - "missing":     an expected object not seen whole within its interval plus
//                  a tolerance (a tenth of the interval, at least 250 ms, plus
//                  the object's own airtime at the budget rate);
// - "crc":         CRC_32 errors on the PID; clears after the shortest interval
//                  without one;
// - "over_budget": the PID's bitrate over the budget across the window;
// - "stopped":     no whole section on the PID for longer than the shortest
//                  interval plus its tolerance ("missing" is then not repeated
//                  for every object);
// - "mismatch":    an object on air whose sections' SHA-256 differs from what
//                  was signed, a version that was not signed, or an object not
//                  in the carousel at all. What left the carousel is forgiven
//                  for settle_ms (it may still be on its way back).
// No I/O and no clock: stream time comes with the bytes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dvb/framing/ts_framer.h"
#include "dvb/si_demux.h"
#include "dvb/table_gatherer.h"
#include "tools/stb-headend/playout_status.h"
#include "tools/stb-headend/off_air_rate.h"

namespace tools::headend {

struct ExpectedObject {
  uint8_t table_id = 0;
  uint16_t extension = 0;
  uint8_t version = 0;
  uint32_t interval_ms = 0;
  std::string sha256;  // object_hash.h: of the object's sections' bytes, in order
};

struct MonitorOptions {
  uint16_t pid = 0x1F00;
  uint64_t budget_bps = 0;  // 0: no budget check
  // Beyond the plan's two fields, with defaults that suit the headend:
  uint64_t window_ms = 1000;  // the bitrate window
  uint64_t settle_ms = 1000;  // how long what left the carousel may still be read back
  // Alarm::since from stream time; unset: stream seconds.
  std::function<dvb::UtcSeconds(uint64_t stream_ms)> utc_at;
};

class OffAirMonitor : private dvb::SiListener {
 public:
  explicit OffAirMonitor(MonitorOptions options);

  // The carousel as it is now (call on every change). An object kept with the
  // same version and digest keeps its timing; a new one, or a new revision,
  // has one interval from now to appear.
  void expect(std::vector<ExpectedObject> objects);
  // Read-back TS bytes, in chunks of any size, at stream time stream_ms.
  void push(const uint8_t* data, size_t size, uint64_t stream_ms);
  // The alarms standing at stream time stream_ms.
  std::vector<Alarm> check(uint64_t stream_ms);

  // For status pages and tests: what the read path counted on the PID.
  const dvb::SiDemux& demux() const { return demux_; }
  uint64_t repetitions() const { return repetitions_; }

 private:
  using Key = std::pair<uint8_t, uint16_t>;  // table_id, table_id_extension
  struct Expected {
    ExpectedObject object;
    uint64_t last_seen_ms = 0;  // or when it was first expected
    uint64_t airtime_ms = 0;    // of its last repetition at the budget rate
  };
  struct Retired {
    uint8_t version = 0;
    std::string sha256;
    uint64_t at_ms = 0;
  };
  struct Mismatch {
    std::string what;
    uint64_t since_ms = 0;
    uint64_t last_seen_ms = 0;
  };

  void onOtherSection(uint16_t pid, const dvb::Section& section) override;
  void onRepetition(const Key& key, const std::vector<dvb::Section>& sections);
  uint64_t tolerance(const Expected& e) const;
  uint64_t shortestInterval() const;
  uint64_t longestInterval() const;
  void checkCrc();
  Alarm alarm(const char* kind, std::string what, uint64_t since_ms) const;
  std::string pidName() const;

  MonitorOptions options_;
  dvb::TsFramer framer_;
  dvb::SiDemux demux_;
  OffAirRate rate_;
  std::map<Key, std::unique_ptr<dvb::TableGatherer>> gatherers_;
  std::optional<std::vector<dvb::Section>> gathered_;  // what the last push() completed
  std::map<Key, Expected> expected_;
  std::map<Key, Retired> retired_;
  std::map<Key, Mismatch> mismatches_;
  uint64_t now_ms_ = 0;
  uint64_t active_since_ms_ = 0;  // when the carousel last went from empty to not
  std::optional<uint64_t> last_section_ms_;
  uint64_t crc_errors_seen_ = 0;
  std::optional<uint64_t> crc_since_ms_, crc_last_ms_;
  std::optional<uint64_t> over_since_ms_;
  uint64_t repetitions_ = 0;
};

// "notice 1001": the object's kind and table_id_extension, as alarms name it.
std::string objectName(uint8_t table_id, uint16_t extension);

}  // namespace tools::headend
