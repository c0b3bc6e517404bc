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
  using Json = nlohmann::ordered_json;
  Json pids = Json::array();
  for (uint16_t pid : r.scan.pids) pids.push_back(unsigned{pid});
  Json keys = Json::array();
  for (const auto& [role, id] : r.keys) keys.push_back({{"role", role}, {"id", id}});
  Json objects = Json::array();
  for (const ObjectResult& o : r.objects) {
    Json j = {{"type", typeName(o.table_id)},     {"pid", unsigned{o.pid}},
              {"table_id", unsigned{o.table_id}}, {"extension", unsigned{o.extension}},
              {"version", unsigned{o.version}},   {"sections", uint64_t{o.section_count}}};
    if (o.envelope) {
      j["object_id"] = uint64_t{o.envelope->object_id};
      j["revision"] = uint64_t{o.envelope->revision};
      j["issued"] = dvb::formatIso8601(o.envelope->issued);
      j["key_id"] = dvb::notice::keyIdHex(o.envelope->key_id);
    }
    j["status"] = o.verified() ? "verified" : "rejected";
    if (o.verified()) {
      j["body"] = bodyJson(*o.body);
    } else {
      // The verifier's reason reads "unknown_key: 0123...": the name, then the detail.
      const size_t colon = o.rejection.find(": ");
      j["rejection"] = o.rejection.substr(0, colon);
      j["detail"] = colon == std::string::npos ? "" : o.rejection.substr(colon + 2);
    }
    objects.push_back(std::move(j));
  }
  Json rejections = Json::object();
  for (const auto& [name, count] : r.rejections) rejections[name] = count;
  const Json j = {{"source", r.source},
                  {"format", r.scan.transport_stream ? "ts" : "sections"},
                  {"pids", pids},
                  {"keys", keys},
                  {"objects", objects},
                  {"verified", r.verified},
                  {"rejected", r.rejected},
                  {"rejections", rejections},
                  {"crc_errors", r.scan.crc_errors},
                  {"malformed_sections", r.scan.malformed_sections},
                  {"ok", r.ok()}};
  // UTF-8 stays as it is; a byte that is not UTF-8 (a file name, say) becomes U+FFFD
  // rather than an exception.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tools::notice
