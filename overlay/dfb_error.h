#pragma once
// DirectFB result codes as text, for error messages. Include only in .cpp files.
#include <directfb.h>

#include <string>

namespace overlay {

inline std::string dfbError(const std::string& what, DFBResult result) {
  return what + ": " + DirectFBErrorString(result);
}

}  // namespace overlay
