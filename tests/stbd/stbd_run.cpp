#include "tests/stbd/stbd_run.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "overlay/layout.h"
#include "overlay/test_picture.h"
#include "tests/overlay/png_compare.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"

namespace stbd_test {

using testing_support::binPath;
using testing_support::runCommand;

Scenario::Scenario(const std::string& name)
    : dir_(testing::TempDir() + "stbd-" + name + "-" + std::to_string(getpid())) {
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_ + "/state");
  const auto r = runCommand(binPath("stb-notice") + " keygen --out " + path("keys") + " 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
}

Scenario::~Scenario() {
  std::error_code ignored;  // a file still being removed by a server is no failure
  if (!testing::Test::HasFailure()) std::filesystem::remove_all(dir_, ignored);
}

std::string Scenario::buildStream(const std::string& name, const std::string& json,
                                  const std::string& from, const std::string& to,
                                  const std::string& tdt_every) {
  const std::string input = path(name + ".json");
  std::ofstream(input, std::ios::binary) << json;
  std::string out = path(name + ".ts");
  const auto r = runCommand(binPath("stb-notice") + " build " + input + " --key " +
                            path("keys/operator.key.pem") + " --out " + out + " --from " + from +
                            " --to " + to + " --tdt-every " + tdt_every + " 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
  return out;
}

std::string Scenario::writeConfig(const std::string& languages, const std::string& extra) {
  std::string config = path("stbd.conf");
  std::ofstream(config, std::ios::binary)
      << "[box]\n"
         "area_code = 360102\n"
         "node = 17\n"
         "box_id = STB-TEST-0001\n"
         "smartcard_id = 8610012345678\n"
         "[keys]\n"
         "signing = "
      << path("keys/operator.pub.pem")
      << "\n"
         "[languages]\n"
         "preferred = "
      << languages << "\n"
      << (extra.find("[state]") == std::string::npos ? "[state]\ndir = " + path("state") + "\n"
                                                     : std::string())  // a section is given once
      // The scenarios run at any hour of the local day; stbd_policy_test sets the hours itself.
      << (extra.find("viewing_hours") == std::string::npos
              ? "[schedule]\nviewing_hours = 00:00-24:00\n"
              : std::string())
      << extra;
  return config;
}

Scenario::Run Scenario::runStbd(const std::string& config, const std::string& stream,
                                const std::string& snapshots, const std::string& every,
                                const std::string& extra_args) {
  Run run;
  run.snapshot_dir = path(snapshots);
  std::filesystem::create_directories(run.snapshot_dir);
  const std::string log = path(snapshots + ".log");
  const auto r = runCommand(binPath("stbd") + " --config " + config + " --source " + stream +
                            " --replay fast --snapshot-dir " + run.snapshot_dir +
                            " --snapshot-every " + every + " " + extra_args + " 2>" + log);
  run.status = r.status;
  std::ifstream in(log, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  run.log = ss.str();
  return run;
}

std::vector<std::string> linesWith(const std::string& log, const std::string& needle) {
  std::vector<std::string> out;
  std::stringstream ss(log);
  std::string line;
  while (std::getline(ss, line))
    if (line.find(needle) != std::string::npos) out.push_back(line);
  return out;
}

std::optional<overlay::Image> screenshot(const std::string& dir, const std::string& name) {
  const std::string file = dir + "/" + name + ".png";
  std::string error;
  std::optional<overlay::Image> img = overlay_test::readPng(file, &error);
  EXPECT_TRUE(img.has_value()) << "missing screenshot " << file << ": " << error;
  return img;
}

BandFacts bandFacts(const overlay::Image& shot) {
  const overlay::Image picture = overlay::makeTestPicture(shot.width, shot.height);
  // The band sits at the bottom of the title-safe area; the label does not
  // change its height, so any label width gives the band's rows.
  const overlay::Rect band = overlay::layoutSubtitleBar(shot.width, shot.height, 100).band;
  BandFacts f;
  for (int y = band.y; y < band.y + band.h; ++y) {
    for (int x = band.x; x < band.x + band.w; ++x) {
      const overlay::Rgba s = shot.at(x, y), p = picture.at(x, y);
      ++f.total;
      if (s != p) ++f.changed;
      if (s != p && s.r > 220 && s.g > 220 && s.b > 220) ++f.text;
    }
  }
  return f;
}

void startCentral(testing_support::CentralServer& central, const testing_support::TestPki& pki,
                  const Scenario& s, const std::string& cert, int port) {
  ASSERT_TRUE(pki.ok()) << pki.output();
  testing_support::CentralServerOptions o;
  o.db = s.path("central.db");
  o.cert = cert;
  o.port = port;
  std::string error;
  ASSERT_TRUE(central.start(pki, o, &error)) << error;
}

std::string centralConfig(const testing_support::TestPki& pki, const std::string& url) {
  return "[central]\nurl = " + url + "\nclient_cert = " + pki.pem("box-STB-TEST-0001") +
         "\nclient_key = " + pki.key("box-STB-TEST-0001") + "\nca = " + pki.pem("ca") + "\n";
}

}  // namespace stbd_test
