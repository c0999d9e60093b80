# The .deb and .rpm, built by CPack. The shipped packages come from the portable build
# (cmake/dist.cmake, packaging/dist.sh), whose binaries need only glibc >= 2.34 and libgcc_s, so
# one package installs on Debian 12, Ubuntu 22.04 and newer (and the RPM on RHEL 9 and its
# rebuilds). A package built from an ordinary build works too, with Depends computed by
# dpkg-shlibdeps from the shared libraries it links:
#   cmake --preset release && cmake --build --preset release --target smistat nvidia-smi-replay
#   cd build/release && cpack -G DEB
# Both hold what `cmake --install --prefix /usr` installs (etc/install_config.cmake puts the
# configuration in /etc and the unit in /lib/systemd/system, /usr/lib/systemd/system for RPM).

set(CPACK_GENERATOR DEB RPM)
set(CPACK_PACKAGE_NAME smistat)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Lines under 80 characters: Debian's control file shows them as they are.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "smistat runs nvidia-smi with a deadline, parses its CSV output and serves\n"
  "the GPU figures as JSON (the APIs of several Python GPU servers) and as\n"
  "Prometheus metrics with dcgm-exporter's or nvidia_gpu_exporter's names.\n"
  "It ships nvidia-smi-replay and recorded machines for --replay, and the\n"
  "command-line tools smistat list and smistat available.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(SMISTAT_PACKAGE_MAINTAINER "smistat maintainers <maintainers@smistat.dev>"
    CACHE STRING "Maintainer of the packages")
set(CPACK_PACKAGE_CONTACT "${SMISTAT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VENDOR smistat)
set(SMISTAT_HOMEPAGE "https://github.com/smistat/smistat" CACHE STRING "Homepage of the packages")
# Debian ships stripped binaries; debug symbols would triple the package.
set(CPACK_STRIP_FILES ON)

# Both package formats carry the licence (with the libraries linked in) and a changelog in the
# documentation folder.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
set(smistat_changelog ${PROJECT_BINARY_DIR}/changelog.gz)
# Debian's changelog format, compressed reproducibly (gzip -n) as policy asks.
execute_process(COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/packaging/changelog
                OUTPUT_FILE ${smistat_changelog} COMMAND_ERROR_IS_FATAL ANY)
install(FILES ${smistat_changelog} DESTINATION ${CMAKE_INSTALL_DOCDIR})
# lintian's overrides for what the portable build embeds on purpose (read by lintian only).
if(SMISTAT_PORTABLE AND TARGET smistat-kubelet)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/deb/lintian-overrides
          DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME smistat)
endif()

# --- Debian --------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${SMISTAT_HOMEPAGE}")
if(SMISTAT_PORTABLE)
  # What tests/dist/portable_binary_test.sh proves of the binaries: nothing but glibc up to
  # GLIBC_2.34 and libgcc_s (a dependency of libc6 itself).
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34), libgcc-s1")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${SMISTAT_DIST_ARCH})
else()
  # dpkg-shlibdeps (package dpkg-dev) turns the binaries' NEEDED libraries into Depends.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
# nvidia-smi comes with the driver (Debian's nvidia-smi package, or NVIDIA's installer), which
# smistat cannot require: --replay serves recorded machines without it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nvidia-smi")
set(smistat_debian_dir ${PROJECT_SOURCE_DIR}/etc/debian)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${smistat_debian_dir}/conffiles ${smistat_debian_dir}/postinst
    ${smistat_debian_dir}/prerm ${smistat_debian_dir}/postrm)
# 0755 scripts and 0644 conffiles, whatever the checkout's umask was.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# --- RPM -----------------------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE MIT)
set(CPACK_RPM_PACKAGE_GROUP "Applications/System")
set(CPACK_RPM_PACKAGE_URL "${SMISTAT_HOMEPAGE}")
if(SMISTAT_DIST_ARCH STREQUAL "arm64")
  set(CPACK_RPM_PACKAGE_ARCHITECTURE aarch64)
elseif(SMISTAT_DIST_ARCH STREQUAL "amd64")
  set(CPACK_RPM_PACKAGE_ARCHITECTURE x86_64)
endif()
# rpmbuild's own dependency scan of the binaries yields the glibc and libgcc_s requirements.
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_AUTOPROV OFF)
# Installed where it belongs or not at all: the unit and configuration name fixed paths.
set(CPACK_PACKAGE_RELOCATABLE OFF)
# Folders the base system owns: the package must not claim them.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc/default /usr/lib/systemd /usr/lib/systemd/system /usr/share/doc)
# Edited configuration survives upgrades, as the Debian conffiles do.
set(CPACK_RPM_USER_FILELIST
    "%config(noreplace) /etc/smistat/smistat.conf" "%config(noreplace) /etc/default/smistat")
set(smistat_rpm_dir ${PROJECT_SOURCE_DIR}/packaging/rpm)
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE ${smistat_rpm_dir}/post)
set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE ${smistat_rpm_dir}/preun)
set(CPACK_RPM_POST_UNINSTALL_SCRIPT_FILE ${smistat_rpm_dir}/postun)
# The binaries are stripped by CPack already; rpmbuild's own strip would be the host's, which
# cannot read the other architecture's binaries.
# No build-id links either: they belong in debug packages, which this one is not.
set(CPACK_RPM_SPEC_MORE_DEFINE
    "%define __strip /bin/true\n%define debug_package %{nil}\n%define _build_id_links none")

# CPack installs through the `preinstall` target, which would otherwise build `all`, every test
# included; the packages need only the installed targets, which their builder builds first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

include(CPack)
