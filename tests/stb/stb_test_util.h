#pragma once
// Shared by the stb/ tests: the recording log (tests/support) and small
// notice helpers on top of tests/dvb/notice/notice_test_util.h.
#include "dvb/notice/notice.h"
#include "tests/support/recording_log.h"

namespace stb::testing_util {

using testing_support::RecordingLog;

// The operator's cancellation of notice N: the same notice, flagged, no text.
inline dvb::notice::Notice cancellationOf(dvb::notice::Notice n) {
  n.flags = dvb::notice::Notice::kFlagCancel;
  n.texts.clear();
  return n;
}

}  // namespace stb::testing_util
