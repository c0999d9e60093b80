# Runs at install time (cmake --install, with or without --prefix, and DESTDIR for packages):
# installs the sample configuration and the systemd unit, the unit naming the paths of the
# prefix actually installed to. /usr puts the configuration in /etc, as Debian does.
set(prefix "${CMAKE_INSTALL_PREFIX}")
if(prefix STREQUAL "/usr")
  set(conf_dir "/etc/smistat")
else()
  set(conf_dir "${prefix}/etc/smistat")
endif()
file(READ "${SMISTAT_ETC_DIR}/smistat.service" unit)
string(REPLACE "/usr/local/bin/smistat" "${prefix}/${SMISTAT_BINDIR}/smistat" unit "${unit}")
string(REPLACE "/etc/smistat.conf" "${conf_dir}/smistat.conf" unit "${unit}")
set(unit_dir "$ENV{DESTDIR}${prefix}/lib/systemd/system")
file(MAKE_DIRECTORY "${unit_dir}")
message(STATUS "Installing: ${unit_dir}/smistat.service")
file(WRITE "${unit_dir}/smistat.service" "${unit}")
file(INSTALL "${SMISTAT_ETC_DIR}/smistat.conf" DESTINATION "$ENV{DESTDIR}${conf_dir}")
