#include "tools/stb-headend/off_air_udp_reader.h"

#include "platform/udp_spec.h"

namespace tools::headend {

std::unique_ptr<OffAirUdpReader> OffAirUdpReader::open(const std::string& spec,
                                                       std::string* error) {
  static const std::string kRtp = "rtp://";
  const std::string udp =
      spec.compare(0, kRtp.size(), kRtp) == 0 ? "udp://" + spec.substr(kRtp.size()) : spec;
  platform::UdpSpec parsed;
  if (!platform::isUdpSpec(udp)) {
    *error = "monitor source '" + spec + "' is not udp:// or rtp://";
    return nullptr;
  }
  if (!platform::parseUdpSpec(udp, &parsed, error)) return nullptr;
  std::unique_ptr<platform::UdpSource> source = platform::UdpSource::open(parsed, error);
  if (!source) return nullptr;
  return std::unique_ptr<OffAirUdpReader>(new OffAirUdpReader(std::move(source)));
}

bool OffAirUdpReader::drain(OffAirMonitor& monitor, uint64_t stream_ms, std::string* error) {
  for (;;) {
    const platform::ReadResult r = source_->read(buffer_.data(), buffer_.size());
    switch (r.status) {
      case platform::ReadResult::Status::kData:
        monitor.push(buffer_.data(), r.bytes, stream_ms);
        break;
      case platform::ReadResult::Status::kWouldBlock:
      case platform::ReadResult::Status::kEnd:  // never for UDP
        return true;
      case platform::ReadResult::Status::kError:
        *error = source_->describe() + ": " + r.error;
        return false;
    }
  }
}

}  // namespace tools::headend
