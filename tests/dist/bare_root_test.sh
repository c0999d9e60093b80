#!/usr/bin/env bash
# The amd64 tarball on systems that hold nothing smistat could borrow: no Boost, OpenSSL,
# yaml-cpp or libstdc++.
#   libc-only  a root of Debian's libc6 and the one package it depends on (libgcc-s1), unpacked
#              from their .debs, with the CA store where Red Hat keeps it
#   trixie     Debian 13 from `debootstrap --variant=minbase`, with the CA store where Debian
#              keeps it (minbase has no ca-certificates)
# In each root, chrooted, with the host's /proc (and so its processes):
#   - `--replay auto` serves /gpu/stats (8 GPUs), /metrics and the dashboard;
#   - `smistat list` names a GPU process's owner from the root's own /etc/passwd (a user the
#     host does not have);
#   - an agent serves https from `--web.config.file`, and a master, given the agent as
#     https://localhost:PORT, resolves the name through the root's /etc/hosts and trusts the
#     agent through the root's CA store, with no SSL_CERT_FILE.
#
# usage: bare_root_test.sh DIST_DIR libc-only|trixie ROOTS_DIR
source "$(dirname "$0")/lib.sh"
[ $# -eq 3 ] || fail "usage: $0 DIST_DIR libc-only|trixie ROOTS_DIR"
dist=$(cd "$1" && pwd) kind=$2 roots=$3
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
require chroot unshare curl openssl setpriv tar
chroot=$(command -v chroot)
[ "$(id -u)" = 0 ] || fail "chroot needs root"

# Mounts made here vanish with this process: the test re-runs itself in a mount namespace.
if [ -z "${SMISTAT_DIST_TEST_IN_NAMESPACE:-}" ]; then
  SMISTAT_DIST_TEST_IN_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi

mkdir -p "$roots"
root=$roots/$kind
case $kind in
  libc-only)
    rm -rf "$root"
    "$source_dir/packaging/debian-root.sh" amd64 "$root" libc6 libgcc-s1
    mkdir -p "$root"/{etc,tmp,proc,dev,opt} "$root/etc/pki/tls/certs"
    printf 'root:x:0:0:root:/root:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\n' >"$root/etc/group"
    ca_store=$root/etc/pki/tls/certs/ca-bundle.crt
    ;;
  trixie)
    debootstrapped_root trixie "$roots" >/dev/null
    [ ! -e "$root/usr/lib/x86_64-linux-gnu/libstdc++.so.6" ] || note "(trixie minbase has libstdc++; it is not used)"
    mkdir -p "$root/etc/ssl/certs"
    ca_store=$root/etc/ssl/certs/ca-certificates.crt
    ;;
  *) fail "unknown root kind $kind" ;;
esac
chmod 1777 "$root/tmp"

# The tarball, as a user unpacks it; the root's own names for this test's user and for localhost.
rm -rf "$root/opt/smistat"
mkdir -p "$root/opt/smistat"
tar -xzf "$(artifact "$dist" 'smistat-*-linux-amd64.tar.gz')" -C "$root/opt/smistat" --strip-components=1
grep -q '^gpu-trainer:' "$root/etc/passwd" ||
  echo 'gpu-trainer:x:4242:4242:GPU trainer:/nonexistent:/bin/false' >>"$root/etc/passwd"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$root/etc/hosts"
: >"$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
touch "$root/dev/null"
mount --bind /dev/null "$root/dev/null"
# Runs a command in the root with a clean environment (leading NAME=VALUE words are added to it);
# the libc-only root has no env of its own, so the host's sets it up before chroot.
in_root() {
  local settings=()
  while [[ "$1" == *=* ]]; do settings+=("$1"); shift; done
  env -i PATH=/usr/bin:/bin HOME=/ "${settings[@]}" "$chroot" "$root" "$@"
}

certs=$root/tmp/certs
"$source_dir/tests/tls/make_test_certs.sh" "$certs"
cat "$certs/ca.crt" >"$ca_store"
printf 'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n' >"$certs/web.yml"

# Starts a smistat in the root and sets `port` to the port it listens on.
start_server() {  # name args...
  local name=$1 log=$scratch/$1.log
  shift
  : >"$log"
  env -i PATH=/usr/bin:/bin HOME=/ "$chroot" "$root" /opt/smistat/bin/smistat --host 127.0.0.1 \
    --port 0 --no-access-log "$@" >/dev/null 2>"$log" &
  on_exit "kill $! 2>/dev/null; wait $! 2>/dev/null"
  port=$(wait_for_listening "$log" "the $name smistat in the $kind root" $!)
}

# 1. The server from the tarball, with the recordings beside it.
start_server plain --replay auto
stats=$(get_until "http://127.0.0.1:$port/gpu/stats" '"gpu_count":8')
[ "$(grep -o '"gpu_id"' <<<"$stats" | wc -l)" = 8 ] || fail "/gpu/stats: ${stats:0:300}"
get_until "http://127.0.0.1:$port/metrics" '^DCGM_FI_DEV_GPU_UTIL\{' >/dev/null
get_until "http://127.0.0.1:$port/ui" '<html' >/dev/null
note "$kind: /gpu/stats (8 GPUs), /metrics and /ui served on port $port"

# 2. A GPU process of a user only the root knows.
setpriv --reuid 4242 --regid 4242 --clear-groups sleep 600 >/dev/null 2>&1 &
sleeper=$!
on_exit "kill $sleeper 2>/dev/null"
machine=$root/tmp/machine
cp -r "$root/opt/smistat/share/smistat/fixtures/h100-80gb-hbm3__590.48.01" "$machine"
for state in idle load; do
  sed -i -E "2,\$s/^(([^,]*,){5}) *[0-9]+,/\1 $sleeper,/" "$machine/compute-apps.$state.csv"
done
grep -q " $sleeper," "$machine/compute-apps.load.csv" || fail "the pid was not put in the recording"
table=$(in_root NVIDIA_SMI_REPLAY_STATE=load /opt/smistat/bin/smistat list --color never \
  --replay /tmp/machine) || fail "smistat list failed in the $kind root"
grep -q 'gpu-trainer' <<<"$table" || fail "smistat list did not name gpu-trainer: $table"
note "$kind: smistat list names the process owner from the root's /etc/passwd"

# 3. An https agent and a master that reaches it by name through the root's CA store.
start_server agent --replay auto --web.config.file /tmp/certs/web.yml
agent=$port
get_until "https://localhost:$agent/gpu/count" '"gpu_count":8' --cacert "$certs/ca.crt" >/dev/null
start_server master --replay auto --agents "https://localhost:$agent"
master=$port
cluster=$(get_until "http://127.0.0.1:$master/cluster_status" '"gpus"')
grep -q 'Host not available' <<<"$cluster" && fail "the master could not reach the agent: $cluster"
note "$kind: TLS from --web.config.file; the master resolved localhost and trusted the agent"
echo "the portable amd64 tarball runs in the $kind root"
