// stbd as an operator's engineer starts and stops it: --version, --help, bad
// command lines and configs get a clear message and a non-zero status, and
// SIGTERM stops a live run cleanly. And the remote control for real: lircd's
// protocol on a unix socket, and DirectFB key events typed by xdotool into
// the x11 window under Xvfb, each opening the menu.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "overlay/test_picture.h"

#include "tests/overlay/png_compare.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/files.h"

namespace {

using testing_support::binPath;
using testing_support::readTextFile;
using testing_support::runCommand;

// A notice for another province: the stream carries something, the box shows nothing.
const char kElsewhere[] = R"({"notices": [{"id": 9, "revision": 1, "kind": "information",
    "start": "2026-12-20T00:00:00Z", "end": "2026-12-21T00:00:00Z", "targets": {"areas": ["44"]},
    "texts": [{"language": "eng", "title": "Elsewhere", "body": "Not for Jiangxi."}]}]})";

TEST(StbdCli, VersionAndHelp) {
  auto r = runCommand(binPath("stbd") + " --version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("stbd ", 0), 0u) << r.out;
  r = runCommand(binPath("stbd") + " --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--snapshot-every"), std::string::npos) << r.out;
}

TEST(StbdCli, BadCommandLinesExitTwo) {
  for (const char* args : {"", "--config x.conf", "--config x.conf --source f.ts",
                           "--config x.conf --source f.ts --replay slow",
                           "--config x.conf --source udp://239.1.1.1:1234 --replay fast",
                           "--config x.conf --source f.ts --replay fast --snapshot-dir d",
                           "--config x.conf --source f.ts --replay fast --snapshot-dir d "
                           "--snapshot-every 0s",
                           "--config x.conf --source dvb://adapter0 --replay fast",
                           "--config x.conf --source dvb://adapter0?demux=x", "--colour red",
                           "--config x.conf --source f.ts --replay fast --log-level verbose"}) {
    const auto r = runCommand(binPath("stbd") + " " + args + " 2>&1");
    EXPECT_EQ(r.status, 2) << args << ": " << r.out;
    EXPECT_NE(r.out.find("usage: stbd"), std::string::npos) << args;
  }
}

TEST(StbdCli, ABadLogLevelNamesTheAllowedValues) {
  const auto r = runCommand(binPath("stbd") +
                            " --config x.conf --source f.ts --replay fast --log-level Debug 2>&1");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("--log-level is error, warning, info or debug, not 'Debug'"),
            std::string::npos)
      << r.out;
}

TEST(StbdCli, BadConfigNamesTheLine) {
  stbd_test::Scenario s("badconfig");
  const std::string config = s.path("bad.conf");
  std::ofstream(config) << "[box]\narea_code = 36\n";
  const auto r =
      runCommand(binPath("stbd") + " --config " + config + " --source x.ts --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("bad.conf:2: area_code"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("at least one root or signing key"), std::string::npos) << r.out;
}

TEST(StbdCli, AConfigThatIsNotAConfigFileIsNamed) {
  stbd_test::Scenario s("notconfig");
  const std::string dir = s.path("conf.d");
  std::filesystem::create_directories(dir);
  auto stbd = [&](const std::string& config) {
    return runCommand(binPath("stbd") + " --config " + config + " --source " +
                      s.path("nothing.ts") + " --replay fast 2>&1");
  };
  auto r = stbd(dir);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out, "stbd: " + dir + ": is a directory\n");

  const std::string binary = s.path("stbd.bin");
  std::ofstream(binary, std::ios::binary) << std::string(
      "\x7F"
      "ELF\x02\x01\x01\0\n",
      9);
  r = stbd(binary);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out, "stbd: " + binary + ":1: not text (byte 0x7F)\n");

  // A byte order mark is skipped: the run gets as far as the missing source.
  const std::string config = s.writeConfig();
  const std::vector<uint8_t> bytes = testing_support::readFile(config);
  std::ofstream(config, std::ios::binary)
      << "\xEF\xBB\xBF" << std::string(bytes.begin(), bytes.end());
  r = stbd(config);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("source: "), std::string::npos) << r.out;
}

TEST(StbdCli, MissingKeyOrSourceIsAClearError) {
  stbd_test::Scenario s("missing");
  const std::string config = s.writeConfig();
  auto r = runCommand(binPath("stbd") + " --config " + config + " --source " +
                      s.path("nothing.ts") + " --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("source: "), std::string::npos) << r.out;
  std::ofstream(config, std::ios::app) << "[keys]\nsigning = " << s.path("absent.pem") << "\n";
  r = runCommand(binPath("stbd") + " --config " + config + " --source " + s.path("nothing.ts") +
                 " --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("absent.pem"), std::string::npos) << r.out;
}

TEST(StbdCli, UnusableStateDirectoryKeepsTheBoxWorking) {
  stbd_test::Scenario s("nostate");
  const std::string stream =
      s.buildStream("n", kElsewhere, "2026-11-30T00:00:00Z", "2026-11-30T00:30:00Z");
  const std::string config = s.writeConfig("zho", "[state]\ndir = " + s.path("no/such/dir") + "\n");
  const auto run = s.runStbd(config, stream, "shots");
  EXPECT_EQ(run.status, 0) << run.log;
  EXPECT_FALSE(stbd_test::linesWith(run.log, "error: state store: ").empty()) << run.log;
  EXPECT_FALSE(stbd_test::linesWith(run.log, "keeping state in memory").empty()) << run.log;
}

TEST(StbdCli, SigtermStopsARealtimeRunCleanly) {
  stbd_test::Scenario s("sigterm");
  // 60 s of stream in real time; stopped after about one second.
  const std::string stream = s.path("live.ts");
  std::ofstream(s.path("n.json")) << kElsewhere;
  auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                      s.path("keys/operator.key.pem") + " --out " + stream +
                      " --from 2026-11-30T00:00:00Z --duration 60s 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string log = s.path("sigterm.log");
  r = runCommand("(" + binPath("stbd") + " --config " + s.writeConfig() + " --source " + stream +
                 " --replay realtime 2>" + log +
                 " & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo status=$?)");
  EXPECT_NE(r.out.find("status=0"), std::string::npos) << r.out;
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("stopping on SIGTERM"), std::string::npos) << text;
  EXPECT_NE(text.find("done (signal)"), std::string::npos) << text;
}

// A person watching on a PC: DirectFB's x11 system under Xvfb (GLX off, or
// DirectFB 1.7.7 crashes), the bar presented in a window over the test
// picture at 25 frames a second.
TEST(StbdCli, RunsInAnX11WindowUnderXvfb) {
  const auto which = runCommand("command -v xvfb-run");
  ASSERT_EQ(which.status, 0) << "xvfb-run is missing: scripts/install-deps installs xvfb";
  stbd_test::Scenario s("x11");
  std::ofstream(s.path("n.json")) << R"({"notices": [{"id": 7, "revision": 1, "kind": "emergency",
      "lead_hours": 1, "start": "2026-11-30T02:00:00Z", "end": "2026-11-30T06:00:00Z",
      "targets": {"areas": ["36"]}, "texts": [{"language": "eng", "title": "Emergency",
      "body": "Storm damage in Nanchang: repairs under way."}]}]})";
  auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                      s.path("keys/operator.key.pem") + " --out " + s.path("live.ts") +
                      " --from 2026-11-30T03:00:00Z --duration 3s 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string config = s.writeConfig("eng", "[display]\nsystem = x11\n");
  std::filesystem::create_directories(s.path("shots"));
  r = runCommand("xvfb-run -a -s '-screen 0 1280x720x24 -extension GLX' " + binPath("stbd") +
                 " --config " + config + " --source " + s.path("live.ts") +
                 " --replay realtime --snapshot-dir " + s.path("shots") +
                 " --snapshot-every 1s 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("DirectFB x11"), std::string::npos) << r.out;
  const auto done = stbd_test::linesWith(r.out, "done: ");
  ASSERT_EQ(done.size(), 1u) << r.out;
  EXPECT_EQ(done[0].find(" 0 frames"), std::string::npos) << done[0];
  if (auto shot = stbd_test::screenshot(s.path("shots"), "20261130T030002Z")) {
    EXPECT_TRUE(stbd_test::bandFacts(*shot).barShown());
  }
}

// A DVB source needs the adapter's device nodes: without them stbd says
// which it looked for and stops (the build machine has no /dev/dvb).
TEST(StbdCli, AMissingDvbAdapterIsAClearError) {
  ASSERT_FALSE(std::filesystem::exists("/dev/dvb/adapter7"));
  stbd_test::Scenario s("nodvb");
  const auto r = runCommand(binPath("stbd") + " --config " + s.writeConfig() +
                            " --source dvb://adapter7 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("error: source: no DVB adapter 7: cannot open /dev/dvb/adapter7/demux0: "
                       "No such file or directory"),
            std::string::npos)
      << r.out;
}

TEST(StbdCli, ABadKeymapNamesTheLine) {
  stbd_test::Scenario s("badkeymap");
  std::ofstream(s.path("remote.keymap")) << "KEY_MENU = MENU\nKEY_OKK = OK\n";
  const std::string config = s.writeConfig(
      "eng", "[input]\nlirc = " + s.path("lircd") + "\nkeymap = " + s.path("remote.keymap") + "\n");
  const std::string stream =
      s.buildStream("n", kElsewhere, "2026-11-30T00:00:00Z", "2026-11-30T00:01:00Z");
  const auto r = runCommand(binPath("stbd") + " --config " + config + " --source " + stream +
                            " --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("input: " + s.path("remote.keymap") +
                       " line 2: unknown kernel key name 'KEY_OKK'"),
            std::string::npos)
      << r.out;
}

// A process in the background, for tests that talk to stbd while it runs:
// /bin/sh -c COMMAND, stopped with SIGTERM when the test is done with it.
class Background {
 public:
  explicit Background(const std::string& command) {
    pid_ = fork();
    if (pid_ == 0) {
      execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~Background() { stop(); }
  // SIGTERM, then its exit status (-1 when it did not exit normally).
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return status_;
  }
  bool running() { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// Polls until DONE (each try 50 ms apart, at most 600 tries: a bound for a
// process that hangs, not a timed assertion) or PROCESS has exited.
bool waitUntil(Background& process, const std::function<bool()>& done) {
  for (int i = 0; i < 600; ++i) {
    if (done()) return true;
    if (!process.running()) return done();
    usleep(50 * 1000);
  }
  return done();
}

// The screenshot stbd logged first after the line containing AFTER ("" when
// none yet): stbd logs "screenshot DIR/NAME.png" at debug.
std::string screenshotAfter(const std::string& log, const std::string& after) {
  const size_t from = log.find(after);
  if (from == std::string::npos) return "";
  const size_t at = log.find("debug: screenshot ", from);
  if (at == std::string::npos) return "";
  const size_t begin = at + std::strlen("debug: screenshot ");
  const size_t end = log.find(".png", begin);
  return end == std::string::npos ? "" : log.substr(begin, end + 4 - begin);
}

// The menu panel covers the middle of the screen: most of it differs from
// the bare test picture.
bool menuShown(const overlay::Image& shot) {
  const overlay::Image picture = overlay::makeTestPicture(shot.width, shot.height);
  size_t changed = 0, total = 0;
  for (int y = shot.height * 2 / 5; y < shot.height * 3 / 5; ++y) {
    for (int x = shot.width / 5; x < shot.width * 4 / 5; ++x) {
      ++total;
      changed += shot.at(x, y) != picture.at(x, y);
    }
  }
  return changed * 10 > total * 9;
}

std::optional<overlay::Image> readShot(const std::string& path) {
  std::string error;
  std::optional<overlay::Image> img = overlay_test::readPng(path, &error);
  EXPECT_TRUE(img) << path << ": " << error;
  return img;
}

// A 60 s stream to replay in real time: stbd keeps running (and taking a
// screenshot every second of stream time) while the test presses keys.
std::string liveStream(stbd_test::Scenario& s) {
  std::ofstream(s.path("n.json")) << kElsewhere;
  const auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                            s.path("keys/operator.key.pem") + " --out " + s.path("live.ts") +
                            " --from 2026-11-30T00:00:00Z --duration 60s 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
  return s.path("live.ts");
}

// LIRC for real: the test plays lircd on a unix socket; stbd connects, the
// test sends the MENU button as lircd words it, and the menu opens.
TEST(StbdRemote, LircMenuButtonOpensTheMenu) {
  stbd_test::Scenario s("lirc");
  const std::string stream = liveStream(s);
  const std::string socket_path = s.path("lircd");
  const int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(server, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(socket_path.size(), sizeof(address.sun_path));
  std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size());
  ASSERT_EQ(bind(server, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0)
      << std::strerror(errno);
  ASSERT_EQ(listen(server, 1), 0);

  const std::string config =
      s.writeConfig("eng", "[input]\nlirc = " + socket_path + "\ndirectfb = no\n");
  const std::string log = s.path("stbd.log");
  std::filesystem::create_directories(s.path("shots"));
  Background stbd("exec " + binPath("stbd") + " --config " + config + " --source " + stream +
                  " --replay realtime --snapshot-dir " + s.path("shots") +
                  " --snapshot-every 1s --log-level debug 2>" + log);
  pollfd p{server, POLLIN, 0};
  ASSERT_EQ(poll(&p, 1, 30'000), 1) << "stbd did not connect to lircd\n" << readTextFile(log);
  const int client = accept(server, nullptr, nullptr);
  ASSERT_GE(client, 0);
  // Two lines in one write, the held repeat of MENU among them (dropped:
  // only arrows repeat).
  const std::string lines =
      "0000000000f40bf0 00 KEY_MENU stb-test\n0000000000f40bf0 01 KEY_MENU stb-test\n";
  ASSERT_EQ(write(client, lines.data(), lines.size()), static_cast<ssize_t>(lines.size()));
  const std::string opened = "menu: opened by MENU from lirc " + socket_path;
  EXPECT_TRUE(waitUntil(stbd, [&] { return readTextFile(log).find(opened) != std::string::npos; }))
      << readTextFile(log);
  EXPECT_TRUE(waitUntil(stbd, [&] { return !screenshotAfter(readTextFile(log), opened).empty(); }))
      << readTextFile(log);
  EXPECT_EQ(stbd.stop(), 0);
  close(client);
  close(server);
  const std::string text = readTextFile(log);
  EXPECT_NE(text.find("remote: reading lirc " + socket_path), std::string::npos) << text;
  EXPECT_EQ(stbd_test::linesWith(text, "debug: key MENU from lirc").size(), 1u) << text;
  const std::string shot = screenshotAfter(text, opened);
  ASSERT_FALSE(shot.empty()) << text;
  if (auto image = readShot(shot)) {
    EXPECT_TRUE(menuShown(*image)) << shot;
  }
}

// DirectFB's own key events in a window: stbd on the x11 system under Xvfb,
// xdotool types "m" (the PC keyboard's MENU in overlay/directfb.keymap)
// into the window, and the menu opens on screen.
TEST(StbdRemote, DirectFbKeysInAnX11WindowOpenTheMenu) {
  ASSERT_EQ(runCommand("command -v Xvfb").status, 0) << "Xvfb is missing: scripts/install-deps";
  ASSERT_EQ(runCommand("command -v xdotool").status, 0)
      << "xdotool is missing: scripts/install-deps";
  stbd_test::Scenario s("x11keys");
  const std::string stream = liveStream(s);
  // Xvfb picks a free display and writes its number once it accepts clients.
  const std::string display_file = s.path("display");
  Background xvfb(
      "exec Xvfb -displayfd 3 -screen 0 1280x720x24 -extension GLX -nolisten tcp "
      "3>" +
      display_file + " 2>" + s.path("xvfb.log"));
  ASSERT_TRUE(waitUntil(xvfb, [&] {
    return readTextFile(display_file).find('\n') != std::string::npos;
  })) << readTextFile(s.path("xvfb.log"));
  std::string number = readTextFile(display_file);
  number.erase(number.find_last_not_of("\n") + 1);
  const std::string display = "DISPLAY=:" + number + " ";

  const std::string config = s.writeConfig("eng", "[display]\nsystem = x11\n");
  const std::string log = s.path("stbd.log");
  std::filesystem::create_directories(s.path("shots"));
  Background stbd(display + "exec " + binPath("stbd") + " --config " + config + " --source " +
                  stream + " --replay realtime --snapshot-dir " + s.path("shots") +
                  " --snapshot-every 1s --log-level debug 2>" + log);
  ASSERT_TRUE(waitUntil(stbd, [&] {
    return readTextFile(log).find("remote: reading DirectFB key events") != std::string::npos;
  })) << readTextFile(log);
  // X sends keys to the window under the pointer (no window manager, focus
  // follows the pointer): put it over stbd's window, then type.
  const auto typed = runCommand(display + "xdotool mousemove 640 360 key m 2>&1");
  ASSERT_EQ(typed.status, 0) << typed.out;
  const std::string opened = "menu: opened by MENU from DirectFB";
  EXPECT_TRUE(waitUntil(stbd, [&] { return readTextFile(log).find(opened) != std::string::npos; }))
      << readTextFile(log);
  EXPECT_TRUE(waitUntil(stbd, [&] { return !screenshotAfter(readTextFile(log), opened).empty(); }))
      << readTextFile(log);
  EXPECT_EQ(stbd.stop(), 0);
  xvfb.stop();
  const std::string text = readTextFile(log);
  const std::string shot = screenshotAfter(text, opened);
  ASSERT_FALSE(shot.empty()) << text;
  if (auto image = readShot(shot)) {
    EXPECT_TRUE(menuShown(*image)) << shot;
  }
}

}  // namespace
