#pragma once
// The section filters one demux device runs for the daemon: one fd per
// filter (the Linux DVB API's model), started with DMX_SET_FILTER, re-armed
// when the PMT changes, and read one whole section per readable fd.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dvb/section.h"
#include "platform/box/device_io.h"
#include "platform/box/section_filter_spec.h"

namespace platform {
namespace box {

struct SectionRead {
  enum class Status {
    kSection,     // section and pid are set
    kWouldBlock,  // nothing to read now
    kDropped,     // a read whose length did not hold one section; counted; error says why
    kOverflow,    // the driver's buffer overflowed (EOVERFLOW); counted, the filter goes on
    kError,       // read failed otherwise, or fd is not one of ours; error says why
  };
  Status status = Status::kError;
  uint16_t pid = 0;
  std::optional<dvb::Section> section;
  std::string error;
};

struct SectionFilterCounters {
  uint64_t sections = 0;        // handed on
  uint64_t short_reads = 0;     // fewer bytes than the section header claims
  uint64_t overlong_reads = 0;  // more bytes than the section header claims
  uint64_t malformed = 0;       // lengths agreed but dvb::Section refused the bytes
  uint64_t overflows = 0;       // EOVERFLOW from the driver
  uint64_t read_errors = 0;     // any other read failure
};

class SectionFilterSet {
 public:
  // IO must outlive the set. DEMUX_PATH is opened once per filter.
  SectionFilterSet(DeviceIo* io, std::string demux_path);
  ~SectionFilterSet();  // stops every filter
  SectionFilterSet(const SectionFilterSet&) = delete;
  SectionFilterSet& operator=(const SectionFilterSet&) = delete;

  // Opens the demux (O_RDONLY | O_NONBLOCK), sets the buffer size when the
  // spec asks for one, then DMX_SET_FILTER (which starts it). Adding a spec
  // that already runs does nothing. False and *error (the device, the spec
  // and the failing step) when any step fails; nothing stays open then.
  bool add(const SectionFilterSpec& spec, std::string* error);
  // Stops (DMX_STOP) and closes the filter; false when SPEC is not running.
  bool remove(const SectionFilterSpec& spec);
  // Makes the running set equal WANTS: filters not wanted any more are
  // stopped, new ones started, unchanged ones keep their fd (and whatever
  // sections they hold). False and *error listing every spec that failed
  // to start; the others are applied regardless.
  bool rearm(const std::vector<SectionFilterSpec>& wants, std::string* error);
  void clear();

  // The fds to poll for POLLIN, in the order the filters were added.
  std::vector<int> fds() const;
  std::vector<SectionFilterSpec> specs() const;
  std::optional<SectionFilterSpec> specFor(int fd) const;
  size_t size() const { return filters_.size(); }

  // Reads one section from FD (one read(2): the demux hands over one whole
  // section per read). The length is checked against the bytes read, never
  // taken from the header alone.
  SectionRead read(int fd);

  const SectionFilterCounters& counters() const { return counters_; }
  const std::string& demuxPath() const { return demux_path_; }

 private:
  struct Filter {
    uint64_t order;
    SectionFilterSpec spec;
    DeviceFd fd;
  };
  std::map<int, Filter>::iterator find(const SectionFilterSpec& spec);
  void stop(Filter* filter);
  SectionRead dropped(uint64_t* counter, std::string why);

  DeviceIo* io_;
  std::string demux_path_;
  std::map<int, Filter> filters_;  // by fd
  uint64_t next_order_ = 0;
  SectionFilterCounters counters_;
  std::vector<uint8_t> buffer_;
};

}  // namespace box
}  // namespace platform
