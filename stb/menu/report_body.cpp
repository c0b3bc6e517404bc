#include "stb/menu/report_body.h"

#include <cstdio>

namespace stb::menu {
namespace {

// A JSON string literal; control characters escaped, UTF-8 passed through.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string number(const std::optional<double>& v) {
  return v ? number(*v) : "null";
}

std::string tunerJson(const TunerFigures& t) {
  std::string out = "{\"source\":" + quoted(t.source);
  if (!t.error.empty()) return out + ",\"error\":" + quoted(t.error) + "}";
  out += std::string(",\"locked\":") + (t.locked ? "true" : "false");
  out += ",\"signal_dbm\":" + number(t.signal_dbm);
  if (t.signal_percent) out += ",\"signal_percent\":" + number(t.signal_percent);
  out += ",\"snr_db\":" + number(t.snr_db);
  if (t.snr_percent) out += ",\"snr_percent\":" + number(t.snr_percent);
  out += ",\"ber_pre_fec\":" + number(t.ber_pre_fec) +
         ",\"ber_post_fec\":" + number(t.ber_post_fec) + "}";
  return out;
}

}  // namespace

const char* visitCode(VisitPeriod v) {
  switch (v) {
    case VisitPeriod::kMorning:
      return "morning";
    case VisitPeriod::kAfternoon:
      return "afternoon";
    case VisitPeriod::kEvening:
      return "evening";
    case VisitPeriod::kAnyTime:
      return "any";
  }
  return "any";
}

std::string reportBodyJson(const ReportRequest& r, const dvb::notice::BoxIdentity& box,
                           dvb::UtcSeconds created, const Diagnostics& d) {
  std::string notices, errors;
  for (uint32_t id : d.active_notices) notices += (notices.empty() ? "" : ",") + std::to_string(id);
  for (const std::string& e : d.last_errors) errors += (errors.empty() ? "" : ",") + quoted(e);
  std::string out = "{\"box_id\":" + quoted(box.box_id) +
                    ",\"smartcard_id\":" + quoted(box.smartcard_id) +
                    ",\"area_code\":" + quoted(box.area_code) +
                    ",\"category\":" + quoted(categoryCode(r.category));
  if (!r.callback.empty()) out += ",\"callback_phone\":" + quoted(r.callback);
  out += ",\"visit_period\":" + quoted(visitCode(r.visit));
  out += ",\"created\":" + quoted(dvb::formatIso8601(created));
  out += ",\"diagnostics\":{";
  out += "\"box_id\":" + quoted(box.box_id) + ",\"smartcard_id\":" + quoted(box.smartcard_id) +
         ",\"area_code\":" + quoted(box.area_code) + ",\"node\":" + std::to_string(box.node) +
         ",\"software_version\":" + quoted(d.software_version) +
         ",\"uptime_s\":" + std::to_string(d.uptime_s) +
         ",\"service\":{\"onid\":" + std::to_string(d.service.onid) +
         ",\"tsid\":" + std::to_string(d.service.tsid) +
         ",\"sid\":" + std::to_string(d.service.sid) + ",\"name\":" + quoted(d.service.name) + "}" +
         ",\"tuner\":" + tunerJson(d.tuner) +
         ",\"stream_health\":{\"packets\":" + std::to_string(d.packets) +
         ",\"continuity_errors\":" + std::to_string(d.continuity_errors) +
         ",\"crc_errors\":" + std::to_string(d.crc_errors) + "}" + ",\"active_notices\":[" +
         notices + "],\"last_errors\":[" + errors + "]}}";
  return out;
}

}  // namespace stb::menu
