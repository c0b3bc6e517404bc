# Debian's g++-s390x-linux-gnu (64-bit IBM Z, big-endian: catches byte-order bugs). Usage:
#   cmake -DCMAKE_TOOLCHAIN_FILE=toolchains/s390x-linux-gnu.cmake -DSTB_SYSROOT=SYSROOT ...
# or scripts/cross-test s390x, which makes the sysroot, builds and runs the tests under qemu.
set(STB_CROSS_TRIPLET s390x-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(STB_CROSS_QEMU qemu-s390x-static)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
