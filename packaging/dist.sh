#!/usr/bin/env bash
# Builds every distribution artifact into dist/, for amd64 and arm64:
#   smistat-<version>-linux-<arch>.tar.gz   portable binaries, recordings, unit, configuration
#   smistat_<version>_<arch>.deb, smistat-<version>-1.<arch>.rpm
#   smistat-<version>-linux-<arch>.oci.tar  one image per architecture
#   smistat-<version>.oci.tar               both images under one multi-arch index
#   SHA256SUMS
# Binaries link everything but glibc statically (cmake/dependencies.cmake); arm64 is cross-built
# against Debian's own arm64 libraries (packaging/arm64-root.sh). Needs the packages of
# `.ci/install-deps --dist`.
#
# usage: packaging/dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

packaging/arm64-root.sh build/arm64-root
rm -rf dist
mkdir dist
for arch in amd64 arm64; do
  cmake --preset "dist-$arch" >/dev/null
  cmake --build --preset "dist-$arch" --target dist
done

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build/dist-amd64/CMakeCache.txt)
packaging/image/index.sh "dist/smistat-$version.oci.tar" "$version" \
  "dist/smistat-$version-linux-amd64.oci.tar" "dist/smistat-$version-linux-arm64.oci.tar"
(cd dist && sha256sum -- * >SHA256SUMS)
ls -l dist
echo "dist: built in $(($(date +%s) - started)) s"
