#include <cstdarg>
#include <cstdio>

#include "dvb/tables/pmt.h"
#include "tools/stb-probe/probe_format.h"

namespace tools {
namespace {

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  char line[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(line, sizeof line, fmt, args);
  va_end(args);
  return line;
}

std::string offsetText(int minutes) {
  const int a = minutes < 0 ? -minutes : minutes;
  return format("%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

std::string gapText(const dvb::RepetitionStats& r) {
  std::string gap = r.max_gap_ms ? std::to_string(*r.max_gap_ms) + " ms" : "unknown (no PCR)";
  return format("%llu seen, max gap %s, %llu over %llu ms",
                static_cast<unsigned long long>(r.arrivals), gap.c_str(),
                static_cast<unsigned long long>(r.gaps_over_limit),
                static_cast<unsigned long long>(r.limit_ms));
}

void appendTables(std::string& out, const ProbeReport& r) {
  if (r.pat) out += r.pat->describe();
  for (const auto& [number, entry] : r.pmts)
    out += format("PID 0x%04X: ", entry.pid) + entry.pmt.describe();
  for (const auto& [key, n] : r.networks)
    out += format("Network %u (%s): ", n.network_id, n.actual ? "actual" : "other") +
           (n.name_undecodable ? "<undecodable name>" : "\"" + n.name + "\"") + "\n";
  for (const auto& [key, s] : r.services)
    out += format("Service onid %u tsid %u sid %u type 0x%02X: ", s.onid, s.tsid, s.sid, s.type) +
           (s.name_undecodable ? "<undecodable name>" : "\"" + s.name + "\"") + " provider \"" +
           s.provider + "\"\n";
}

void appendTimes(std::string& out, const ProbeReport& r) {
  for (dvb::UtcSeconds t : r.tdts) out += "TDT " + dvb::formatIso8601(t) + "\n";
  for (const ProbeTot& tot : r.tots) {
    out += "TOT " + dvb::formatIso8601(tot.utc) + "\n";
    for (const auto& o : tot.offsets)
      out += "  " + o.country_code + format(" region %u offset ", o.country_region_id) +
             offsetText(o.offset_minutes) + ", from " + dvb::formatIso8601(o.time_of_change) + " " +
             offsetText(o.next_offset_minutes) + "\n";
  }
}

void appendHealth(std::string& out, const ProbeHealth& h) {
  auto n = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  out += format(
      "Health: sync errors %llu (%llu bytes skipped), continuity errors %llu, "
      "TEI packets %llu, CRC errors %llu, malformed sections %llu, scrambled %llu\n",
      n(h.sync_errors), n(h.bytes_skipped), n(h.total.continuity_errors), n(h.total.tei_packets),
      n(h.crc_errors), n(h.malformed_sections), n(h.total.scrambled_packets));
  out +=
      "  PAT " + gapText(h.pat) + "\n  PMT " + gapText(h.pmt) + "\n  TDT " + gapText(h.tdt) + "\n";
  for (const ProbePidHealth& p : h.pids) {
    if (!p.counts.continuity_errors && !p.counts.tei_packets && !p.crc_errors) continue;
    out += format("  PID 0x%04X: %llu packets, %llu CC errors, %llu TEI, %llu CRC errors\n", p.pid,
                  n(p.counts.packets), n(p.counts.continuity_errors), n(p.counts.tei_packets),
                  n(p.crc_errors));
  }
}

}  // namespace

std::string probeText(const ProbeReport& r) {
  std::string out =
      r.source + (r.file_sections != 0
                      ? format(": %llu sections (a file of sections, no packets)\n",
                               static_cast<unsigned long long>(r.file_sections))
                      : format(": %llu packets of %zu bytes\n",
                               static_cast<unsigned long long>(r.packets), r.packet_size));
  appendTables(out, r);
  appendTimes(out, r);
  if (r.eit_sections)
    out += format("EIT sections: %llu\n", static_cast<unsigned long long>(r.eit_sections));
  for (const ProbeObject& o : r.objects)
    out +=
        format("PID 0x%04X: %s %u revision %u: ", o.pid, o.type.c_str(), o.object_id, o.revision) +
        o.status + (o.summary.empty() ? "" : " -- " + o.summary) + "\n";
  for (const auto& [pid, count] : r.extra_pid_sections)
    out += format("PID 0x%04X: %llu sections\n", pid, static_cast<unsigned long long>(count));
  for (const auto& [what, count] : r.table_errors)
    out += format("Table error (x%llu): ", static_cast<unsigned long long>(count)) + what + "\n";
  appendHealth(out, r.health);
  return out;
}

}  // namespace tools
