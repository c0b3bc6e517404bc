# Debian's g++-aarch64-linux-gnu (64-bit ARM, little-endian). Usage:
#   cmake -DCMAKE_TOOLCHAIN_FILE=toolchains/aarch64-linux-gnu.cmake -DSTB_SYSROOT=SYSROOT ...
# or scripts/cross-test aarch64, which makes the sysroot, builds and runs the tests under qemu.
set(STB_CROSS_TRIPLET aarch64-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(STB_CROSS_QEMU qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
