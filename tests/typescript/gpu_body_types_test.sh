#!/usr/bin/env bash
# /gpu while nvidia-smi is down (missing, exit 9, hanging) must still be a GPUResponse as the
# original's /types declares it, member for member: each body the real binary serves, on the
# first request after start and later, is compiled as an object literal of that type with
# `tsc --strict` (a missing, extra or mistyped member fails, `{}` for cpu included), and must
# say status "error" with no GPU.
# Usage: gpu_body_types_test.sh BIN_DIR SOURCE_DIR BUILD_DIR
set -euo pipefail
bin_dir=$1 source_dir=$2 build_dir=$3
here=$source_dir/tests/typescript
npm_dir=$build_dir/npm-tsc
# Scratch space in the build tree: a /tmp cleaner on a shared machine cannot take it mid-run.
work=$(mktemp -d "$build_dir/typescript-scratch.XXXXXX")
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

. "$here/install_tsc.sh"

fail() {
  echo "FAIL: $*" >&2
  [ -f "$work/server.log" ] && tail -20 "$work/server.log" >&2
  exit 1
}

# Starts smistat with the given environment assignments and arguments; sets $port.
start_server() {
  local -a assignments=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    assignments+=("$1")
    shift
  done
  shift
  env "${assignments[@]}" "$bin_dir/smistat" serve --host 127.0.0.1 --port 0 \
    --refresh-interval 0.5 "$@" 2>"$work/server.log" &
  server_pid=$!
  port=
  for _ in $(seq 600); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/server.log")
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  fail "smistat did not start listening"
}

# Polls /health (bounded) until the collection's last error is of kind $1.
wait_for_error() {
  for _ in $(seq 600); do
    curl -sS "http://127.0.0.1:$port/health" -o "$work/health.json" || true
    if node -e '
      const h = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const e = h.collection.last_error;
      process.exit(e && e.kind === process.argv[2] && h.collection.parts.host.runs_total >= 2 ? 0 : 1);
    ' "$work/health.json" "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  fail "/health never reported $1 with a second host reading"
}

# Fetches /gpu into the TypeScript file as the constant $1, checking status and gpu_count.
take_body() {
  curl -sSf "http://127.0.0.1:$port/gpu" -o "$work/$1.json" || fail "GET /gpu ($1)"
  node -e '
    const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (b.status !== "error" || b.gpu_count !== 0) {
      console.error(`status ${b.status}, gpu_count ${b.gpu_count}`);
      process.exit(1);
    }
  ' "$work/$1.json" || fail "/gpu ($1) is not the error body"
  { printf 'export const %s: GPUResponse = ' "$1"; cat "$work/$1.json"; printf ';\n'; } >>"$work/bodies.ts"
}

replay=$source_dir/fixtures/synthetic-8x-h100__590.48.01
echo 'import { GPUResponse } from "./gpu-metrics-types";' >"$work/bodies.ts"
types_taken=

check_outage() { # name error_kind assignments... -- args...
  local name=$1 kind=$2
  shift 2
  start_server "$@"
  if [ -z "$types_taken" ]; then
    curl -sSf "http://127.0.0.1:$port/types" -o "$work/gpu-metrics-types.ts" || fail "GET /types"
    types_taken=1
  fi
  take_body "${name}_first"
  wait_for_error "$kind"
  take_body "${name}_later"
  stop_server
}

check_outage missing nvidia_smi_missing -- --nvidia-smi /nonexistent/nvidia-smi
check_outage exit_9 driver_not_loaded NVIDIA_SMI_REPLAY_FAULT=exit:9 -- --replay "$replay"
check_outage hang timed_out NVIDIA_SMI_REPLAY_FAULT=hang -- --replay "$replay" --collect-timeout 1

cd "$work"
if ! "$npm_dir/node_modules/.bin/tsc" --strict --noEmit --target es2020 --module commonjs bodies.ts; then
  fail "a /gpu body served while nvidia-smi is down is not the original's GPUResponse"
fi
echo "6 /gpu bodies served while nvidia-smi is down are GPUResponse values"
