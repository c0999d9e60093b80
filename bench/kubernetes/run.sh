#!/usr/bin/env bash
# Cost of --kubernetes: smistat's CPU time per kubelet call. The fake kubelet
# (tests/kubernetes/fake_kubelet.py, scenario `eight`: each GPU of the recorded 8-GPU machine in
# a pod of its own) answers PodResourcesLister/List; smistat serves the recording with
# --kubernetes.interval 0.1, so a window of N seconds holds about 10 N calls. Two modes, run
# alternately ROUNDS times:
#   kubelet   --kubernetes against the fake
#   baseline  the same server without --kubernetes (the collection alone)
# For each window: the CPU time of all of smistat's threads (the first field of
# /proc/<pid>/task/*/schedstat, nanoseconds; children such as nvidia-smi excluded), and the
# calls made (smistat_kubernetes_calls_total from /health before and after). Per call:
# (kubelet CPU - baseline CPU) / calls.
#
# usage: bench/kubernetes/run.sh [seconds per window, default 30] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
window=${1:-30}
rounds=${2:-3}

command -v curl >/dev/null || { echo "run.sh: curl is missing" >&2; exit 1; }
/usr/bin/python3 -c 'import grpc' 2>/dev/null ||
  { echo "run.sh: /usr/bin/python3 cannot import grpc (python3-grpcio)" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build --preset release --target smistat nvidia-smi-replay >/dev/null

bin=build/release/bin
recording=fixtures/synthetic-8x-h100__590.48.01
work=$(mktemp -d)
kubelet= server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$kubelet" ] && kill "$kubelet" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

/usr/bin/python3 tests/kubernetes/fake_kubelet.py "$work/kubelet.sock" eight &
kubelet=$!
for _ in $(seq 100); do [ -S "$work/kubelet.sock" ] && break; sleep 0.1; done

cpu_ns() {  # CPU time of every live thread of $1, in nanoseconds
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%d\n", s }'
}
calls() {  # calls_total of /health's kubernetes block, 0 without one
  curl -s "http://127.0.0.1:$1/health" |
    /usr/bin/python3 -c 'import json,sys; k=json.load(sys.stdin).get("kubernetes"); print(k["calls_total"] if k else 0)'
}

port=18790
run_window() {  # mode -> "cpu_ns calls"
  local extra=()
  [ "$1" = kubelet ] && extra=(--kubernetes --kubernetes.pod-resources-socket "$work/kubelet.sock"
                                --kubernetes.interval 0.1)
  port=$((port + 1))
  PATH="$PWD/$bin:$PATH" "$bin/smistat" --host 127.0.0.1 --port "$port" --no-access-log \
    --replay "$recording" "${extra[@]}" 2>"$work/log" &
  server=$!
  until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.2; done
  sleep 3  # past the start-up: the first samples, the first calls
  local c0 n0 c1 n1
  c0=$(cpu_ns "$server"); n0=$(calls "$port")
  sleep "$window"
  c1=$(cpu_ns "$server"); n1=$(calls "$port")
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
  echo "$((c1 - c0)) $((n1 - n0))"
}

echo "| round | mode | CPU ms in ${window} s | calls | CPU per call |"
echo "| --- | --- | --- | --- | --- |"
for round in $(seq "$rounds"); do
  read -r base _ < <(run_window baseline)
  read -r with n < <(run_window kubelet)
  awk -v r="$round" -v b="$base" -v w="$with" -v n="$n" 'BEGIN {
    printf "| %d | baseline | %.1f | 0 | |\n", r, b / 1e6
    printf "| %d | kubelet | %.1f | %d | %.3f ms |\n", r, w / 1e6, n, (w - b) / 1e6 / n }'
done
