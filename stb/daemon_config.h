#pragma once
// The config file's values turned into what the daemon's parts take.
#include "stb/config.h"
#include "stb/daemon.h"

namespace stb {

DaemonOptions daemonOptionsFrom(const StbdConfig& config);

}  // namespace stb
