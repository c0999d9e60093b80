#!/usr/bin/env bash
# Installs the build into a scratch prefix and runs the installed binary the way a package
# user would: `smistat --replay auto` with no nvidia-smi on PATH must find the recorded machine
# relative to itself (share/smistat/fixtures), not in the source tree.
#
# usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
log=$prefix/smistat.log
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$prefix"
}
trap cleanup EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null

fail() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=../support/replay_auto_check.sh
source "$(dirname "$0")/../support/replay_auto_check.sh"
for f in bin/smistat bin/nvidia-smi-replay etc/smistat/smistat.conf etc/default/smistat \
         lib/systemd/system/smistat.service share/smistat/examples/prometheus.yml \
         share/smistat/examples/web-config.yml share/smistat/examples/alerts.yml \
         share/smistat/examples/grafana/smistat.json \
         share/smistat/fixtures/synthetic-8x-h100__590.48.01/query-gpu.load.csv \
         share/smistat/fixtures/h100-80gb-hbm3__590.48.01/version.txt; do
  [ -e "$prefix/$f" ] || fail "$f was not installed"
done
[ -e "$prefix/share/smistat/fixtures/tools" ] && fail "fixture tools were installed"
grep -q "^ExecStart=$prefix/bin/smistat --config $prefix/etc/smistat/smistat.conf" \
  "$prefix/lib/systemd/system/smistat.service" || fail "the unit does not name the installed paths"

# A copy of the installed tree elsewhere still finds its fixtures: nothing points back here.
moved=$prefix/moved
mkdir "$moved"
cp -a "$prefix/bin" "$prefix/share" "$moved/"
expect_replay_auto "$moved/bin/smistat" "$moved/share/smistat/fixtures" "$log" /usr/bin:/bin installed
echo "installed tree serves the recorded 8-GPU machine from $moved"
