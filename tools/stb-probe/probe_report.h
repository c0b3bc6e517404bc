#pragma once
// What stb-probe learned from a stream: the tables a box sees, every TDT and
// TOT, and the health counters. Filled by ProbeCollector, printed as text or
// as JSON (keys documented in docs/stb-probe.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/stream_health.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/tot.h"

namespace tools {

struct ProbeNetwork {
  uint16_t network_id = 0;
  bool actual = true;
  std::string name;
  bool name_undecodable = false;
};

struct ProbeService {
  uint16_t onid = 0, tsid = 0, sid = 0;
  bool actual = true;
  uint8_t type = 0;
  std::string name, provider;
  bool name_undecodable = false;
};

struct ProbeTot {
  dvb::UtcSeconds utc = 0;
  std::vector<dvb::LocalTimeOffset> offsets;
};

// One object of the notice protocol found on a PID announced with 'STBN'.
struct ProbeObject {
  uint16_t pid = 0;
  std::string type;  // "notice", "fee_batch", ...
  uint32_t object_id = 0;
  uint32_t revision = 0;
  std::string status;   // "verified", "rejected: <reason>: <detail>", "unverified: ..."
  std::string summary;  // for notices: kind, window and first title
};

struct ProbePmt {
  uint16_t pid = 0;
  dvb::Pmt pmt;
};

struct ProbePidHealth {
  uint16_t pid = 0;
  dvb::PidHealth counts;
  uint64_t crc_errors = 0;
  uint64_t malformed_sections = 0;
};

struct ProbeHealth {
  uint64_t sync_errors = 0;
  uint64_t bytes_skipped = 0;
  uint64_t malformed_packets = 0;
  dvb::PidHealth total;
  uint64_t crc_errors = 0;
  uint64_t malformed_sections = 0;
  dvb::RepetitionStats pat, pmt, tdt;
  std::vector<ProbePidHealth> pids;
};

struct ProbeReport {
  std::string source;
  uint64_t packets = 0;
  size_t packet_size = 0;
  uint64_t file_sections = 0;  // sections read from a file of sections (no packets)
  std::optional<dvb::Pat> pat;
  std::map<uint16_t, ProbePmt> pmts;                           // by program_number
  std::map<std::pair<uint16_t, bool>, ProbeNetwork> networks;  // (network_id, actual)
  std::map<std::tuple<uint16_t, uint16_t, uint16_t>, ProbeService> services;  // onid, tsid, sid
  std::vector<dvb::UtcSeconds> tdts;
  std::vector<ProbeTot> tots;
  uint64_t eit_sections = 0;
  std::map<uint16_t, uint64_t> extra_pid_sections;
  std::vector<ProbeObject> objects;              // --pid PIDs: sections that passed CRC
  std::map<std::string, uint64_t> table_errors;  // "PID 0x0012 table 0x4e: why" -> count
  ProbeHealth health;
};

}  // namespace tools
