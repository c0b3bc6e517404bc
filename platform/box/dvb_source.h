#pragma once
// stbd's dvb:// source: one Linux DVB adapter's demux, read through section
// filters kept equal to what the daemon's SI demux wants (PAT, the PMTs it
// names, TDT/TOT, NIT/SDT when enabled, the notice PID), and the adapter's
// frontend for tuner status when it has one. The box's own software tunes;
// stbd only reads.
//
//   dvb://adapter0                        demux 0, frontend 0
//   dvb://adapter1?demux=1&frontend=0
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dvb/si_demux.h"
#include "platform/box/device_io.h"
#include "platform/box/frontend_tuner.h"
#include "platform/box/section_filter_set.h"
#include "platform/box/section_filter_spec.h"

namespace platform {
namespace box {

struct DvbSourceSpec {
  int adapter = 0;
  int demux = 0;
  int frontend = 0;

  // "dvb://adapter0?demux=0&frontend=0".
  std::string describe() const;
};

// True when TEXT names a dvb:// source (well-formed or not).
bool isDvbSource(const std::string& text);
// Parses "dvb://adapterN" with optional "?demux=M&frontend=K" (each 0..255,
// decimal). False and *error (quoting TEXT) otherwise.
bool parseDvbSource(const std::string& text, DvbSourceSpec* out, std::string* error);

// Private-section PIDs (the notice carousel) get this demux buffer, so a
// carousel burst survives a loop that is busy for a moment.
constexpr size_t kPrivateSectionBufferBytes = 256 * 1024;

// The kernel filter for one of the SI demux's wants: a PID that takes every
// table (private sections) gets kPrivateSectionBufferBytes, the PSI tables
// the driver's default buffer.
SectionFilterSpec filterSpecFor(const dvb::SectionWant& want);

class DvbSource {
 public:
  // Opens the demux once to check that the adapter is there (each filter
  // opens its own fd later), then the frontend read-only. Nullptr and
  // *error when the demux cannot be opened ("no DVB adapter 0: cannot open
  // /dev/dvb/adapter0/demux0: No such file or directory (is its driver
  // loaded?)"). A frontend that cannot be opened is no error: *frontend_note
  // says why, and tuner() then answers every reading with that reason. IO
  // must outlive the source.
  static std::unique_ptr<DvbSource> open(DeviceIo* io, const DvbSourceSpec& spec,
                                         std::string* error, std::string* frontend_note);

  // Makes the running filters those WANTS need; unchanged ones keep their fd
  // and what it holds. False and *error naming the filters that failed (the
  // others run regardless).
  bool follow(const std::vector<dvb::SectionWant>& wants, std::string* error);

  SectionFilterSet& filters() { return filters_; }
  const SectionFilterSet& filters() const { return filters_; }
  // The frontend's status; without a frontend, a tuner whose every reading
  // fails, saying why (a fault report then says so, rather than inventing
  // figures).
  Tuner* tuner() { return tuner_.get(); }
  bool hasFrontend() const { return has_frontend_; }
  // "dvb://adapter0 (/dev/dvb/adapter0/demux0, frontend /dev/dvb/adapter0/frontend0)".
  std::string describe() const;

 private:
  DvbSource(DeviceIo* io, const DvbSourceSpec& spec);

  DvbSourceSpec spec_;
  SectionFilterSet filters_;
  std::unique_ptr<Tuner> tuner_;
  bool has_frontend_ = false;
};

}  // namespace box
}  // namespace platform
