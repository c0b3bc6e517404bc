#pragma once
// Shared by the stbd end-to-end tests: a scratch directory with fresh test
// keys, streams built by stb-notice from JSON, stbd run in fast replay, and
// what it left behind (log lines, screenshots).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "overlay/image.h"
#include "tests/support/central_server.h"

namespace stbd_test {

class Scenario {
 public:
  explicit Scenario(const std::string& name);  // makes the directory and the keys
  ~Scenario();
  Scenario(const Scenario&) = delete;
  Scenario& operator=(const Scenario&) = delete;

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // stb-notice build JSON --from FROM --to TO --tdt-every TDT_EVERY into NAME.ts;
  // fails the test when stb-notice fails. Returns the stream's path.
  std::string buildStream(const std::string& name, const std::string& json, const std::string& from,
                          const std::string& to, const std::string& tdt_every = "5m");

  // A config for box 360102 (Nanchang), node 17, card 8610012345678,
  // languages LANGUAGES, the scenario's keys and state directory (unless EXTRA
  // has its own [state]), viewing hours all day (unless EXTRA sets them), plus
  // EXTRA lines appended verbatim.
  std::string writeConfig(const std::string& languages = "zho, spa, eng",
                          const std::string& extra = "");

  struct Run {
    int status = -1;
    std::string log;  // stderr
    std::string snapshot_dir;
  };
  // stbd --config CONFIG --source STREAM --replay fast --snapshot-dir
  // DIR --snapshot-every EVERY EXTRA_ARGS, with the log at info level.
  Run runStbd(const std::string& config, const std::string& stream, const std::string& snapshots,
              const std::string& every = "1h", const std::string& extra_args = "");

 private:
  std::string dir_;
};

// Lines of LOG containing NEEDLE.
std::vector<std::string> linesWith(const std::string& log, const std::string& needle);

// Reads DIR/NAME.png, failing the test when it is missing.
std::optional<overlay::Image> screenshot(const std::string& dir, const std::string& name);

// What a screenshot shows in the band where the subtitle bar lives (bottom
// of the title-safe area), compared with the bare test picture: how many
// pixels the overlay changed, and how many of those are the bar's white text.
struct BandFacts {
  size_t changed = 0;
  size_t total = 0;
  size_t text = 0;
  bool barShown() const { return changed * 2 > total; }  // the band covers most of it
};
BandFacts bandFacts(const overlay::Image& shot);

// stb-central on a free port (or PORT, for a restart) with PKI's CERT, its
// database the scenario's central.db; the test fails when it does not start.
void startCentral(testing_support::CentralServer& central, const testing_support::TestPki& pki,
                  const Scenario& s, const std::string& cert = "server", int port = 0);
// stbd.conf's [central] section for box STB-TEST-0001 of PKI, reaching URL.
std::string centralConfig(const testing_support::TestPki& pki, const std::string& url);

}  // namespace stbd_test
