# Debian's g++-arm-linux-gnueabihf (32-bit ARMv7 hard-float, little-endian). Usage:
#   cmake -DCMAKE_TOOLCHAIN_FILE=toolchains/arm-linux-gnueabihf.cmake -DSTB_SYSROOT=SYSROOT ...
# or scripts/cross-test armhf, which makes the sysroot, builds and runs the tests under qemu.
set(STB_CROSS_TRIPLET arm-linux-gnueabihf)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(STB_CROSS_QEMU qemu-arm-static)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
# GCC notes that std::pair/struct argument passing changed in GCC 7.1 on ARM
# (-Wpsabi). They are informational (everything here is built by one
# compiler) and would bury real warnings in the build log.
string(APPEND CMAKE_CXX_FLAGS_INIT " -Wno-psabi")
