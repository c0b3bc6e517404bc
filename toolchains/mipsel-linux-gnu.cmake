# Debian's g++-mipsel-linux-gnu (32-bit MIPS, little-endian). Usage:
#   cmake -DCMAKE_TOOLCHAIN_FILE=toolchains/mipsel-linux-gnu.cmake -DSTB_SYSROOT=SYSROOT ...
# or scripts/cross-test mipsel, which makes the sysroot, builds and runs the tests under qemu.
set(STB_CROSS_TRIPLET mipsel-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR mipsel)
set(STB_CROSS_QEMU qemu-mipsel-static)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
