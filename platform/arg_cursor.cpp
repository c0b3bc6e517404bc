#include "platform/arg_cursor.h"

namespace platform {

ArgCursor::ArgCursor(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) args_.emplace_back(argv[i]);
}

bool ArgCursor::flag(const char* name) {
  if (!is(name)) return false;
  ++i_;
  return true;
}

bool ArgCursor::option(const char* name, std::string* value) {
  if (!is(name)) return false;
  if (i_ + 1 >= args_.size()) {
    wanted_at_ = i_;
    wanted_ = "a value";
    return false;
  }
  *value = args_[i_ + 1];
  i_ += 2;
  return true;
}

bool ArgCursor::list(const char* name, bool (*accept)(const std::string&), const char* what,
                     std::vector<std::string>* values) {
  if (!is(name)) return false;
  size_t j = i_ + 1;
  while (j < args_.size() && accept(args_[j])) values->push_back(args_[j++]);
  if (j == i_ + 1) {
    wanted_at_ = i_;
    wanted_ = j < args_.size() ? std::string("one or more ") + what : "a value";
    return false;
  }
  i_ = j;
  return true;
}

bool ArgCursor::positional(std::string* value) {
  if (done() || (args_[i_].size() > 1 && args_[i_][0] == '-')) return false;
  *value = args_[i_++];
  return true;
}

std::string ArgCursor::missingValue() const {
  if (done() || wanted_at_ != i_) return "";
  return args_[i_] + " needs " + wanted_;
}

std::string ArgCursor::unexpected() const {
  if (done()) return "missing argument";
  const std::string missing = missingValue();
  return missing.empty() ? "unexpected argument " + args_[i_] : missing;
}

std::string ArgCursor::unknownOption() const {
  if (done()) return "missing argument";
  const std::string missing = missingValue();
  return missing.empty() ? "unknown option " + args_[i_] : missing;
}

}  // namespace platform
