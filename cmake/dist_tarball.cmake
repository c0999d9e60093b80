# Writes OUT_DIR/NAME.tar.gz from BUILD_DIR: what `cmake --install --prefix /usr/local --strip`
# installs (bin/, share/smistat/ with the recorded machines, etc/, lib/systemd/system/), under one
# top folder NAME/ with LICENSE and a short README. Extracted into /usr/local
# (`tar --strip-components=1`), every path the unit and the configuration name is right; extracted
# anywhere else, `bin/smistat --replay auto` still finds its recordings beside itself.
# Owners, modes and times are normalised so the same build gives the same bytes.
set(stage ${BUILD_DIR}/dist-stage/${NAME})
file(REMOVE_RECURSE ${BUILD_DIR}/dist-stage)
set(ENV{DESTDIR} ${BUILD_DIR}/dist-stage/root)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix /usr/local --strip
                OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
unset(ENV{DESTDIR})
file(RENAME ${BUILD_DIR}/dist-stage/root/usr/local ${stage})
file(COPY_FILE ${SOURCE_DIR}/LICENSE ${stage}/LICENSE)
file(COPY_FILE ${SOURCE_DIR}/packaging/tarball/README.md ${stage}/README.md)

execute_process(COMMAND git -C ${SOURCE_DIR} log -1 --format=%ct
                OUTPUT_VARIABLE epoch OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT epoch)
  set(epoch 0)
endif()
file(MAKE_DIRECTORY ${OUT_DIR})
execute_process(
  COMMAND tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@${epoch}
          --mode=go-w -C ${BUILD_DIR}/dist-stage -cf - ${NAME}
  COMMAND gzip -9n
  OUTPUT_FILE ${OUT_DIR}/${NAME}.tar.gz COMMAND_ERROR_IS_FATAL ANY)
message(STATUS "Wrote ${OUT_DIR}/${NAME}.tar.gz")
