#include "stb/key_script.h"

#include <sstream>

#include "dvb/duration.h"
#include "dvb/mjd_time.h"

namespace stb {

std::optional<std::vector<ScriptedKey>> parseKeyScript(const std::string& text,
                                                       const std::string& name,
                                                       std::vector<std::string>* errors) {
  std::vector<ScriptedKey> keys;
  const size_t errors_before = errors->size();
  std::optional<int64_t> previous;
  std::stringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::string where = name + ":" + std::to_string(number) + ": ";
    std::stringstream words(line);
    std::string when, key_name, extra;
    if (!(words >> when) || when[0] == '#') continue;
    if (!(words >> key_name) || (words >> extra && extra[0] != '#')) {
      errors->push_back(where + "expected 'TIME KEY' (e.g. '+2s OK')");
      continue;
    }
    std::optional<int64_t> at;
    if (when[0] == '+') {
      const std::optional<uint64_t> ms = dvb::parseDurationMs(when.substr(1));
      if (!previous) {
        errors->push_back(where + "a relative time needs an absolute one before it");
        continue;
      }
      if (ms) at = *previous + static_cast<int64_t>(*ms);
    } else if (const std::optional<dvb::UtcSeconds> utc = dvb::parseIso8601(when)) {
      at = *utc * 1000;
    }
    if (!at) {
      errors->push_back(where + "bad time '" + when +
                        "' (2026-11-30T10:00:00Z, or +2s / +500ms after the line before)");
      continue;
    }
    const std::optional<RemoteKey> key = remoteKeyFromName(key_name);
    if (!key) {
      errors->push_back(where + "unknown key '" + key_name + "'");
      continue;
    }
    if (previous && *at < *previous) {
      errors->push_back(where + "time goes backwards");
      continue;
    }
    previous = at;
    keys.push_back({*at, *key});
  }
  if (errors->size() != errors_before) return std::nullopt;
  return keys;
}

std::vector<RemoteKey> KeyScriptPlayer::due(int64_t now_ms) {
  std::vector<RemoteKey> out;
  while (next_ < keys_.size() && keys_[next_].at_ms <= now_ms) out.push_back(keys_[next_++].key);
  return out;
}

}  // namespace stb
