// libFuzzer target for dvb::TsFramer: the input is fed in two chunks, split
// at the offset given by its first byte, and again in one piece; both runs
// must deliver the same packets, each starting with the sync byte.
#include "dvb/framing/ts_framer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Run {
  std::vector<uint8_t> packets;  // concatenated
  uint64_t sync_errors = 0;
  uint64_t skipped = 0;
};

Run frame(const uint8_t* data, size_t size, size_t split) {
  dvb::TsFramer framer;
  Run run;
  auto on_packet = [&](const uint8_t* packet) {
    if (packet[0] != dvb::kTsSyncByte) std::abort();
    run.packets.insert(run.packets.end(), packet, packet + dvb::kTsPacketSize);
  };
  framer.push(data, split, on_packet);
  framer.push(data + split, size - split, on_packet);
  framer.finish();
  if (framer.packets() * dvb::kTsPacketSize != run.packets.size()) std::abort();
  run.sync_errors = framer.syncErrors();
  run.skipped = framer.bytesSkipped();
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t split = data[0] < size ? data[0] : size;
  const Run chunked = frame(data, size, split);
  const Run whole = frame(data, size, size);
  if (chunked.packets != whole.packets || chunked.sync_errors != whole.sync_errors ||
      chunked.skipped != whole.skipped) {
    std::abort();
  }
  return 0;
}
