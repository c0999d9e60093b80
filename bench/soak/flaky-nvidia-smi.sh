#!/usr/bin/env bash
# nvidia-smi for the soak: the replayer with varying values, and on about one run in
# SOAK_FAULT_PERCENT (default 5) a random fault of the replayer's (garbage, a cut answer, the
# driver gone, a lost GPU, a slow answer).
faults=(garbage truncate "exit:9" "lost:3" "slow:1500" "huge:200000")
if (( RANDOM % 100 < ${SOAK_FAULT_PERCENT:-5} )); then
  export NVIDIA_SMI_REPLAY_FAULT=${faults[RANDOM % ${#faults[@]}]}
  echo "$NVIDIA_SMI_REPLAY_FAULT" >>"${SOAK_FAULT_LOG:-/dev/null}"
fi
export NVIDIA_SMI_REPLAY_VARY=1
exec "$SOAK_REPLAYER" "$@"
