#include "tools/common/json_reader.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "dvb/text/annex_a.h"

namespace tools::notice {

using nlohmann::json;

namespace {

// 168 rather than 168.0, 0.5 as 0.5.
std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A SAX pass that only tracks where it is, to name each key an object repeats.
class RepeatedKeys {
 public:
  RepeatedKeys(const std::string& file, std::vector<std::string>* problems)
      : file_(file), problems_(problems) {}
  bool found() const { return found_; }

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return value(); }
  bool string(json::string_t&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& k) {
    Frame& f = stack_.back();
    f.key = k;
    if (!f.keys.insert(k).second) {
      problems_->push_back(file_ + ": " + childPath(f.path, k.c_str()) + ": repeated key");
      found_ = true;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;  // the DOM parse before this one has reported it
  }

 private:
  struct Frame {
    bool is_object;
    std::string path;
    std::string key;   // the object's current key
    size_t index = 0;  // the array's next item
    std::set<std::string> keys;
  };

  // Where the value starting now sits.
  std::string nextPath() {
    if (stack_.empty()) return "$";
    Frame& f = stack_.back();
    return f.is_object ? childPath(f.path, f.key.c_str()) : childPath(f.path, f.index++);
  }
  bool value() {
    if (!stack_.empty() && !stack_.back().is_object) ++stack_.back().index;
    return true;
  }
  bool open(bool is_object) {
    std::string path = nextPath();
    stack_.push_back(Frame{is_object, std::move(path), {}, 0, {}});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  const std::string& file_;
  std::vector<std::string>* problems_;
  std::vector<Frame> stack_;
  bool found_ = false;
};

}  // namespace

std::optional<json> parseDocument(const std::string& file, const std::string& text,
                                  std::vector<std::string>* problems) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    // The library's message starts with "[json.exception.parse_error.101] ".
    std::string what = e.what();
    const size_t cut = what.find("] ");
    problems->push_back(
        file + ": not valid JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
    return std::nullopt;
  }
  RepeatedKeys repeated(file, problems);
  json::sax_parse(text, &repeated);
  if (repeated.found()) return std::nullopt;
  return root;
}

std::string childPath(const std::string& path, const char* key) {
  return path + "." + key;
}
std::string childPath(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

void JsonReader::fail(const Node& n, const std::string& why) {
  fail(n.path, why);
}
void JsonReader::fail(const std::string& path, const std::string& why) {
  problems_->push_back(file_ + ": " + path + ": " + why);
  if (fields_) fields_->push_back({path, why});
}

bool JsonReader::object(const Node& n, std::initializer_list<const char*> keys) {
  if (!n.value->is_object()) {
    fail(n, "must be an object");
    return false;
  }
  bool ok = true;
  for (const auto& item : n.value->items()) {
    bool known = false;
    for (const char* k : keys) known = known || item.key() == k;
    if (!known) {
      fail(childPath(n.path, item.key().c_str()), "unknown field");
      ok = false;
    }
  }
  return ok;
}

std::optional<Node> JsonReader::member(const Node& object, const char* key, bool required) {
  const std::string path = childPath(object.path, key);
  if (!object.value->is_object() || !object.value->contains(key)) {
    if (required) fail(path, "required");
    return std::nullopt;
  }
  return Node{&(*object.value)[key], path};
}

std::optional<std::vector<Node>> JsonReader::array(const Node& n, size_t min_items,
                                                   size_t max_items) {
  if (!n.value->is_array()) {
    fail(n, "must be an array");
    return std::nullopt;
  }
  const size_t size = n.value->size();
  if (size < min_items || size > max_items) {
    fail(n, size < min_items ? "must have at least " + std::to_string(min_items) + " item" +
                                   (min_items == 1 ? "" : "s")
                             : "has " + std::to_string(size) + " items; the limit is " +
                                   std::to_string(max_items));
    return std::nullopt;
  }
  std::vector<Node> items;
  for (size_t i = 0; i < size; ++i) items.push_back(Node{&(*n.value)[i], childPath(n.path, i)});
  return items;
}

std::optional<uint64_t> JsonReader::integer(const Node& n, uint64_t min, uint64_t max) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  if (!n.value->is_number_integer()) {
    fail(n, "must be an integer in " + range);
    return std::nullopt;
  }
  // The parser keeps every non-negative integer unsigned: a signed one is negative.
  if (n.value->is_number_unsigned()) {
    const uint64_t v = n.value->get<uint64_t>();
    if (v >= min && v <= max) return v;
  }
  fail(n, "must be in " + range);
  return std::nullopt;
}

std::optional<double> JsonReader::number(const Node& n, double min, double max) {
  if (!n.value->is_number()) {
    fail(n, "must be a number");
    return std::nullopt;
  }
  const double v = n.value->get<double>();
  if (!(v >= min && v <= max)) {
    fail(n, "must be between " + formatNumber(min) + " and " + formatNumber(max));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> JsonReader::boolean(const Node& n) {
  if (!n.value->is_boolean()) {
    fail(n, "must be true or false");
    return std::nullopt;
  }
  return n.value->get<bool>();
}

std::optional<std::string> JsonReader::string(const Node& n) {
  if (!n.value->is_string()) {
    fail(n, "must be a string");
    return std::nullopt;
  }
  return n.value->get<std::string>();
}

std::optional<std::string> JsonReader::ascii(const Node& n, dvb::notice::Ascii kind,
                                             size_t min_length, size_t max_length,
                                             const char* what) {
  auto s = string(n);
  if (!s) return std::nullopt;
  if (s->size() < min_length || s->size() > max_length || !dvb::notice::asciiValid(*s, kind)) {
    fail(n, std::string("must be ") + what);
    return std::nullopt;
  }
  return s;
}

std::optional<dvb::UtcSeconds> JsonReader::utc(const Node& n) {
  auto s = string(n);
  if (!s) return std::nullopt;
  const auto t = dvb::parseIso8601(*s);
  uint8_t probe[5];
  // parseIso8601 takes only the exact form; the wire takes only MJD years 1949-2127.
  if (!t || !dvb::encodeUtcTime(*t, probe)) {
    fail(n, "must be a UTC time like 2026-11-30T02:00:00Z (years 1949-2127)");
    return std::nullopt;
  }
  return t;
}

std::optional<dvb::UtcSeconds> JsonReader::date(const Node& n) {
  auto s = string(n);
  if (!s) return std::nullopt;
  const auto t = s->size() == 10 ? dvb::parseIso8601(*s + "T00:00:00Z") : std::nullopt;
  uint8_t probe[5];
  if (!t || !dvb::encodeUtcTime(*t, probe) || dvb::formatIso8601(*t).substr(0, 10) != *s) {
    fail(n, "must be a date like 2026-12-05 (years 1949-2127)");
    return std::nullopt;
  }
  return t;
}

std::optional<dvb::text::Charset> JsonReader::charset(const Node& n) {
  // Only the canonical spellings (the schema's enum), though charsetFromName
  // would take "UTF8" or "gb-2312" too: one spelling keeps the inputs greppable.
  static const char* const kNames[] = {
      "utf-8",     "gb2312",     "iso6937",    "ucs-2",      "ksx1001",    "big5",      "iso8859-1",
      "iso8859-2", "iso8859-3",  "iso8859-4",  "iso8859-5",  "iso8859-6",  "iso8859-7", "iso8859-8",
      "iso8859-9", "iso8859-10", "iso8859-11", "iso8859-13", "iso8859-14", "iso8859-15"};
  auto s = string(n);
  if (!s) return std::nullopt;
  for (const char* name : kNames)
    if (*s == name) return dvb::text::charsetFromName(name);
  fail(n, "unknown charset \"" + *s +
              "\" (utf-8, gb2312, iso6937, iso8859-1..15 but not 12, ucs-2, ksx1001, big5)");
  return std::nullopt;
}

std::optional<dvb::DvbText> JsonReader::text(const Node& n, dvb::text::Charset charset,
                                             size_t max_bytes) {
  auto s = string(n);
  if (!s) return std::nullopt;
  if (s->empty()) {
    fail(n, "must not be empty");
    return std::nullopt;
  }
  dvb::DvbText t;
  std::string error;
  if (!dvb::text::encode(*s, charset, &t.raw, &error)) {
    fail(n, std::string("cannot be written in ") + dvb::text::charsetName(charset) + ": " + error);
    return std::nullopt;
  }
  if (t.raw.size() > max_bytes) {
    fail(n, "is " + std::to_string(t.raw.size()) + " bytes in " + dvb::text::charsetName(charset) +
                "; the limit is " + std::to_string(max_bytes));
    return std::nullopt;
  }
  t.utf8 = *s;
  return t;
}

std::optional<uint64_t> JsonReader::integerAt(const Node& obj, const char* key, uint64_t min,
                                              uint64_t max) {
  auto m = member(obj, key, true);
  return m ? integer(*m, min, max) : std::nullopt;
}

}  // namespace tools::notice
