#pragma once
// stb-headend's configuration file (docs/operator-guide.md, "Running the
// headend"): JSON, every key checked, an unknown key refused by its name.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"

namespace tools::headend {

// Repetition intervals of each object kind, in stream milliseconds.
struct Intervals {
  uint32_t emergency = 1000;  // notices of kind emergency (4)
  uint32_t notice = 5000;     // every other notice
  uint32_t key_list = 30000;
  uint32_t directory = 30000;
  uint32_t calendar = 30000;
  uint32_t fee_cycle = 60000;  // every fee batch once per cycle, spread over it
};

struct TdtConfig {
  bool enabled = false;
  std::string country = "CHN";  // TOT local_time_offset_descriptor
  int offset_minutes = 480;
};

struct ClockConfig {
  std::optional<dvb::UtcSeconds> start;  // unset: the computer's clock at start
  double speed = 1;                      // simulated seconds per second of stream time
  bool pace = true;                      // false: as fast as the output takes it
};

struct MonitorConfig {
  bool enabled = false;
  std::string source = "self";  // or udp://GROUP:PORT
};

// Parsed only: the authoring console (tools/stb-headend/console/) uses it.
struct ConsoleConfig {
  bool present = false;
  std::string listen, cert, key, staff_db, signing_key, areas, preview_program = "stb-preview";
  std::optional<std::string> root_key;
};

struct HeadendConfig {
  std::string spool_dir;
  std::string state_dir;
  std::string output;  // udp://, rtp://, file:, fifo:, "-"
  int ttl = 1;
  uint16_t pid = 0x1F00;
  bool with_psi = true;
  uint64_t bitrate_kbps = 1000;
  uint64_t budget_kbps = 200;
  Intervals intervals;
  TdtConfig tdt;
  ClockConfig clock;
  MonitorConfig monitor;
  ConsoleConfig console;
};

// Reads FILE_NAME's JSON TEXT; nullopt with every problem, one per line,
// each naming the key ("headend.json: $.intervals_ms.notice: must be ...").
std::optional<HeadendConfig> parseConfig(const std::string& file_name, const std::string& text,
                                         std::vector<std::string>* problems);
// The same for a file on disk.
std::optional<HeadendConfig> loadConfig(const std::string& path,
                                        std::vector<std::string>* problems);

}  // namespace tools::headend
