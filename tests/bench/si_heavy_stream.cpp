#include "tests/bench/si_heavy_stream.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

#include "dvb/byte_writer.h"
#include "dvb/mjd_time.h"
#include "dvb/section_packetizer.h"
#include "dvb/table_ids.h"
#include "dvb/tables/nit.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/sdt.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"

namespace bench {
namespace {

constexpr uint16_t kOnid = 0x0360, kTsid = 1, kVideoPid = 0x0101;
constexpr dvb::UtcSeconds kStart = 1795924800;  // 2026-11-29T00:00:00Z

// One EIT section (EN 300 468, 5.2.4) with `events` events of 30 minutes.
dvb::Section eitSection(uint8_t table_id, uint16_t sid, uint8_t number, uint8_t last,
                        int first_event, int events) {
  dvb::ByteWriter w;
  w.u16(kTsid);
  w.u16(kOnid);
  w.u8(last);      // segment_last_section_number
  w.u8(table_id);  // last_table_id
  for (int e = first_event; e < first_event + events; ++e) {
    w.u16(static_cast<uint16_t>(e));
    uint8_t start[5];
    dvb::encodeUtcTime(kStart + e * 1800, start);
    w.bytes(start, 5);
    w.u24(0x003000);  // duration 00:30:00 BCD
    const char title[] = "Programa de prueba / 测试节目";
    const uint8_t title_len = sizeof(title) - 1;
    const uint8_t short_event_len = static_cast<uint8_t>(3 + 1 + title_len + 1 + 40);
    w.u16(static_cast<uint16_t>(0x8000 | (2 + short_event_len)));  // running, loop length
    w.u8(0x4D);
    w.u8(short_event_len);
    w.bytes(reinterpret_cast<const uint8_t*>("spa"), 3);
    w.u8(title_len);
    w.bytes(reinterpret_cast<const uint8_t*>(title), title_len);
    w.u8(40);
    for (int i = 0; i < 40; ++i) w.u8(static_cast<uint8_t>('a' + i % 26));
  }
  return dvb::Section::makeLong(table_id, sid, 1, number, last, w.take(), true);
}

using Table = std::pair<uint16_t, std::vector<dvb::Section>>;

std::vector<Table> siCarousel(int services) {
  std::vector<Table> tables;
  auto add = [&](uint16_t pid, std::vector<dvb::Section> sections) {
    tables.emplace_back(pid, std::move(sections));
  };
  dvb::Pat pat;
  pat.transport_stream_id = kTsid;
  pat.network_pid = dvb::pid::kNit;
  dvb::Sdt sdt;
  sdt.transport_stream_id = kTsid;
  sdt.original_network_id = kOnid;
  for (int s = 1; s <= services; ++s) {
    const auto sid = static_cast<uint16_t>(s);
    pat.programs.push_back({sid, static_cast<uint16_t>(0x1000 + s)});
    dvb::Pmt pmt;
    pmt.program_number = sid;
    pmt.pcr_pid = kVideoPid;
    pmt.streams.push_back({0x1B, kVideoPid, {}});
    add(static_cast<uint16_t>(0x1000 + s), pmt.encode());
    dvb::ServiceDescriptor sd;
    sd.service_type = 1;
    std::string error;
    dvb::DvbText::fromUtf8("Servicio " + std::to_string(s), dvb::text::Charset::Iso6937,
                           &sd.service_name, &error);
    dvb::Sdt::Service svc;
    svc.service_id = sid;
    svc.descriptors.push_back(*sd.encode());
    sdt.services.push_back(svc);
    std::vector<dvb::Section> eit;
    eit.push_back(eitSection(0x4E, sid, 0, 1, 0, 1));
    eit.push_back(eitSection(0x4E, sid, 1, 1, 1, 1));
    for (uint8_t n = 0; n < 32; ++n) eit.push_back(eitSection(0x50, sid, n, 31, n * 12, 12));
    add(dvb::pid::kEit, eit);
  }
  add(dvb::pid::kPat, pat.encode());
  add(dvb::pid::kSdt, sdt.encode());
  dvb::Nit nit;
  nit.network_id = kOnid;
  nit.descriptors.push_back({0x40, {'B', 'e', 'n', 'c', 'h'}});
  add(dvb::pid::kNit, nit.encode());
  return tables;
}

}  // namespace

bool writeSiHeavyStream(const std::string& path, const SiHeavyOptions& options,
                        std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  // One pass of the SI carousel interleaved with video filler at the requested
  // ratio, repeated until the size is reached.
  const auto tables = siCarousel(options.services);
  std::map<uint16_t, dvb::SectionPacketizer> packetizers;  // one per PID: continuity holds
  for (const auto& t : tables) packetizers.emplace(t.first, dvb::SectionPacketizer(t.first));
  dvb::SectionPacketizer time_out(dvb::pid::kTdt);
  std::vector<uint8_t> si;
  uint8_t video_cc = 0;
  uint64_t written = 0, pass = 0;
  std::vector<uint8_t> chunk;
  bool ok = true;
  while (ok && written < options.target_bytes) {
    chunk.clear();
    si.clear();
    for (const auto& t : tables) packetizers.at(t.first).packetize(t.second, &si);
    time_out.packetize(dvb::Tdt{kStart + static_cast<int64_t>(pass++)}.encode(), &chunk);
    for (size_t i = 0; i < si.size(); i += 188) {
      chunk.insert(chunk.end(), si.begin() + static_cast<long>(i),
                   si.begin() + static_cast<long>(i + 188));
      for (int v = 0; v < (100 - options.si_percent) / options.si_percent; ++v) {
        uint8_t p[188] = {0x47, kVideoPid >> 8, kVideoPid & 0xFF,
                          static_cast<uint8_t>(0x10 | video_cc)};
        video_cc = (video_cc + 1) & 0x0F;
        std::memset(p + 4, 0x5A, 184);
        chunk.insert(chunk.end(), p, p + 188);
      }
    }
    ok = std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size();
    written += chunk.size();
  }
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) *error = path + ": write failed";
  return ok;
}

}  // namespace bench
