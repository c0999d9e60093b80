#!/usr/bin/env bash
# A build without gRPC given --kubernetes: it starts, serves the GPU routes and /metrics, and
# /health, /metrics and the log say that this build cannot ask the kubelet.
# Usage: without_grpc_test.sh BIN_DIR MACHINE_DIR
set -euo pipefail
bin_dir=$1 machine=$2
log=$(mktemp)
"$bin_dir/smistat" --replay "$machine" --host 127.0.0.1 --port 0 --kubernetes \
  --kubernetes.interval 0.2 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
port=
for _ in $(seq 200); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$log")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "FAIL: smistat exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$log" >&2; echo "FAIL: smistat did not listen" >&2; exit 1; }
reason="this build has no Kubernetes support"
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/health" | grep -q "$reason" && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/health" | grep -q "$reason" ||
  { echo "FAIL: /health does not say why there are no pod labels" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/gpu/stats" | grep -q '"gpu_count":8' ||
  { echo "FAIL: /gpu/stats is not served" >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/metrics" | grep -q '^smistat_kubernetes_last_call_success 0' ||
  { echo "FAIL: /metrics has no failed kubelet call" >&2; exit 1; }
grep -qi "warning.*$reason" "$log" || { cat "$log" >&2; echo "FAIL: no warning logged" >&2; exit 1; }
echo "served without gRPC, and said why"
