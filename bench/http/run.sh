#!/usr/bin/env bash
# HTTP benchmark: smistat serving /gpu/stats from the recorded 8-GPU machine, against nginx
# serving the identical body as a static file, in the same run; plus smistat's RSS idle and
# with 1000 open keep-alive connections.
#
# usage: bench/http/run.sh [seconds per load run, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
ulimit -n 8192  # 1000 held connections plus wrk's
threads=2
connections=64

for tool in wrk nginx python3; do
  command -v "$tool" >/dev/null || {
    echo "installing $tool" >&2
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y -qq wrk nginx-light python3 >/dev/null
  }
done
cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null

work=$(mktemp -d)
cleanup() {
  [ -n "${smistat_pid:-}" ] && kill "$smistat_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

smistat_port=18700
nginx_port=18701
build/release/bin/smistat --replay fixtures/synthetic-8x-h100__590.48.01 --host 127.0.0.1 \
  --port $smistat_port --refresh-interval 1 --no-access-log 2>"$work/smistat.log" &
smistat_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$smistat_port/-/ready" >/dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$smistat_port/gpu/stats" >"$work/stats.json"
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$smistat_pid/status"; }
idle_rss=$(rss_kib)

mkdir -p "$work/www/gpu"
cp "$work/stats.json" "$work/www/gpu/stats"
. bench/http/static_nginx.sh
start_static_nginx "$work" "$nginx_port"
sleep 0.5

load() {  # url -> requests/s and the error summary of one wrk run
  wrk -t$threads -c$connections -d"${duration}s" --latency "$1" | tee -a "$work/wrk.log" |
    awk '/Requests\/sec/ {rps=$2} /Non-2xx|Socket errors/ {err=err $0 "; "}
         /99%/ {p99=$2} END {printf "%s|%s|%s\n", rps, p99, (err == "" ? "none" : err)}'
}
IFS='|' read -r nginx_rps nginx_p99 nginx_err < <(load "http://127.0.0.1:$nginx_port/gpu/stats")
IFS='|' read -r smistat_rps smistat_p99 smistat_err < <(load "http://127.0.0.1:$smistat_port/gpu/stats")
IFS='|' read -r gpu_rps gpu_p99 gpu_err < <(load "http://127.0.0.1:$smistat_port/gpu")
cmp -s <(curl -s "http://127.0.0.1:$nginx_port/gpu/stats") "$work/stats.json" ||
  { echo "nginx does not serve the same body" >&2; exit 1; }

mkfifo "$work/hold"
python3 bench/http/hold_connections.py 127.0.0.1 $smistat_port 1000 /gpu/stats \
  <"$work/hold" >"$work/hold.out" &
hold_pid=$!
exec 3>"$work/hold"  # the holder keeps its connections open until this closes
for _ in $(seq 300); do grep -q answered "$work/hold.out" && break; sleep 0.1; done
held_rss=$(rss_kib)
held_report=$(cat "$work/hold.out")
exec 3>&-
wait "$hold_pid" || true

# 200 concurrent event streams at the fastest allowed interval: smistat's CPU seconds per
# second of streaming and its RSS while they run.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$smistat_pid/stat"; }
stream_pids=()
for _ in $(seq 200); do
  curl -sN "http://127.0.0.1:$smistat_port/gpu/stream?interval=0.5" >>"$work/stream.out" 2>/dev/null &
  stream_pids+=($!)
done
sleep 2
ticks_before=$(cpu_ticks)
sleep "$duration"
ticks_after=$(cpu_ticks)
stream_rss=$(rss_kib)
kill "${stream_pids[@]}" 2>/dev/null || true
wait "${stream_pids[@]}" 2>/dev/null || true
stream_events=$(grep -c '^data: ' "$work/stream.out" || true)
stream_cpu=$(awk -v a="$ticks_after" -v b="$ticks_before" -v hz="$(getconf CLK_TCK)" -v d="$duration" \
  'BEGIN {printf "%.3f", (a - b) / hz / d}')

printf 'machine: %s, %s cores\n' "$(lscpu | sed -n 's/^Model name: *//p')" "$(nproc)"
printf 'body: /gpu/stats of fixtures/synthetic-8x-h100__590.48.01, %s bytes\n' "$(wc -c <"$work/stats.json")"
printf 'wrk -t%s -c%s -d%ss (keep-alive)\n' $threads $connections "$duration"
printf '%-8s %12s %10s  %s\n' server req/s p99 errors
printf '%-8s %12s %10s  %s\n' nginx "$nginx_rps" "$nginx_p99" "$nginx_err"
printf '%-8s %12s %10s  %s\n' smistat "$smistat_rps" "$smistat_p99" "$smistat_err"
printf '%-8s %12s %10s  %s   (smistat /gpu, the GPU Metrics API body)\n' smistat "$gpu_rps" "$gpu_p99" "$gpu_err"
awk -v s="$smistat_rps" -v n="$nginx_rps" 'BEGIN {printf "ratio smistat/nginx: %.2f\n", s / n}'
printf 'smistat RSS idle: %s KiB; with 1000 open keep-alive connections: %s KiB (%s)\n' \
  "$idle_rss" "$held_rss" "$held_report"
printf '200 SSE streams at interval 0.5 s for %ss: %s events, smistat CPU %s s per second, RSS %s KiB\n' \
  "$duration" "$stream_events" "$stream_cpu" "$stream_rss"
