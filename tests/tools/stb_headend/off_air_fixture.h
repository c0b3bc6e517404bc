#pragma once
// For the off-air monitor's tests: signed objects, and a little carousel that
// puts them on the notice PID at their intervals in 10-ms steps of stream
// time, feeding the monitor and recording when each alarm stood.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dvb/notice/object_signer.h"
#include "dvb/section_packetizer.h"
#include "tools/stb-headend/object_hash.h"
#include "tools/stb-headend/off_air_monitor.h"

namespace off_air_test {

constexpr uint16_t kPid = 0x1F00;
constexpr uint64_t kStepMs = 10;

inline const dvb::notice::PrivateKey& testKey() {
  static const dvb::notice::PrivateKey key = [] {
    std::string error;
    auto k = dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
    EXPECT_TRUE(k) << error;
    return std::move(*k);
  }();
  return key;
}

// A signed object of TYPE whose body is BODY_SIZE bytes of FILL: more than
// about 4 KiB makes it span several sections.
inline std::vector<dvb::Section> signedSections(dvb::notice::ObjectType type, uint32_t object_id,
                                                uint32_t revision, size_t body_size = 200,
                                                uint8_t fill = 0x5A) {
  dvb::notice::ObjectHeader header;
  header.type = type;
  header.object_id = object_id;
  header.revision = revision;
  header.issued = 1'796'000'000;
  std::string error;
  auto object =
      dvb::notice::signObject(header, std::vector<uint8_t>(body_size, fill), testKey(), &error);
  EXPECT_TRUE(object) << error;
  auto sections = object->toSections(&error);
  EXPECT_TRUE(sections) << error;
  return *sections;
}

inline tools::headend::ExpectedObject expectedOf(const std::vector<dvb::Section>& sections,
                                                 uint32_t interval_ms) {
  const dvb::Section& s = sections.front();
  return {s.tableId(), s.extension(), s.version(), interval_ms,
          tools::headend::sectionsSha256(sections)};
}

// One object on the carousel, sent every interval_ms while `on`.
struct Slot {
  std::vector<dvb::Section> sections;
  uint32_t interval_ms = 1000;
  bool on = true;
  uint64_t next_ms = 0;
};

class Air {
 public:
  explicit Air(tools::headend::MonitorOptions options) : monitor(std::move(options)) {}

  // Plays until stream time UNTIL_MS, checking the monitor at every step.
  // Packets pass through TAMPER (when set) on their way to the monitor.
  void playUntil(uint64_t until_ms) {
    for (; now_ms <= until_ms; now_ms += kStepMs) {
      std::vector<uint8_t> packets;
      for (Slot& slot : slots) {
        if (!slot.on || slot.next_ms > now_ms) continue;
        packetizer_.packetize(slot.sections, &packets);
        slot.next_ms = now_ms + slot.interval_ms;
      }
      dvb::appendNullPacket(&packets);  // time moves on even when the PID is quiet
      if (tamper) tamper(&packets);
      monitor.push(packets.data(), packets.size(), now_ms);
      for (const tools::headend::Alarm& a : monitor.check(now_ms)) {
        const auto key = std::make_pair(a.kind, a.what);
        if (!first_.count(key)) first_[key] = now_ms;
        last_[key] = now_ms;
        since_[key] = a.since;
      }
    }
  }

  // The first / last step at which an alarm of KIND whose `what` contains
  // WHAT stood (nullopt: never).
  std::optional<uint64_t> firstRaised(const std::string& kind, const std::string& what = "") const {
    return find(first_, kind, what, false);
  }
  std::optional<uint64_t> lastStanding(const std::string& kind,
                                       const std::string& what = "") const {
    return find(last_, kind, what, true);
  }
  std::optional<dvb::UtcSeconds> since(const std::string& kind,
                                       const std::string& what = "") const {
    for (const auto& [key, at] : since_)
      if (key.first == kind && key.second.find(what) != std::string::npos) return at;
    return std::nullopt;
  }
  std::vector<std::string> kindsRaised() const {
    std::vector<std::string> kinds;
    for (const auto& [key, at] : first_) kinds.push_back(key.first + " " + key.second);
    return kinds;
  }
  void forget() {
    first_.clear();
    last_.clear();
    since_.clear();
  }

  tools::headend::OffAirMonitor monitor;
  std::vector<Slot> slots;
  std::function<void(std::vector<uint8_t>*)> tamper;
  uint64_t now_ms = 0;

 private:
  using Key = std::pair<std::string, std::string>;
  static std::optional<uint64_t> find(const std::map<Key, uint64_t>& at, const std::string& kind,
                                      const std::string& what, bool latest) {
    std::optional<uint64_t> found;
    for (const auto& [key, ms] : at) {
      if (key.first != kind || key.second.find(what) == std::string::npos) continue;
      if (!found || (latest ? ms > *found : ms < *found)) found = ms;
    }
    return found;
  }

  dvb::SectionPacketizer packetizer_{kPid};
  std::map<Key, uint64_t> first_, last_;
  std::map<Key, dvb::UtcSeconds> since_;
};

}  // namespace off_air_test
