#!/bin/sh
# Wall time of `smistat list` and `smistat available` against nvidia-smi alone on the same
# replay: one bare GPU query (what any tool must at least pay) and the three commands smistat
# runs side by side. Needs hyperfine (Debian package `hyperfine`); not part of CI.
#
#   bench/cli/run.sh [RUNS] [MACHINE]
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-100}
machine=${2:-synthetic-8x-h100__590.48.01}

cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null
bin=$PWD/build/release/bin
smi=$bin/nvidia-smi-replay
# The replayer as nvidia-smi, so smistat prints no "recorded data" banner.
export NVIDIA_SMI_REPLAY_DIR="$PWD/fixtures/$machine"
unset NVIDIA_SMI_REPLAY_FAULT NVIDIA_SMI_REPLAY_STATE CUDA_VISIBLE_DEVICES || true

fields=index,name,uuid,pci.bus_id,memory.total,memory.used,memory.free,utilization.gpu,clocks.current.sm,temperature.gpu
hyperfine -N --warmup 10 --runs "$runs" \
  -n "nvidia-smi --query-gpu (baseline)" "$smi --query-gpu=$fields --format=csv,noheader,nounits" \
  -n "nvidia-smi --query-compute-apps" "$smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv,noheader,nounits" \
  -n "nvidia-smi -L" "$smi -L" \
  -n "the three above, one after another (sh)" \
  "sh -c '$smi --query-gpu=$fields --format=csv,noheader,nounits >/dev/null; $smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv,noheader,nounits >/dev/null; $smi -L >/dev/null'" \
  -n "smistat list" "$bin/smistat list --nvidia-smi $smi --color never" \
  -n "smistat list --json" "$bin/smistat list --nvidia-smi $smi --json" \
  -n "smistat available" "$bin/smistat available --nvidia-smi $smi"
