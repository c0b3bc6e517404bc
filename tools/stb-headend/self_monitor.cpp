#include "tools/stb-headend/self_monitor.h"

namespace tools::headend {
namespace {

constexpr uint64_t kCheckMs = 100;  // stream time between checks

MonitorOptions optionsFor(const HeadendConfig& c, const Playout* playout) {
  MonitorOptions o;
  o.pid = c.pid;
  o.budget_bps = c.budget_kbps * 1000;
  o.utc_at = [playout](uint64_t ms) { return playout->simulatedUtc(ms); };
  return o;
}

}  // namespace

SelfMonitor::SelfMonitor(const HeadendConfig& config, Playout* playout, StatusBoard* board,
                         Playout::Log log)
    : config_(config), board_(board), log_(std::move(log)), monitor_(optionsFor(config, playout)) {}

std::unique_ptr<SelfMonitor> SelfMonitor::attach(const HeadendConfig& config, Playout* playout,
                                                 StatusBoard* board, Playout::Log log,
                                                 std::string* error) {
  std::unique_ptr<SelfMonitor> m(new SelfMonitor(config, playout, board, std::move(log)));
  if (config.monitor.source != "self") {
    m->reader_ = OffAirUdpReader::open(config.monitor.source, error);
    if (!m->reader_) return nullptr;
  }
  SelfMonitor* self = m.get();
  playout->setOnChange([self](const std::vector<SpoolObject>& objects) {
    std::vector<ExpectedObject> expected;
    for (const SpoolObject& o : objects)
      expected.push_back({o.table_id, static_cast<uint16_t>(o.object_id & 0xFFFF),
                          static_cast<uint8_t>(o.revision % 32),
                          intervalFor(o.kind, self->config_.intervals), o.sha256});
    self->monitor_.expect(std::move(expected));
  });
  playout->setTap([self](const uint8_t* data, size_t size, uint64_t stream_ms) {
    self->onChunk(data, size, stream_ms);
  });
  return m;
}

void SelfMonitor::onChunk(const uint8_t* data, size_t size, uint64_t stream_ms) {
  if (!reader_) {
    monitor_.push(data, size, stream_ms);
  } else {
    std::string error;
    if (!reader_->drain(monitor_, stream_ms, &error)) log_("monitor: " + error);
  }
  if (stream_ms >= next_check_ms_) {
    publish(stream_ms);
    next_check_ms_ = stream_ms + kCheckMs;
  }
}

void SelfMonitor::publish(uint64_t stream_ms) {
  std::set<std::pair<std::string, std::string>> now;
  for (const Alarm& a : monitor_.check(stream_ms)) {
    now.insert({a.kind, a.what});
    if (!standing_.count({a.kind, a.what})) {
      log_("monitor: alarm " + a.kind + ": " + a.what);
      board_->raise(a);
    }
  }
  for (const auto& [kind, what] : standing_)
    if (!now.count({kind, what})) {
      log_("monitor: alarm " + kind + " over: " + what);
      board_->clear(kind, what);
    }
  standing_ = std::move(now);
}

}  // namespace tools::headend
