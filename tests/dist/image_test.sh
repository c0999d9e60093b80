#!/usr/bin/env bash
# The container images: each architecture's OCI archive says its architecture, user 65534, port
# 8000 and its labels; the multi-arch index names both; and the amd64 image runs under podman as
# an operator runs it (`podman run --read-only -p ...`), serving the bundled 8-GPU machine with
# `--replay auto` to the host (/gpu/stats, /-/ready).
#
# podman runs with a private storage folder, so nothing is left in the machine's own, and with
# what these machines need (not the image): runc, as crun refuses their hybrid cgroups, and no
# default ulimits.
#
# usage: image_test.sh DIST_DIR
source "$(dirname "$0")/lib.sh"
dist=$(cd "$1" && pwd)
require podman runc skopeo jq curl tar
[ "$(id -u)" = 0 ] || fail "podman's networking needs root here"

image_config() {  # archive -> the config blob of its (single-platform) image
  local layout=$scratch/layout-$(basename "$1")
  mkdir -p "$layout"
  tar -xf "$1" -C "$layout"
  local manifest config
  manifest=$(jq -r '.manifests[0].digest' "$layout/index.json" | sed 's/sha256://')
  config=$(jq -r '.config.digest' "$layout/blobs/sha256/$manifest" | sed 's/sha256://')
  cat "$layout/blobs/sha256/$config"
}

for arch in amd64 arm64; do
  archive=$(artifact "$dist" "smistat-*-linux-$arch.oci.tar")
  config=$(image_config "$archive")
  [ "$(jq -r .architecture <<<"$config")" = "$arch" ] || fail "$archive says $(jq -r .architecture <<<"$config")"
  [ "$(jq -r .os <<<"$config")" = linux ] || fail "$archive: os $(jq -r .os <<<"$config")"
  [ "$(jq -r .config.User <<<"$config")" = 65534:65534 ] || fail "$archive: user $(jq -r .config.User <<<"$config")"
  [ "$(jq -c .config.Entrypoint <<<"$config")" = '["/usr/bin/smistat"]' ] || fail "$archive: entrypoint"
  jq -e '.config.ExposedPorts["8000/tcp"]' <<<"$config" >/dev/null || fail "$archive exposes no 8000/tcp"
  for label in version revision source; do
    value=$(jq -r ".config.Labels[\"org.opencontainers.image.$label\"] // empty" <<<"$config")
    [ -n "$value" ] || fail "$archive has no org.opencontainers.image.$label label"
  done
  note "$arch image: architecture $arch, user 65534, port 8000, version $(jq -r '.config.Labels["org.opencontainers.image.version"]' <<<"$config")"
done

# The multi-arch index: one name, both platforms.
version=$(basename "$(artifact "$dist" 'smistat-*-linux-amd64.oci.tar')" | sed 's/^smistat-\(.*\)-linux-amd64\.oci\.tar$/\1/')
index=$(artifact "$dist" "smistat-$version.oci.tar")
mkdir "$scratch/index"
tar -xf "$index" -C "$scratch/index"
nested=$(jq -r '.manifests[0].digest' "$scratch/index/index.json" | sed 's/sha256://')
platforms=$(jq -r '.manifests[] | .platform.architecture' "$scratch/index/blobs/sha256/$nested" | sort | tr '\n' ' ')
[ "$platforms" = "amd64 arm64 " ] || fail "the index lists platforms: $platforms"
skopeo inspect --raw "oci-archive:$index" | jq -e '.manifests | length == 2' >/dev/null ||
  fail "skopeo does not read the index as a two-platform image"
note "multi-arch index: $platforms"

# Running the amd64 image.
export CONTAINERS_CONF=$scratch/containers.conf
printf '[containers]\ndefault_ulimits = []\n' >"$CONTAINERS_CONF"
podman_() {
  podman --root "$scratch/storage" --runroot "$scratch/run" --storage-driver vfs \
    --runtime runc --cgroup-manager cgroupfs --events-backend none "$@"
}
loaded=$(podman_ load -q -i "$(artifact "$dist" 'smistat-*-linux-amd64.oci.tar')") ||
  fail "podman load failed"
image=$(sed -n 's/^Loaded image[^:]*: *//p' <<<"$loaded" | head -n1)
[ "$image" = "docker.io/library/smistat:$(jq -r '.config.Labels["org.opencontainers.image.version"]' <<<"$config")" ] ||
  fail "podman load named the image '$image' (printed: $loaded)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
  shuf -i 20000-60000 -n1)
name=smistat-dist-test-$$
podman_ run -d --name "$name" --read-only -p "127.0.0.1:$port:8000" "$image" --replay auto \
  >"$scratch/run.log" 2>&1 || { cat "$scratch/run.log" >&2; fail "podman run failed"; }
on_exit "podman_ rm -f -t 0 '$name' >/dev/null 2>&1; podman_ rmi -af >/dev/null 2>&1"
stats=$(get_until "http://127.0.0.1:$port/gpu/stats" '"gpu_count":8') ||
  { podman_ logs "$name" >&2; exit 1; }
get_until "http://127.0.0.1:$port/-/ready" '.' >/dev/null
user=$(podman_ inspect -f '{{.Config.User}}' "$name")
[ "$user" = 65534:65534 ] || fail "the container runs as '$user'"
grep -q 'SERVING RECORDED DATA' <<<"$(podman_ logs "$name" 2>&1)" || fail "the container did not say it replays"
note "podman run --read-only: /gpu/stats (8 GPUs) and /-/ready answered on 127.0.0.1:$port"
echo "container images: both architectures described, amd64 runs read-only as 65534"
