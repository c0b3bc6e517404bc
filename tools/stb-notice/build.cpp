#include "tools/stb-notice/build.h"
#include "platform/key_files.h"

#include <cstdio>

#include "dvb/notice/signature.h"
#include "tools/stb-notice/cli_values.h"
#include "tools/stb-notice/file_io.h"
#include "tools/stb-notice/input.h"
#include "tools/stb-notice/keygen.h"
#include "tools/stb-notice/sign_objects.h"
#include "tools/stb-notice/udp_sender.h"

namespace tools::notice {
namespace {

using dvb::notice::PrivateKey;

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::optional<PrivateKey> loadKey(const std::string& path, std::vector<std::string>* problems) {
  std::string error;
  auto key = platform::loadPrivateKey(path, &error);
  if (!key) problems->push_back(path + ": " + error);
  return key;
}

std::string describeObjects(const std::vector<SignedInput>& objects) {
  std::string out;
  for (const SignedInput& o : objects) {
    size_t bytes = 0;
    for (const dvb::Section& s : o.sections) bytes += s.bytes().size();
    char line[200];
    std::snprintf(line, sizeof line,
                  "  %-13s %10u  revision %-4u key %s  %zu section%s, %zu bytes\n",
                  dvb::notice::objectTypeName(o.object.type), o.object.object_id, o.object.revision,
                  dvb::notice::keyIdHex(o.object.key_id).c_str(), o.sections.size(),
                  o.sections.size() == 1 ? "" : "s", bytes);
    out += line;
  }
  return out;
}

bool writeSections(const std::string& path, const std::vector<dvb::Section>& sections,
                   std::string* summary, std::string* error) {
  uint64_t bytes = 0;
  const bool ok = writeFileAtomically(
      path,
      [&](const ChunkWriter& write, std::string*) {
        for (const dvb::Section& s : sections) {
          bytes += s.bytes().size();
          if (!write(s.bytes())) return false;
        }
        return true;
      },
      error);
  if (ok)
    *summary += "wrote " + path + ": " + std::to_string(sections.size()) + " section" +
                (sections.size() == 1 ? "" : "s") + ", " + std::to_string(bytes) + " bytes\n";
  return ok;
}

std::string describeStream(const StreamOptions& o, const StreamPlan& plan, uint64_t packets) {
  char pid[8];
  std::snprintf(pid, sizeof pid, "0x%04X", o.pid);
  std::string out = std::to_string(packets) + " packets (" + std::to_string(packets * 188) +
                    " bytes) at " + std::to_string(o.bitrate_bps) + " bit/s, notice PID " + pid +
                    ", TOT " + o.country + " " + formatUtcOffset(o.offset_minutes) + "\n  ";
  if (o.to) {
    out += std::to_string(plan.tdt_count) + " TDTs from " + dvb::formatIso8601(o.from) + " to " +
           dvb::formatIso8601(o.from + static_cast<dvb::UtcSeconds>((plan.tdt_count - 1) *
                                                                    (o.tdt_every_ms / 1000))) +
           " every " + dvb::formatDurationMs(o.tdt_every_ms) + " of simulated time; each of " +
           std::to_string(plan.step_packets) + " packets carries PAT, PMT and every object " +
           (o.repetitions == 1 ? std::string("once") : std::to_string(o.repetitions) + " times") +
           "\n";
  } else {
    out += std::to_string(plan.tdt_count) + " TDTs from " + dvb::formatIso8601(o.from) + " every " +
           dvb::formatDurationMs(o.tdt_every_ms) + " over " + dvb::formatDurationMs(o.duration_ms) +
           "; objects repeated every " + dvb::formatDurationMs(o.period_ms) + "\n";
  }
  return out;
}

bool writeStream(const BuildOptions& options, const std::vector<dvb::Section>& sections,
                 std::string* summary, std::string* error) {
  StreamPlan plan;
  auto mux = makeNoticeMux(sections, options.stream, &plan, error);
  if (!mux) return false;
  uint64_t packets = 0;
  if (targetKindOf(options.target) == TargetKind::kUdp) {
    UdpSendOptions udp;
    udp.target = options.target;
    udp.bitrate_bps = options.stream.bitrate_bps;
    udp.ttl = options.ttl;
    udp.loop = options.loop;
    udp.stop = options.stop;
    UdpSendResult sent;
    StreamPlan ignored;
    auto make = [&] { return *makeNoticeMux(sections, options.stream, &ignored, error); };
    if (!sendUdp(udp, make, &sent, error)) return false;
    *summary += "sent " + options.target + ": " + std::to_string(sent.datagrams) + " datagrams, " +
                std::to_string(sent.loops) + " complete pass" + (sent.loops == 1 ? "" : "es") +
                ", " + describeStream(options.stream, plan, sent.packets);
    return true;
  }
  const bool ok = writeFileAtomically(
      options.target,
      [&](const ChunkWriter& write, std::string*) {
        bool io_ok = true;
        mux->run([&](const std::vector<uint8_t>& chunk) {
          packets += chunk.size() / 188;
          io_ok = io_ok && write(chunk);
        });
        return io_ok;
      },
      error);
  if (ok)
    *summary += "wrote " + options.target + ": " + describeStream(options.stream, plan, packets);
  return ok;
}

}  // namespace

std::optional<TargetKind> targetKindOf(const std::string& target) {
  if (target.rfind("udp://", 0) == 0) return TargetKind::kUdp;
  if (endsWith(target, ".ts")) return TargetKind::kTs;
  if (endsWith(target, ".bin")) return TargetKind::kSections;
  return std::nullopt;
}

bool runBuild(const BuildOptions& options, std::string* summary,
              std::vector<std::string>* problems) {
  const auto kind = targetKindOf(options.target);
  if (!kind) {
    problems->push_back("--out must be FILE.bin, FILE.ts or udp://GROUP:PORT");
    return false;
  }
  uint8_t probe[5];
  if (!dvb::encodeUtcTime(options.issued, probe)) {
    problems->push_back("the issue time is outside the years a UTC_time can carry (1949-2127)");
    return false;
  }
  auto key = loadKey(options.key_path, problems);
  std::optional<PrivateKey> root;
  if (!options.root_key_path.empty()) root = loadKey(options.root_key_path, problems);
  auto inputs = readInputs(options.inputs, problems);
  if (!inputs || !key || (!options.root_key_path.empty() && !root)) return false;

  std::string error;
  auto objects = signInputs(*inputs, *key, root ? &*root : nullptr, options.issued, &error);
  if (!objects) {
    problems->push_back(error);
    return false;
  }
  *summary = "signed " + std::to_string(objects->size()) + " object" +
             (objects->size() == 1 ? "" : "s") + " (issued " + dvb::formatIso8601(options.issued) +
             "):\n" + describeObjects(*objects);
  *summary += crossingReport(*objects, options.crossing);
  const std::vector<dvb::Section> sections = allSections(*objects);
  const bool ok = *kind == TargetKind::kSections
                      ? writeSections(options.target, sections, summary, &error)
                      : writeStream(options, sections, summary, &error);
  if (!ok) problems->push_back(error);
  return ok;
}

}  // namespace tools::notice
