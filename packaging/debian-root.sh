#!/usr/bin/env bash
# Unpacks Debian packages of one architecture into a folder, without installing anything on this
# machine: the arm64 libraries the cross build links (CMakePresets.json `dist-arm64`), and the
# glibc that the container images and the bare-system tests run on. Packages are fetched with
# `apt-get download` (for a foreign architecture, `dpkg --add-architecture` must have been run:
# .ci/install-deps --dist does it) and kept in ROOT.debs/, so a second run downloads nothing.
# Maintainer scripts are not run: the folder is a library root, not a system.
#
# usage: debian-root.sh ARCH ROOT PACKAGE...
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 ARCH ROOT PACKAGE..." >&2; exit 2; }
arch=$1 root=$2
shift 2
debs=$root.debs
mkdir -p "$root" "$debs"
debs=$(cd "$debs" && pwd)

wanted=()
for package in "$@"; do
  [ "$arch" = all ] && wanted+=("$package") || wanted+=("$package:$arch")
done
# As root the download cannot drop to apt's sandbox user in a folder that user cannot write.
(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "${wanted[@]}")

for package in "$@"; do
  deb=$(ls "$debs/${package}_"*.deb 2>/dev/null | head -n1)
  [ -n "$deb" ] || { echo "debian-root.sh: $package was not downloaded" >&2; exit 1; }
  dpkg-deb -x "$deb" "$root"
done
