#!/usr/bin/env bash
# The tests the sanitizer build cannot run, run after `ctest --preset dev` by the README's test
# command: tests labelled `release_only` (they need a build without ASan/UBSan, e.g. descriptor
# exhaustion, where UBSan itself needs a free descriptor) run from the release preset, building
# only the targets they need (the `release_only_tests` target depends on them). Then a short
# fuzzing run of every fuzz target (fuzz/run_short.sh: clang build, 15 s per target).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release --target release_only_tests
ctest --preset release -L release_only

fuzz/run_short.sh
