#!/usr/bin/env bash
# The .deb and .rpm of both architectures, as a distribution's tools see them:
#   - lintian reports no error on either .deb, and no warning but the ones listed below;
#   - Depends is glibc alone (libc6 and libgcc-s1, which libc6 itself depends on);
#   - rpm -qpR asks only for glibc's libraries and libgcc_s at versions RHEL 9 has, rpm -qpl puts
#     the unit in /usr/lib/systemd/system (/lib is a link a package must not own there), and both
#     configuration files are %config;
#   - a real install into a debootstrapped Debian 12 root: `dpkg -i`, `smistat --version` there,
#     the unit verified with systemd-analyze against that root, removal, then
#     `apt-get install ./smistat_*.deb`, which resolves Depends from the root's own packages.
#
# usage: packages_test.sh DIST_DIR ROOTS_DIR
source "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || fail "usage: $0 DIST_DIR ROOTS_DIR"
dist=$(cd "$1" && pwd) roots=$2
require lintian dpkg-deb rpm chroot unshare systemd-analyze
[ "$(id -u)" = 0 ] || fail "chroot needs root"
if [ -z "${SMISTAT_DIST_TEST_IN_NAMESPACE:-}" ]; then
  SMISTAT_DIST_TEST_IN_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi

# Warnings kept, each for a reason:
#   no-manual-page  `smistat --help` and the README are the manual; a man page would repeat them.
allowed_warnings='^W: smistat: no-manual-page '

for arch in amd64 arm64; do
  deb=$(artifact "$dist" "smistat_*_$arch.deb")
  report=$(lintian --tag-display-limit 0 "$deb" 2>&1 | grep -v '^running with root privileges' || true)
  errors=$(grep '^E: ' <<<"$report" || true)
  [ -z "$errors" ] || fail "lintian errors on $(basename "$deb"):"$'\n'"$errors"
  unexpected=$(grep '^W: ' <<<"$report" | grep -Ev "$allowed_warnings" || true)
  [ -z "$unexpected" ] || fail "lintian warnings not on the list:"$'\n'"$unexpected"
  [ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "$deb: Architecture $(dpkg-deb -f "$deb" Architecture)"
  [ "$(dpkg-deb -f "$deb" Depends)" = "libc6 (>= 2.34), libgcc-s1" ] ||
    fail "$deb: Depends is '$(dpkg-deb -f "$deb" Depends)'"
  note "$(basename "$deb"): no lintian error, warnings only of the kept kinds ($(grep -c '^W: ' <<<"$report" || true)); Depends libc6 (>= 2.34), libgcc-s1"

  case $arch in amd64) rpm_arch=x86_64 ;; arm64) rpm_arch=aarch64 ;; esac
  rpmfile=$(artifact "$dist" "smistat-*.$rpm_arch.rpm")
  [ "$(rpm -qp --qf '%{ARCH}' "$rpmfile" 2>/dev/null)" = "$rpm_arch" ] || fail "$rpmfile: wrong ARCH"
  requires=$(rpm -qpR "$rpmfile" 2>/dev/null)
  strays=$(grep -Ev '^(libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|ld-linux-(x86-64|aarch64)\.so\.[12])(\(|$)|^rtld\(GNU_HASH\)$|^rpmlib\(|^/bin/sh$|^config\(smistat\)' <<<"$requires" || true)
  [ -z "$strays" ] || fail "$rpmfile requires more than glibc: $strays"
  newest=$(grep -o 'GLIBC_[0-9.]*' <<<"$requires" | sed 's/GLIBC_//' | sort -uV | tail -n1)
  [ "$(printf '%s\n2.34\n' "$newest" | sort -V | tail -n1)" = 2.34 ] || fail "$rpmfile requires GLIBC_$newest"
  files=$(rpm -qpl "$rpmfile" 2>/dev/null)
  for f in /usr/bin/smistat /usr/bin/nvidia-smi-replay /usr/lib/smistat/smistat-kubelet \
           /usr/lib/systemd/system/smistat.service \
           /etc/smistat/smistat.conf /usr/share/smistat/fixtures/synthetic-8x-h100__590.48.01/query-gpu.load.csv; do
    grep -qx "$f" <<<"$files" || fail "$rpmfile lacks $f"
  done
  grep -Eq '^/lib(/|$)|^/usr/lib/\.build-id' <<<"$files" && fail "$rpmfile owns paths under /lib or build-id links"
  [ "$(rpm -qpc "$rpmfile" 2>/dev/null | sort | tr '\n' ' ')" = "/etc/default/smistat /etc/smistat/smistat.conf " ] ||
    fail "$rpmfile: %config files are $(rpm -qpc "$rpmfile" | tr '\n' ' ')"
  grep -q '^/usr/lib/systemd/system/smistat.service$' <<<"$files" || fail "no unit in the rpm"
  unit=$(rpm2cpio "$rpmfile" | (cd "$scratch" && cpio -idm --quiet ./usr/lib/systemd/system/smistat.service) &&
    cat "$scratch/usr/lib/systemd/system/smistat.service")
  grep -q '^ExecStart=/usr/bin/smistat --config /etc/smistat/smistat.conf ' <<<"$unit" ||
    fail "the rpm's unit does not run /usr/bin/smistat"
  note "$(basename "$rpmfile"): requires glibc <= $newest and libgcc_s; unit in /usr/lib/systemd/system"
done

# A real install on Debian 12.
root=$(debootstrapped_root bookworm "$roots")
mount -t proc proc "$root/proc"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
in_root dpkg --purge smistat >/dev/null 2>&1 || true
deb=$(artifact "$dist" 'smistat_*_amd64.deb')
cp "$deb" "$root/tmp/smistat.deb"
in_root dpkg -i /tmp/smistat.deb >"$scratch/dpkg.log" 2>&1 || { cat "$scratch/dpkg.log" >&2; fail "dpkg -i failed"; }
version=$(in_root smistat --version) || fail "the installed smistat does not run"
[[ "$version" == "smistat $(dpkg-deb -f "$deb" Version) "* ]] || fail "--version printed '$version'"
[ -z "$(in_root ldd /usr/bin/smistat 2>/dev/null | grep 'not found' || true)" ] || fail "unresolved libraries"
# The Kubernetes helper runs where smistat looks for it, and says why it has no answer.
helper=$(in_root /usr/lib/smistat/smistat-kubelet /run/no-kubelet.sock 1000 2>&1) && fail "the helper found a kubelet"
[ "$helper" = "socket missing: /run/no-kubelet.sock" ] || fail "the installed Kubernetes helper printed: $helper"
cp -a /lib/systemd/system/*.target /lib/systemd/system/*.slice "$root/lib/systemd/system/" 2>/dev/null || true
out=$(systemd-analyze verify --man=no --root="$root" /lib/systemd/system/smistat.service 2>&1) ||
  fail "systemd-analyze verify failed in the root: $out"
note "dpkg -i in bookworm: $version; the unit verifies"
in_root dpkg --purge smistat >/dev/null || fail "dpkg --purge failed"
[ ! -e "$root/usr/bin/smistat" ] || fail "purge left /usr/bin/smistat"
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q -o Dpkg::Use-Pty=0 /tmp/smistat.deb \
  >"$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log" >&2; fail "apt-get install ./smistat.deb failed"; }
in_root smistat --version >/dev/null || fail "smistat from apt-get install does not run"
[ "$(in_root dpkg-query -W -f='${Status}' smistat)" = "install ok installed" ] || fail "not installed"
in_root dpkg --purge smistat >/dev/null
note "apt-get install ./smistat_*.deb in bookworm resolved its Depends from the root"
echo "packages: lintian, rpm metadata and a bookworm install all hold"
