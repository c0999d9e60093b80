#!/usr/bin/env bash
# Every figure of the performance goals in one table, each beside a baseline measured in the
# same run: the cached routes against nginx serving the very same bytes as static files, at
# -c1, -c64 and -c1000; resident memory idle and with 1,000 open connections (VmRSS and PSS);
# smistat's own CPU per sample in interval and loop mode against the bare nvidia-smi query; the
# CPU of event streams; and /gpu/stats latency during a slowloris burst against the same probe
# on the idle server. Nothing here asserts a timing: it prints what it measured.
#
# usage: bench/run.sh [--smoke] [--binary PATH] [--previous PATH] [--replayer PATH] [--seconds N]
#                     [--cpu-seconds N]
#   --smoke      seconds-long runs and smaller crowds, so CI proves the script still works
#   --seconds    each wrk run's length (default 10)
#   --cpu-seconds  how long each CPU-per-sample row counts samples (default: --seconds); at the
#                default 1 s refresh that is also the number of samples, and ten are few
#   --binary     the smistat to measure (default: build/release/bin/smistat, built here)
#   --previous   an earlier smistat, measured beside it in the same run (throughput, memory and
#                CPU per sample rows get a row of its own)
#   --replayer   the nvidia-smi-replay beside it (default: the binary's directory)
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
binary=
previous=
replayer=
seconds=10
cpu_seconds=
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) smoke=true ;;
    --binary) binary=$2; shift ;;
    --previous) previous=$(realpath "$2"); shift ;;
    --replayer) replayer=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --cpu-seconds) cpu_seconds=$2; shift ;;
    *) echo "usage: bench/run.sh [--smoke] [--binary PATH] [--previous PATH] [--replayer PATH]" \
         "[--seconds N] [--cpu-seconds N]" >&2
       exit 2 ;;
  esac
  shift
done
crowd=1000 streams=200 probes=100 cpu_seconds=${cpu_seconds:-$seconds}
if $smoke; then seconds=1 crowd=100 streams=10 probes=10 cpu_seconds=2; fi

for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || {
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y -qq wrk nginx-light python3 curl >/dev/null
  }
done
if [ -z "$binary" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null
  binary=build/release/bin/smistat
fi
binary=$(realpath "$binary")
replayer=$(realpath "${replayer:-$(dirname "$binary")/nvidia-smi-replay}")
# The replayer answers as nvidia-smi wherever smistat looks for it.
export PATH="$(dirname "$replayer"):$PATH"
ulimit -n 8192

machine=fixtures/synthetic-8x-h100__590.48.01
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s |' "$1" "$2" "$3" "$4")"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }'; }

# serve BINARY NAME PORT ARGS...: that smistat on PORT replaying the 8-GPU machine; sets $server.
serve() {
  local bin=$1 name=$2 port=$3; shift 3
  "$bin" --replay "$machine" --host 127.0.0.1 --port "$port" --no-access-log "$@" \
    2>"$work/$name.log" &
  server=$!
  pids+=("$server")
  for _ in $(seq 200); do
    curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && return
    sleep 0.05
  done
  echo "smistat did not get ready; its log:" >&2
  cat "$work/$name.log" >&2
  exit 1
}
kib() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/$3"; }
rss() { kib "$1" VmRSS status; }
pss() { kib "$1" Pss smaps_rollup; }
# CPU nanoseconds of every thread of process $1 (schedstat's first field): /proc/<pid>/stat's
# clock ticks are 10 ms, coarser than a few seconds of samples cost.
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{ns += $1} END {printf "%.0f", ns}'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
nginx_port=$(free_port)
serve "$binary" main "$port"
main=$server
idle_rss=$(rss "$main") idle_pss=$(pss "$main")
if [ -n "$previous" ]; then
  previous_port=$(free_port)
  serve "$previous" previous "$previous_port"
  previous_idle="$(rss "$server") / $(pss "$server")"
fi

# nginx serves what smistat answered, byte for byte, as static files.
mkdir -p "$work/www/gpu"
for route in /gpu/stats /gpu /metrics; do
  file="$work/www$route"
  [ "$route" = /gpu ] && file="$work/www/gpu/index"
  curl -sf "http://127.0.0.1:$port$route" >"$file"
done
. bench/http/static_nginx.sh
start_static_nginx "$work" "$nginx_port"
for route in /gpu/stats /gpu; do
  cmp -s <(curl -s "http://127.0.0.1:$nginx_port$route") <(curl -s "http://127.0.0.1:$port$route") ||
    { echo "nginx does not serve smistat's $route bytes" >&2; exit 1; }
done

# load CONNECTIONS URL -> "req/s p99" of one wrk run
load() {
  local threads=2
  [ "$1" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$1" -d"${seconds}s" --latency "$2" |
    awk '/Requests\/sec/ {rps=$2} /99%/ {p99=$2} END {print rps, p99}'
}
for c in 1 64 "$crowd"; do
  read -r n_rps n_p99 < <(load "$c" "http://127.0.0.1:$nginx_port/gpu/stats")
  read -r s_rps s_p99 < <(load "$c" "http://127.0.0.1:$port/gpu/stats")
  row "/gpu/stats -c$c req/s (p99)" "$s_rps ($s_p99)" "nginx $n_rps ($n_p99)" "$(ratio "$s_rps" "$n_rps")"
  if [ -n "$previous" ]; then
    read -r p_rps p_p99 < <(load "$c" "http://127.0.0.1:$previous_port/gpu/stats")
    row "/gpu/stats -c$c req/s (p99), previous build" "$p_rps ($p_p99)" "nginx $n_rps ($n_p99)" \
      "$(ratio "$p_rps" "$n_rps")"
  fi
done
for route in /gpu /metrics; do
  read -r n_rps n_p99 < <(load 64 "http://127.0.0.1:$nginx_port$route")
  read -r s_rps s_p99 < <(load 64 "http://127.0.0.1:$port$route")
  row "$route -c64 req/s (p99)" "$s_rps ($s_p99)" "nginx $n_rps ($n_p99)" "$(ratio "$s_rps" "$n_rps")"
  if [ -n "$previous" ]; then
    read -r p_rps p_p99 < <(load 64 "http://127.0.0.1:$previous_port$route")
    row "$route -c64 req/s (p99), previous build" "$p_rps ($p_p99)" "nginx $n_rps ($n_p99)" \
      "$(ratio "$p_rps" "$n_rps")"
  fi
done

# Resident memory with a crowd of open keep-alive connections (each has had one answer).
mkfifo "$work/hold"
python3 bench/http/hold_connections.py 127.0.0.1 "$port" "$crowd" /gpu/stats \
  <"$work/hold" >"$work/hold.out" &
hold=$!
exec 3>"$work/hold"
for _ in $(seq 600); do grep -q answered "$work/hold.out" && break; sleep 0.1; done
held_rss=$(rss "$main") held_pss=$(pss "$main")
exec 3>&-
wait "$hold" || true
row "VmRSS / PSS idle (KiB)" "$idle_rss / $idle_pss" "" ""
[ -z "$previous" ] || row "VmRSS / PSS idle (KiB), previous build" "$previous_idle" "" ""
row "VmRSS / PSS with $crowd open connections (KiB)" "$held_rss / $held_pss" \
  "idle $idle_rss / $idle_pss" "+$((held_rss - idle_rss)) KiB"

# Event streams at the fastest allowed interval: CPU per stream.
stream_pids=()
for _ in $(seq "$streams"); do
  curl -sN "http://127.0.0.1:$port/gpu/stream?interval=0.5" >/dev/null 2>&1 &
  stream_pids+=($!)
done
sleep 1
t0=$(cpu_ns "$main")
sleep "$cpu_seconds"
t1=$(cpu_ns "$main")
kill "${stream_pids[@]}" 2>/dev/null || true
wait "${stream_pids[@]}" 2>/dev/null || true
per_stream=$(awk -v a="$t1" -v b="$t0" -v d="$cpu_seconds" -v n="$streams" \
  'BEGIN {printf "%.1f", (a - b) / 1e3 / d / n}')
row "$streams SSE streams, interval 0.5 s: CPU per stream" "$per_stream µs/s" "" ""

# Slowloris: /gpu/stats latency on new connections, first request included.
read -r b50 b99 bmax < <(python3 bench/http/slowloris_probe.py 127.0.0.1 "$port" 0 /gpu/stats "$probes")
read -r s50 s99 smax < <(python3 bench/http/slowloris_probe.py 127.0.0.1 "$port" "$crowd" /gpu/stats "$probes")
row "/gpu/stats during $crowd slowloris connections, ms p50 / p99 / max" "$s50 / $s99 / $smax" \
  "idle $b50 / $b99 / $bmax" ""

# CPU per sample, children excluded, at the default cadences; baseline: one bare GPU query.
fields=$(NVIDIA_SMI_REPLAY_DIR=$machine "$replayer" --help-query-gpu |
  awk '/^"/ && n++ < 40 {gsub(/"/, "", $1); print $1}' | paste -sd,)
bare_start=$(date +%s%N)
NVIDIA_SMI_REPLAY_DIR=$machine "$replayer" --query-gpu="$fields" --format=csv,noheader,nounits \
  >/dev/null
bare_us=$((($(date +%s%N) - bare_start) / 1000))
# cpu_per_sample BINARY NAME ARGS...: that smistat's CPU per GPU sample over $cpu_seconds, in
# µs, into $per_sample, and the number of samples into $samples. With $watch_host set, a client
# asks for /api/v1/metrics every 5 s meanwhile, so the host is read at its own cadence (smistat
# reads it only every 30 s while no answer shows it); its requests cost the same in the runs
# compared.
watch_host=
cpu_per_sample() {
  local bin=$1 name=$2; shift 2
  local cpu_port runs0 runs1 c0 c1 watcher=
  cpu_port=$(free_port)
  serve "$bin" "$name" "$cpu_port" "$@"
  if [ -n "$watch_host" ]; then
    while :; do curl -sf "http://127.0.0.1:$cpu_port/api/v1/metrics" >/dev/null; sleep 5; done &
    watcher=$!
  fi
  sleep 2
  runs0=$(curl -sf "http://127.0.0.1:$cpu_port/health" | json 'd["collection"]["runs_total"]')
  c0=$(cpu_ns "$server")
  sleep "$cpu_seconds"
  c1=$(cpu_ns "$server")
  runs1=$(curl -sf "http://127.0.0.1:$cpu_port/health" | json 'd["collection"]["runs_total"]')
  samples=$((runs1 - runs0))
  per_sample=$(awk -v a="$c1" -v b="$c0" -v n="$samples" \
    'BEGIN { if (n > 0) printf "%.0f", (a - b) / 1e3 / n; else print "-" }')
  [ -z "$watcher" ] || { kill "$watcher"; wait "$watcher" 2>/dev/null || true; }
  kill "$server"
  wait "$server" 2>/dev/null || true
}
for candidate in "$binary" $previous; do
  which=""
  [ "$candidate" = "$binary" ] || which=", previous build"
  for mode in interval loop; do
    cpu_per_sample "$candidate" "cpu-$mode" --collect-mode "$mode"
    row "CPU per sample, $mode mode, default cadences ($samples samples)$which" \
      "$per_sample µs" "one bare 40-field query (wall) $bare_us µs" ""
  done
  watch_host=yes
  cpu_per_sample "$candidate" cpu-loop-watched --collect-mode loop
  row "CPU per sample, loop mode, host watched ($samples samples)$which" \
    "$per_sample µs" "one bare 40-field query (wall) $bare_us µs" ""
  # One host reading (/proc and /sys): samples at 0.2 s with a reading each, less the same
  # without; the processes and details parts off in both, the host watched in both.
  quiet=(--refresh-interval 0.2 --processes-interval 1000 --details-interval 0)
  cpu_per_sample "$candidate" host-each "${quiet[@]}" --host-interval 0
  with_host=$per_sample
  cpu_per_sample "$candidate" host-none "${quiet[@]}" --host-interval 1000
  watch_host=
  row "CPU per host reading ($samples samples)$which" \
    "$(awk -v a="$with_host" -v b="$per_sample" 'BEGIN { printf "%.0f", a - b }') µs" \
    "GPU sample alone $per_sample µs" ""
done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $binary ($("$binary" --version))$($smoke && echo '; smoke run')"
[ -z "$previous" ] || echo "previous: $previous ($("$previous" --version))"
echo "wrk ${seconds}s per run, keep-alive; nginx 1 worker, access log off; 8-GPU recording"
echo
echo "| figure | smistat | baseline (same run) | ratio |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
