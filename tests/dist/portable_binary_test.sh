#!/usr/bin/env bash
# The portable binaries ask the host for nothing but glibc: every NEEDED entry of smistat,
# nvidia-smi-replay and the Kubernetes helper (lib/smistat/smistat-kubelet) in both tarballs is libc, libm, the loader or libgcc_s (cmake/dependencies.cmake
# says why libgcc_s), no symbol needs a glibc newer than 2.34 (RHEL 9), and each tarball's
# binaries are of its architecture.
#
# usage: portable_binary_test.sh DIST_DIR
source "$(dirname "$0")/lib.sh"
dist=$(cd "$1" && pwd)
require readelf tar

allowed_needed='^(libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|ld-linux-x86-64\.so\.2|ld-linux-aarch64\.so\.1)$'
newest_allowed=2.34

check_binary() {
  local binary=$1 machine=$2 needed newest
  grep -q "Machine: *$machine" <<<"$(readelf -h "$binary")" ||
    fail "$binary is not a $machine binary: $(readelf -h "$binary" | grep Machine)"
  needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  [ -n "$needed" ] || fail "$binary lists no NEEDED library: is it dynamic at all?"
  while read -r library; do
    [[ "$library" =~ $allowed_needed ]] || fail "$binary needs $library from the host"
  done <<<"$needed"
  newest=$(readelf --dyn-syms -W "$binary" | grep -o '@GLIBC_[0-9.]*' | sed 's/@GLIBC_//' |
    sort -uV | tail -n1)
  [ -n "$newest" ] || fail "$binary has no versioned glibc symbol: the check would be blind"
  [ "$(printf '%s\n%s\n' "$newest" "$newest_allowed" | sort -V | tail -n1)" = "$newest_allowed" ] ||
    fail "$binary needs GLIBC_$newest: $(readelf --dyn-syms -W "$binary" | grep "@GLIBC_$newest" | awk '{print $8}' | tr '\n' ' ')"
  note "$(basename "$binary") ($machine): needs $(echo $needed), glibc symbols up to $newest"
}

# The check can fail: a Debian program that links OpenSSL dynamically is refused.
if (check_binary /usr/bin/openssl 'Advanced Micro Devices X86-64') >/dev/null 2>&1; then
  fail "the check accepted /usr/bin/openssl, which needs libssl.so.3"
fi

for arch in amd64 arm64; do
  tarball=$(artifact "$dist" "smistat-*-linux-$arch.tar.gz")
  mkdir "$scratch/$arch"
  tar -xzf "$tarball" -C "$scratch/$arch" --strip-components=1
  case $arch in amd64) machine='Advanced Micro Devices X86-64' ;; arm64) machine=AArch64 ;; esac
  for program in bin/smistat bin/nvidia-smi-replay lib/smistat/smistat-kubelet; do
    check_binary "$scratch/$arch/$program" "$machine"
  done
done
echo "portable binaries: glibc <= $newest_allowed and libgcc_s only, on both architectures"
