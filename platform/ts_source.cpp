// openTsSource: picks the source for a spec.
#include "platform/ts_source.h"

#include "platform/file_source.h"
#include "platform/udp_source.h"
#include "platform/udp_spec.h"

namespace platform {
namespace {

// "rtp://x", "http://x": a scheme we do not serve, rather than a file name.
bool hasOtherScheme(const std::string& spec) {
  const size_t colon = spec.find("://");
  if (colon == std::string::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    const char c = spec[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<TsSource> openTsSource(const std::string& spec, std::string* error) {
  if (isUdpSpec(spec)) {
    UdpSpec udp;
    if (!parseUdpSpec(spec, &udp, error)) return nullptr;
    return UdpSource::open(udp, error);
  }
  if (hasOtherScheme(spec)) {
    *error = "unsupported source '" + spec + "' (use a file path or udp://)";
    return nullptr;
  }
  return FileSource::open(spec, error);
}

}  // namespace platform
