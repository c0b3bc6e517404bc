#pragma once
// The config file's values turned into what the daemon's parts take.
#include "stb/daemon.h"
#include "stbd/config.h"

namespace stbd {

stb::DaemonOptions daemonOptionsFrom(const StbdConfig& config);

}  // namespace stbd
