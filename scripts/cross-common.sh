# Sourced by scripts/cross-test and scripts/cross-sysroot: what each box architecture is called
# by Debian, GCC and qemu. Usage: stb_cross_arch ARCH (armhf, aarch64, mipsel, s390x).
# Sets DEB_ARCH, TRIPLET, QEMU, TOOLCHAIN (relative to the source tree) and LOADER.
stb_cross_arch() {
  case "${1:-}" in
    armhf)   DEB_ARCH=armhf;  TRIPLET=arm-linux-gnueabihf; QEMU=qemu-arm-static
             LOADER=lib/ld-linux-armhf.so.3 ;;
    aarch64) DEB_ARCH=arm64;  TRIPLET=aarch64-linux-gnu;   QEMU=qemu-aarch64-static
             LOADER=lib/ld-linux-aarch64.so.1 ;;
    mipsel)  DEB_ARCH=mipsel; TRIPLET=mipsel-linux-gnu;    QEMU=qemu-mipsel-static
             LOADER=lib/ld.so.1 ;;
    s390x)   DEB_ARCH=s390x;  TRIPLET=s390x-linux-gnu;     QEMU=qemu-s390x-static
             LOADER=lib/ld64.so.1 ;;
    *) echo "unknown architecture '${1:-}': use armhf, aarch64, mipsel or s390x" >&2
       return 2 ;;
  esac
  TOOLCHAIN="toolchains/$TRIPLET.cmake"
}
