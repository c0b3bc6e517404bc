#include "platform/box/dvb_source.h"

#include <fcntl.h>

#include <cerrno>
#include <set>

namespace platform {
namespace box {
namespace {

constexpr const char kScheme[] = "dvb://";
constexpr int kMaxDeviceNumber = 255;

// Decimal 0..kMaxDeviceNumber, nothing else.
bool parseNumber(const std::string& text, int* out) {
  if (text.empty() || text.size() > 3) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value > kMaxDeviceNumber) return false;
  *out = value;
  return true;
}

// An adapter without a frontend stbd can open: every reading fails, saying why.
class NoFrontend : public Tuner {
 public:
  explicit NoFrontend(std::string why) : why_(std::move(why)) {}
  std::optional<TunerStatus> readStatus(std::string* error) override {
    *error = why_;
    return std::nullopt;
  }
  std::string describe() const override { return "no frontend"; }

 private:
  std::string why_;
};

}  // namespace

std::string DvbSourceSpec::describe() const {
  return std::string(kScheme) + "adapter" + std::to_string(adapter) +
         "?demux=" + std::to_string(demux) + "&frontend=" + std::to_string(frontend);
}

bool isDvbSource(const std::string& text) {
  return text.rfind(kScheme, 0) == 0;
}

bool parseDvbSource(const std::string& text, DvbSourceSpec* out, std::string* error) {
  const std::string usage = " (dvb://adapterN, optionally ?demux=M&frontend=K)";
  auto fail = [&](const std::string& why) {
    *error = "'" + text + "': " + why + usage;
    return false;
  };
  if (!isDvbSource(text)) return fail("not a dvb:// source");
  const std::string rest = text.substr(sizeof(kScheme) - 1);
  const size_t query = rest.find('?');
  const std::string device = rest.substr(0, query);
  DvbSourceSpec spec;
  if (device.rfind("adapter", 0) != 0 || !parseNumber(device.substr(7), &spec.adapter))
    return fail("expected adapterN with N 0.." + std::to_string(kMaxDeviceNumber));
  if (query != std::string::npos) {
    std::set<std::string> seen;
    const std::string params = rest.substr(query + 1);
    size_t begin = 0;
    while (begin <= params.size()) {
      const size_t end = std::min(params.find('&', begin), params.size());
      const std::string param = params.substr(begin, end - begin);
      const size_t equals = param.find('=');
      const std::string name = param.substr(0, equals);
      if (equals == std::string::npos || (name != "demux" && name != "frontend"))
        return fail("unknown parameter '" + param + "'");
      if (!seen.insert(name).second) return fail(name + " is given twice");
      int* field = name == "demux" ? &spec.demux : &spec.frontend;
      if (!parseNumber(param.substr(equals + 1), field))
        return fail(name + " must be a number 0.." + std::to_string(kMaxDeviceNumber));
      begin = end + 1;
    }
  }
  *out = spec;
  return true;
}

SectionFilterSpec filterSpecFor(const dvb::SectionWant& want) {
  SectionFilterSpec spec;
  spec.pid = want.pid;
  spec.table_id = want.table_id & want.table_id_mask;
  spec.table_id_mask = want.table_id_mask;
  if (want.table_id_mask == 0) spec.buffer_bytes = kPrivateSectionBufferBytes;
  return spec;
}

DvbSource::DvbSource(DeviceIo* io, const DvbSourceSpec& spec)
    : spec_(spec), filters_(io, demuxPath(spec.adapter, spec.demux)) {}

std::unique_ptr<DvbSource> DvbSource::open(DeviceIo* io, const DvbSourceSpec& spec,
                                           std::string* error, std::string* frontend_note) {
  const std::string demux = demuxPath(spec.adapter, spec.demux);
  const IoResult probe = io->open(demux, O_RDONLY | O_NONBLOCK);
  if (!probe.ok()) {
    std::string hint;
    if (probe.err == ENOENT)
      hint = " (is its driver loaded? /dev/dvb/adapter" + std::to_string(spec.adapter) +
             " should exist)";
    else if (probe.err == EACCES)
      hint = " (stbd's user needs the group of the device, usually 'video')";
    *error = "no DVB adapter " + std::to_string(spec.adapter) + ": cannot open " + demux + ": " +
             errorText(probe.err) + hint;
    return nullptr;
  }
  io->close(static_cast<int>(probe.value));
  std::unique_ptr<DvbSource> source(new DvbSource(io, spec));
  std::string why;
  source->tuner_ = FrontendTuner::open(io, frontendPath(spec.adapter, spec.frontend), &why);
  source->has_frontend_ = source->tuner_ != nullptr;
  if (!source->tuner_) {
    *frontend_note = why + "; no tuner status in fault reports";
    source->tuner_ = std::make_unique<NoFrontend>(why);
  }
  return source;
}

bool DvbSource::follow(const std::vector<dvb::SectionWant>& wants, std::string* error) {
  std::vector<SectionFilterSpec> specs;
  for (const dvb::SectionWant& want : wants) specs.push_back(filterSpecFor(want));
  return filters_.rearm(specs, error);
}

std::string DvbSource::describe() const {
  return "dvb://adapter" + std::to_string(spec_.adapter) + " (" + filters_.demuxPath() +
         ", frontend " +
         (has_frontend_ ? frontendPath(spec_.adapter, spec_.frontend) : std::string("none")) + ")";
}

}  // namespace box
}  // namespace platform
