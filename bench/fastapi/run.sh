#!/usr/bin/env bash
# smistat against the original GPU Statistics Server (contract 000, FastAPI under uvicorn) on
# the same replayed 8-GPU machine: /gpu/stats throughput and p99 with wrk at -c1 and -c64, in one
# run. The original is not part of this repository: pass the path of its `gpu_server.py`
# (advancedlogic/gpu_dispatcher, gpu_worker_pool/gpu_server.py). Debian's python3-fastapi,
# uvicorn and python3-dotenv run it; both servers keep their default refresh interval (1 s).
#
# usage: bench/fastapi/run.sh PATH/TO/gpu_server.py [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
original=$(realpath "$1")
seconds=${2:-10}

for tool in wrk curl; do
  command -v "$tool" >/dev/null || apt-get install -y -qq wrk curl >/dev/null
done
/usr/bin/python3 -c 'import fastapi, uvicorn, dotenv' 2>/dev/null ||
  apt-get install -y -qq python3-fastapi uvicorn python3-dotenv >/dev/null
cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null

machine=$(realpath fixtures/synthetic-8x-h100__590.48.01)
. bench/scratch.sh

# The replayer answers as nvidia-smi for the original, which finds it on PATH.
mkdir -p "$work/bin" "$work/app"
ln -s "$(realpath build/release/bin/nvidia-smi-replay)" "$work/bin/nvidia-smi"
cp "$original" "$work/app/gpu_server.py"
export NVIDIA_SMI_REPLAY_DIR=$machine

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 200); do
    curl -sf "http://127.0.0.1:$1/gpu/stats" >/dev/null && return
    sleep 0.05
  done
  echo "the server on port $1 did not answer" >&2
  exit 1
}

original_port=$(free_port)
(cd "$work/app" && PATH="$work/bin:$PATH" HOST=127.0.0.1 PORT=$original_port ACCESS_LOG=false \
  LOG_LEVEL=warning exec /usr/bin/python3 gpu_server.py >"$work/original.log" 2>&1) &
pids+=($!)
smistat_port=$(free_port)
build/release/bin/smistat --replay "$machine" --host 127.0.0.1 --port "$smistat_port" \
  --no-access-log 2>"$work/smistat.log" &
pids+=($!)
wait_for "$original_port"
wait_for "$smistat_port"

# req/s and p99 of one wrk run.
measure() {
  local out
  out=$(wrk -t"$2" -c"$3" -d"${seconds}s" --latency "http://127.0.0.1:$1/gpu/stats")
  printf '%s (%s)' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk ${seconds}s per run, keep-alive; the original: uvicorn, 1 worker, access log off"
echo
echo "| /gpu/stats | smistat req/s (p99) | original req/s (p99) | ratio |"
echo "| --- | --- | --- | --- |"
for c in 1 64; do
  threads=2
  [ "$c" = 1 ] && threads=1
  ours=$(measure "$smistat_port" "$threads" "$c")
  theirs=$(measure "$original_port" "$threads" "$c")
  ratio=$(awk -v a="${ours%% *}" -v b="${theirs%% *}" 'BEGIN { printf "%.0f×", a / b }')
  echo "| -c$c | $ours | $theirs | $ratio |"
done
