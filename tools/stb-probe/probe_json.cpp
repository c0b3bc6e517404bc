#include <nlohmann/json.hpp>
#include <optional>

#include "dvb/tables/pmt.h"
#include "tools/stb-probe/probe_format.h"

namespace tools {
namespace {

// ordered_json keeps the members in the order written, as docs/stb-probe.md shows them.
using Json = nlohmann::ordered_json;

// nlohmann 3.11 has no std::optional conversion: an absent value is null.
template <typename T>
Json orNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json repetition(const dvb::RepetitionStats& r) {
  return {{"arrivals", r.arrivals},
          {"max_gap_ms", orNull(r.max_gap_ms)},
          {"limit_ms", r.limit_ms},
          {"gaps_over_limit", r.gaps_over_limit}};
}

Json health(const ProbeHealth& h) {
  Json pids = Json::array();
  for (const ProbePidHealth& p : h.pids)
    pids.push_back({{"pid", p.pid},
                    {"packets", p.counts.packets},
                    {"continuity_errors", p.counts.continuity_errors},
                    {"tei_packets", p.counts.tei_packets},
                    {"crc_errors", p.crc_errors},
                    {"scrambled_packets", p.counts.scrambled_packets}});
  return {{"sync_errors", h.sync_errors},
          {"continuity_errors", h.total.continuity_errors},
          {"tei_packets", h.total.tei_packets},
          {"crc_errors", h.crc_errors},
          {"scrambled_packets", h.total.scrambled_packets},
          {"malformed_sections", h.malformed_sections},
          {"malformed_packets", h.malformed_packets},
          {"bytes_skipped", h.bytes_skipped},
          {"repetition",
           {{"pat", repetition(h.pat)}, {"pmt", repetition(h.pmt)}, {"tdt", repetition(h.tdt)}}},
          {"pids", pids}};
}

Json pat(const ProbeReport& r) {
  if (!r.pat) return nullptr;
  Json programs = Json::array();
  for (const auto& p : r.pat->programs)
    programs.push_back({{"program_number", p.program_number}, {"pmt_pid", p.pmt_pid}});
  return {{"tsid", r.pat->transport_stream_id},
          {"version", r.pat->version},
          {"network_pid", orNull(r.pat->network_pid)},
          {"programs", programs}};
}

Json pmts(const ProbeReport& r) {
  Json out = Json::array();
  for (const auto& [number, entry] : r.pmts) {
    const dvb::Pmt& pmt = entry.pmt;
    Json streams = Json::array();
    for (const auto& s : pmt.streams) {
      Json tags = Json::array();
      for (const auto& d : s.descriptors) tags.push_back(d.tag);
      streams.push_back({{"pid", s.elementary_pid},
                         {"stream_type", s.stream_type},
                         {"stream_type_name", dvb::streamTypeName(s.stream_type)},
                         {"descriptor_tags", tags}});
    }
    out.push_back({{"pid", entry.pid},
                   {"program_number", number},
                   {"version", pmt.version},
                   {"pcr_pid", pmt.pcr_pid},
                   {"streams", streams}});
  }
  return out;
}

Json tdts(const ProbeReport& r) {
  Json out = Json::array();
  for (dvb::UtcSeconds t : r.tdts) out.push_back({{"utc", dvb::formatIso8601(t)}});
  return out;
}

Json tots(const ProbeReport& r) {
  Json out = Json::array();
  for (const ProbeTot& tot : r.tots) {
    Json offsets = Json::array();
    for (const auto& o : tot.offsets)
      offsets.push_back({{"country", o.country_code},
                         {"region", o.country_region_id},
                         {"offset_minutes", o.offset_minutes},
                         {"time_of_change", dvb::formatIso8601(o.time_of_change)},
                         {"next_offset_minutes", o.next_offset_minutes}});
    out.push_back({{"utc", dvb::formatIso8601(tot.utc)}, {"offsets", offsets}});
  }
  return out;
}

Json networks(const ProbeReport& r) {
  Json out = Json::array();
  for (const auto& [key, n] : r.networks)
    out.push_back({{"network_id", n.network_id},
                   {"actual", n.actual},
                   {"name", n.name},
                   {"name_undecodable", n.name_undecodable}});
  return out;
}

Json services(const ProbeReport& r) {
  Json out = Json::array();
  for (const auto& [key, s] : r.services)
    out.push_back({{"onid", s.onid},
                   {"tsid", s.tsid},
                   {"sid", s.sid},
                   {"actual", s.actual},
                   {"type", s.type},
                   {"name", s.name},
                   {"provider", s.provider},
                   {"name_undecodable", s.name_undecodable}});
  return out;
}

Json objects(const ProbeReport& r) {
  Json out = Json::array();
  for (const ProbeObject& o : r.objects)
    out.push_back({{"pid", o.pid},
                   {"type", o.type},
                   {"object_id", o.object_id},
                   {"revision", o.revision},
                   {"status", o.status},
                   {"summary", o.summary}});
  return out;
}

}  // namespace

std::string probeJson(const ProbeReport& r) {
  Json extra_pids = Json::array();
  for (const auto& [pid, count] : r.extra_pid_sections)
    extra_pids.push_back({{"pid", pid}, {"sections", count}});
  Json table_errors = Json::array();
  for (const auto& [what, count] : r.table_errors)
    table_errors.push_back({{"error", what}, {"count", count}});
  const Json j = {{"source", r.source},
                  {"packets", r.packets},
                  {"packet_size", r.packet_size},
                  {"file_sections", r.file_sections},
                  {"pat", pat(r)},
                  {"pmts", pmts(r)},
                  {"networks", networks(r)},
                  {"services", services(r)},
                  {"tdt", tdts(r)},
                  {"tot", tots(r)},
                  {"eit_sections", r.eit_sections},
                  {"extra_pids", extra_pids},
                  {"objects", objects(r)},
                  {"table_errors", table_errors},
                  {"health", health(r.health)}};
  // UTF-8 stays as it is; a byte that is not UTF-8 (a file name, say) becomes U+FFFD
  // rather than an exception.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tools
