#!/usr/bin/env bash
# Resource accounting at the issue's full figures: 1,000 nvidia-smi runs killed at their deadline
# and 10,000 normal runs against one smistat, then zombies, descriptors, threads and resident
# memory against the warm-up baseline. The test suite runs the same test scaled down to 200 and
# 2,000 runs (tests/resources); this takes about ten minutes. Results go to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

cmake --preset release >/dev/null
cmake --build --preset release --target smistat_resource_test
SMISTAT_RESOURCE_HUNG_RUNS="${HUNG_RUNS:-1000}" SMISTAT_RESOURCE_NORMAL_RUNS="${NORMAL_RUNS:-10000}" \
  build/release/bin/smistat_resource_test --gtest_filter='resources.runs_killed*'
