# Every library smistat links from outside the repository, found once here so that the portable
# build (SMISTAT_PORTABLE) can swap each for its static archive in one place.
#
# The portable build links Boost, OpenSSL, yaml-cpp, libcrypt and libstdc++ statically and only
# glibc (libc, libm, the loader) and libgcc_s dynamically:
# - glibc stays shared because user names (`smistat list`, from /etc/passwd but also LDAP or SSSD
#   on clusters) and host names (the master's agents, DNS) are resolved through glibc's NSS, whose
#   modules a static glibc would load from the host at run time anyway, and only when they match
#   the glibc it was linked with. From 2.34 on, glibc carries `files` and `dns` inside libc.so.6.
# - libgcc_s stays shared because GCC 12's static unwinder (libgcc_eh) calls `_dl_find_object`,
#   a GLIBC_2.35 symbol that RHEL 9's glibc 2.34 lacks; libgcc_s.so.1 is on every glibc system
#   (Debian's libc6 depends on it, and glibc loads it itself to cancel threads).
# tests/dist/portable_binary_test.sh checks both rules on the built binaries.
option(SMISTAT_PORTABLE
  "Link every library but glibc and libgcc_s statically (the tarballs, packages and images)" OFF)

if(SMISTAT_PORTABLE)
  set(Boost_USE_STATIC_LIBS ON)
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  # Hardened as distributions build their packages: fortified libc calls, all relocations
  # resolved and read-only before main.
  add_compile_options(-D_FORTIFY_SOURCE=2)
  add_link_options(-static-libstdc++ -Wl,-z,relro,-z,now)
  # Each function and object in a section of its own, and the linker drops those nothing
  # reaches: a smaller binary, and fewer pages of it faulted in around the ones start-up touches.
  add_compile_options(-ffunction-sections -fdata-sections)
  add_link_options(-Wl,--gc-sections)
endif()

find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json program_options filesystem url)
find_package(Threads REQUIRED)
# TLS through OpenSSL (Asio's ssl::context, Beast's ssl_stream).
find_package(OpenSSL 3 REQUIRED)

if(SMISTAT_PORTABLE)
  # Debian's yaml-cpp package describes only its shared library to CMake; the archive sits beside it.
  find_library(SMISTAT_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED)
  find_path(SMISTAT_YAML_CPP_INCLUDE_DIR yaml-cpp/yaml.h REQUIRED)
  add_library(yaml-cpp STATIC IMPORTED)
  set_target_properties(yaml-cpp PROPERTIES
    IMPORTED_LOCATION ${SMISTAT_YAML_CPP_ARCHIVE}
    INTERFACE_INCLUDE_DIRECTORIES ${SMISTAT_YAML_CPP_INCLUDE_DIR})
  find_library(CRYPT_LIBRARY NAMES libcrypt.a REQUIRED)
else()
  # The web configuration file (--web.config.file) is YAML.
  find_package(yaml-cpp REQUIRED)
  # bcrypt for basic auth through libxcrypt's crypt_r.
  find_library(CRYPT_LIBRARY NAMES crypt REQUIRED)
endif()

# Kubernetes allocation labels (--kubernetes) read the kubelet's PodResources API over gRPC.
# AUTO turns them on when gRPC's C++ library, protoc and its gRPC plugin are all present (Debian:
# libgrpc++-dev, protobuf-compiler-grpc); without them --kubernetes serves without pod labels and
# says why (a warning, /health's kubernetes.error). The portable builds link gRPC's own static
# archives (smistat_static_grpc below), so the tarballs, packages and images carry it.
set(SMISTAT_KUBERNETES AUTO CACHE STRING "Kubernetes allocation labels over gRPC: AUTO, ON or OFF")
set_property(CACHE SMISTAT_KUBERNETES PROPERTY STRINGS AUTO ON OFF)
set(SMISTAT_HAS_KUBERNETES OFF)
if(SMISTAT_KUBERNETES STREQUAL "ON" OR SMISTAT_KUBERNETES STREQUAL "AUTO")
  find_package(PkgConfig)
  if(PkgConfig_FOUND)
    pkg_check_modules(GRPCPP IMPORTED_TARGET grpc++ protobuf)
  endif()
  find_program(SMISTAT_PROTOC protoc)
  find_program(SMISTAT_GRPC_CPP_PLUGIN grpc_cpp_plugin)
  if(GRPCPP_FOUND AND SMISTAT_PROTOC AND SMISTAT_GRPC_CPP_PLUGIN)
    set(SMISTAT_HAS_KUBERNETES ON)
  elseif(SMISTAT_KUBERNETES STREQUAL "ON")
    message(FATAL_ERROR "SMISTAT_KUBERNETES=ON needs grpc++ (pkg-config), protoc and grpc_cpp_plugin")
  endif()
endif()

if(SMISTAT_HAS_KUBERNETES AND SMISTAT_PORTABLE)
  include(${CMAKE_CURRENT_LIST_DIR}/static_grpc.cmake)
  set(SMISTAT_GRPC_TARGET smistat_static_grpc)
elseif(SMISTAT_HAS_KUBERNETES)
  set(SMISTAT_GRPC_TARGET PkgConfig::GRPCPP)
endif()
message(STATUS "Kubernetes allocation labels (gRPC): ${SMISTAT_HAS_KUBERNETES}")
