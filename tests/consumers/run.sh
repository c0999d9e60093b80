#!/usr/bin/env bash
# Runs one consumer test against the replayer in <build>/bin:
#   tests/consumers/run.sh <build dir> <test.mjs|test.py>
# The npm consumers come from tests/browser/package-lock.json, installed into the build tree by
# the test browser.npm_ci; netdata's collector is Debian's netdata-plugins-python
# (.ci/install-deps); a missing one skips with 77.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
test_script=$2
export SMISTAT_BIN_DIR="$build/bin"
export SMISTAT_FIXTURES_DIR="$here/../../fixtures"
export SMISTAT_CONSUMER_DEPS="$build/browser-test-deps"
case "$test_script" in
  *.mjs) exec node "$here/$test_script" ;;
  *.py) exec python3 "$here/$test_script" ;;
esac
echo "unknown test $test_script" >&2
exit 2
