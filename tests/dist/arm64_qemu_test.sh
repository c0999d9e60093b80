#!/usr/bin/env bash
# The arm64 tarball's programs run: under qemu-aarch64-static (called directly, as these machines
# have no binfmt_misc), with the arm64 glibc of Debian's cross toolchain as their root, the arm64
# smistat serves the bundled 8-GPU machine with `--replay auto`, played back by the arm64
# nvidia-smi-replay, and the arm64 `smistat list` prints its table.
#
# Without binfmt_misc the kernel cannot start an arm64 child by itself, so the replayer beside
# the emulated smistat is a two-line script that starts the real arm64 replayer under qemu too.
#
# usage: arm64_qemu_test.sh DIST_DIR
source "$(dirname "$0")/lib.sh"
dist=$(cd "$1" && pwd)
require qemu-aarch64-static curl tar
sysroot=/usr/aarch64-linux-gnu
[ -e "$sysroot/lib/ld-linux-aarch64.so.1" ] ||
  fail "no arm64 glibc in $sysroot (crossbuild-essential-arm64, .ci/install-deps --dist)"

tree=$scratch/smistat
mkdir "$tree"
tar -xzf "$(artifact "$dist" 'smistat-*-linux-arm64.tar.gz')" -C "$tree" --strip-components=1
mv "$tree/bin/nvidia-smi-replay" "$tree/bin/nvidia-smi-replay.arm64"
cat >"$tree/bin/nvidia-smi-replay" <<SCRIPT
#!/bin/sh
exec qemu-aarch64-static -L $sysroot "$tree/bin/nvidia-smi-replay.arm64" "\$@"
SCRIPT
chmod +x "$tree/bin/nvidia-smi-replay"
arm64() { qemu-aarch64-static -L "$sysroot" "$@"; }

version=$(arm64 "$tree/bin/smistat" --version) || fail "the arm64 smistat --version failed"
note "arm64: $version"
direct=$(NVIDIA_SMI_REPLAY_DIR=$tree/share/smistat/fixtures/h100-80gb-hbm3__590.48.01 \
  arm64 "$tree/bin/nvidia-smi-replay.arm64" -L) || fail "the arm64 replayer failed"
grep -q '^GPU 0: NVIDIA H100' <<<"$direct" || fail "the arm64 replayer printed: $direct"

log=$scratch/server.log
: >"$log"
env -i PATH=/usr/bin:/bin qemu-aarch64-static -L "$sysroot" "$tree/bin/smistat" --replay auto \
  --host 127.0.0.1 --port 0 --no-access-log >/dev/null 2>"$log" &
server=$!
on_exit "kill $server 2>/dev/null; wait $server 2>/dev/null"
port=$(wait_for_listening "$log" "the arm64 smistat" "$server")
grep -q "$tree/share/smistat/fixtures/synthetic-8x-h100__590.48.01" "$log" ||
  { cat "$log" >&2; fail "--replay auto did not use the tarball's recordings"; }
get_until "http://127.0.0.1:$port/gpu/count" '"gpu_count":8' >/dev/null
stats=$(get_until "http://127.0.0.1:$port/gpu/stats" 'H100')
[ "$(grep -o '"gpu_id"' <<<"$stats" | wc -l)" = 8 ] || fail "/gpu/stats: $stats"
note "the arm64 smistat serves 8 GPUs on port $port"

table=$(NVIDIA_SMI_REPLAY_STATE=load arm64 "$tree/bin/smistat" list --color never \
  --replay "$tree/share/smistat/fixtures/h100-80gb-hbm3__590.48.01") ||
  fail "the arm64 smistat list failed"
grep -q 'H100' <<<"$table" || fail "smistat list printed: $table"
[ "$(grep -c 'H100' <<<"$table")" -ge 1 ] || fail "no GPU row: $table"
echo "$table" | head -n 4
echo "arm64: smistat and nvidia-smi-replay run under qemu"
