#include "tools/stb-headend/off_air_watch.h"

namespace tools::headend {

std::unique_ptr<OffAirWatch> OffAirWatch::attach(const HeadendConfig& config, Playout& playout,
                                                 StatusBoard& board, Playout::Log log,
                                                 std::string* error) {
  std::unique_ptr<OffAirWatch> watch(new OffAirWatch(config, playout, board, std::move(log)));
  if (config.monitor.source != "self") {
    watch->reader_ = OffAirUdpReader::open(config.monitor.source, error);
    if (!watch->reader_) return nullptr;
  }
  OffAirWatch* w = watch.get();
  playout.setOnChange([w](const std::vector<SpoolObject>&) { w->onCarousel(); });
  playout.setTap([w](const uint8_t* data, size_t size, uint64_t stream_ms) {
    w->onChunk(data, size, stream_ms);
  });
  w->log_("monitor: reading back " +
          (w->reader_ ? config.monitor.source : std::string("the output itself")));
  return watch;
}

OffAirWatch::OffAirWatch(const HeadendConfig& config, Playout& playout, StatusBoard& board,
                         Playout::Log log)
    : playout_(playout), board_(board), log_(std::move(log)), monitor_([&config, &playout] {
        MonitorOptions o;
        o.pid = config.pid;
        o.budget_bps = config.budget_kbps * 1000;
        o.utc_at = [&playout](uint64_t ms) { return playout.simulatedUtc(ms); };
        return o;
      }()) {}

// What the playout signed and plays now, as the status page lists it.
void OffAirWatch::onCarousel() {
  std::vector<ExpectedObject> expected;
  for (const ObjectStatus& o : playout_.status().objects)
    expected.push_back({o.table_id, static_cast<uint16_t>(o.object_id & 0xFFFF),
                        static_cast<uint8_t>(o.revision % 32), o.interval_ms, o.sha256});
  monitor_.expect(std::move(expected));
}

void OffAirWatch::onChunk(const uint8_t* data, size_t size, uint64_t stream_ms) {
  if (!reader_) {
    monitor_.push(data, size, stream_ms);
  } else {
    std::string error;
    if (!reader_->drain(monitor_, stream_ms, &error)) log_("monitor: " + error);
  }
  if (stream_ms < next_check_ms_) return;
  next_check_ms_ = stream_ms + kMonitorCheckMs;
  publish(stream_ms);
}

void OffAirWatch::publish(uint64_t stream_ms) {
  std::set<std::pair<std::string, std::string>> now;
  for (Alarm& a : monitor_.check(stream_ms)) {
    auto key = std::make_pair(a.kind, a.what);
    now.insert(key);
    if (standing_.count(key)) continue;
    log_("monitor: alarm " + a.kind + ": " + a.what + " (since " + dvb::formatIso8601(a.since) +
         ", stream " + std::to_string(stream_ms) + " ms)");
    board_.raise(std::move(a));
  }
  for (const auto& [kind, what] : standing_) {
    if (now.count({kind, what})) continue;
    log_("monitor: cleared " + kind + ": " + what + " (stream " + std::to_string(stream_ms) +
         " ms)");
    board_.clear(kind, what);
  }
  standing_ = std::move(now);
}

}  // namespace tools::headend
