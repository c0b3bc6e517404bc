// Ingest throughput: how fast the box's DVB layer eats a large stream.
// Prints figures; asserts nothing about time (machines here are shared).
//
//   build/release/bin/stb-bench-ingest [--size-mb 200] [--keep FILE]
//
// Figures (best of 3 runs, warm page cache, one core):
//   read        read() of the file alone, 1 MiB chunks
//   filtered    framer + SiDemux with what a box needs (PAT, PMT, TDT/TOT)
//   probe       stb-probe's whole collection (every SI table + EIT CRC checks)
//   libdvbpsi   a bare libdvbpsi loop decoding PAT, NIT, SDT, EIT, TDT/TOT
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "dvb/framing/ts_framer.h"
#include "dvb/si_demux.h"
#include "platform/arg_cursor.h"
#include "platform/arg_values.h"
#include "platform/ts_source.h"
#include "tests/bench/bare_libdvbpsi.h"
#include "tests/bench/si_heavy_stream.h"
#include "tools/stb-probe/probe_run.h"

namespace {

double bestSeconds(const std::function<void()>& run) {
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    run();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  return best;
}

void readAll(const std::string& path, const std::function<void(const uint8_t*, size_t)>& use) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::vector<uint8_t> buffer(1 << 20);
  ssize_t n;
  while ((n = read(fd, buffer.data(), buffer.size())) > 0) use(buffer.data(), size_t(n));
  close(fd);
}

struct NullListener : dvb::SiListener {
  uint64_t tables = 0;
  void onPat(const dvb::Pat&) override { ++tables; }
  void onPmt(uint16_t, const dvb::Pmt&) override { ++tables; }
  void onTdt(const dvb::Tdt&) override { ++tables; }
  void onTot(const dvb::Tot&) override { ++tables; }
};

}  // namespace

int main(int argc, char** argv) {
  bench::SiHeavyOptions options;
  std::string path = "/tmp/stb-bench-ingest.ts";
  bool keep = false;
  platform::ArgCursor a(argc, argv);
  while (!a.done()) {
    if (a.option("--keep", &path)) {
      keep = true;
      continue;
    }
    std::string v;
    const auto mb =
        a.option("--size-mb", &v) ? platform::parseUnsigned(v, 1, 1'000'000) : std::nullopt;
    if (!mb) {
      std::fprintf(stderr, "usage: stb-bench-ingest [--size-mb N] [--keep FILE]\n");
      return 2;
    }
    options.target_bytes = *mb << 20;
  }
  std::string error;
  if (!bench::writeSiHeavyStream(path, options, &error)) {
    std::fprintf(stderr, "stb-bench-ingest: %s\n", error.c_str());
    return 1;
  }
  uint64_t bytes = 0;
  readAll(path, [&](const uint8_t*, size_t n) { bytes += n; });
  const double mb = static_cast<double>(bytes) / 1e6;

  uint64_t sink = 0;
  const double t_read =
      bestSeconds([&] { readAll(path, [&](const uint8_t* p, size_t n) { sink += p[n - 1]; }); });
  const double t_filtered = bestSeconds([&] {
    NullListener listener;
    dvb::SiDemuxOptions box;
    box.nit = false;
    box.sdt = false;
    dvb::SiDemux demux(listener, box);
    dvb::TsFramer framer;
    readAll(path, [&](const uint8_t* p, size_t n) {
      framer.push(p, n, [&](const uint8_t* packet) { demux.pushPacket(packet); });
    });
    sink += listener.tables;
  });
  const double t_probe = bestSeconds([&] {
    auto source = platform::openTsSource(path, &error);
    tools::ProbeReport report;
    tools::runProbe(*source, tools::ProbeOptions{}, &report, &error);
    sink += report.packets;
  });
  bench::BareCounts counts;
  const double t_bare = bestSeconds([&] {
    counts = bench::BareCounts{};
    bench::runBareLibdvbpsi(path, &counts, &error);
  });

  std::printf("stream: %.1f MB, %d services, SI %d%% of packets (sink %llu)\n", mb,
              options.services, options.si_percent, static_cast<unsigned long long>(sink % 10));
  std::printf(
      "libdvbpsi baseline decoded: %llu PAT, %llu NIT, %llu SDT, %llu EIT, %llu TDT/TOT\n",
      static_cast<unsigned long long>(counts.pats), static_cast<unsigned long long>(counts.nits),
      static_cast<unsigned long long>(counts.sdts), static_cast<unsigned long long>(counts.eits),
      static_cast<unsigned long long>(counts.times));
  std::printf("%-10s %9s %9s\n", "run", "MB/s", "seconds");
  std::printf("%-10s %9.0f %9.3f\n", "read", mb / t_read, t_read);
  std::printf("%-10s %9.0f %9.3f\n", "filtered", mb / t_filtered, t_filtered);
  std::printf("%-10s %9.0f %9.3f\n", "probe", mb / t_probe, t_probe);
  std::printf("%-10s %9.0f %9.3f\n", "libdvbpsi", mb / t_bare, t_bare);
  std::printf("filtered ingest / read: %.2fx the time\n", t_filtered / t_read);
  std::printf("probe / bare libdvbpsi: %.2fx the time (target <= 1.5)\n", t_probe / t_bare);
  if (!keep) unlink(path.c_str());
  return 0;
}
