#pragma once
// Kernel input key names (KEY_UP, KEY_OK, ... as <linux/input.h> spells
// them) and their codes, for keymap files and LIRC button names.
#include <cstdint>
#include <optional>
#include <string>

namespace platform {
namespace box {

// The code of NAME ("KEY_UP" -> 103); absent for a name not in the table.
std::optional<uint16_t> kernelKeyCode(const std::string& name);
// "KEY_UP" for 103; "key code 757" for a code without a name in the table.
std::string kernelKeyName(uint16_t code);
// KEY_MAX: the largest key code the kernel defines.
uint16_t maxKernelKeyCode();

}  // namespace box
}  // namespace platform
