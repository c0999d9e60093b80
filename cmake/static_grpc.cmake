# gRPC for the portable builds, from Debian's static archives: pkg-config's `--static` list of
# grpc++ and protobuf (gRPC, upb, c-ares, RE2, zlib and some sixty Abseil archives), each name
# resolved to its `.a` under the library folders pkg-config names or the default ones. CMake's
# FindPkgConfig gives the names but links whatever `find_library` prefers, the shared objects, so
# the archives are looked up here one by one. Left to glibc: dl, pthread, rt, m. OpenSSL is the
# static one the rest of smistat links; libatomic is GCC's archive.
#
# The archives are one group for the linker (LINK_GROUP:RESCAN) because pkg-config's order is
# only right up to its repeated names, which CMake folds.
set(_grpc_archives)
set(_grpc_system)
foreach(name IN LISTS GRPCPP_STATIC_LIBRARIES)
  if(name MATCHES "^(dl|pthread|rt|m)$")
    list(APPEND _grpc_system ${name})
  elseif(name STREQUAL "ssl")
    list(APPEND _grpc_system OpenSSL::SSL)
  elseif(name STREQUAL "crypto")
    list(APPEND _grpc_system OpenSSL::Crypto)
  elseif(name STREQUAL "atomic")
    list(APPEND _grpc_system -l:libatomic.a)
  else()
    find_library(SMISTAT_GRPC_ARCHIVE_${name} NAMES lib${name}.a
      HINTS ${GRPCPP_STATIC_LIBRARY_DIRS} REQUIRED)
    list(APPEND _grpc_archives ${SMISTAT_GRPC_ARCHIVE_${name}})
  endif()
endforeach()
list(REMOVE_DUPLICATES _grpc_archives)
list(REMOVE_DUPLICATES _grpc_system)

add_library(smistat_static_grpc INTERFACE)
target_include_directories(smistat_static_grpc SYSTEM INTERFACE ${GRPCPP_STATIC_INCLUDE_DIRS})
target_compile_options(smistat_static_grpc INTERFACE ${GRPCPP_STATIC_CFLAGS_OTHER})
target_link_libraries(smistat_static_grpc INTERFACE
  "$<LINK_GROUP:RESCAN,${_grpc_archives}>" ${_grpc_system})
