#!/usr/bin/env bash
# Runs one headless-Chromium test against the real smistat:
#   tests/browser/run.sh install <build dir>           npm ci of package-lock.json into the build tree
#   tests/browser/run.sh <build dir> <test.mjs>        the test (needs the install step first)
# Chromium is Debian's (/usr/bin/chromium, from .ci/install-deps), driven by playwright-core.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "$1" = install ]; then
  deps="$2/browser-test-deps"
  mkdir -p "$deps"
  # npm ci wipes node_modules first; skip it when the installed lock is the committed one.
  if cmp -s "$here/package-lock.json" "$deps/package-lock.json" && [ -d "$deps/node_modules" ]; then
    exit 0
  fi
  cp "$here/package.json" "$here/package-lock.json" "$deps/"
  # --ignore-scripts: nothing here needs an install script (swagger-ui-dist's analytics would
  # phone home).
  exec npm ci --prefix "$deps" --ignore-scripts --no-audit --no-fund
fi

build=$(cd "$1" && pwd)
test_script=$2
export SMISTAT_CHROMIUM=${SMISTAT_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$SMISTAT_CHROMIUM" ]; then
  echo "SKIPPED: no Chromium at $SMISTAT_CHROMIUM (.ci/install-deps installs Debian's chromium)" >&2
  exit 77
fi
export SMISTAT_BROWSER_DEPS="$build/browser-test-deps"
export SMISTAT_BIN_DIR="$build/bin"
export SMISTAT_FIXTURES_DIR="$here/../../fixtures"
export SMISTAT_ARTIFACTS_DIR="$build/test-artifacts"
mkdir -p "$SMISTAT_ARTIFACTS_DIR"
exec node "$here/$test_script"
