#!/usr/bin/env bash
# Soak: the release smistat collecting every 50 ms from a replayer with varying values and random
# faults, while wrk walks every route; RSS, descriptors and threads are read from /proc every
# ten seconds. Not part of CI (it runs for minutes).
#
# usage: bench/soak/run.sh [seconds, default 600]
# Prints the samples and a summary for bench/RESULTS.md: requests by status, collections, faults
# injected, RSS after warm-up and at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
command -v wrk >/dev/null || { echo "bench/soak needs wrk (apt-get install wrk)" >&2; exit 2; }
cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null

work=$(mktemp -d)
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export SOAK_REPLAYER=$PWD/build/release/bin/nvidia-smi-replay
export NVIDIA_SMI_REPLAY_DIR=$PWD/fixtures/synthetic-8x-h100__590.48.01
export SOAK_FAULT_LOG=$work/faults
port=18790
build/release/bin/smistat --nvidia-smi "$PWD/bench/soak/flaky-nvidia-smi.sh" --host 127.0.0.1 \
  --port $port --refresh-interval 0.05 --collect-timeout 1 --no-access-log 2>"$work/log" &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break; sleep 0.1; done

sample() {  # seconds-since-start rss_kib fds threads
  local rss threads
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  threads=$(awk '/^Threads/ {print $2}' "/proc/$pid/status")
  echo "$1 $rss $(ls "/proc/$pid/fd" | wc -l) $threads"
}
# Four connections walking every route: about a million requests every few minutes on 2 cores.
wrk -t1 -c4 -d"${seconds}s" -s bench/soak/routes.lua "http://127.0.0.1:$port" >"$work/wrk" &
wrk_pid=$!
echo "# t rss_kib fds threads"
for ((t = 0; t <= seconds; t += 10)); do
  sample "$t"
  sleep 10
done
wait "$wrk_pid" || true
cat "$work/wrk"
total=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk")
echo "non-2xx expected from /no/such/route (1 in 23): about $((total / 23))"
runs=$(curl -s "http://127.0.0.1:$port/health" | python3 -c 'import json,sys; c=json.load(sys.stdin)["collection"]; print(c["runs_total"], c["errors_total"], json.dumps(c.get("errors_by_kind", {})))')
echo "collections (runs, errors, by kind): $runs"
echo "faults injected: $(wc -l <"$work/faults" 2>/dev/null || echo 0) ($(sort "$work/faults" | uniq -c | tr '\n' ' '))"
grep -c -i "error\|fatal" "$work/log" | sed 's/^/log lines with error: /'
kill -0 "$pid" && echo "smistat alive at the end"
