#include "tools/stb-mkts/sample_stream.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dvb/table_ids.h"
#include "dvb/tables/nit.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/sdt.h"

namespace tools {
namespace {

constexpr uint16_t kNetworkId = 0x0360;  // Jiangxi: 36 is the province's division code
constexpr uint16_t kTsid = 1;
constexpr uint16_t kPcrPid = 0x0100;
constexpr uint16_t kVideoPid = 0x0101;

struct SampleService {
  uint16_t sid;
  const char* name;
  const char* provider;
  dvb::text::Charset charset;
};

const SampleService kServices[] = {
    {101, "江西卫视", "江西有线", dvb::text::Charset::Gb2312},
    {102, "CCTV-1 综合", "江西有线", dvb::text::Charset::Gb2312},
    {103, "Televisión Española", "RTVE", dvb::text::Charset::Iso6937},
    {104, "Canal Clásico", "RTVE", dvb::text::Charset::Iso8859_15},
};

dvb::DvbText text(const char* utf8, dvb::text::Charset charset) {
  dvb::DvbText t;
  std::string error;
  if (!dvb::DvbText::fromUtf8(utf8, charset, &t, &error))
    std::fprintf(stderr, "sample stream: cannot encode \"%s\": %s\n", utf8, error.c_str());
  return t;
}

std::vector<Carousel> sampleCarousels() {
  dvb::Pat pat;
  pat.transport_stream_id = kTsid;
  pat.network_pid = dvb::pid::kNit;
  std::vector<Carousel> carousels;
  for (const SampleService& s : kServices) {
    const uint16_t pmt_pid = static_cast<uint16_t>(0x1000 + s.sid);
    pat.programs.push_back({s.sid, pmt_pid});
    dvb::Pmt pmt;
    pmt.program_number = s.sid;
    pmt.pcr_pid = kPcrPid;
    pmt.streams.push_back({0x1B, kVideoPid, {}});
    pmt.streams.push_back({0x04, static_cast<uint16_t>(0x0200 + s.sid), {}});
    carousels.push_back({pmt_pid, pmt.encode(), 100});
  }
  carousels.insert(carousels.begin(), Carousel{dvb::pid::kPat, pat.encode(), 100});

  dvb::Nit nit;
  nit.network_id = kNetworkId;
  nit.descriptors.push_back({0x40, text("江西有线", dvb::text::Charset::Gb2312).raw});
  nit.transport_streams.push_back({kTsid, kNetworkId, {}});
  carousels.push_back({dvb::pid::kNit, nit.encode(), 2000});

  dvb::Sdt sdt;
  sdt.transport_stream_id = kTsid;
  sdt.original_network_id = kNetworkId;
  for (const SampleService& s : kServices) {
    dvb::ServiceDescriptor sd;
    sd.service_type = 0x01;
    sd.service_name = text(s.name, s.charset);
    sd.provider_name = text(s.provider, s.charset);
    dvb::Sdt::Service svc;
    svc.service_id = s.sid;
    svc.running_status = 4;
    if (auto d = sd.encode()) svc.descriptors.push_back(*d);
    sdt.services.push_back(svc);
  }
  carousels.push_back({dvb::pid::kSdt, sdt.encode(), 2000});
  return carousels;
}

dvb::Tot chinaTot() {
  dvb::LocalTimeOffsetDescriptor lto;
  lto.entries.push_back({"CHN", 0, 480, *dvb::parseIso8601("2030-01-01T00:00:00Z"), 480});
  dvb::Tot tot;
  if (auto d = lto.encode()) tot.descriptors.push_back(*d);
  return tot;
}

}  // namespace

CarouselMux makeSampleMux(const SampleStreamOptions& options) {
  MuxOptions mux;
  mux.bitrate_bps = options.bitrate_bps;
  mux.start_utc = options.start_utc;
  mux.duration_ms = options.duration_ms;
  mux.tdt_period_ms = 1000;
  mux.tot = chinaTot();
  mux.tot_period_ms = 5000;
  mux.pcr_pid = kPcrPid;
  mux.filler_pid = kVideoPid;
  CarouselMux m(mux);
  for (Carousel& c : sampleCarousels()) m.add(std::move(c));
  return m;
}

bool writeSampleStream(const std::string& path, const SampleStreamOptions& options,
                       std::string* error) {
  if (options.packet_size != 188 && options.packet_size != 192 && options.packet_size != 204) {
    *error = "packet size must be 188, 192 or 204";
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = true;
  uint32_t packet_index = 0;
  std::vector<uint8_t> framed;
  makeSampleMux(options).run([&](const std::vector<uint8_t>& packets) {
    framed.clear();
    for (size_t i = 0; i < packets.size(); i += 188, ++packet_index) {
      if (options.packet_size == 192) {  // M2TS: 30-bit arrival timestamp prefix
        for (int shift = 24; shift >= 0; shift -= 8)
          framed.push_back(static_cast<uint8_t>(packet_index >> shift));
      }
      framed.insert(framed.end(), packets.begin() + static_cast<std::ptrdiff_t>(i),
                    packets.begin() + static_cast<std::ptrdiff_t>(i + 188));
      if (options.packet_size == 204) framed.insert(framed.end(), 16, 0x00);  // RS parity slot
    }
    ok = ok && std::fwrite(framed.data(), 1, framed.size(), f) == framed.size();
  });
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) *error = path + ": write failed: " + std::strerror(errno);
  return ok;
}

}  // namespace tools
