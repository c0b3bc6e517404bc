#include "tools/stb-notice/cli_args.h"

namespace tools::notice {
namespace {

bool isPem(const std::string& s) {
  return s.size() > 4 && s[0] != '-' && s.compare(s.size() - 4, 4, ".pem") == 0;
}

}  // namespace

bool ArgCursor::flag(const char* name) {
  if (!is(name)) return false;
  ++i_;
  return true;
}

bool ArgCursor::option(const char* name, std::string* value) {
  if (!is(name) || i_ + 1 >= args_.size()) return false;
  *value = args_[i_ + 1];
  i_ += 2;
  return true;
}

bool ArgCursor::positional(std::string* value) {
  if (done() || (args_[i_].size() > 1 && args_[i_][0] == '-')) return false;
  *value = args_[i_++];
  return true;
}

bool ArgCursor::pemList(std::vector<std::string>* files) {
  size_t j = i_ + 1;
  while (j < args_.size() && isPem(args_[j])) files->push_back(args_[j++]);
  if (j == i_ + 1) return false;
  i_ = j;
  return true;
}

std::string ArgCursor::unexpected() const {
  if (done()) return "missing argument";
  const std::string& a = args_[i_];
  if (a.size() > 1 && a[0] == '-' && i_ + 1 >= args_.size()) return a + " needs a value";
  if (a == "--trust" || a == "--root") return a + " needs one or more FILE.pem";
  return "unexpected argument " + a;
}

}  // namespace tools::notice
