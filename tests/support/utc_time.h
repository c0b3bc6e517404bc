#pragma once
// at("2026-11-30T02:00:00Z"): a test's UTC instant, written as people read it
// (dvb's one text form, dvb/mjd_time.h). Shared by the dvb, stb, stbd and
// stb-central tests.
#include <gtest/gtest.h>

#include "dvb/mjd_time.h"

namespace testing_support {

// A text that is no UTC time fails the calling test (and gives 0), never crashes.
inline dvb::UtcSeconds at(const char* iso) {
  const std::optional<dvb::UtcSeconds> t = dvb::parseIso8601(iso);
  EXPECT_TRUE(t.has_value()) << "not a UTC time: " << iso;
  return t.value_or(0);
}

}  // namespace testing_support
