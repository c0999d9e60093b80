#!/usr/bin/env bash
# Runs one consumer test against the replayer in <build>/bin:
#   tests/consumers/run.sh <build dir> <test.mjs|test.py>
# The npm consumers come from tests/browser/package-lock.json, installed into the build tree by
# the test browser.npm_ci; netdata's collector is Debian's netdata-plugins-python, unpacked into
# the build tree from the package (installing it would pull in and start the netdata daemon);
# when apt cannot fetch it, the test skips with 77.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
test_script=$2
export SMISTAT_BIN_DIR="$build/bin"
export SMISTAT_FIXTURES_DIR="$here/../../fixtures"
export SMISTAT_CONSUMER_DEPS="$build/browser-test-deps"
if [[ $test_script == netdata_* && ! -d /usr/lib/netdata/python.d ]]; then
  plugin_root="$build/netdata-plugins-python"
  if [[ ! -f $plugin_root/usr/lib/netdata/python.d/nvidia_smi.chart.py ]]; then
    rm -rf "$plugin_root" && mkdir -p "$plugin_root/deb"
    if (cd "$plugin_root/deb" && apt-get download -q netdata-plugins-python >&2); then
      dpkg-deb -x "$plugin_root"/deb/netdata-plugins-python_*.deb "$plugin_root"
    fi
  fi
  export SMISTAT_NETDATA_PLUGIN_DIR="$plugin_root/usr/lib/netdata/python.d"
fi
case "$test_script" in
  *.mjs) exec node "$here/$test_script" ;;
  *.py) exec python3 "$here/$test_script" ;;
esac
echo "unknown test $test_script" >&2
exit 2
