#pragma once
// Shared by the stb-headend tests: objects signed by stb-notice's library
// with a test key, a configuration, an output kept in memory, and a reader
// of what went out (every section on the notice PID with the stream time
// its last packet left, and the continuity errors per PID).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dvb/notice/signature.h"
#include "dvb/section.h"
#include "dvb/section_assembler.h"
#include "dvb/stream_health.h"
#include "dvb/ts_packet.h"
#include "tests/support/files.h"
#include "tools/stb-headend/config.h"
#include "tools/stb-headend/output.h"
#include "tools/stb-headend/spool.h"
#include "tools/stb-notice/input.h"
#include "tools/stb-notice/sign_objects.h"

namespace headend_test {

using testing_support::ScratchDir;

// Sections of every object in an stb-notice input document, signed with
// one test key (key lists too: the playout does not verify).
inline std::vector<dvb::Section> sign(const std::string& input_json) {
  static const auto key = [] {
    std::string error;
    auto k = dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
    EXPECT_TRUE(k) << error;
    return std::make_shared<dvb::notice::PrivateKey>(std::move(*k));
  }();
  std::vector<std::string> problems;
  auto inputs = tools::notice::readInputText("test.json", input_json, &problems);
  EXPECT_TRUE(inputs) << (problems.empty() ? "" : problems.front());
  if (!inputs) return {};
  std::string error;
  auto objects = tools::notice::signInputs(*inputs, *key, nullptr,
                                           *dvb::parseIso8601("2026-11-28T00:00:00Z"), &error);
  EXPECT_TRUE(objects) << error;
  return objects ? tools::notice::allSections(*objects) : std::vector<dvb::Section>{};
}

// One notice (kind "emergency" makes it an emergency), as input JSON.
inline std::string noticeJson(uint32_t id, uint32_t revision,
                              const std::string& kind = "planned_maintenance") {
  return R"({"notices": [{"id": )" + std::to_string(id) + R"(, "revision": )" +
         std::to_string(revision) + R"(, "kind": ")" + kind +
         R"(", "start": "2026-12-01T02:00:00Z", "end": "2026-12-01T06:00:00Z",
    "targets": {"areas": ["3601"]},
    "texts": [{"language": "eng", "title": "Maintenance", "body": "Revision )" +
         std::to_string(revision) + R"("}]}]})";
}

// A key list naming one public key file.
inline std::string keyListJson(uint32_t revision, const std::string& public_pem) {
  return R"({"key_list": {"revision": )" + std::to_string(revision) + R"(, "signing_keys": [")" +
         public_pem + R"("]}})";
}

inline void spool(const ScratchDir& dir, const std::string& name,
                  const std::vector<dvb::Section>& sections) {
  std::string error;
  ASSERT_TRUE(tools::headend::writeSpoolFile(dir / "spool", name, sections, &error)) << error;
}

// The plan's configuration, as fast as the output takes it, from 2026-11-29.
inline tools::headend::HeadendConfig config(const ScratchDir& dir) {
  tools::headend::HeadendConfig c;
  c.spool_dir = dir / "spool";
  c.state_dir = dir.path();
  c.output = "-";
  c.clock.start = *dvb::parseIso8601("2026-11-29T00:00:00Z");
  c.clock.pace = false;
  return c;
}

class MemoryOutput : public tools::headend::Output {
 public:
  explicit MemoryOutput(std::vector<uint8_t>* bytes) : bytes_(bytes) {}
  bool write(const uint8_t* packets, size_t size, uint64_t, std::string*) override {
    bytes_->insert(bytes_->end(), packets, packets + size);
    return true;
  }

 private:
  std::vector<uint8_t>* bytes_;
};

struct Heard {
  uint64_t ms = 0;  // stream time of the section's last packet
  uint16_t pid = 0;
  uint8_t table_id = 0;
  uint16_t extension = 0;
  uint8_t version = 0;
  std::vector<uint8_t> bytes;
};

struct HeardStream {
  std::vector<Heard> sections;
  uint64_t cc_errors = 0;
  uint64_t crc_errors = 0;
  std::vector<uint16_t> pids;  // every PID seen
};

// Every section on `pid` (and PAT/PMT/TDT when present) in `bytes`, a
// stream at `bitrate_bps`.
inline HeardStream listen(const std::vector<uint8_t>& bytes, uint64_t bitrate_bps,
                          uint16_t pid = 0x1F00) {
  HeardStream out;
  uint64_t now_ms = 0;
  dvb::SectionAssembler assembler([&](uint16_t p, const dvb::Section& s) {
    out.sections.push_back({now_ms, p, s.tableId(), s.extension(), s.version(), s.bytes()});
  });
  assembler.addPid(pid, dvb::kMaxPrivateSectionSize);
  assembler.addPid(0x0000);
  assembler.addPid(0x1000);
  assembler.addPid(0x0014);
  dvb::StreamHealth health;
  for (size_t i = 0; i + 188 <= bytes.size(); i += 188) {
    now_ms = (i / 188) * 188 * 8 * 1000 / bitrate_bps;
    auto header = dvb::parseTsHeader(&bytes[i]);
    if (!header) continue;
    health.onPacket(*header);
    assembler.push(&bytes[i], *header);
  }
  out.cc_errors = health.total().continuity_errors;
  out.crc_errors = assembler.totalErrors().crc_errors;
  out.pids = health.seenPids();
  return out;
}

// The stream times at which (table_id, extension, version) completed.
inline std::vector<uint64_t> times(const HeardStream& s, uint8_t table_id, uint16_t extension,
                                   int version = -1) {
  std::vector<uint64_t> out;
  for (const Heard& h : s.sections)
    if (h.table_id == table_id && h.extension == extension && (version < 0 || h.version == version))
      out.push_back(h.ms);
  return out;
}

}  // namespace headend_test
