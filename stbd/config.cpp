#include "stbd/config.h"

#include <cctype>
#include <cstdio>
#include <functional>
#include <sstream>
#include <utility>

#include "stb/clean_text.h"

namespace stbd {
namespace {

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> splitList(const std::string& value) {
  std::vector<std::string> out;
  std::stringstream ss(value);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool allDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// An integer in [lo, hi]; "0x" prefix allowed. Empty string on success.
std::string parseInt(const std::string& v, long long lo, long long hi, long long* out) {
  if (v.empty()) return "a number is required";
  size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(v, &used, 0);
  } catch (...) {
    used = 0;
  }
  if (used != v.size()) return "'" + v + "' is not a number";
  if (n < lo || n > hi)
    return "'" + v + "' is out of range " + std::to_string(lo) + ".." + std::to_string(hi);
  *out = n;
  return "";
}

template <typename T>
std::function<std::string(const std::string&)> intSetter(T* field, long long lo, long long hi) {
  return [field, lo, hi](const std::string& v) {
    long long n = 0;
    std::string e = parseInt(v, lo, hi, &n);
    if (e.empty()) *field = static_cast<T>(n);
    return e;
  };
}

std::function<std::string(const std::string&)> stringSetter(std::string* field) {
  return [field](const std::string& v) {
    *field = v;
    return std::string();
  };
}

std::function<std::string(const std::string&)> oneOf(std::string* field,
                                                     std::vector<std::string> allowed) {
  return [field, allowed = std::move(allowed)](const std::string& v) {
    for (const std::string& a : allowed) {
      if (v == a) {
        *field = v;
        return std::string();
      }
    }
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return "'" + v + "' is not one of " + list;
  };
}

std::function<std::string(const std::string&)> boolSetter(bool* field) {
  return [field](const std::string& v) {
    if (v == "yes" || v == "true" || v == "on") {
      *field = true;
    } else if (v == "no" || v == "false" || v == "off") {
      *field = false;
    } else {
      return "'" + v + "' is not yes or no";
    }
    return std::string();
  };
}

// A path that must be absolute: stbd runs from / as a service.
std::function<std::string(const std::string&)> pathSetter(std::string* field) {
  return [field](const std::string& v) {
    if (v.empty() || v[0] != '/') return "'" + v + "' is not an absolute path";
    *field = v;
    return std::string();
  };
}

// Keys that add to a list each time they are given; any other key given twice
// would silently keep its last value.
bool repeatable(const std::string& section_key) {
  return section_key == "keys.root" || section_key == "keys.signing" ||
         section_key == "input.evdev";
}

using Setters = std::map<std::string, std::function<std::string(const std::string&)>>;

Setters settersFor(StbdConfig* c) {
  Setters s;
  s["box.area_code"] = [c](const std::string& v) {
    if (v.size() != 6 || !allDigits(v)) return std::string("area_code must be 6 digits");
    c->box.area_code = v;
    return std::string();
  };
  s["box.node"] = intSetter(&c->box.node, 0, 0xFFFFFFFFLL);
  s["box.box_id"] = stringSetter(&c->box.box_id);
  s["box.smartcard_id"] = stringSetter(&c->box.smartcard_id);
  s["box.country"] = [c](const std::string& v) {
    if (v.size() != 3) return std::string("country must be 3 letters (ISO 3166 alpha-3)");
    c->country = v;
    return std::string();
  };
  s["box.region"] = intSetter(&c->region, 0, 63);
  s["box.utc_offset_minutes"] = intSetter(&c->utc_offset_minutes, -14 * 60, 14 * 60);
  s["keys.root"] = [c](const std::string& v) {
    c->root_keys.push_back(v);
    return std::string();
  };
  s["keys.signing"] = [c](const std::string& v) {
    c->signing_keys.push_back(v);
    return std::string();
  };
  s["display.size"] = [c](const std::string& v) {
    if (v == "720x576")
      c->width = 720, c->height = 576;
    else if (v == "1280x720")
      c->width = 1280, c->height = 720;
    else if (v == "1920x1080")
      c->width = 1920, c->height = 1080;
    else
      return "'" + v + "' is not one of 720x576, 1280x720, 1920x1080";
    return std::string();
  };
  s["display.font"] = stringSetter(&c->font);
  s["display.system"] = stringSetter(&c->system);
  s["display.crawl_pixels_per_second"] = intSetter(&c->crawl_pixels_per_second, 10, 2000);
  s["display.frames_per_second"] = intSetter(&c->frames_per_second, 1, 60);
  s["languages.preferred"] = [c](const std::string& v) {
    std::vector<std::string> list = splitList(v);
    for (const std::string& l : list)
      if (l.size() != 3) return "'" + l + "' is not an ISO 639-2 code";
    if (list.empty()) return std::string("at least one language is required");
    c->languages = list;
    return std::string();
  };
  s["schedule.far_interval_minutes"] = intSetter(&c->far_interval_minutes, 1, 24 * 60);
  s["schedule.near_hours"] = intSetter(&c->near_hours, 1, 24 * 7);
  s["schedule.near_interval_minutes"] = intSetter(&c->near_interval_minutes, 1, 24 * 60);
  s["schedule.final_minutes"] = intSetter(&c->final_minutes, 0, 24 * 60);
  s["schedule.in_progress_interval_minutes"] =
      intSetter(&c->in_progress_interval_minutes, 0, 24 * 60);
  s["schedule.information_interval_minutes"] =
      intSetter(&c->information_interval_minutes, 1, 24 * 60);
  s["schedule.viewing_hours"] = [c](const std::string& v) {
    return parseViewingHours(v, &c->viewing_hours);
  };
  s["fee.reminder_days"] = [c](const std::string& v) {
    std::vector<int> days;
    for (const std::string& item : splitList(v)) {
      long long n = 0;
      std::string e = parseInt(item, 0, 60, &n);
      if (!e.empty()) return e;
      days.push_back(static_cast<int>(n));
    }
    c->fee_reminder_days = days;
    return std::string();
  };
  s["fee.grace_days"] = intSetter(&c->fee_grace_days, 0, 60);
  s["fee.max_per_day"] = intSetter(&c->fee_max_per_day, 0, 48);
  s["fee.min_gap_minutes"] = intSetter(&c->fee_min_gap_minutes, 0, 24 * 60);
  s["state.dir"] = stringSetter(&c->state_dir);
  s["state.retry_seconds"] = intSetter(&c->state_retry_seconds, 1, 3600);
  s["stream.notice_pid"] = [c](const std::string& v) {
    long long n = 0;
    std::string e = parseInt(v, 0x10, 0x1FFE, &n);
    if (e.empty()) c->notice_pid = static_cast<uint16_t>(n);
    return e;
  };
  s["central.url"] = [c](const std::string& v) {
    if (v.rfind("https://", 0) != 0) return std::string("url must start with https://");
    c->central_url = v;
    return std::string();
  };
  s["central.client_cert"] = stringSetter(&c->client_cert);
  s["central.client_key"] = stringSetter(&c->client_key);
  s["central.ca"] = stringSetter(&c->central_ca);
  s["central.outbox_max"] = intSetter(&c->outbox_max, 1, 10000);
  s["input.evdev"] = [c](const std::string& v) {
    if (v.empty() || v[0] != '/') return "'" + v + "' is not an absolute path";
    c->evdev.push_back(v);
    return std::string();
  };
  s["input.evdev_grab"] = boolSetter(&c->evdev_grab);
  s["input.lirc"] = pathSetter(&c->lirc);
  s["input.keymap"] = pathSetter(&c->keymap);
  s["input.directfb"] = boolSetter(&c->directfb_keys);
  s["input.directfb_keymap"] = pathSetter(&c->directfb_keymap);
  s["log.level"] = oneOf(&c->log_level, {"error", "warning", "info", "debug"});
  s["log.target"] = oneOf(&c->log_target, {"stderr", "syslog"});
  return s;
}

}  // namespace

std::optional<StbdConfig> parseConfig(const std::string& text, const std::string& name,
                                      std::vector<std::string>* errors) {
  StbdConfig config;
  const Setters setters = settersFor(&config);
  const size_t errors_before = errors->size();
  // A UTF-8 byte order mark (left by some Windows editors) is not part of the first line.
  const bool bom = text.rfind("\xEF\xBB\xBF", 0) == 0;
  std::stringstream lines(bom ? text.substr(3) : text);
  std::string line, section;
  // Where each key was first set. A section may be opened again (appending
  // "[keys]\nsigning = ..." to a file is fine), but a key set twice, in one
  // section or across two openings of it, would silently keep its last value.
  std::map<std::string, int> keys_at;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::string where = name + ":" + std::to_string(number) + ": ";
    // Named, never echoed: raw bytes in a message garble the log. One is
    // enough: a binary file would give one per "line".
    const size_t bad = stb::firstUncleanByte(line, "\t\r");
    if (bad != std::string::npos) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(line[bad]));
      errors->push_back(where + "not text (byte " + hex + ")");
      return std::nullopt;
    }
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') {
        errors->push_back(where + "a section header ends with ']'");
        continue;
      }
      section = trim(line.substr(1, line.size() - 2));
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      errors->push_back(where + "expected 'key = value'");
      continue;
    }
    const std::string key = trim(line.substr(0, eq));
    const std::string value = trim(line.substr(eq + 1));
    const std::string section_key = section + "." + key;
    const auto [at, first] = keys_at.emplace(section_key, number);
    if (!first && !repeatable(section_key)) {
      errors->push_back(where + key + " in [" + section + "] is already set at line " +
                        std::to_string(at->second));
      continue;
    }
    if (section == "fee" && key.rfind("how_to_pay.", 0) == 0 && key.size() == 14) {
      config.fee_how_to_pay[key.substr(11)] = value;
      continue;
    }
    auto it = setters.find(section_key);
    if (it == setters.end()) {
      errors->push_back(where + "unknown key '" + key + "' in [" + section + "]");
      continue;
    }
    const std::string problem = it->second(value);
    if (!problem.empty()) errors->push_back(where + key + ": " + problem);
  }
  if (config.box.area_code.empty())
    errors->push_back(name + ": [box] area_code is required (the box's 6-digit area)");
  if (config.root_keys.empty() && config.signing_keys.empty())
    errors->push_back(name + ": [keys] needs at least one root or signing key");
  if (errors->size() != errors_before) return std::nullopt;
  return config;
}

}  // namespace stbd
