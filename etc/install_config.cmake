# Runs at install time (cmake --install, with or without --prefix, and DESTDIR for packages):
# installs the sample configuration, the environment file and the systemd unit, the unit naming
# the paths of the prefix actually installed to. /usr is a distribution's own prefix, so it
# follows Debian: configuration in /etc, units in /lib/systemd/system (where Debian 12's
# packages put them and systemd looks first).
set(prefix "${CMAKE_INSTALL_PREFIX}")
if(prefix STREQUAL "/usr")
  set(etc_dir "/etc")
  set(unit_dir "/lib/systemd/system")
else()
  set(etc_dir "${prefix}/etc")
  set(unit_dir "${prefix}/lib/systemd/system")
endif()
# A package format whose systems keep packaged units elsewhere names the folder (cmake/dist.cmake).
if(DEFINED ENV{SMISTAT_SYSTEMD_UNIT_DIR})
  set(unit_dir "$ENV{SMISTAT_SYSTEMD_UNIT_DIR}")
endif()
set(conf_dir "${etc_dir}/smistat")
file(READ "${SMISTAT_ETC_DIR}/smistat.service" unit)
string(REPLACE "/usr/local/bin/smistat" "${prefix}/${SMISTAT_BINDIR}/smistat" unit "${unit}")
string(REPLACE "/etc/smistat.conf" "${conf_dir}/smistat.conf" unit "${unit}")
string(REPLACE "/etc/default/smistat" "${etc_dir}/default/smistat" unit "${unit}")
file(MAKE_DIRECTORY "$ENV{DESTDIR}${unit_dir}")
message(STATUS "Installing: $ENV{DESTDIR}${unit_dir}/smistat.service")
file(WRITE "$ENV{DESTDIR}${unit_dir}/smistat.service" "${unit}")
# file(INSTALL) adds DESTDIR itself; file(WRITE) above does not.
file(INSTALL "${SMISTAT_ETC_DIR}/smistat.conf" DESTINATION "${conf_dir}")
# The unit reads it for SMISTAT_ARGS (extra command-line arguments) and SMISTAT_* settings.
file(INSTALL "${SMISTAT_ETC_DIR}/smistat.default" DESTINATION "${etc_dir}/default"
     RENAME smistat)
