#!/usr/bin/env bash
# The tarballs' smistat asks the kubelet: both architectures' binaries carry gRPC (linked from
# Debian's static archives) and label the GPUs of the bundled 8-GPU machine with the pods a fake
# kubelet (tests/kubernetes/fake_kubelet.py, Debian's python3-grpcio) hands them. The arm64 one
# runs under qemu-aarch64-static and plays the machine back with the amd64 replayer: what is
# checked is its gRPC client, not its replayer (arm64_qemu_test.sh runs that). Without
# binfmt_misc the kernel cannot start the arm64 helper smistat runs, so the helper's place holds
# a two-line script that starts it under qemu too.
#
# usage: kubernetes_test.sh DIST_DIR
source "$(dirname "$0")/lib.sh"
dist=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
require curl tar qemu-aarch64-static
# Debian's python3, where python3-grpcio is (a python3 first on PATH, e.g. a virtualenv, may lack it).
python=/usr/bin/python3
"$python" -c 'import grpc' 2>/dev/null || fail "python3-grpcio is missing (.ci/install-deps installs it)"
sysroot=/usr/aarch64-linux-gnu

for arch in amd64 arm64; do
  mkdir "$scratch/$arch"
  tar -xzf "$(artifact "$dist" "smistat-*-linux-$arch.tar.gz")" -C "$scratch/$arch" --strip-components=1
done
cp "$scratch/amd64/bin/nvidia-smi-replay" "$scratch/arm64/bin/nvidia-smi-replay"
helper=$scratch/arm64/lib/smistat/smistat-kubelet
[ -x "$helper" ] || fail "the arm64 tarball has no lib/smistat/smistat-kubelet"
mv "$helper" "$helper.arm64"
cat >"$helper" <<SCRIPT
#!/bin/sh
exec qemu-aarch64-static -L $sysroot "$helper.arm64" "\$@"
SCRIPT
chmod +x "$helper"

socket=$scratch/kubelet.sock
"$python" "$here/../kubernetes/fake_kubelet.py" "$socket" uuid &
kubelet=$!
on_exit "kill $kubelet 2>/dev/null; wait $kubelet 2>/dev/null"
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "the fake kubelet did not listen on $socket"

for arch in amd64 arm64; do
  tree=$scratch/$arch
  launcher=()
  [ "$arch" = arm64 ] && launcher=(qemu-aarch64-static -L "$sysroot")
  log=$scratch/$arch.log
  : >"$log"
  "${launcher[@]}" "$tree/bin/smistat" --replay "$tree/share/smistat/fixtures/synthetic-8x-h100__590.48.01" \
    --host 127.0.0.1 --port 0 --no-access-log --kubernetes --kubernetes.pod-resources-socket "$socket" \
    --kubernetes.interval 0.2 >/dev/null 2>"$log" &
  server=$!
  on_exit "kill $server 2>/dev/null; wait $server 2>/dev/null"
  port=$(wait_for_listening "$log" "the $arch smistat" "$server")
  metrics=$(get_until "http://127.0.0.1:$port/metrics" 'pod="train-0"')
  grep -Eq '^DCGM_FI_DEV_GPU_TEMP\{gpu="0",.*container="trainer",namespace="ml",pod="train-0"\}' \
    <<<"$metrics" || fail "$arch: GPU 0's temperature has no pod labels: $(grep '^DCGM_FI_DEV_GPU_TEMP' <<<"$metrics" | head -n2)"
  grep -q '^smistat_kubernetes_devices{state="matched"} 3$' <<<"$metrics" ||
    fail "$arch: $(grep '^smistat_kubernetes_devices' <<<"$metrics")"
  grep -q 'kubernetes: 3 of 3 devices matched to GPUs (IDs: uuid)' "$log" ||
    { cat "$log" >&2; fail "$arch: no log line of the mapping"; }
  kill "$server"
  wait "$server" 2>/dev/null || true
  note "the $arch tarball's smistat labels GPU 0 with pod ml/train-0 from the kubelet"
done
echo "both architectures' smistat ask the kubelet over gRPC"
