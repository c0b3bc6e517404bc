#include "tools/stb-notice/verify_print.h"

#include <cstdio>

#include "tools/stb-notice/object_json.h"

namespace tools::notice {
namespace {

using dvb::notice::ObjectType;

std::string hex(unsigned v, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%0*X", digits, v);
  return buf;
}

std::string typeName(uint8_t table_id) {
  return dvb::notice::objectTypeName(static_cast<ObjectType>(table_id));
}

// "notice 1001 revision 2", or the table's coordinates when the message did not parse.
std::string heading(const ObjectResult& o) {
  if (o.envelope)
    return typeName(o.table_id) + " " + std::to_string(o.envelope->object_id) + " revision " +
           std::to_string(o.envelope->revision);
  return typeName(o.table_id) + " table " + hex(o.table_id, 2) + " extension " +
         hex(o.extension, 4) + " version " + std::to_string(o.version);
}

std::string sourceLine(const VerifyReport& r) {
  std::string out = r.source + ": ";
  if (!r.scan.transport_stream) return out + "sections\n";
  out += "transport stream, " + std::to_string(r.scan.packets) + " packets, notice PID ";
  if (r.scan.pids.empty()) return out + "not found\n";
  for (size_t i = 0; i < r.scan.pids.size(); ++i) out += (i ? ", " : "") + hex(r.scan.pids[i], 4);
  return out + "\n";
}

}  // namespace

std::string verifyText(const VerifyReport& r) {
  std::string out = sourceLine(r);
  for (const auto& [role, id] : r.keys) out += "trusted " + role + " key " + id + "\n";
  for (const ObjectResult& o : r.objects) {
    out += "\n" + heading(o) + ": ";
    if (!o.verified()) {
      out += "REJECTED " + o.rejection + "\n";
      continue;
    }
    out += "verified, key " + dvb::notice::keyIdHex(o.envelope->key_id) + ", issued " +
           dvb::formatIso8601(o.envelope->issued) + "\n";
    for (const std::string& line : describeBody(*o.body)) out += "  " + line + "\n";
  }
  out += "\n" + std::to_string(r.objects.size()) + " object" + (r.objects.size() == 1 ? "" : "s") +
         ": " + std::to_string(r.verified) + " verified, " + std::to_string(r.rejected) +
         " rejected";
  std::string reasons;
  for (const auto& [name, count] : r.rejections)
    if (count) reasons += (reasons.empty() ? " (" : ", ") + name + " " + std::to_string(count);
  out += reasons.empty() ? "" : reasons + ")";
  out += "; section CRC errors " + std::to_string(r.scan.crc_errors) + ", malformed sections " +
         std::to_string(r.scan.malformed_sections) + "\n";
  if (r.objects.empty()) out += "no notice objects found\n";
  return out;
}

std::string verifyJson(const VerifyReport& r) {
  JsonWriter w;
  w.beginObject().field("source", r.source);
  w.field("format", r.scan.transport_stream ? "ts" : "sections");
  w.key("pids").beginArray();
  for (uint16_t pid : r.scan.pids) w.value(unsigned{pid});
  w.endArray().key("keys").beginArray();
  for (const auto& [role, id] : r.keys)
    w.beginObject().field("role", role).field("id", id).endObject();
  w.endArray().key("objects").beginArray();
  for (const ObjectResult& o : r.objects) {
    w.beginObject().field("type", typeName(o.table_id)).field("pid", unsigned{o.pid});
    w.field("table_id", unsigned{o.table_id}).field("extension", unsigned{o.extension});
    w.field("version", unsigned{o.version}).field("sections", uint64_t{o.section_count});
    if (o.envelope) {
      w.field("object_id", uint64_t{o.envelope->object_id});
      w.field("revision", uint64_t{o.envelope->revision});
      w.field("issued", dvb::formatIso8601(o.envelope->issued));
      w.field("key_id", dvb::notice::keyIdHex(o.envelope->key_id));
    }
    w.field("status", o.verified() ? "verified" : "rejected");
    if (o.verified())
      writeBodyJson(*o.body, &w);
    else {
      // The verifier's reason reads "unknown_key: 0123...": the name, then the detail.
      const size_t colon = o.rejection.find(": ");
      w.field("rejection", o.rejection.substr(0, colon));
      w.field("detail", colon == std::string::npos ? "" : o.rejection.substr(colon + 2));
    }
    w.endObject();
  }
  w.endArray().field("verified", r.verified).field("rejected", r.rejected);
  w.key("rejections").beginObject();
  for (const auto& [name, count] : r.rejections) w.field(name, count);
  w.endObject().field("crc_errors", r.scan.crc_errors);
  w.field("malformed_sections", r.scan.malformed_sections).field("ok", r.ok()).endObject();
  return w.str() + "\n";
}

}  // namespace tools::notice
