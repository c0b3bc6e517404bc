#pragma once
// A confirmed fault report as the central system's API takes it
// (docs/central-api.md): the viewer's answers, the box's identity and the
// diagnostics the box attaches by itself. JSON text; the outbox adds the
// report_id.
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/notice.h"
#include "stb/menu/menu.h"

namespace stb::menu {

// API names: "no_picture", "mosaic_freezing", ...; "morning", ..., "any".
const char* categoryCode(Category c);
const char* visitCode(VisitPeriod v);

struct Diagnostics {
  std::string software_version;
  int64_t uptime_s = 0;
  // The service on screen (first program of the PAT in file/UDP mode).
  uint16_t onid = 0, tsid = 0, sid = 0;
  std::string service_name;
  // Tuner (a simulated tuner in file and UDP mode).
  bool tuner_locked = false;
  double signal_dbm = 0, snr_db = 0, ber_pre_fec = 0, ber_post_fec = 0;
  // Stream health since start.
  uint64_t continuity_errors = 0, crc_errors = 0, packets = 0;
  std::vector<uint32_t> active_notices;
  std::vector<std::string> last_errors;  // bounded by the caller
};

std::string reportBodyJson(const ReportRequest& request, const dvb::notice::BoxIdentity& box,
                           dvb::UtcSeconds created, const Diagnostics& diagnostics);

}  // namespace stb::menu
