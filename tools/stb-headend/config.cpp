#include "tools/stb-headend/config.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tools/common/json_reader.h"
#include "tools/stb-headend/output.h"

namespace tools::headend {
namespace {

using notice::JsonReader;
using notice::Node;

std::optional<std::string> pathAt(JsonReader& r, const Node& obj, const char* key, bool required) {
  auto n = r.member(obj, key, required);
  if (!n) return std::nullopt;
  auto s = r.string(*n);
  if (s && s->empty()) {
    r.fail(*n, "must not be empty");
    return std::nullopt;
  }
  return s;
}

void readPid(JsonReader& r, const Node& root, HeadendConfig* c) {
  auto n = r.member(root, "pid", false);
  if (!n) return;
  uint64_t value = 0;
  if (n->value->is_string()) {
    const std::string s = n->value->get<std::string>();
    char* end = nullptr;
    value = std::strtoull(s.c_str(), &end, 0);
    if (s.empty() || *end) return r.fail(*n, "must be a PID such as \"0x1F00\"");
  } else if (auto v = r.integer(*n, 0, 0x1FFF)) {
    value = *v;
  } else {
    return;
  }
  // 0x1000 and 0x1001 are the PMT and PCR PIDs of the stream (notice_stream.h).
  if (value < 0x0020 || value > 0x1FFE || value == 0x1000 || value == 0x1001)
    return r.fail(*n, "must be 0x0020..0x1FFE and not 0x1000 (PMT) or 0x1001 (PCR)");
  c->pid = static_cast<uint16_t>(value);
}

void readIntervals(JsonReader& r, const Node& root, Intervals* i) {
  auto n = r.member(root, "intervals_ms", false);
  if (!n ||
      !r.object(*n, {"emergency", "notice", "key_list", "directory", "calendar", "fee_cycle"}))
    return;
  struct Field {
    const char* key;
    uint32_t* value;
  };
  for (Field f : {Field{"emergency", &i->emergency}, Field{"notice", &i->notice},
                  Field{"key_list", &i->key_list}, Field{"directory", &i->directory},
                  Field{"calendar", &i->calendar}, Field{"fee_cycle", &i->fee_cycle}})
    if (r.member(*n, f.key, false))
      if (auto v = r.integerAt(*n, f.key, 100, 86'400'000)) *f.value = static_cast<uint32_t>(*v);
}

void readTdt(JsonReader& r, const Node& root, TdtConfig* t) {
  auto n = r.member(root, "tdt", false);
  if (!n || !r.object(*n, {"enabled", "country", "offset_minutes"})) return;
  if (auto e = r.member(*n, "enabled", false))
    if (auto b = r.boolean(*e)) t->enabled = *b;
  if (auto c = r.member(*n, "country", false))
    if (auto s = r.ascii(*c, dvb::notice::Ascii::kLetters, 3, 3, "3 letters (ISO 3166)")) {
      if (std::all_of(s->begin(), s->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
        t->country = *s;
      else
        r.fail(*c, "must be 3 upper-case letters (ISO 3166, e.g. CHN)");
    }
  if (auto o = r.member(*n, "offset_minutes", false)) {
    if (o->value->is_number_integer() && o->value->get<int64_t>() >= -720 &&
        o->value->get<int64_t>() <= 840)
      t->offset_minutes = static_cast<int>(o->value->get<int64_t>());
    else
      r.fail(*o, "must be an integer -720..840");
  }
}

void readClock(JsonReader& r, const Node& root, ClockConfig* c) {
  auto n = r.member(root, "clock", false);
  if (!n || !r.object(*n, {"start", "speed", "pace"})) return;
  if (auto s = r.member(*n, "start", false); s && !s->value->is_null()) c->start = r.utc(*s);
  if (auto s = r.member(*n, "speed", false))
    if (auto v = r.number(*s, 0.001, 100'000)) c->speed = *v;
  if (auto p = r.member(*n, "pace", false))
    if (auto b = r.boolean(*p)) c->pace = *b;
}

void readMonitor(JsonReader& r, const Node& root, MonitorConfig* m) {
  auto n = r.member(root, "monitor", false);
  if (!n || !r.object(*n, {"enabled", "source"})) return;
  if (auto e = r.member(*n, "enabled", false))
    if (auto b = r.boolean(*e)) m->enabled = *b;
  if (auto s = pathAt(r, *n, "source", false)) {
    if (*s != "self" && s->rfind("udp://", 0) != 0)
      r.fail(notice::childPath(n->path, "source"), "must be \"self\" or udp://GROUP:PORT");
    else
      m->source = *s;
  }
}

void readConsole(JsonReader& r, const Node& root, ConsoleConfig* c) {
  auto n = r.member(root, "console", false);
  if (!n || !r.object(*n, {"listen", "cert", "key", "staff_db", "signing_key", "root_key", "areas",
                           "preview_program"}))
    return;
  c->present = true;
  struct Field {
    const char* key;
    std::string* value;
  };
  for (Field f : {Field{"listen", &c->listen}, Field{"cert", &c->cert}, Field{"key", &c->key},
                  Field{"staff_db", &c->staff_db}, Field{"signing_key", &c->signing_key},
                  Field{"areas", &c->areas}, Field{"preview_program", &c->preview_program}})
    if (auto s = pathAt(r, *n, f.key, false)) *f.value = *s;
  if (auto k = r.member(*n, "root_key", false); k && !k->value->is_null())
    if (auto s = r.string(*k)) c->root_key = *s;
}

}  // namespace

std::optional<HeadendConfig> parseConfig(const std::string& file_name, const std::string& text,
                                         std::vector<std::string>* problems) {
  const size_t before = problems->size();
  auto doc = notice::parseDocument(file_name, text, problems);
  if (!doc) return std::nullopt;
  JsonReader r(file_name, problems);
  const Node root{&*doc, "$"};
  if (!r.object(root, {"spool_dir", "state_dir", "output", "ttl", "pid", "with_psi", "bitrate_kbps",
                       "budget_kbps", "intervals_ms", "tdt", "clock", "monitor", "console"}))
    return std::nullopt;
  HeadendConfig c;
  if (auto s = pathAt(r, root, "spool_dir", true)) c.spool_dir = *s;
  if (auto s = pathAt(r, root, "state_dir", true)) c.state_dir = *s;
  if (auto s = pathAt(r, root, "output", true)) {
    OutputSpec spec;
    std::string why;
    if (parseOutputSpec(*s, &spec, &why))
      c.output = *s;
    else
      r.fail("$.output", why);
  }
  if (r.member(root, "ttl", false))
    if (auto v = r.integerAt(root, "ttl", 0, 255)) c.ttl = static_cast<int>(*v);
  readPid(r, root, &c);
  if (auto n = r.member(root, "with_psi", false))
    if (auto b = r.boolean(*n)) c.with_psi = *b;
  if (r.member(root, "bitrate_kbps", false))
    if (auto v = r.integerAt(root, "bitrate_kbps", 100, 1'000'000)) c.bitrate_kbps = *v;
  if (r.member(root, "budget_kbps", false))
    if (auto v = r.integerAt(root, "budget_kbps", 1, 1'000'000)) c.budget_kbps = *v;
  if (c.budget_kbps > c.bitrate_kbps)
    r.fail("$.budget_kbps",
           "must not exceed bitrate_kbps (" + std::to_string(c.bitrate_kbps) + ")");
  readIntervals(r, root, &c.intervals);
  readTdt(r, root, &c.tdt);
  readClock(r, root, &c.clock);
  readMonitor(r, root, &c.monitor);
  readConsole(r, root, &c.console);
  if (problems->size() != before) return std::nullopt;
  return c;
}

std::optional<HeadendConfig> loadConfig(const std::string& path,
                                        std::vector<std::string>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems->push_back(path + ": " + std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(path, text.str(), problems);
}

}  // namespace tools::headend
