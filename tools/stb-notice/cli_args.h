#pragma once
// A cursor over a subcommand's arguments, so each parser reads as a list of
// the options it accepts.
#include <string>
#include <vector>

#include "tools/stb-notice/cli_values.h"

namespace tools::notice {

class ArgCursor {
 public:
  explicit ArgCursor(const std::vector<std::string>& args) : args_(args) {}

  bool done() const { return i_ >= args_.size(); }
  // The current argument is `name` (not consumed).
  bool is(const char* name) const { return !done() && args_[i_] == name; }
  // `name` without a value; consumed when it matches.
  bool flag(const char* name);
  // `name VALUE`; consumed when it matches and a value follows.
  bool option(const char* name, std::string* value);
  // An argument that is not an option ("-" alone counts as one); consumed.
  bool positional(std::string* value);
  // The current option followed by one or more FILE.pem; consumed.
  bool pemList(std::vector<std::string>* files);
  // "unexpected argument X" / "X needs a value", for the current argument.
  std::string unexpected() const;

 private:
  const std::vector<std::string>& args_;
  size_t i_ = 0;
};

}  // namespace tools::notice
