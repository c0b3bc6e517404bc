#pragma once
// stbd's configuration: the documented file format (docs/stbd.md) parsed
// into values with defaults. Parsing only; stbd reads the file.
//
// Format: "[section]" lines, "key = value" lines, "#" or ";" comments, blank
// lines. Every key is known; an unknown key or a bad value is an error with
// its line number, so a typo never silently becomes a default.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/notice.h"
#include "stb/viewing_hours.h"

namespace stbd {

struct StbdConfig {
  // [box]
  dvb::notice::BoxIdentity box;  // area_code, node, box_id, smartcard_id
  std::string country = "CHN";   // TOT local_time_offset country (ISO 3166 alpha-3)
  uint8_t region = 0;            // and region id
  int utc_offset_minutes = 480;  // used until a TOT names the offset

  // [keys] PEM files; each key may be given several times.
  std::vector<std::string> root_keys;     // sign key lists only
  std::vector<std::string> signing_keys;  // initial signing keys

  // [display]
  int width = 1280;
  int height = 720;
  std::string font;              // empty: overlay's default (fonts-wqy-microhei)
  std::string system = "dummy";  // DirectFB system: dummy (headless), x11, fbdev, ...
  int crawl_pixels_per_second = 120;
  int frames_per_second = 25;

  // [languages]
  std::vector<std::string> languages = {"zho", "eng"};  // ISO 639-2, preferred first

  // [schedule] the crawl frequency policy (docs/stbd.md)
  int far_interval_minutes = 60;          // more than near_hours before start
  int near_hours = 6;                     //
  int near_interval_minutes = 15;         // within near_hours
  int final_minutes = 15;                 // continuous within this before start
  int in_progress_interval_minutes = 30;  // between start and end
  int information_interval_minutes = 120;
  stb::ViewingHours viewing_hours;  // local; reminders and crawls that are not urgent

  // [fee]
  std::vector<int> fee_reminder_days = {7, 3, 1, 0};
  int fee_grace_days = 7;
  int fee_max_per_day = 3;
  int fee_min_gap_minutes = 120;
  std::map<std::string, std::string> fee_how_to_pay;  // how_to_pay.<lang> = text

  // [state]
  std::string state_dir = "/var/lib/stbd";
  // While flash is unusable, how often stbd tries it again.
  int state_retry_seconds = 60;

  // [stream]
  std::optional<uint16_t> notice_pid;  // else found through the PMT's "STBN" registration

  // [central] the operator's central system (docs/central-api.md); empty
  // url: reports wait in the outbox and the viewer is given the hotline.
  std::string central_url;                          // https://host:port
  std::string client_cert, client_key, central_ca;  // PEM files
  int outbox_max = 50;

  // [input] the remote control. evdev devices and lircd's socket are mapped
  // through KEYMAP (empty: the compiled-in platform/box/default.keymap);
  // DirectFB's own key events (the x11 window's keyboard, DirectFB's input
  // drivers on a box) through DIRECTFB_KEYMAP (empty: overlay/directfb.keymap).
  std::vector<std::string> evdev;  // /dev/input/eventN, repeatable
  bool evdev_grab = true;          // EVIOCGRAB: only stbd sees the keys
  std::string lirc;                // lircd's socket; empty: no LIRC
  std::string keymap;
  bool directfb_keys = true;
  std::string directfb_keymap;

  // [log]
  std::string log_level = "info";     // error, warning, info, debug
  std::string log_target = "stderr";  // stderr or syslog
};

// Parses TEXT (NAME is used in messages). On failure returns nullopt and
// appends one "NAME:LINE: message" per problem to *errors.
std::optional<StbdConfig> parseConfig(const std::string& text, const std::string& name,
                                      std::vector<std::string>* errors);

}  // namespace stbd
