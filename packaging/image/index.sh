#!/usr/bin/env bash
# Joins single-architecture OCI archives (packaging/image/build.sh) into one multi-arch OCI
# archive: the blobs of all of them, an image index naming each manifest with its platform, and
# a top-level index.json that names that index smistat:VERSION. `skopeo copy --all
# oci-archive:OUT:VERSION docker://REGISTRY/smistat:VERSION` pushes every architecture under one
# name; a node pulls its own.
# umoci and skopeo copy images but do not write an index of several; this is the few lines of
# JSON the OCI image layout asks for.
#
# usage: index.sh OUT.oci.tar VERSION ARCHIVE.oci.tar...
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 OUT.oci.tar VERSION ARCHIVE.oci.tar..." >&2; exit 2; }
out=$1 version=$2
shift 2
command -v jq >/dev/null || { echo "index.sh: jq is missing (.ci/install-deps --dist)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
layout=$work/layout
mkdir -p "$layout/blobs/sha256"

entries=()
for archive in "$@"; do
  part=$work/part
  rm -rf "$part"
  mkdir "$part"
  tar -xf "$archive" -C "$part"
  cp -n "$part"/blobs/sha256/* "$layout/blobs/sha256/"
  manifest=$(jq -c '.manifests[0]' "$part/index.json")
  config_digest=$(jq -r '.config.digest' "$part/blobs/sha256/$(jq -r .digest <<<"$manifest" | cut -d: -f2)")
  config=$part/blobs/sha256/${config_digest#sha256:}
  entries+=("$(jq -c --slurpfile c "$config" \
    '{mediaType, digest, size, platform: {architecture: $c[0].architecture, os: $c[0].os}}' \
    <<<"$manifest")")
done

printf '%s\n' "${entries[@]}" |
  jq -cs '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: .}' \
    >"$work/index-blob.json"
digest=$(sha256sum "$work/index-blob.json" | cut -d' ' -f1)
size=$(stat -c %s "$work/index-blob.json")
mv "$work/index-blob.json" "$layout/blobs/sha256/$digest"
jq -cn --arg d "sha256:$digest" --argjson s "$size" --arg v "$version" \
  '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [{mediaType: "application/vnd.oci.image.index.v1+json", digest: $d, size: $s,
                 annotations: {"org.opencontainers.image.ref.name": ("smistat:" + $v),
                               "io.containerd.image.name": ("docker.io/library/smistat:" + $v)}}]}' >"$layout/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"

tar --sort=name --owner=0 --group=0 --numeric-owner -C "$layout" -cf "$out" .
echo "wrote $out"
