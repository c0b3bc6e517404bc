#include "tools/stb-headend/playout_status.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tools::headend {

void StatusBoard::publish(PlayoutStatus status) {
  std::lock_guard<std::mutex> lock(mutex_);
  status.alarms = std::move(status_.alarms);
  status_ = std::move(status);
}

PlayoutStatus StatusBoard::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

void StatusBoard::raise(Alarm alarm) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Alarm& a : status_.alarms)
    if (a.kind == alarm.kind && a.what == alarm.what) return;
  status_.alarms.push_back(std::move(alarm));
}

void StatusBoard::clear(const std::string& kind, const std::string& what) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& v = status_.alarms;
  v.erase(std::remove_if(v.begin(), v.end(),
                         [&](const Alarm& a) { return a.kind == kind && a.what == what; }),
          v.end());
}

std::string statusJson(const PlayoutStatus& s) {
  nlohmann::json j = {{"bitrate_bps", s.bitrate_bps},
                      {"budget_bps", s.budget_bps},
                      {"used_bps", s.used_bps},
                      {"packets_out", s.packets_out},
                      {"now", dvb::formatIso8601(s.now)}};
  j["objects"] = nlohmann::json::array();
  for (const ObjectStatus& o : s.objects)
    j["objects"].push_back(
        {{"table_id", o.table_id},
         {"object_id", o.object_id},
         {"revision", o.revision},
         {"kind", o.kind},
         {"interval_ms", o.interval_ms},
         {"last_out_ms", o.last_out_ms},
         {"last_out_utc", o.last_out_ms < 0 ? nlohmann::json()
                                            : nlohmann::json(dvb::formatIso8601(o.last_out_utc))},
         {"bytes", o.bytes},
         {"sha256", o.sha256}});
  j["alarms"] = nlohmann::json::array();
  for (const Alarm& a : s.alarms)
    j["alarms"].push_back(
        {{"kind", a.kind}, {"what", a.what}, {"since", dvb::formatIso8601(a.since)}});
  return j.dump(2) + "\n";
}

}  // namespace tools::headend
