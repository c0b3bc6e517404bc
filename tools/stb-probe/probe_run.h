#pragma once
// Reads a TS source to its end (or for a bounded time, for a live UDP
// source) and collects what a box would see.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "dvb/notice/key_ring.h"
#include "dvb/text/annex_a.h"
#include "platform/ts_source.h"
#include "tools/stb-probe/probe_report.h"

namespace tools {

struct ProbeOptions {
  dvb::text::DecodeOptions text;
  // Stop after this many seconds of wall time; 0 = only at end of stream.
  double max_seconds = 0;
  // PIDs to assemble sections on besides the standard SI ones (e.g. an
  // unreferenced EIT PID); their sections are CRC-checked and counted.
  std::vector<uint16_t> extra_pids;
  // Keys to verify notice-protocol objects with; without them objects are
  // listed as unverified.
  std::shared_ptr<dvb::notice::KeyRing> keys;
  // Set from a signal handler to stop early; may be null.
  const std::atomic<bool>* stop = nullptr;
};

// False with *error when reading fails; a damaged stream is not an error.
bool runProbe(platform::TsSource& source, const ProbeOptions& options, ProbeReport* report,
              std::string* error);

}  // namespace tools
