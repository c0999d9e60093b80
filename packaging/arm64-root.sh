#!/usr/bin/env bash
# The arm64 libraries the cross build links, unpacked from Debian 12's own arm64 packages into
# build/arm64-root (CMakePresets.json `dist-arm64` points its toolchain there). The libraries are
# the same versions the amd64 build uses, so both architectures ship the same code. The cross
# compiler and its glibc come from crossbuild-essential-arm64 (/usr/aarch64-linux-gnu).
#
# usage: arm64-root.sh [ROOT]   (default: build/arm64-root)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-build/arm64-root}
packaging/debian-root.sh arm64 "$root" \
  libboost1.81-dev libboost-json1.81-dev libboost-container1.81-dev \
  libboost-program-options1.81-dev libboost-filesystem1.81-dev libboost-atomic1.81-dev \
  libboost-system1.81-dev libboost-url1.81-dev \
  libssl-dev libyaml-cpp-dev libcrypt-dev \
  libgrpc++-dev libgrpc-dev libprotobuf-dev libabsl-dev libre2-dev libc-ares-dev zlib1g-dev
