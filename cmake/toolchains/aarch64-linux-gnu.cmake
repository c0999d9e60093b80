# Cross-builds for arm64 (Grace Hopper and Grace Blackwell nodes, Arm servers) on an amd64 Debian
# machine: Debian's cross compiler (crossbuild-essential-arm64, with its glibc under
# /usr/aarch64-linux-gnu) and the arm64 libraries unpacked by packaging/arm64-root.sh into
# SMISTAT_ARM64_ROOT. Debian's libyaml-cpp-dev cannot be installed beside its amd64 self, which is
# why the libraries are an unpacked folder rather than multiarch packages.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

if(NOT SMISTAT_ARM64_ROOT)
  message(FATAL_ERROR "SMISTAT_ARM64_ROOT is not set: run packaging/arm64-root.sh first")
endif()
# Try-compile projects get the variable too, or they fail before the first line of smistat.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SMISTAT_ARM64_ROOT)

set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu ${SMISTAT_ARM64_ROOT})
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# OpenSSL keeps its architecture's configuration header in the multiarch include folder.
set(CMAKE_CXX_FLAGS_INIT "-isystem ${SMISTAT_ARM64_ROOT}/usr/include/aarch64-linux-gnu")
# Tests run the arm64 binaries through qemu-aarch64-static with this glibc.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static -L /usr/aarch64-linux-gnu)
# pkg-config (gRPC's static link list) reads the arm64 root's .pc files, and prefixes their paths
# with the root.
set(ENV{PKG_CONFIG_LIBDIR}
  "${SMISTAT_ARM64_ROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${SMISTAT_ARM64_ROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${SMISTAT_ARM64_ROOT}")
