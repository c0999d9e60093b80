#!/usr/bin/env bash
# The portable (static) build against the ordinary (dynamic) one, in the same run, on the same
# recorded 8-GPU machine: idle RSS after the first samples, and /gpu/stats throughput with wrk
# (-t2 -c64), each build measured ROUNDS times in alternation so a busy moment hurts both alike.
# Also the size of every artifact in dist/.
#
# usage: bench/dist/compare.sh STATIC_SMISTAT DYNAMIC_SMISTAT [seconds per wrk run, default 10] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
static=$1 dynamic=$2 duration=${3:-10} rounds=${4:-3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
machine=$PWD/fixtures/synthetic-8x-h100__590.48.01
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

measure() {  # binary port -> "rss_kib requests_per_second"
  local binary=$1 port=$2 rss rps
  "$binary" --replay "$machine" --host 127.0.0.1 --port "$port" --refresh-interval 1 \
    --no-access-log 2>"$work/server.log" &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break; sleep 0.1; done
  sleep 3  # a few samples in, the process list and details read
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  rps=$(wrk -t2 -c64 -d"${duration}s" "http://127.0.0.1:$port/gpu/stats" | awk '/^Requests\/sec/ {print $2}')
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  echo "$rss $rps"
}

printf '| round | build | idle RSS (KiB) | /gpu/stats req/s |\n| --- | --- | --- | --- |\n'
for round in $(seq "$rounds"); do
  for build in static dynamic; do
    binary=${!build}
    read -r rss rps < <(measure "$binary" $((18800 + round)))
    printf '| %s | %s | %s | %s |\n' "$round" "$build" "$rss" "$rps"
    echo "$build $rss $rps" >>"$work/all"
  done
done
awk '{ rss[$1] += $2; rps[$1] += $3; n[$1]++ }
     END { for (b in n) printf "mean %s: RSS %.0f KiB, %.0f req/s\n", b, rss[b] / n[b], rps[b] / n[b] }' "$work/all"
echo
echo "binaries (bytes): static $(stat -c %s "$static"), dynamic $(stat -c %s "$dynamic") (dynamic not stripped: $(strip -o "$work/stripped" "$dynamic" && stat -c %s "$work/stripped") stripped)"
[ -d dist ] && { echo; echo "dist/:"; ls -l dist | awk 'NR > 1 {printf "  %-45s %10d\n", $9, $5}'; }
