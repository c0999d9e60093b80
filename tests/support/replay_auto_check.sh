# Sourced by the install and package tests: runs an installed smistat the way a package user
# would, `smistat --replay auto` with no nvidia-smi on PATH, and checks that it finds the
# recorded 8-GPU machine under FIXTURES (beside the binary, not in the source tree) and serves it.
# Needs `fail` and a variable `pid` the caller's EXIT trap kills.
#
# usage: expect_replay_auto SMISTAT FIXTURES LOG PATH_FOR_IT WHAT
expect_replay_auto() {
  local smistat=$1 fixtures=$2 log=$3 path=$4 what=$5 port= count=
  # The background child opens the log itself; created here, the first read cannot beat it.
  : >"$log"
  env -i HOME="$(dirname "$log")" PATH="$path" "$smistat" --replay auto --host 127.0.0.1 \
    --port 0 --no-access-log 2>"$log" &
  pid=$!
  for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$log" >&2; fail "the $what smistat did not start"; }
  grep -q "$fixtures/synthetic-8x-h100__590.48.01" "$log" ||
    { cat "$log" >&2; fail "--replay auto did not use $fixtures"; }
  for _ in $(seq 100); do
    count=$(curl -sf "http://127.0.0.1:$port/gpu/count" | sed -n 's/.*"gpu_count":\([0-9]*\).*/\1/p')
    [ "$count" = 8 ] && break
    sleep 0.1
  done
  [ "$count" = 8 ] || fail "the $what smistat served gpu_count=$count, expected 8"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}
