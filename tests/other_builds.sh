#!/usr/bin/env bash
# The tests the sanitizer build cannot run, run after `ctest --preset dev` by the README's test
# command, all from the portable release build (dist-amd64; no ASan/UBSan):
#  1. packaging/dist.sh builds the amd64 and arm64 artifacts into dist/ (tarballs, .deb, .rpm,
#     images, SHA256SUMS), and the `release_only_tests` target builds the test programs that need
#     a build without sanitizers (descriptor exhaustion, where UBSan itself needs a descriptor;
#     the connection flood; resource accounting);
#  2. `ctest --preset dist` runs those (label release_only) and the distribution's tests (label
#     dist: dependency and symbol checks, qemu, bare roots, podman, packages, the device check);
#  3. the benchmark command in its smoke mode on the portable binary (bench/run.sh --smoke: seconds
#     per figure, so the script cannot rot; it prints figures and asserts none);
#  4. a short fuzzing run of every fuzz target (fuzz/run_short.sh: clang build, 15 s per target).
set -euo pipefail
cd "$(dirname "$0")/.."

.ci/install-deps --dist
packaging/dist.sh
cmake --build --preset dist-amd64 --target release_only_tests
ctest --preset dist
bench/run.sh --smoke --binary build/dist-amd64/bin/smistat

fuzz/run_short.sh
