#!/usr/bin/env bash
# The dashboard's CPU cost on the server: smistat (release build, the recorded 8-GPU machine
# with varying values) first idle, then with N open dashboard pages (open_pages.py plays the
# page's requests), CPU time from /proc/<pid>/stat over the same window length, in one run.
#
# usage: bench/dashboard/run.sh [pages, default 50] [seconds per window, default 60]
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${1:-50}
window=${2:-60}
build=${SMISTAT_BENCH_BUILD:-build/release}

if [ "$build" = build/release ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null
fi

port=18710
log=$(mktemp)
NVIDIA_SMI_REPLAY_VARY=1 "$build/bin/smistat" --replay fixtures/synthetic-8x-h100__590.48.01 \
  --host 127.0.0.1 --port $port --no-access-log 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break
  sleep 0.1
done

ticks=$(getconf CLK_TCK)
# utime + stime, fields 14 and 15 of /proc/<pid>/stat (the name in field 2 has no blanks here).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
seconds() { awk -v t="$1" -v hz="$ticks" 'BEGIN {printf "%.3f", t / hz}'; }

sleep 3  # first samples and facts are collected
t0=$(cpu_ticks); sleep "$window"; t1=$(cpu_ticks)
python3 bench/dashboard/open_pages.py 127.0.0.1 $port "$pages" $((window + 4)) &
client=$!
sleep 2  # the pages have loaded and opened their streams
t2=$(cpu_ticks); sleep "$window"; t3=$(cpu_ticks)
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
wait $client

idle=$(seconds $((t1 - t0)))
busy=$(seconds $((t3 - t2)))
echo "idle server:        $idle CPU s in $window s"
echo "with $pages pages:    $busy CPU s in $window s"
awk -v i="$idle" -v b="$busy" -v w="$window" -v p="$pages" 'BEGIN {
  printf "dashboard cost:     %.3f CPU s per s (%.1f%% of one core), %.2f ms CPU per page per s\n",
    (b - i) / w, 100 * (b - i) / w, 1000 * (b - i) / w / p }'
echo "RSS with pages open: $rss KiB"
