#include "dvb/tables/pmt.h"
#include "tools/common/json_writer.h"
#include "tools/stb-probe/probe_format.h"

namespace tools {
namespace {

void writeRepetition(JsonWriter& j, const char* name, const dvb::RepetitionStats& r) {
  j.key(name).beginObject();
  j.field("arrivals", r.arrivals);
  j.field("max_gap_ms", r.max_gap_ms);
  j.field("limit_ms", r.limit_ms);
  j.field("gaps_over_limit", r.gaps_over_limit);
  j.endObject();
}

void writeHealth(JsonWriter& j, const ProbeHealth& h) {
  j.key("health").beginObject();
  j.field("sync_errors", h.sync_errors);
  j.field("continuity_errors", h.total.continuity_errors);
  j.field("tei_packets", h.total.tei_packets);
  j.field("crc_errors", h.crc_errors);
  j.field("scrambled_packets", h.total.scrambled_packets);
  j.field("malformed_sections", h.malformed_sections);
  j.field("malformed_packets", h.malformed_packets);
  j.field("bytes_skipped", h.bytes_skipped);
  j.key("repetition").beginObject();
  writeRepetition(j, "pat", h.pat);
  writeRepetition(j, "pmt", h.pmt);
  writeRepetition(j, "tdt", h.tdt);
  j.endObject();
  j.key("pids").beginArray();
  for (const ProbePidHealth& p : h.pids) {
    j.beginObject();
    j.field("pid", p.pid);
    j.field("packets", p.counts.packets);
    j.field("continuity_errors", p.counts.continuity_errors);
    j.field("tei_packets", p.counts.tei_packets);
    j.field("crc_errors", p.crc_errors);
    j.field("scrambled_packets", p.counts.scrambled_packets);
    j.endObject();
  }
  j.endArray();
  j.endObject();
}

void writePat(JsonWriter& j, const ProbeReport& r) {
  j.key("pat");
  if (!r.pat) {
    j.null();
    return;
  }
  j.beginObject();
  j.field("tsid", r.pat->transport_stream_id);
  j.field("version", r.pat->version);
  j.key("network_pid");
  if (r.pat->network_pid)
    j.value(*r.pat->network_pid);
  else
    j.null();
  j.key("programs").beginArray();
  for (const auto& p : r.pat->programs)
    j.beginObject()
        .field("program_number", p.program_number)
        .field("pmt_pid", p.pmt_pid)
        .endObject();
  j.endArray().endObject();
}

void writePmts(JsonWriter& j, const ProbeReport& r) {
  j.key("pmts").beginArray();
  for (const auto& [number, entry] : r.pmts) {
    const dvb::Pmt& pmt = entry.pmt;
    j.beginObject();
    j.field("pid", entry.pid).field("program_number", number).field("version", pmt.version);
    j.field("pcr_pid", pmt.pcr_pid);
    j.key("streams").beginArray();
    for (const auto& s : pmt.streams) {
      j.beginObject().field("pid", s.elementary_pid).field("stream_type", s.stream_type);
      j.field("stream_type_name", dvb::streamTypeName(s.stream_type));
      j.key("descriptor_tags").beginArray();
      for (const auto& d : s.descriptors) j.value(d.tag);
      j.endArray().endObject();
    }
    j.endArray().endObject();
  }
  j.endArray();
}

void writeTimes(JsonWriter& j, const ProbeReport& r) {
  j.key("tdt").beginArray();
  for (dvb::UtcSeconds t : r.tdts) j.beginObject().field("utc", dvb::formatIso8601(t)).endObject();
  j.endArray();
  j.key("tot").beginArray();
  for (const ProbeTot& tot : r.tots) {
    j.beginObject().field("utc", dvb::formatIso8601(tot.utc));
    j.key("offsets").beginArray();
    for (const auto& o : tot.offsets) {
      j.beginObject();
      j.field("country", o.country_code).field("region", o.country_region_id);
      j.field("offset_minutes", o.offset_minutes);
      j.field("time_of_change", dvb::formatIso8601(o.time_of_change));
      j.field("next_offset_minutes", o.next_offset_minutes);
      j.endObject();
    }
    j.endArray().endObject();
  }
  j.endArray();
}

void writeNetworksAndServices(JsonWriter& j, const ProbeReport& r) {
  j.key("networks").beginArray();
  for (const auto& [key, n] : r.networks) {
    j.beginObject().field("network_id", n.network_id).field("actual", n.actual);
    j.field("name", n.name).field("name_undecodable", n.name_undecodable).endObject();
  }
  j.endArray();
  j.key("services").beginArray();
  for (const auto& [key, s] : r.services) {
    j.beginObject().field("onid", s.onid).field("tsid", s.tsid).field("sid", s.sid);
    j.field("actual", s.actual).field("type", s.type).field("name", s.name);
    j.field("provider", s.provider).field("name_undecodable", s.name_undecodable).endObject();
  }
  j.endArray();
}

}  // namespace

std::string probeJson(const ProbeReport& r) {
  JsonWriter j;
  j.beginObject();
  j.field("source", r.source);
  j.field("packets", r.packets);
  j.field("packet_size", r.packet_size);
  j.field("file_sections", r.file_sections);
  writePat(j, r);
  writePmts(j, r);
  writeNetworksAndServices(j, r);
  writeTimes(j, r);
  j.field("eit_sections", r.eit_sections);
  j.key("extra_pids").beginArray();
  for (const auto& [pid, count] : r.extra_pid_sections)
    j.beginObject().field("pid", pid).field("sections", count).endObject();
  j.endArray();
  j.key("objects").beginArray();
  for (const ProbeObject& o : r.objects) {
    j.beginObject().field("pid", o.pid).field("type", o.type).field("object_id", o.object_id);
    j.field("revision", o.revision).field("status", o.status).field("summary", o.summary);
    j.endObject();
  }
  j.endArray();
  j.key("table_errors").beginArray();
  for (const auto& [what, count] : r.table_errors)
    j.beginObject().field("error", what).field("count", count).endObject();
  j.endArray();
  writeHealth(j, r.health);
  j.endObject();
  return j.str() + "\n";
}

}  // namespace tools
