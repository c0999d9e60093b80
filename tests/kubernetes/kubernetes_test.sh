#!/usr/bin/env bash
# Validates etc/kubernetes with validate_manifests.mjs. Its npm packages (pinned by the
# package-lock.json beside this script) are installed into the build tree, never the source tree.
#
# usage: kubernetes_test.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$1/kubernetes-test
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (.ci/install-deps installs it)" >&2; exit 1; }
done
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/validate_manifests.mjs" "$work/"
# npm ci starts from an empty node_modules every time: run it only when the lock file changed.
stamp=$work/node_modules/.installed-package-lock.json
if ! cmp -s "$work/package-lock.json" "$stamp"; then
  npm ci --prefix "$work" --no-audit --no-fund --loglevel=error
  cp "$work/package-lock.json" "$stamp"
fi
node "$work/validate_manifests.mjs" "$(cd "$here/../../etc/kubernetes" && pwd)"
