#!/usr/bin/env bash
# Assembles smistat's container image for one architecture from the portable build, offline:
# no base image is pulled. The root file system holds the installed smistat (/usr/bin, the
# recorded machines in /usr/share/smistat), Debian 12's glibc and libgcc_s for that architecture
# (the nvidia-smi that the NVIDIA container runtime mounts in is a dynamic glibc program, so a
# scratch image could not run it), the CA certificates, and /etc/passwd and /etc/group with
# nobody. It runs as 65534, listens on 8000, and needs no writable path (`--read-only`).
# umoci writes the OCI layout; the archive is that layout as a tar (`oci-archive:` to podman and
# skopeo).
#
# usage: build.sh BUILD_DIR ARCH GLIBC_ROOT OUT.oci.tar VERSION REVISION
set -euo pipefail
[ $# -eq 6 ] || { echo "usage: $0 BUILD_DIR ARCH GLIBC_ROOT OUT.oci.tar VERSION REVISION" >&2; exit 2; }
build=$1 arch=$2 glibc=$3 out=$4 version=$5 revision=$6
here=$(cd "$(dirname "$0")" && pwd)
for tool in umoci tar jq; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (.ci/install-deps --dist)" >&2; exit 1; }
done
case $arch in
  amd64) triplet=x86_64-linux-gnu ;;
  arm64) triplet=aarch64-linux-gnu ;;
  *) echo "build.sh: unknown architecture $arch" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs

# Debian's merged /usr: /lib, /lib64 and /bin are links into /usr, where the NVIDIA runtime's
# hooks expect to find and add libraries.
mkdir -p "$rootfs"/usr/{bin,lib,sbin} "$rootfs"/{etc,tmp,proc,sys,dev} "$rootfs/usr/lib/$triplet"
ln -s usr/bin "$rootfs/bin"
ln -s usr/sbin "$rootfs/sbin"
ln -s usr/lib "$rootfs/lib"
chmod 1777 "$rootfs/tmp"

# glibc and libgcc_s as Debian unpacks them (their /lib paths land in /usr/lib through the link).
cp -a "$glibc/lib/." "$rootfs/usr/lib/"
if [ -d "$glibc/lib64" ]; then
  mkdir -p "$rootfs/usr/lib64"
  cp -a "$glibc/lib64/." "$rootfs/usr/lib64/"
  ln -s usr/lib64 "$rootfs/lib64"
fi
[ -d "$glibc/usr/lib" ] && cp -a "$glibc/usr/lib/." "$rootfs/usr/lib/"
cp -a "$glibc/etc/." "$rootfs/etc/"
printf 'include /etc/ld.so.conf.d/*.conf\n' >"$rootfs/etc/ld.so.conf"

# smistat as installed for /usr, without what only a systemd host uses.
DESTDIR=$work/install cmake --install "$build" --prefix /usr --strip >/dev/null
cp -a "$work/install/usr/." "$rootfs/usr/"
cp -a "$work/install/etc/smistat" "$rootfs/etc/"

# Accounts, name service order, and mount points the runtime fills (hosts, resolv.conf).
cp "$here/passwd" "$here/group" "$here/nsswitch.conf" "$rootfs/etc/"
: >"$rootfs/etc/hosts"
: >"$rootfs/etc/resolv.conf"
mkdir -p "$rootfs/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"

layout=$work/layout
umoci init --layout "$layout"
umoci new --image "$layout:$version"
umoci unpack --image "$layout:$version" "$work/bundle" >/dev/null
cp -a "$rootfs/." "$work/bundle/rootfs/"
umoci repack --image "$layout:$version" --history.created_by "smistat packaging/image/build.sh" \
  "$work/bundle"
umoci config --image "$layout:$version" \
  --os linux --architecture "$arch" \
  --config.user 65534:65534 \
  --config.entrypoint /usr/bin/smistat \
  --config.exposedports 8000/tcp \
  --config.workingdir / \
  --config.env PATH=/usr/sbin:/usr/bin \
  --config.label "org.opencontainers.image.title=smistat" \
  --config.label "org.opencontainers.image.description=GPU statistics from nvidia-smi over HTTP" \
  --config.label "org.opencontainers.image.version=$version" \
  --config.label "org.opencontainers.image.revision=$revision" \
  --config.label "org.opencontainers.image.source=https://github.com/smistat/smistat" \
  --config.label "org.opencontainers.image.licenses=MIT" \
  --manifest.annotation "org.opencontainers.image.version=$version" \
  --manifest.annotation "org.opencontainers.image.revision=$revision"
umoci gc --layout "$layout"
# The image's name when loaded without a registry: podman and skopeo read the reference name,
# containerd (`ctr images import`, for a kubelet) its own annotation. Both say smistat:VERSION,
# the name etc/kubernetes/daemonset.yaml runs. (umoci's tags cannot hold the colon.)
jq -c --arg r "smistat:$version" --arg n "docker.io/library/smistat:$version" \
  '.manifests[0].annotations["org.opencontainers.image.ref.name"] = $r
   | .manifests[0].annotations["io.containerd.image.name"] = $n' \
  "$layout/index.json" >"$work/index.json"
mv "$work/index.json" "$layout/index.json"

mkdir -p "$(dirname "$out")"
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$layout" -cf "$out" .
echo "wrote $out"
