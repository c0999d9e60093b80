#!/usr/bin/env bash
# Cost of --kubernetes: smistat's CPU time per kubelet call. The fake kubelet
# (tests/kubernetes/fake_kubelet.py, scenario `eight`: each GPU of the recorded 8-GPU machine in
# a pod of its own) answers PodResourcesLister/List; smistat serves the recording with
# --kubernetes.interval 0.1, so a window of N seconds holds about 10 N calls. Two modes, run
# alternately ROUNDS times:
#   kubelet   --kubernetes against the fake
#   baseline  the same server without --kubernetes (the collection alone)
# For each window: the CPU time of smistat and of every child it reaped (utime + stime + cutime +
# cstime of /proc/<pid>/stat: the calls are the helper lib/smistat/smistat-kubelet, run once per
# call; nvidia-smi's replays are reaped children too, in both modes), and the calls made
# (smistat_kubernetes_calls_total from /health before and after). Per call:
# (kubelet CPU - baseline CPU) / calls. Also each mode's resident memory (VmRSS) at the end.
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
# Scratch in the build tree: a cleaner of /tmp must not take the socket away mid-window.
work=$PWD/build/bench-kubernetes
rm -rf "$work"; mkdir -p "$work"
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

ticks=$(getconf CLK_TCK)
cpu_ns() {  # CPU time of $1 and of the children it reaped, in nanoseconds
  # Fields after the command's closing parenthesis: utime is the 12th, cstime the 15th.
  sed 's/.*) //' /proc/"$1"/stat | awk -v t="$ticks" '{ printf "%d\n", ($12 + $13 + $14 + $15) * 1e9 / t }'
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' /proc/"$1"/status; }
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
  local rss
  rss=$(rss_kb "$server")
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
  echo "$((c1 - c0)) $((n1 - n0)) $rss"
}

echo "| round | mode | CPU ms in ${window} s | calls | CPU per call | VmRSS |"
echo "| --- | --- | --- | --- | --- | --- |"
for round in $(seq "$rounds"); do
  read -r base _ base_rss < <(run_window baseline)
  read -r with n with_rss < <(run_window kubelet)
  awk -v r="$round" -v b="$base" -v w="$with" -v n="$n" -v br="$base_rss" -v wr="$with_rss" 'BEGIN {
    printf "| %d | baseline | %.1f | 0 | | %.1f MB |\n", r, b / 1e6, br / 1024
    printf "| %d | kubelet | %.1f | %d | %.3f ms | %.1f MB |\n", r, w / 1e6, n, (w - b) / 1e6 / n, wr / 1024 }'
done
