#pragma once
// stbd put together: the config read, the log, the operator's keys, the
// state store, the display and the TS source, handed to stb::Daemon and
// driven by one of the run loops (stbd_run.h).
#include "stbd/stbd_options.h"

namespace stbd {

// Runs until a replayed file ends, SIGTERM/SIGINT, or a fatal error; returns
// the process's exit status (0 done, 1 cannot start or a fatal error).
int runStbd(const StbdOptions& options);

}  // namespace stbd
