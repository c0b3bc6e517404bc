#pragma once
// A cursor over a program's (or a subcommand's) arguments, so that each
// parser reads as the list of options it accepts:
//
//   platform::ArgCursor a(argc, argv);
//   while (!a.done()) {
//     std::string v;
//     if (a.flag("--json")) json = true;
//     else if (a.option("--out", &v)) out = v;
//     else if (a.positional(&v)) inputs.push_back(v);
//     else return usage(a.unexpected());
//   }
//
// Options are `--name` (a flag) and `--name VALUE` (the next argument,
// whatever it looks like); no tool takes `--name=VALUE`. The cursor asks
// nothing of the values: platform/arg_values.h parses numbers and durations.
#include <string>
#include <vector>

namespace platform {

class ArgCursor {
 public:
  explicit ArgCursor(std::vector<std::string> args) : args_(std::move(args)) {}
  // A program's own arguments: argv[1] to argv[argc - 1].
  ArgCursor(int argc, const char* const* argv);

  bool done() const { return i_ >= args_.size(); }
  // The current argument is `name` (not consumed).
  bool is(const char* name) const { return !done() && args_[i_] == name; }
  // `name` without a value; consumed when it matches.
  bool flag(const char* name);
  // `name VALUE`; consumed when it matches and a value follows.
  bool option(const char* name, std::string* value);
  // `name` followed by one or more arguments that `accept` takes (FILE.pem
  // FILE.pem ...); all consumed when there is at least one. `what` names
  // them in the error ("--trust needs one or more FILE.pem").
  bool list(const char* name, bool (*accept)(const std::string&), const char* what,
            std::vector<std::string>* values);
  // An argument that is not an option ("-" alone counts as one); consumed.
  bool positional(std::string* value);

  // Why the current argument was not taken, for a usage error:
  // "X needs a value" when X is an option asked for here with nothing (or,
  // for a list, nothing it takes) after it; else "unexpected argument X".
  std::string unexpected() const;
  // The same, but "unknown option X" instead of "unexpected argument X".
  std::string unknownOption() const;

 private:
  // The "needs ..." error when an option was asked for at the current
  // argument and its value was missing; "" otherwise.
  std::string missingValue() const;

  std::vector<std::string> args_;
  size_t i_ = 0;
  // The option that matched at args_[wanted_at_] but lacked its value.
  size_t wanted_at_ = static_cast<size_t>(-1);
  std::string wanted_;  // "a value", "one or more FILE.pem"
};

}  // namespace platform
