#!/usr/bin/env bash
# Collection benchmark on the recorded 8-GPU machine, each figure beside a baseline of the same
# run:
#   1. time to first data when every nvidia-smi call takes 3 s (baseline: one bare query);
#   2. data age at read, every call 3 s, interval 1 s: interval mode and loop mode;
#   3. smistat's own CPU per sample (utime+stime of /proc/<pid>/stat, children excluded) at
#      interval 0.1 s: interval mode and loop mode;
#   4. /gpu/stats req/s with wrk -c64 at interval 0.1 s against interval 1 s;
#   5. /-/healthy latency while 100 requests wait for a 3 s on-demand run (baseline: idle).
#
# usage: bench/collection/run.sh [seconds per measurement, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}

for tool in wrk python3 curl bc; do
  command -v "$tool" >/dev/null || {
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y -qq wrk python3 curl bc >/dev/null
  }
done
cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null

bin=build/release/bin
machine=fixtures/synthetic-8x-h100__590.48.01
. bench/scratch.sh
port=18710

now() { date +%s.%N; }
ticks=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$ticks" '{ print ($14 + $15) / t }' "/proc/$1/stat"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
health() { curl -sf "http://127.0.0.1:$port/health"; }

# start NAME FAULT ARGS...: starts smistat on $port with NVIDIA_SMI_REPLAY_FAULT=FAULT.
start() {
  local name=$1 fault=$2; shift 2
  port=$((port + 1))
  NVIDIA_SMI_REPLAY_FAULT="$fault" "$bin/smistat" --replay "$machine" --host 127.0.0.1 \
    --port "$port" --no-access-log "$@" 2>"$work/$name.log" &
  server=$!
  pids+=("$server")
  started=$(now)
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; }
wait_ready() {
  until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.02; done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "commit: $(git rev-parse --short HEAD)"
echo

echo "## 1. time to first data, every nvidia-smi call 3 s"
fields=$(NVIDIA_SMI_REPLAY_DIR=$machine "$bin/nvidia-smi-replay" --help-query-gpu |
  awk '/^"/ {gsub(/"/, "", $1); print $1}' | head -40 | paste -sd,)
t0=$(now)
NVIDIA_SMI_REPLAY_DIR=$machine NVIDIA_SMI_REPLAY_FAULT=slow-all:3000 \
  "$bin/nvidia-smi-replay" --query-gpu="$fields" --format=csv,noheader,nounits >/dev/null
bare=$(echo "$(now) - $t0" | bc)
for mode in interval loop; do
  start "first-$mode" slow-all:3000 --collect-mode "$mode" --refresh-interval 1
  wait_ready
  printf '%-9s first data after %.2f s (baseline, one bare query: %.2f s)\n' \
    "$mode" "$(echo "$(now) - $started" | bc)" "$bare"
  stop
done
echo

echo "## 2. data age at read, every call 3 s, interval 1 s (sampled every 0.2 s for ${duration} s)"
for mode in interval loop; do
  start "age-$mode" slow-all:3000 --collect-mode "$mode" --refresh-interval 1 --collect-timeout 10
  wait_ready
  sleep 5  # past start-up
  : >"$work/ages"
  end=$(echo "$(now) + $duration" | bc)
  while (($(echo "$(now) < $end" | bc))); do
    health | json 'd["collection"]["age_seconds"]' >>"$work/ages"
    sleep 0.2
  done
  sort -n "$work/ages" | awk -v m="$mode" '{ a[NR] = $1 } END {
    printf "%-9s age p50 %.2f s, p99 %.2f s, max %.2f s over %d reads\n",
      m, a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1], a[NR], NR }'
  stop
done
echo

echo "## 3. smistat's own CPU per sample, interval 0.1 s (children excluded, ${duration} s)"
for mode in interval loop; do
  start "cpu-$mode" "" --collect-mode "$mode" --refresh-interval 0.1
  wait_ready
  sleep 3
  runs0=$(health | json 'd["collection"]["runs_total"]')
  cpu0=$(cpu_seconds "$server")
  sleep "$duration"
  runs1=$(health | json 'd["collection"]["runs_total"]')
  cpu1=$(cpu_seconds "$server")
  printf '%-9s %d samples, %.1f µs CPU per sample\n' "$mode" $((runs1 - runs0)) \
    "$(echo "($cpu1 - $cpu0) * 1000000 / ($runs1 - $runs0)" | bc -l)"
  stop
done
echo

echo "## 4. /gpu/stats req/s, wrk -t2 -c64 -d${duration}s"
for interval in 1 0.1; do
  start "wrk-$interval" "" --refresh-interval "$interval"
  wait_ready
  rps=$(wrk -t2 -c64 -d"${duration}s" "http://127.0.0.1:$port/gpu/stats" | awk '/Requests\/sec/ {print $2}')
  printf 'interval %-4s %s req/s\n' "$interval" "$rps"
  stop
done
echo

echo "## 5. /-/healthy latency while 100 requests wait for a 3 s on-demand run (2 HTTP threads)"
start ondemand slow:3000 --collect-mode on-demand --refresh-interval 0 --threads 2
wait_ready  # on demand: ready once nvidia-smi answers, before any sample
idle=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/-/healthy")
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/gpu/stats" & done
sleep 0.5
busy=$(for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/-/healthy"; done | sort -n | tail -1)
printf '/-/healthy idle %.1f ms; worst of 20 while 100 wait: %.1f ms\n' \
  "$(echo "$idle * 1000" | bc)" "$(echo "$busy * 1000" | bc)"
wait_for_curls() { while pgrep -P $$ curl >/dev/null; do sleep 0.1; done; }
wait_for_curls
stop
