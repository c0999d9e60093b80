#!/bin/sh
# Start-to-exit time of nvidia-smi-replay for the answers tests ask most, beside /bin/true (the
# cost of any exec on this machine) in the same hyperfine run: a CI fake must not slow a test
# suite down. Builds the release preset's replayer; needs hyperfine (Debian package `hyperfine`).
#
#   bench/replayer/run.sh [RUNS] [MACHINE]      (default: 300 runs, the 8-GPU machine)
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-300}
machine=${2:-synthetic-8x-h100__590.48.01}

cmake --preset release >/dev/null
cmake --build --preset release --target nvidia-smi-replay >/dev/null
smi=$PWD/build/release/bin/nvidia-smi-replay
export NVIDIA_SMI_REPLAY_DIR="$PWD/fixtures/$machine" NVIDIA_SMI_REPLAY_STATE=idle
unset NVIDIA_SMI_REPLAY_FAULT NVIDIA_SMI_REPLAY_VARY || true

# GPUtil's query (12 fields) and the whole recorded -q -x (one document, 8 GPUs).
fields=index,uuid,utilization.gpu,memory.total,memory.used,memory.free,driver_version,name,gpu_serial,display_active,display_mode,temperature.gpu
hyperfine -N --warmup 20 --runs "$runs" --export-markdown /dev/stdout \
  -n "/bin/true" "/bin/true" \
  -n "query-gpu, 12 fields, 8 GPUs" "$smi --query-gpu=$fields --format=csv,noheader,nounits" \
  -n "q -x, 8 GPUs" "$smi -q -x" \
  -n "q, 8 GPUs" "$smi -q"
