#pragma once
// A confirmed fault report as the central system's API takes it
// (docs/central-api.md): the viewer's answers, the box's identity and the
// diagnostics the box attaches by itself. JSON text; the outbox adds the
// report_id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/notice.h"
#include "stb/menu/menu.h"

namespace stb::menu {

// API names of the visit periods: "morning", ..., "any" (the categories'
// are in stb/ports/request_kinds.h).
const char* visitCode(VisitPeriod v);

// The tuner's reading as the report carries it: a measure the tuner cannot
// give is null in the JSON, never a made-up 0.
struct TunerFigures {
  std::string source;  // "simulated tuner (file or UDP source)", a frontend's description
  std::string error;   // the lock state could not be read (then nothing else is known)
  bool locked = false;
  std::optional<double> signal_dbm, signal_percent, snr_db, snr_percent;
  std::optional<double> ber_pre_fec, ber_post_fec;
};

// The service on screen: its DVB triplet and its SDT name ("" until an SDT
// names it).
struct ServiceIdentity {
  uint16_t onid = 0, tsid = 0, sid = 0;
  std::string name;
};

struct Diagnostics {
  std::string software_version;
  int64_t uptime_s = 0;
  ServiceIdentity service;
  TunerFigures tuner;
  // Stream health since start.
  uint64_t continuity_errors = 0, crc_errors = 0, packets = 0;
  std::vector<uint32_t> active_notices;
  std::vector<std::string> last_errors;  // bounded by the caller
};

std::string reportBodyJson(const ReportRequest& request, const dvb::notice::BoxIdentity& box,
                           dvb::UtcSeconds created, const Diagnostics& diagnostics);

}  // namespace stb::menu
