#!/usr/bin/env bash
# Compiles client.ts, a program written against the original GPU Metrics API's /types, against
# the declarations the real smistat binary serves at /types: `tsc --strict --noEmit` must pass.
# TypeScript comes from npm (package-lock.json here), installed once into BUILD_DIR/npm-tsc.
# Usage: tsc_client_test.sh BIN_DIR SOURCE_DIR BUILD_DIR
set -euo pipefail
bin_dir=$1 source_dir=$2 build_dir=$3
here=$source_dir/tests/typescript
npm_dir=$build_dir/npm-tsc
# Scratch space in the build tree: a /tmp cleaner on a shared machine cannot take it mid-run.
work=$(mktemp -d "$build_dir/typescript-scratch.XXXXXX")
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

. "$here/install_tsc.sh"

"$bin_dir/smistat" serve --host 127.0.0.1 --port 0 \
  --replay "$source_dir/fixtures/h100-80gb-hbm3__590.48.01" 2>"$work/server.log" &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/server.log")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$work/server.log" >&2
  echo "FAIL: smistat did not start listening" >&2
  exit 1
fi

curl -sSf "http://127.0.0.1:$port/types" -o "$work/gpu-metrics-types.ts"
cp "$here/client.ts" "$work/client.ts"
cd "$work"
if ! "$npm_dir/node_modules/.bin/tsc" --strict --noEmit --target es2020 --module commonjs client.ts; then
  echo "FAIL: a client written against the original's /types does not compile against smistat's" >&2
  exit 1
fi
echo "client.ts compiles against the served /types"
