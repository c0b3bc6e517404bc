#include "tools/stb-headend/budget.h"

#include <cstdio>
#include <map>

#include "dvb/section_packetizer.h"
#include "dvb/tables/tdt.h"
#include "dvb/ts_packet.h"

namespace tools::headend {
namespace {

const char* const kKinds[] = {"key_list",  "emergency", "notice",
                              "directory", "calendar",  "fee_batch"};

uint64_t bitsPerSecond(uint64_t packets, uint32_t interval_ms) {
  return (packets * dvb::kTsPacketSize * 8 * 1000 + interval_ms - 1) / interval_ms;
}

std::string kbps(uint64_t bps) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f kbit/s", static_cast<double>(bps) / 1000);
  return text;
}

}  // namespace

uint32_t intervalFor(const std::string& kind, const Intervals& i) {
  if (kind == "emergency") return i.emergency;
  if (kind == "key_list") return i.key_list;
  if (kind == "directory") return i.directory;
  if (kind == "calendar") return i.calendar;
  if (kind == "fee_batch") return i.fee_cycle;
  return i.notice;
}

int rankOf(const std::string& kind) {
  for (int r = 0; r < 6; ++r)
    if (kind == kKinds[r]) return r;
  return 2;
}

uint64_t packetsFor(uint16_t pid, const std::vector<dvb::Section>& sections) {
  dvb::SectionPacketizer scratch(pid);  // the count does not depend on the CC
  std::vector<uint8_t> packets;
  for (const dvb::Section& s : sections) scratch.packetize({s}, &packets);
  return packets.size() / dvb::kTsPacketSize;
}

std::string BudgetReport::describe() const {
  std::string out;
  for (const KindLoad& k : kinds) {
    out += "  " + k.kind + ": ";
    if (k.objects) out += std::to_string(k.objects) + " object(s), ";
    out += std::to_string(k.packets) + " packet(s) per repetition, " + kbps(k.bps) + "\n";
  }
  out += "  total " + kbps(used_bps) + " of a budget of " + kbps(budget_bps) + " (output " +
         kbps(bitrate_bps) + ")\n";
  return out;
}

BudgetReport computeBudget(const std::vector<SpoolObject>& objects, const HeadendConfig& c) {
  BudgetReport r;
  r.budget_bps = c.budget_kbps * 1000;
  r.bitrate_bps = c.bitrate_kbps * 1000;
  if (c.with_psi) r.kinds.push_back({"psi", 0, 2, bitsPerSecond(2, kPsiIntervalMs)});
  if (c.tdt.enabled) {
    // One packet each: a TDT and a TOT with one local time offset.
    r.kinds.push_back({"tdt_tot", 0, 2, bitsPerSecond(2, kTimeIntervalMs)});
  }
  std::map<std::string, KindLoad> by_kind;
  for (const SpoolObject& o : objects) {
    KindLoad& k = by_kind[o.kind];
    k.kind = o.kind;
    ++k.objects;
    const uint64_t packets = packetsFor(c.pid, o.sections);
    k.packets += packets;
    k.bps += bitsPerSecond(packets, intervalFor(o.kind, c.intervals));
  }
  for (const char* kind : kKinds)
    if (by_kind.count(kind)) r.kinds.push_back(by_kind[kind]);
  for (const KindLoad& k : r.kinds) r.used_bps += k.bps;
  return r;
}

}  // namespace tools::headend
