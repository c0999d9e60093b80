#!/usr/bin/env bash
# Cost of per-process attribution: the recorded 8-GPU machine running 64 compute processes per
# GPU (512 rows in its compute-apps list), served by smistat in these modes, the whole set run
# twice, interleaved, in the same run:
#   on        --path.procfs <generated tree>: every pid has stat, status, statm, cmdline and a
#             containerd cgroup v2 path, so every series carries user, container and pod
#   unowned   --path.procfs <empty folder>: the same 512 series, no pid resolves (no /proc read
#             succeeds, so the owner labels stay empty)
#   off       --metrics.processes=false, same tree: no per-process series (the collector still
#             reads the pids' /proc entries, which the GPU Metrics API shows)
#   on-hourly-host, unowned-hourly-host: on and unowned with --host-interval 3600. The host
#             reading scans every pid of the tree as well (top processes by RSS); read once an
#             hour, it leaves the difference in idle CPU to the owners' /proc reads alone.
# All keep --metrics.processes.max 512 (so all 512 get series when on), the default dcgm
# profile and refresh interval 1 s (the process list and its /proc reads come every second).
# For each: smistat's CPU seconds per second with nobody scraping (the collection alone), then
# `wrk -t1 -c1` on /metrics: req/s, and smistat's CPU per scrape (utime+stime of
# /proc/<pid>/stat over the wrk run divided by its requests, with and without the idle rate).
#
# usage: bench/attribution/run.sh [seconds per measurement, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}

for tool in wrk curl; do
  command -v "$tool" >/dev/null || {
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y -qq wrk curl >/dev/null
  }
done
cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null

bin=build/release/bin
recording=fixtures/synthetic-8x-h100__590.48.01
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

gpus=8
per_gpu=64
bus=(18 2A 3A 5D 9A AB BA DB)

# The machine: the recording with a 512-row compute-apps list, pids 200000 and up.
machine=$work/attribution-8x-h100__590.48.01
mkdir -p "$machine"
for f in "$recording"/*; do
  [ "$(basename "$f")" = compute-apps.load.csv ] || ln -s "$PWD/$f" "$machine/"
done
{
  echo "timestamp, gpu_name, gpu_bus_id, gpu_serial, gpu_uuid, pid, process_name, used_gpu_memory [MiB]"
  for ((g = 0; g < gpus; g++)); do
    for ((p = 0; p < per_gpu; p++)); do
      echo "2026/07/14 08:12:53.500, NVIDIA H100 80GB HBM3, 00000000:${bus[g]}:00.0, 000000000000$g, GPU-00000000-0000-0000-0000-00000000000$g, $((200000 + g * per_gpu + p)), /usr/bin/python3, $((512 + p * 16)) MiB"
    done
  done
} >"$machine/compute-apps.load.csv"

# The /proc those pids live in: one pod per GPU, eight containers per pod, containerd under
# cgroup v2 with the systemd driver; uid 0 (resolved by getpwuid_r like any live uid).
procfs=$work/proc
for ((g = 0; g < gpus; g++)); do
  pod=$(printf '%08x-1c7a-4e9a-b5d2-7c1e0f4a9b%02x' $((0x8d3f2a00 + g)) "$g")
  for ((p = 0; p < per_gpu; p++)); do
    pid=$((200000 + g * per_gpu + p))
    id=$(printf '%064x' $((0x3f8a1c9e00 + g * 8 + p / 8)))
    d=$procfs/$pid
    mkdir -p "$d"
    echo "$pid (python3) S 199999 $pid $pid 0 -1 4194560 2119554 0 12 0 912044 30311 0 0 20 0 64 0 88412203 96341237760 2301147 18446744073709551615 1 1 0 0 0 0 16387 16781326 0 0 0 17 3 0 0 0 0 0 0 0 0 0 0 0 0 0" >"$d/stat"
    printf 'Name:\tpython3\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%s\nNgid:\t0\nPid:\t%s\nPPid:\t199999\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n' "$pid" "$pid" >"$d/status"
    echo "23521289 2301147 41233 1120 0 4212331 0" >"$d/statm"
    printf 'python3\0-m\0torch.distributed.run\0--nproc-per-node=8\0train.py\0' >"$d/cmdline"
    echo "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${pod//-/_}.slice/cri-containerd-$id.scope" >"$d/cgroup"
  done
done
mkdir -p "$work/empty-proc"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
port=18760

# measure MODE ARGS...: one server; prints
# "mode|idle cpu/s|req/s|cpu ms/scrape|net ms/scrape|series|bytes|wrk errors".
measure() {
  local mode=$1; shift
  port=$((port + 1))
  "$bin/smistat" --replay "$machine" --host 127.0.0.1 --port "$port" --no-access-log \
    --refresh-interval 1 --metrics.processes.max 512 "$@" 2>"$work/$mode.log" &
  server=$!
  local url=http://127.0.0.1:$port/metrics body
  for _ in $(seq 300); do
    body=$(curl -sf "$url" || true)
    # Ready once the process list is in (or, with the series off, once GPU series are).
    if [ "$mode" = off ]; then grep -q '^DCGM_FI_DEV_GPU_UTIL{' <<<"$body" && break
    else grep -q '^smistat_process_series_dropped ' <<<"$body" && break; fi
    sleep 0.1
  done
  sleep 2
  local series bytes
  series=$(curl -sf "$url" | grep -c '^smistat_process_gpu_memory_bytes{' || true)
  bytes=$(curl -sf "$url" | wc -c)
  local t0 t1 t2 requests rps errors
  t0=$(cpu_ticks "$server")
  sleep "$duration"
  t1=$(cpu_ticks "$server")
  wrk -t1 -c1 -d"${duration}s" "$url" >"$work/$mode.wrk"
  t2=$(cpu_ticks "$server")
  requests=$(awk '/requests in/ {print $1}' "$work/$mode.wrk")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/$mode.wrk" | tr -s ' ' | tr '\n' ';' || true)
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$mode.wrk")
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  awk -v m="$mode" -v a="$t0" -v b="$t1" -v c="$t2" -v hz="$ticks" -v d="$duration" \
      -v n="$requests" -v r="$rps" -v s="$series" -v by="$bytes" -v e="${errors:-none}" 'BEGIN {
    idle = (b - a) / hz / d; busy = (c - b) / hz
    printf "%s|%.4f|%s|%.3f|%.3f|%s|%s|%s\n", m, idle, r, busy / n * 1000, (busy - idle * d) / n * 1000, s, by, e
  }'
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "8 GPUs x 64 processes, dcgm profile, refresh 1 s, ${duration} s idle then wrk -t1 -c1 -d${duration}s per row"
echo
printf '| round | mode | idle CPU s/s | /metrics req/s | CPU ms/scrape | ms/scrape less idle | process series | body bytes | wrk errors |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for round in 1 2; do
  for mode in on unowned off on/hourly-host unowned/hourly-host; do
    case $mode in
      on) row=$(measure on --path.procfs "$procfs") ;;
      unowned) row=$(measure unowned --path.procfs "$work/empty-proc") ;;
      off) row=$(measure off --path.procfs "$procfs" --metrics.processes=false) ;;
      # The host reading scans every pid of the tree too; read hourly, it leaves the idle
      # difference to the owners' reads alone.
      on/hourly-host) row=$(measure on-hourly-host --path.procfs "$procfs" --host-interval 3600) ;;
      unowned/hourly-host)
        row=$(measure unowned-hourly-host --path.procfs "$work/empty-proc" --host-interval 3600) ;;
    esac
    IFS='|' read -r m idle rps ms net series bytes errors <<<"$row"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$m" "$idle" "$rps" "$ms" "$net" "$series" "$bytes" "$errors"
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
