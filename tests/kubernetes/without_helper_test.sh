#!/usr/bin/env bash
# smistat given --kubernetes without its Kubernetes helper (lib/smistat/smistat-kubelet missing
# beside bin/, or a build without gRPC): it starts, serves the GPU routes and /metrics, and
# /health, /metrics and the log say why it cannot ask the kubelet.
# Usage: without_helper_test.sh BIN_DIR MACHINE_DIR SCRATCH_DIR REASON
set -euo pipefail
bin_dir=$1 machine=$2 scratch=$3 reason=$4
# smistat and its replayer alone in a bin/ with no lib/ beside it.
rm -rf "$scratch"
mkdir -p "$scratch/bin"
cp "$bin_dir/smistat" "$bin_dir/nvidia-smi-replay" "$scratch/bin/"
log=$scratch/smistat.log
# Created here, not by the background start's redirection, which may come after the first read.
: >"$log"
"$scratch/bin/smistat" --replay "$machine" --host 127.0.0.1 --port 0 --kubernetes \
  --kubernetes.interval 0.2 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$scratch"' EXIT
port=
for _ in $(seq 200); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$log")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "FAIL: smistat exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$log" >&2; echo "FAIL: smistat did not listen" >&2; exit 1; }
# Each body is read whole before it is searched: `curl | grep -q` fails under pipefail when grep
# stops reading a long body early.
get() { curl -sf "http://127.0.0.1:$port$1"; }
health=
for _ in $(seq 100); do
  health=$(get /health) && grep -q "$reason" <<<"$health" && break
  sleep 0.1
done
grep -q "$reason" <<<"$health" || { echo "FAIL: /health does not say why there are no pod labels" >&2; exit 1; }
grep -q '"gpu_count":8' <<<"$(get /gpu/stats)" || { echo "FAIL: /gpu/stats is not served" >&2; exit 1; }
grep -q '^smistat_kubernetes_last_call_success 0' <<<"$(get /metrics)" ||
  { echo "FAIL: /metrics has no failed kubelet call" >&2; exit 1; }
grep -qi "warning.*$reason" "$log" || { cat "$log" >&2; echo "FAIL: no warning logged" >&2; exit 1; }
echo "served without the Kubernetes helper, and said why: $reason"
