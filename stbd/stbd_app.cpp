#include "stbd/stbd_app.h"

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "overlay/display.h"
#include "overlay/screen.h"
#include "overlay/test_picture.h"
#include "platform/box/dvb_source.h"
#include "platform/box/section_feed.h"
#include "platform/box/simulated_tuner.h"
#include "platform/box/system_device_io.h"
#include "platform/event_loop.h"
#include "platform/key_files.h"
#include "platform/log_sinks.h"
#include "platform/system_time.h"
#include "platform/systemd_notify.h"
#include "platform/ts_source.h"
#include "stb/daemon.h"
#include "stb/key_script.h"
#include "stb/replay_clock.h"
#include "stbd/config.h"
#include "stbd/daemon_config.h"
#include "stbd/fault_reporting.h"
#include "stbd/flash_storage.h"
#include "stbd/menu_panel_output.h"
#include "stbd/remote_control.h"
#include "stbd/snapshots.h"
#include "stbd/stbd_run.h"
#include "stbd/subtitle_bar_output.h"

namespace stbd {
namespace {

bool readText(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

std::unique_ptr<stb::Log> makeLog(const StbdConfig& config,
                                  const std::optional<std::string>& override_level) {
  stb::LogLevel level = stb::LogLevel::kInfo;
  platform::parseLogLevel(override_level.value_or(config.log_level), &level);
  if (config.log_target == "syslog") return std::make_unique<platform::SyslogLog>("stbd", level);
  return std::make_unique<platform::StderrLog>(level);
}

bool loadKeys(const StbdConfig& config, dvb::notice::KeyRing* ring, stb::Log& log) {
  bool ok = true;
  for (const auto* list : {&config.root_keys, &config.signing_keys}) {
    for (const std::string& path : *list) {
      std::string error;
      std::optional<dvb::notice::PublicKey> key = platform::loadPublicKey(path, &error);
      if (!key) {
        log.error("key " + path + ": " + error);
        ok = false;
        continue;
      }
      if (list == &config.root_keys)
        ring->addRoot(std::move(*key));
      else
        ring->addSigning(std::move(*key));
    }
  }
  return ok;
}

std::unique_ptr<stb::KeyScriptPlayer> loadKeyScript(const std::string& path, stb::Log& log) {
  std::string text;
  if (!readText(path, &text)) {
    log.error("cannot read key script " + path);
    return nullptr;
  }
  std::vector<std::string> problems;
  std::optional<std::vector<stb::ScriptedKey>> keys = stb::parseKeyScript(text, path, &problems);
  if (!keys) {
    for (const std::string& p : problems) log.error(p);
    return nullptr;
  }
  log.info("key script " + path + ": " + std::to_string(keys->size()) + " key(s)");
  return std::make_unique<stb::KeyScriptPlayer>(std::move(*keys));
}

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

// Problems go to stderr: there is no log before the config names one.
std::optional<StbdConfig> readConfig(const std::string& path) {
  std::string text;
  std::error_code ec;
  // An ifstream opens a directory and reads nothing: say so, not "area_code is required".
  if (std::filesystem::is_directory(path, ec)) {
    std::fprintf(stderr, "stbd: %s: is a directory\n", path.c_str());
    return std::nullopt;
  }
  if (!readText(path, &text)) {
    std::fprintf(stderr, "stbd: cannot read config %s\n", path.c_str());
    return std::nullopt;
  }
  std::vector<std::string> problems;
  std::optional<StbdConfig> config = parseConfig(text, path, &problems);
  if (!config)
    for (const std::string& p : problems) std::fprintf(stderr, "stbd: %s\n", p.c_str());
  return config;
}

std::unique_ptr<overlay::Display> openDisplay(const StbdConfig& config, stb::Log& log) {
  overlay::DisplayOptions display_options;
  display_options.width = config.width;
  display_options.height = config.height;
  display_options.directfb_args = {"--dfb:system=" + config.system + ",quiet,no-sighandler"};
  if (!config.font.empty()) display_options.font_path = config.font;
  std::string error;
  std::unique_ptr<overlay::Display> display = overlay::Display::open(display_options, &error);
  if (!display) log.error("display: " + error);
  return display;
}

// A window on a PC shows the test picture behind the bar (there is no
// video); headless runs draw only the overlay, which screenshots read.
bool openScreen(const StbdConfig& config, overlay::Display& display, stb::Log& log,
                std::unique_ptr<overlay::Screen>* screen) {
  if (config.system == "dummy") return true;
  const overlay::Image picture = overlay::makeTestPicture(config.width, config.height);
  std::string error;
  *screen = overlay::Screen::open(display, config.system == "x11" ? &picture : nullptr, &error);
  if (!*screen) log.error("screen: " + error);
  return *screen != nullptr;
}

// TS packets from a file or UDP, or sections from a Linux DVB adapter's
// demux (dvb://), whose frontend then gives the tuner status.
struct Source {
  std::unique_ptr<platform::TsSource> ts;
  std::unique_ptr<platform::box::DvbSource> dvb;

  std::string describe() const { return dvb ? dvb->describe() : ts->describe(); }
};

bool openSource(const std::string& spec_text, stb::Log& log, Source* source) {
  std::string error;
  if (!platform::box::isDvbSource(spec_text)) {
    source->ts = platform::openTsSource(spec_text, &error);
    if (!source->ts) log.error("source: " + error);
    return source->ts != nullptr;
  }
  platform::box::DvbSourceSpec spec;
  std::string frontend_note;
  if (platform::box::parseDvbSource(spec_text, &spec, &error))
    source->dvb = platform::box::DvbSource::open(&platform::box::systemDeviceIo(), spec, &error,
                                                 &frontend_note);
  if (!source->dvb) {
    log.error("source: " + error);
    return false;
  }
  if (!frontend_note.empty()) log.warning("source: " + frontend_note);
  return true;
}

bool stopOnSignals(platform::EventLoop& loop, stb::Log& log, bool* by_signal) {
  std::string error;
  for (int signo : {SIGTERM, SIGINT}) {
    if (!loop.onSignal(
            signo,
            [&loop, &log, by_signal, signo]() {
              log.info(std::string("stopping on ") + (signo == SIGTERM ? "SIGTERM" : "SIGINT"));
              *by_signal = true;
              loop.stop();
            },
            &error)) {
      log.error(error);
      return false;
    }
  }
  return true;
}

std::unique_ptr<Snapshots> makeSnapshots(const StbdOptions& options, overlay::Display& display,
                                         stb::Log& log) {
  if (!options.snapshot_every_ms) return nullptr;
  return std::make_unique<Snapshots>(display, options.snapshot_dir, options.snapshot_every_ms, log);
}

void logStart(const StbdConfig& config, const std::string& source_name, stb::Log& log) {
  log.info(std::string("stbd ") + STB_VERSION + " reading " + source_name + ", area " +
           config.box.area_code + ", " + std::to_string(config.width) + "x" +
           std::to_string(config.height) + " on DirectFB " + config.system);
}

// The section filters follow what the daemon's demux wants (PAT, PMTs,
// TDT/TOT, the notice PID), re-armed as the PAT/PMT change.
bool startSectionFeed(platform::box::DvbSource& dvb_source, stb::Daemon& daemon,
                      platform::EventLoop& loop, stb::Log& log,
                      std::unique_ptr<platform::box::SectionFeed>* feed) {
  *feed = std::make_unique<platform::box::SectionFeed>(
      dvb_source, daemon.demux(),
      [&daemon](uint16_t pid, dvb::Section section) {
        daemon.pushSection(pid, std::move(section));
      },
      loop, log);
  std::string error;
  if ((*feed)->start(&error)) return true;
  log.error("source: " + error);
  return false;
}

// The viewer is warned while reports would not survive a power cut.
void showStorageWarning(FlashStorage& storage, stb::menu::MenuController& menu) {
  menu.menu().setStorageWarning(storage.degraded());
  storage.setOnChange([&menu](bool degraded) {
    menu.menu().setStorageWarning(degraded);
    if (menu.isOpen()) menu.redraw();
  });
}

// What stbd runs on besides the daemon: the parts the end-of-run line counts.
struct Machinery {
  const StbdOptions& options;
  const StbdConfig& config;
  SubtitleBarOutput& bar;
  Source& source;
  platform::box::SectionFeed* feed;
  platform::EventLoop& loop;
  stb::ReplayClock& replay_clock;
  FlashStorage& storage;
  Snapshots* snapshots;
};

bool runSource(const Machinery& m, stb::Daemon& daemon, const RunExtras& extras, stb::Log& log,
               RunStats* stats, std::string* error) {
  if (m.feed)
    return runSections(*m.feed, daemon, m.loop, m.config.frames_per_second, extras, log, stats,
                       error);
  if (m.options.replay == Replay::kFast)
    return runFastReplay(*m.source.ts, daemon, m.replay_clock, m.loop, extras, log, stats, error);
  return runLive(*m.source.ts, daemon, m.loop, m.options.replay == Replay::kRealtime,
                 m.config.frames_per_second, extras, log, stats, error);
}

std::string doneLine(const Machinery& m, const stb::Daemon& daemon, const RunStats& stats,
                     bool by_signal) {
  const stb::DaemonStats& d = daemon.stats();
  return "done" + std::string(by_signal ? " (signal)" : "") + ": " +
         (m.feed ? std::to_string(stats.sections) + " sections, "
                 : std::to_string(stats.packets) + " packets, ") +
         std::to_string(d.tdts) + " TDT, " + std::to_string(d.notice_tables) + " notice tables, " +
         std::to_string(daemon.intake().verifier().accepted()) + " objects accepted, " +
         std::to_string(d.crawls_shown) + " crawls, " + std::to_string(d.passes) + " passes, " +
         std::to_string(m.bar.frames()) + " frames, " + std::to_string(m.loop.wakeups()) +
         " wake-ups, " + std::to_string(m.snapshots ? m.snapshots->taken() : 0) + " screenshots, " +
         std::to_string(m.storage.state().writes()) + " store writes, peak RSS " +
         std::to_string(peakRssKb()) + " KB";
}

// The viewer's side (menu, fault reports, remote keys), then the source until it ends.
int serveViewer(const Machinery& m, stb::Daemon& daemon, const stb::MonotonicClock& mono,
                stb::KeyScriptPlayer* key_script, overlay::Display& display,
                overlay::Screen* screen, RecentLog& log, const bool& by_signal) {
  MenuPanelOutput menu_panel(display, screen);
  stb::menu::MenuConfig menu_config;
  menu_config.languages = m.config.languages;
  stb::menu::MenuController menu(daemon, daemon, menu_panel, log, menu_config);
  // A report carries the tuner's reading: the DVB adapter's frontend, or
  // plausible simulated figures for a file or UDP source.
  platform::box::SimulatedTuner simulated_tuner(platform::box::plausibleTunerStatus(),
                                                m.source.describe());
  FaultReporting faults(m.config, m.storage.outbox(), m.loop, daemon, log);
  showStorageWarning(m.storage, menu);
  faults.setTuner(m.source.dvb ? m.source.dvb->tuner() : &simulated_tuner);
  faults.attach(menu);
  faults.start();

  // Remote keys from evdev, LIRC and DirectFB take the key script's path.
  KeyPath key_path(daemon, &menu, log, mono);
  RemoteControl remote;
  std::string error;
  if (!openRemoteControl(m.config, display, m.loop, log, key_path, &remote, &error)) {
    log.error("input: " + error);
    return 1;
  }

  RunStats stats;
  const RunExtras extras{m.snapshots, key_script, &menu, &key_path};
  const bool ok = runSource(m, daemon, extras, log, &stats, &error);
  if (!ok) log.error("source: " + error);
  // A replay ends at the end of its file: what the viewer confirmed last
  // gets a few seconds to reach the central system (it stays stored anyway).
  if (m.options.replay != Replay::kNone && !by_signal) faults.flush(10'000);

  platform::notifyStopping();
  log.info(doneLine(m, daemon, stats, by_signal));
  return ok ? 0 : 1;
}

// The daemon on its event loop, fed by the source, drawing on the display.
int runDaemon(const StbdOptions& options, const StbdConfig& config, dvb::notice::KeyRing& keys,
              overlay::Display& display, overlay::Screen* screen, SubtitleBarOutput& bar,
              Source& source, RecentLog& log) {
  platform::EventLoop loop;
  // Flash, or memory while flash is missing, full or read-only.
  FlashStorage storage(config.state_dir, config.state_retry_seconds * int64_t{1000}, loop, log);
  bool by_signal = false;
  if (!stopOnSignals(loop, log, &by_signal)) return 1;

  const bool fast = options.replay == Replay::kFast;
  stb::ReplayClock replay_clock;
  const stb::MonotonicClock& mono =
      fast ? static_cast<const stb::MonotonicClock&>(replay_clock) : loop.clock();
  stb::Daemon daemon(mono, keys, storage.state(), bar, log, daemonOptionsFrom(config),
                     fast ? &replay_clock : nullptr);
  std::unique_ptr<Snapshots> snapshots = makeSnapshots(options, display, log);

  logStart(config, source.describe(), log);
  // A replayed file's time is the stream's; the system clock says nothing
  // about it.
  const platform::SystemTime system = platform::readSystemTime();
  daemon.start(system.utc, system.synchronised && options.replay == Replay::kNone);
  std::unique_ptr<platform::box::SectionFeed> feed;
  if (source.dvb && !startSectionFeed(*source.dvb, daemon, loop, log, &feed)) return 1;
  if (const platform::NotifyResult r = platform::notifyReady(); !r.ok())
    log.warning("systemd: " + r.error);

  std::unique_ptr<stb::KeyScriptPlayer> key_script;
  if (!options.keys_path.empty()) {
    key_script = loadKeyScript(options.keys_path, log);
    if (!key_script) return 1;
  }
  const Machinery machinery{options, config,       bar,     source,         feed.get(),
                            loop,    replay_clock, storage, snapshots.get()};
  return serveViewer(machinery, daemon, mono, key_script.get(), display, screen, log, by_signal);
}

}  // namespace

int runStbd(const StbdOptions& options) {
  std::optional<StbdConfig> config = readConfig(options.config_path);
  if (!config) return 1;
  std::unique_ptr<stb::Log> sink = makeLog(*config, options.log_level);
  // Everything logs through this: a fault report carries the last problems.
  RecentLog log(*sink, 10);

  dvb::notice::KeyRing keys;
  if (!loadKeys(*config, &keys, log)) return 1;
  std::unique_ptr<overlay::Display> display = openDisplay(*config, log);
  if (!display) return 1;
  std::unique_ptr<overlay::Screen> screen;
  if (!openScreen(*config, *display, log, &screen)) return 1;
  SubtitleBarOutput bar(*display, overlay::SubtitleBarOptions{config->crawl_pixels_per_second},
                        screen.get());
  Source source;
  if (!openSource(options.source, log, &source)) return 1;
  return runDaemon(options, *config, keys, *display, screen.get(), bar, source, log);
}

}  // namespace stbd
