#!/usr/bin/env bash
# Builds the Debian package from a release or portable build and checks it the way an installing machine
# would see it: the control fields (Depends from the libraries, conffiles), the file list, the
# maintainer scripts against stand-ins for the systemd helpers, then the extracted tree runs
# (`smistat --version`, `--replay auto` serving the bundled 8-GPU machine, `smistat record`), its
# unit passes `systemd-analyze verify` with the extracted /usr/bin/smistat, and its exposure stays
# at the README's figure. Nothing touches the machine's own /usr, /etc or systemd.
#
# usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
scratch=$(mktemp -d)
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=../support/replay_auto_check.sh
source "$(dirname "$0")/../support/replay_auto_check.sh"
for tool in cpack dpkg-deb dpkg-shlibdeps systemd-analyze curl; do
  command -v "$tool" >/dev/null || fail "$tool is missing (.ci/install-deps installs it)"
done

# 1. The package.
(cd "$build" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) ||
  { cat "$scratch/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$scratch"/out/smistat_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one smistat_*.deb, got: ${debs[*]}"
deb=${debs[0]}
echo "built $(basename "$deb")"

# 2. Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = smistat ] || fail "Package is '$(field Package)'"
depends=$(field Depends)
if grep -q '^SMISTAT_PORTABLE:BOOL=ON$' "$build/CMakeCache.txt"; then
  # The portable build links all but glibc statically (cmake/dependencies.cmake).
  [ "$depends" = "libc6 (>= 2.34), libgcc-s1" ] || fail "portable Depends: $depends"
else
  for lib in libc6 libstdc++6 libboost-program-options; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib (dpkg-shlibdeps not run?): $depends"
  done
fi
dpkg-deb --ctrl-tarfile "$deb" | tar -x -C "$scratch" ./conffiles ./postinst ./prerm ./postrm
[ "$(sort "$scratch/conffiles")" = "$(printf '/etc/default/smistat\n/etc/smistat/smistat.conf')" ] ||
  fail "conffiles: $(cat "$scratch/conffiles")"
for script in postinst prerm postrm; do
  [ -x "$scratch/$script" ] || fail "$script is not executable"
  sh -n "$scratch/$script" || fail "$script is not valid sh"
done

# 3. The file list: every file where Debian expects it, nothing from the build machine's paths.
listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/smistat ./usr/bin/nvidia-smi-replay ./etc/smistat/smistat.conf \
         ./etc/default/smistat ./lib/systemd/system/smistat.service \
         ./usr/share/smistat/examples/prometheus.yml ./usr/share/smistat/examples/alerts.yml \
         ./usr/share/smistat/examples/grafana/smistat.json \
         ./usr/share/smistat/fixtures/synthetic-8x-h100__590.48.01/query-gpu.load.csv; do
  grep -qx "$f" <<<"$listing" || fail "$f is not in the package"
done
stray=$(grep -vE '^\./((usr|etc|lib)(/|$))?$|^\./(usr|etc|lib)/' <<<"$listing" || true)
[ -z "$stray" ] || fail "files outside /usr, /etc and /lib: $stray"

# 4. Maintainer scripts, with logging stand-ins for the systemd helpers first on PATH: a first
#    install enables the unit; the unit is started only where systemd runs.
stubs=$scratch/stubs
mkdir "$stubs"
for helper in deb-systemd-helper deb-systemd-invoke systemctl; do
  printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\n' "$helper" "$scratch" >"$stubs/$helper"
  chmod +x "$stubs/$helper"
done
PATH="$stubs:$PATH" "$scratch/postinst" configure "" || fail "postinst configure failed"
grep -qx 'deb-systemd-helper enable smistat.service' "$scratch/calls" ||
  fail "postinst did not enable the unit: $(cat "$scratch/calls")"
if [ -d /run/systemd/system ]; then
  grep -qx 'deb-systemd-invoke start smistat.service' "$scratch/calls" || fail "not started"
else
  grep -q 'deb-systemd-invoke' "$scratch/calls" && fail "postinst started the unit without systemd"
fi

# 5. The extracted tree runs from its installed paths.
root=$scratch/root
dpkg-deb -x "$deb" "$root"
version=$("$root/usr/bin/smistat" --version)
[[ "$version" == "smistat $(field Version) "* ]] || fail "--version printed '$version'"
grep -q '^ExecStart=/usr/bin/smistat --config /etc/smistat/smistat.conf \$SMISTAT_ARGS$' \
  "$root/lib/systemd/system/smistat.service" || fail "the unit does not run /usr/bin/smistat"
# An empty PATH: no nvidia-smi, so --replay auto must find the recordings beside the binary.
mkdir "$scratch/empty-path"
expect_replay_auto "$root/usr/bin/smistat" "$root/usr/share/smistat/fixtures" \
  "$scratch/smistat.log" "$scratch/empty-path" packaged
echo "the packaged smistat serves the recorded 8-GPU machine from /usr/share/smistat"
# `smistat record` from the installed paths, with the packaged replayer as nvidia-smi.
NVIDIA_SMI_REPLAY_DIR=$root/usr/share/smistat/fixtures/h100-80gb-hbm3__590.48.01 \
  "$root/usr/bin/smistat" record "$scratch/recorded" \
  --nvidia-smi "$root/usr/bin/nvidia-smi-replay" >"$scratch/record.log" ||
  { cat "$scratch/record.log" >&2; fail "smistat record failed"; }
# Every command of fixtures/README.md's table for the idle state, the XML of -q -x included.
[ "$(ls "$scratch/recorded" | wc -l)" = 9 ] && [ -s "$scratch/recorded/q-x.idle.xml" ] ||
  fail "smistat record wrote: $(ls "$scratch/recorded")"

# 6. systemd-analyze verify on the installed unit, in a root holding the package and the
#    host's targets and slices (the unit's dependencies), so /usr/bin/smistat is the packaged
#    one and no running systemd is needed. --man=no: nvidia-smi's man page comes with the driver.
verify_root=$scratch/verify-root
cp -a "$root" "$verify_root"
cp -a /lib/systemd/system/*.target /lib/systemd/system/*.slice "$verify_root/lib/systemd/system/"
verify() {
  systemd-analyze verify --man=no --root="$verify_root" /lib/systemd/system/smistat.service 2>&1
}
out=$(verify) || fail "systemd-analyze verify failed: $out"
[ -z "$out" ] || fail "systemd-analyze verify warned: $out"
# The check is real: without the binary the same verification fails.
mv "$verify_root/usr/bin/smistat" "$verify_root/usr/bin/smistat.moved"
out=$(verify) && fail "verify passed without /usr/bin/smistat: $out"
echo "systemd-analyze verify: the installed unit is valid"

# 7. The exposure the README states (2.0) is a ceiling: loosening the unit's sandbox fails here.
exposure=$(systemd-analyze security --offline=true --no-pager \
  "$root/lib/systemd/system/smistat.service" 2>&1 |
  sed -n 's/.*Overall exposure level for smistat.service: \([0-9.]*\).*/\1/p')
[ -n "$exposure" ] || fail "systemd-analyze security printed no exposure level"
awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' ||
  fail "the unit's exposure rose to $exposure (README: 2.0); update both knowingly"
echo "systemd-analyze security: exposure $exposure"
