#include "tools/stb-notice/verify_source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "dvb/framing/ts_framer.h"
#include "dvb/notice/signed_object.h"
#include "dvb/si_demux.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"

namespace tools::notice {
namespace {

// The demux's tables on a notice PID -> GatheredTables, counting what does
// not belong.
class Collector : public dvb::SiListener {
 public:
  explicit Collector(SourceScan* scan) : scan_(scan) {}

  // Demux options for a notice PID: every notice object table gathered, the
  // rest counted as foreign; no NIT or SDT.
  dvb::SiDemuxOptions demuxOptions() {
    dvb::SiDemuxOptions options;
    options.nit = false;
    options.sdt = false;
    options.gather = [this](uint16_t pid, uint8_t table_id, uint16_t) {
      return gathers(pid, table_id);
    };
    return options;
  }

  // At the end of the source: tables complete before the first TDT/TOT are
  // judged at it, as a box does; the demux's section errors counted.
  void finish(const dvb::SiDemux& demux) {
    for (GatheredTable& t : scan_->tables)
      if (!t.stream_time) t.stream_time = first_stream_time_;
    // Errors count on every section PID the demux assembled; the notice PID is
    // the only private one, and PSI errors matter to a box as much.
    const dvb::SectionErrors errors = demux.sectionErrors();
    scan_->crc_errors += errors.crc_errors;
    scan_->malformed_sections += errors.malformed;
  }

  void onPrivateTable(uint16_t pid, const std::vector<dvb::Section>& sections) override {
    scan_->tables.push_back({scan_->transport_stream ? pid : uint16_t{0}, sections, stream_time_});
  }
  void onOtherSection(uint16_t, const dvb::Section&) override { ++scan_->foreign_sections; }
  // On a notice table_id (never a PSI one) the demux reports only a
  // short-syntax section, right after the filter took it: no table, so the
  // filter's naming of its PID is undone.
  void onTableError(uint16_t, uint8_t table_id, const std::string&) override {
    if (!dvb::notice::isObjectTableId(table_id)) return;
    ++scan_->malformed_sections;
    if (named_now_) scan_->pids.pop_back();
    named_now_ = false;
  }
  void onTdt(const dvb::Tdt& tdt) override { streamTime(tdt.utc); }
  void onTot(const dvb::Tot& tot) override { streamTime(tot.utc); }

 private:
  // A PID is a notice PID from its first (long-syntax) section on a notice
  // table_id, in stream order.
  bool gathers(uint16_t pid, uint8_t table_id) {
    named_now_ = false;
    if (!dvb::notice::isObjectTableId(table_id)) return false;
    if (scan_->transport_stream &&
        std::find(scan_->pids.begin(), scan_->pids.end(), pid) == scan_->pids.end()) {
      scan_->pids.push_back(pid);
      named_now_ = true;
    }
    return true;
  }

  void streamTime(dvb::UtcSeconds utc) {
    stream_time_ = utc;
    if (!first_stream_time_) first_stream_time_ = utc;
  }

  SourceScan* scan_;
  bool named_now_ = false;  // the filter's last answer named a PID
  std::optional<dvb::UtcSeconds> stream_time_, first_stream_time_;
};

bool readFile(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  uint8_t buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out->insert(out->end(), buf, buf + n);
  if (std::ferror(f.get())) {
    *error = path + ": read failed";
    return false;
  }
  return true;
}

bool scanTs(const std::string& path, std::optional<uint16_t> pid, SourceScan* scan,
            std::string* error) {
  scan->transport_stream = true;
  Collector collector(scan);
  dvb::SiDemuxOptions options = collector.demuxOptions();
  if (!pid) options.follow_registration = dvb::notice::kRegistrationFormat;
  dvb::SiDemux demux(collector, options);
  if (pid) demux.addSectionPid(*pid);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  dvb::TsFramer framer;
  uint8_t buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0)
    framer.push(buf, n, [&](const uint8_t* packet) { demux.pushPacket(packet); });
  framer.finish([&](const uint8_t* packet) { demux.pushPacket(packet); });
  collector.finish(demux);
  if (std::ferror(f.get())) {
    *error = path + ": read failed";
    return false;
  }
  scan->packets = demux.packets();
  return true;
}

}  // namespace

void scanSections(const std::vector<uint8_t>& bytes, SourceScan* scan) {
  Collector collector(scan);
  dvb::SiDemux demux(collector, collector.demuxOptions());
  // Any PID the demux reads as private sections; its tables report PID 0.
  // It takes every length a section_length can say, as the file does.
  constexpr uint16_t kFilePid = 0x0020;
  demux.addSectionPid(kFilePid, 3 + 0x0FFF);
  size_t pos = 0;
  while (pos < bytes.size()) {
    if (bytes[pos] == 0xFF) break;  // stuffing: nothing follows
    if (bytes.size() - pos < 3) {
      ++scan->malformed_sections;
      break;
    }
    const size_t length = 3 + (((bytes[pos + 1] & 0x0F) << 8) | bytes[pos + 2]);
    if (bytes.size() - pos < length) {
      ++scan->malformed_sections;
      break;
    }
    std::string why;
    auto section = dvb::Section::fromBytes(
        std::vector<uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(pos),
                             bytes.begin() + static_cast<std::ptrdiff_t>(pos + length)),
        &why);
    pos += length;
    if (section)
      demux.pushSection(kFilePid, std::move(*section));  // counts a bad CRC_32
    else
      ++scan->malformed_sections;
  }
  collector.finish(demux);
}

bool scanSource(const std::string& path, std::optional<uint16_t> pid, SourceScan* scan,
                std::string* error) {
  const bool bin = path.size() > 4 && path.compare(path.size() - 4, 4, ".bin") == 0;
  if (!bin) return scanTs(path, pid, scan, error);
  std::vector<uint8_t> bytes;
  if (!readFile(path, &bytes, error)) return false;
  scanSections(bytes, scan);
  return true;
}

}  // namespace tools::notice
