# The distribution artifacts of one architecture, from the portable build (SMISTAT_PORTABLE):
#   dist_tarball   smistat-<version>-linux-<arch>.tar.gz: the /usr/local install tree, stripped
#   dist_packages  the .deb and the .rpm (cmake/packaging.cmake), Depends shrunk to glibc
#   dist_image     smistat-<version>-linux-<arch>.oci.tar: an OCI image archive
#   dist           all three, into SMISTAT_DIST_DIR
# packaging/dist.sh builds both architectures, the multi-arch image index and SHA256SUMS.
set(SMISTAT_DIST_DIR ${PROJECT_SOURCE_DIR}/dist CACHE PATH "Where the dist targets write")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  set(smistat_default_arch amd64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(smistat_default_arch arm64)
endif()
set(SMISTAT_DIST_ARCH "${smistat_default_arch}" CACHE STRING
    "Debian name of the architecture the build is for (amd64, arm64)")
if(NOT SMISTAT_DIST_ARCH MATCHES "^(amd64|arm64)$")
  message(FATAL_ERROR "SMISTAT_DIST_ARCH must be amd64 or arm64, not '${SMISTAT_DIST_ARCH}'")
endif()
set(SMISTAT_DIST_NAME smistat-${PROJECT_VERSION}-linux-${SMISTAT_DIST_ARCH})

# The glibc the image carries is Debian 12's for the target architecture, unpacked from its
# packages (packaging/debian-root.sh) beside the build.
set(smistat_glibc_root ${PROJECT_BINARY_DIR}/glibc-root)
set(smistat_programs smistat nvidia-smi-replay)

add_custom_target(dist_tarball
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DNAME=${SMISTAT_DIST_NAME} -DOUT_DIR=${SMISTAT_DIST_DIR}
          -P ${PROJECT_SOURCE_DIR}/cmake/dist_tarball.cmake
  DEPENDS ${smistat_programs}
  COMMENT "Writing ${SMISTAT_DIST_NAME}.tar.gz" VERBATIM)

# One cpack run per generator: the RPM puts the unit where Red Hat's systemd keeps packaged units
# (/lib is a link there, which a package must not own), read by etc/install_config.cmake.
add_custom_target(dist_packages
  COMMAND cpack -G DEB -B ${PROJECT_BINARY_DIR}/cpack
  COMMAND ${CMAKE_COMMAND} -E env SMISTAT_SYSTEMD_UNIT_DIR=/usr/lib/systemd/system
          cpack -G RPM -B ${PROJECT_BINARY_DIR}/cpack
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SMISTAT_DIST_DIR}
  COMMAND sh -c "cp ${PROJECT_BINARY_DIR}/cpack/*.deb ${PROJECT_BINARY_DIR}/cpack/*.rpm $0"
          ${SMISTAT_DIST_DIR}
  WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
  DEPENDS ${smistat_programs}
  COMMENT "Writing the ${SMISTAT_DIST_ARCH} .deb and .rpm" VERBATIM)

add_custom_target(dist_image
  COMMAND ${PROJECT_SOURCE_DIR}/packaging/debian-root.sh ${SMISTAT_DIST_ARCH} ${smistat_glibc_root}
          libc6 libgcc-s1
  COMMAND ${PROJECT_SOURCE_DIR}/packaging/image/build.sh ${PROJECT_BINARY_DIR} ${SMISTAT_DIST_ARCH}
          ${smistat_glibc_root} ${SMISTAT_DIST_DIR}/${SMISTAT_DIST_NAME}.oci.tar
          ${PROJECT_VERSION} ${SMISTAT_REVISION}
  DEPENDS ${smistat_programs}
  COMMENT "Writing ${SMISTAT_DIST_NAME}.oci.tar" VERBATIM)

add_custom_target(dist)
add_dependencies(dist dist_tarball dist_packages dist_image)
