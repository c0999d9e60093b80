# The Debian package, built by CPack from a release build:
#   cmake --preset release && cmake --build --preset release --target smistat nvidia-smi-replay
#   cd build/release && cpack -G DEB
# It holds what `cmake --install --prefix /usr` installs (etc/install_config.cmake puts the
# configuration in /etc and the unit in /lib/systemd/system for that prefix), the maintainer
# scripts of etc/debian/, and Depends computed by dpkg-shlibdeps from the linked libraries.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME smistat)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "smistat runs nvidia-smi with a deadline, parses its CSV output and serves the GPU figures \
as JSON (the APIs of several Python GPU servers) and as Prometheus metrics with \
dcgm-exporter's names. It ships nvidia-smi-replay and recorded machines for --replay.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(SMISTAT_PACKAGE_MAINTAINER "smistat maintainers <smistat@localhost>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${SMISTAT_PACKAGE_MAINTAINER}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (package dpkg-dev) turns the binaries' NEEDED libraries into Depends.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# nvidia-smi comes with the driver (Debian's nvidia-smi package, or NVIDIA's installer), which
# smistat cannot require: --replay serves recorded machines without it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nvidia-smi")
set(smistat_debian_dir ${PROJECT_SOURCE_DIR}/etc/debian)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${smistat_debian_dir}/conffiles ${smistat_debian_dir}/postinst
    ${smistat_debian_dir}/prerm ${smistat_debian_dir}/postrm)
# 0755 scripts and 0644 conffiles, whatever the checkout's umask was.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Debian ships stripped binaries; debug symbols would triple the package.
set(CPACK_STRIP_FILES ON)

# CPack installs through the `preinstall` target, which would otherwise build `all`, every test
# included; the package needs only the installed targets, which its builder builds first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

include(CPack)
