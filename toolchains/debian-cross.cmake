# Shared part of the toolchain files for Debian's cross compilers (g++-TRIPLET).
# The per-architecture file sets STB_CROSS_TRIPLET, CMAKE_SYSTEM_PROCESSOR and STB_CROSS_QEMU,
# then includes this one.
#
# The sysroot holds the target's libraries (scripts/cross-sysroot makes one from Debian's
# target-architecture packages; a vendor SDK brings its own). Give it as
#   -DSTB_SYSROOT=/path   or the environment variable STB_SYSROOT.
# find_package, find_library and pkg-config then look only there; ctest runs the tests with
#   qemu-ARCH-static -L SYSROOT  (the sysroot's loader, libc and gconv modules).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${STB_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${STB_CROSS_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${STB_CROSS_TRIPLET})

if(NOT STB_SYSROOT AND DEFINED ENV{STB_SYSROOT})
  set(STB_SYSROOT "$ENV{STB_SYSROOT}")
endif()
if(NOT STB_SYSROOT OR NOT IS_DIRECTORY "${STB_SYSROOT}")
  message(FATAL_ERROR "Cross build for ${STB_CROSS_TRIPLET}: set STB_SYSROOT (-DSTB_SYSROOT=... "
                      "or the environment) to the target's sysroot, e.g. the one "
                      "'scripts/cross-sysroot ARCH' makes in build/sysroot-ARCH "
                      "(STB_SYSROOT='${STB_SYSROOT}')")
endif()
get_filename_component(STB_SYSROOT "${STB_SYSROOT}" ABSOLUTE)
set(STB_SYSROOT "${STB_SYSROOT}" CACHE PATH "Sysroot of the target (its libraries and headers)")
# try_compile projects read this file again: hand them the sysroot too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES STB_SYSROOT)

set(CMAKE_SYSROOT "${STB_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${STB_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # build tools run on the build machine
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The target's libraries need each other (libssl -> libcrypto): let the linker find them.
set(_stb_rpath_link
    "-Wl,-rpath-link,${STB_SYSROOT}/usr/lib/${STB_CROSS_TRIPLET}:${STB_SYSROOT}/lib/${STB_CROSS_TRIPLET}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_stb_rpath_link}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "${_stb_rpath_link}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "${_stb_rpath_link}")

# pkg-config reads only the sysroot's .pc files and prefixes their paths with the sysroot.
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${STB_SYSROOT}")
set(ENV{PKG_CONFIG_LIBDIR}
    "${STB_SYSROOT}/usr/lib/${STB_CROSS_TRIPLET}/pkgconfig:${STB_SYSROOT}/usr/lib/pkgconfig:${STB_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# ctest (and gtest_discover_tests at build time) run target programs through qemu user mode:
# binfmt_misc is not relied on. -L: the sysroot's loader and libraries. GCONV_PATH: glibc's
# iconv modules of the same libc (GB2312, ISO 8859, ...), so text tests convert as on a box.
find_program(STB_CROSS_QEMU_PATH ${STB_CROSS_QEMU})
if(NOT STB_CROSS_QEMU_PATH)
  message(FATAL_ERROR "${STB_CROSS_QEMU} not found: apt-get install qemu-user-static")
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR
    "${STB_CROSS_QEMU_PATH};-L;${STB_SYSROOT};-E;GCONV_PATH=${STB_SYSROOT}/usr/lib/${STB_CROSS_TRIPLET}/gconv")
