#include "tools/stb-headend/off_air_monitor.h"

#include <algorithm>
#include <cstdio>

#include "dvb/notice/signed_object.h"
#include "dvb/ts_packet.h"
#include "tools/stb-headend/object_hash.h"

namespace tools::headend {
namespace {

constexpr uint64_t kMinToleranceMs = 250;

uint64_t baseTolerance(uint64_t interval_ms) {
  return std::max(kMinToleranceMs, interval_ms / 10);
}

uint16_t packetPid(const uint8_t* packet) {
  return static_cast<uint16_t>(((packet[1] & 0x1F) << 8) | packet[2]);
}

dvb::SiDemuxOptions demuxOptions() {
  dvb::SiDemuxOptions o;
  o.nit = false;
  o.sdt = false;
  // No gather filter: every section on the PID, every repetition, reaches
  // onOtherSection, and the monitor gathers per object itself.
  return o;
}

}  // namespace

std::string objectName(uint8_t table_id, uint16_t extension) {
  const std::string kind =
      dvb::notice::isObjectTableId(table_id)
          ? dvb::notice::objectTypeName(static_cast<dvb::notice::ObjectType>(table_id))
          : "table";
  char id[16];
  std::snprintf(id, sizeof id, " %u", static_cast<unsigned>(extension));
  return kind + id;
}

OffAirMonitor::OffAirMonitor(MonitorOptions options)
    : options_(std::move(options)), demux_(*this, demuxOptions()), rate_(options_.window_ms) {
  demux_.addSectionPid(options_.pid);
}

void OffAirMonitor::expect(std::vector<ExpectedObject> objects) {
  if (expected_.empty() && !objects.empty()) active_since_ms_ = now_ms_;
  std::map<Key, Expected> next;
  for (ExpectedObject& o : objects) {
    const Key key{o.table_id, o.extension};
    Expected e{std::move(o), now_ms_, 0};
    auto old = expected_.find(key);
    if (old != expected_.end() && old->second.object.version == e.object.version &&
        old->second.object.sha256 == e.object.sha256) {
      e.last_seen_ms = old->second.last_seen_ms;
      e.airtime_ms = old->second.airtime_ms;
    }
    next[key] = std::move(e);
  }
  for (const auto& [key, old] : expected_) {
    auto now = next.find(key);
    if (now == next.end() || now->second.object.version != old.object.version ||
        now->second.object.sha256 != old.object.sha256)
      retired_[key] = Retired{old.object.version, old.object.sha256, now_ms_};
  }
  expected_ = std::move(next);
}

void OffAirMonitor::push(const uint8_t* data, size_t size, uint64_t stream_ms) {
  now_ms_ = stream_ms;
  uint64_t pid_packets = 0;
  framer_.push(data, size, [&](const uint8_t* packet) {
    if (packetPid(packet) == options_.pid) ++pid_packets;
    demux_.pushPacket(packet);
  });
  rate_.add(stream_ms, pid_packets);
  checkCrc();
}

void OffAirMonitor::onOtherSection(uint16_t pid, const dvb::Section& section) {
  if (pid != options_.pid) return;
  last_section_ms_ = now_ms_;
  if (!section.longSyntax() || !dvb::notice::isObjectTableId(section.tableId())) return;
  const Key key{section.tableId(), section.extension()};
  std::unique_ptr<dvb::TableGatherer>& gatherer = gatherers_[key];
  if (!gatherer) {
    gatherer = std::make_unique<dvb::TableGatherer>(
        [this](uint16_t, const std::vector<dvb::Section>& sections) { gathered_ = sections; });
  }
  gatherer->push(pid, section);
  if (!gathered_) return;
  gatherer->forgetPid(pid);  // so the next repetition is delivered too
  std::vector<dvb::Section> sections = std::move(*gathered_);
  gathered_.reset();
  onRepetition(key, sections);
}

void OffAirMonitor::onRepetition(const Key& key, const std::vector<dvb::Section>& sections) {
  ++repetitions_;
  const uint8_t version = sections.front().version();
  const std::string sha256 = sectionsSha256(sections);
  auto e = expected_.find(key);
  if (e != expected_.end() && e->second.object.version == version &&
      e->second.object.sha256 == sha256) {
    size_t bytes = 0;
    for (const dvb::Section& s : sections) bytes += s.bytes().size();
    const uint64_t packets = (bytes + 183) / 184;
    e->second.last_seen_ms = now_ms_;
    e->second.airtime_ms = options_.budget_bps == 0
                               ? 0
                               : packets * dvb::kTsPacketSize * 8 * 1000 / options_.budget_bps;
    mismatches_.erase(key);
    return;
  }
  auto r = retired_.find(key);
  if (r != retired_.end() && r->second.version == version && r->second.sha256 == sha256 &&
      now_ms_ <= r->second.at_ms + options_.settle_ms)
    return;  // left the carousel a moment ago; still on its way back
  std::string why;
  if (e == expected_.end())
    why = "on air but not in the carousel (version " + std::to_string(version) + ")";
  else if (e->second.object.version != version)
    why = "version " + std::to_string(version) + " on air, " +
          std::to_string(e->second.object.version) + " signed";
  else
    why = "sections on air differ from what was signed (sha256 " + sha256.substr(0, 16) + "...)";
  Mismatch& m = mismatches_[key];
  const std::string what = objectName(key.first, key.second) + ": " + why;
  if (m.what != what) {
    m.what = what;
    m.since_ms = now_ms_;
  }
  m.last_seen_ms = now_ms_;
}

void OffAirMonitor::checkCrc() {
  const dvb::SectionErrors errors = demux_.sectionErrors(options_.pid);
  const uint64_t damaged = errors.crc_errors + errors.malformed;
  if (damaged <= crc_errors_seen_) return;
  crc_errors_seen_ = damaged;
  if (!crc_since_ms_) crc_since_ms_ = now_ms_;
  crc_last_ms_ = now_ms_;
}

uint64_t OffAirMonitor::tolerance(const Expected& e) const {
  return baseTolerance(e.object.interval_ms) + e.airtime_ms;
}

uint64_t OffAirMonitor::shortestInterval() const {
  uint64_t shortest = 0;
  for (const auto& [key, e] : expected_)
    if (shortest == 0 || e.object.interval_ms < shortest) shortest = e.object.interval_ms;
  return shortest != 0 ? shortest : options_.window_ms;
}

uint64_t OffAirMonitor::longestInterval() const {
  uint64_t longest = options_.window_ms;
  for (const auto& [key, e] : expected_)
    longest = std::max<uint64_t>(longest, e.object.interval_ms);
  return longest;
}

Alarm OffAirMonitor::alarm(const char* kind, std::string what, uint64_t since_ms) const {
  const dvb::UtcSeconds since =
      options_.utc_at ? options_.utc_at(since_ms) : static_cast<dvb::UtcSeconds>(since_ms / 1000);
  return Alarm{kind, std::move(what), since};
}

std::string OffAirMonitor::pidName() const {
  char name[16];
  std::snprintf(name, sizeof name, "pid 0x%04X", static_cast<unsigned>(options_.pid));
  return name;
}

std::vector<Alarm> OffAirMonitor::check(uint64_t stream_ms) {
  now_ms_ = stream_ms;
  std::vector<Alarm> alarms;
  const uint64_t shortest = shortestInterval();

  bool stopped = false;
  if (!expected_.empty()) {
    const uint64_t last = std::max(active_since_ms_, last_section_ms_.value_or(0));
    stopped = stream_ms > last + shortest + baseTolerance(shortest);
    if (stopped) alarms.push_back(alarm("stopped", pidName(), last));
  }

  if (crc_last_ms_ && stream_ms < *crc_last_ms_ + shortest) {
    alarms.push_back(alarm("crc", pidName(), *crc_since_ms_));
  } else {
    crc_since_ms_.reset();
    crc_last_ms_.reset();
  }

  const std::optional<uint64_t> bps = rate_.bitsPerSecond(stream_ms);
  if (options_.budget_bps != 0 && bps && *bps > options_.budget_bps) {
    if (!over_since_ms_) over_since_ms_ = stream_ms;
    alarms.push_back(alarm("over_budget", pidName(), *over_since_ms_));
  } else {
    over_since_ms_.reset();
  }

  // A mismatch no longer seen for a whole cycle is over.
  const uint64_t longest = longestInterval();
  for (auto it = mismatches_.begin(); it != mismatches_.end();) {
    if (stream_ms > it->second.last_seen_ms + longest + baseTolerance(longest)) {
      it = mismatches_.erase(it);
      continue;
    }
    alarms.push_back(alarm("mismatch", it->second.what, it->second.since_ms));
    ++it;
  }

  for (auto it = retired_.begin(); it != retired_.end();)
    it = stream_ms > it->second.at_ms + options_.settle_ms ? retired_.erase(it) : std::next(it);

  if (stopped) return alarms;  // one alarm for the PID, not one per object
  for (const auto& [key, e] : expected_) {
    const uint64_t due = e.last_seen_ms + e.object.interval_ms;
    if (stream_ms > due + tolerance(e))
      alarms.push_back(alarm("missing", objectName(key.first, key.second), due));
  }
  return alarms;
}

}  // namespace tools::headend
