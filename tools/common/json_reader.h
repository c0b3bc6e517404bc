#pragma once
// Typed reading of one input file's JSON with every problem reported as
//   FILE: $.notices[2].texts[0].language: must be 3 letters
// The rules match docs/notice.schema.json; the reader goes on after a
// problem so that one run lists them all. It reads the operator's input
// format (namespace tools::notice): stb-notice's input files, and the
// working-day calendars stb-central reads from one of them
// (tools/common/work_calendar_input.h).
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dvb/dvb_text.h"
#include "dvb/mjd_time.h"
#include "dvb/notice/wire.h"

namespace tools::notice {

// A problem at its place, for a caller that shows each beside its field
// (stb-headend's console): PATH "$.texts[1].title", WHY "is required".
struct FieldProblem {
  std::string path;
  std::string why;
};

// A JSON value and where it sits ("$", "$.notices[2]").
struct Node {
  const nlohmann::json* value = nullptr;
  std::string path;
};

class JsonReader {
 public:
  JsonReader(std::string file, std::vector<std::string>* problems)
      : file_(std::move(file)), problems_(problems) {}
  // The same, and each problem also as a FieldProblem in *FIELDS.
  JsonReader(std::string file, std::vector<std::string>* problems,
             std::vector<FieldProblem>* fields)
      : file_(std::move(file)), problems_(problems), fields_(fields) {}

  const std::string& file() const { return file_; }
  // "FILE: PATH" for messages that point at a whole object.
  std::string where(const Node& n) const { return file_ + ": " + n.path; }
  void fail(const Node& n, const std::string& why);
  void fail(const std::string& path, const std::string& why);
  size_t problemCount() const { return problems_->size(); }

  // An object holding only `keys` (a misspelt key is an error, not ignored).
  bool object(const Node& n, std::initializer_list<const char*> keys);
  // A member of an object checked with object(); nullopt when absent, and
  // then reported as "required" when `required`.
  std::optional<Node> member(const Node& object, const char* key, bool required);
  std::optional<std::vector<Node>> array(const Node& n, size_t min_items, size_t max_items);

  std::optional<uint64_t> integer(const Node& n, uint64_t min, uint64_t max);
  std::optional<double> number(const Node& n, double min, double max);
  std::optional<bool> boolean(const Node& n);
  std::optional<std::string> string(const Node& n);
  // 1..max_length ASCII characters of one class; `what` completes "must be".
  std::optional<std::string> ascii(const Node& n, dvb::notice::Ascii kind, size_t min_length,
                                   size_t max_length, const char* what);
  // "YYYY-MM-DDThh:mm:ssZ" within the 16-bit MJD window.
  std::optional<dvb::UtcSeconds> utc(const Node& n);
  // "YYYY-MM-DD": midnight UTC of that date.
  std::optional<dvb::UtcSeconds> date(const Node& n);
  std::optional<dvb::text::Charset> charset(const Node& n);
  // UTF-8 text encoded in `charset`, 1..max_bytes once encoded.
  std::optional<dvb::DvbText> text(const Node& n, dvb::text::Charset charset, size_t max_bytes);

  // member() + the typed read, for the common case.
  std::optional<uint64_t> integerAt(const Node& obj, const char* key, uint64_t min, uint64_t max);

 private:
  std::string file_;
  std::vector<std::string>* problems_;
  std::vector<FieldProblem>* fields_ = nullptr;
};

// The document in `text`, or nullopt with the problems added: not JSON, or
// a key given twice in one object ("FILE: $.notices[0].kind: repeated key").
// The parser alone would keep the last of the two, so what is signed would
// not be what the operator read.
std::optional<nlohmann::json> parseDocument(const std::string& file, const std::string& text,
                                            std::vector<std::string>* problems);

// "$.a" + "b" -> "$.a.b"; "$.a" + 2 -> "$.a[2]".
std::string childPath(const std::string& path, const char* key);
std::string childPath(const std::string& path, size_t index);

}  // namespace tools::notice
