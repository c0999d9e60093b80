# Sourced by the dist tests: failing, scratch space, waiting for a server, reading a route.
# Every test cleans up with `cleanup_hooks`, run at exit, so no server, mount or container outlives it.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*"; }

cleanup_hooks=()
run_cleanup_hooks() {
  local i
  for ((i = ${#cleanup_hooks[@]} - 1; i >= 0; i--)); do eval "${cleanup_hooks[i]}" || true; done
}
trap run_cleanup_hooks EXIT
on_exit() { cleanup_hooks+=("$1"); }

scratch=$(mktemp -d /tmp/smistat-dist-test.XXXXXX)
on_exit "rm -rf '$scratch'"

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || fail "$tool is missing (.ci/install-deps --dist installs it)"
  done
}

# The one file of DIST_DIR whose name matches the glob, or a failure naming what is there.
artifact() {
  local dir=$1 pattern=$2 found=()
  shopt -s nullglob
  found=("$dir"/$pattern)
  shopt -u nullglob
  [ ${#found[@]} -eq 1 ] || fail "expected one $pattern in $dir, found: ${found[*]:-none} ($(ls "$dir" 2>/dev/null | tr '\n' ' '))"
  echo "${found[0]}"
}

# The port a smistat started with `--port 0` logs ("listening on http(s)://ADDR:PORT"); gives up
# at once when the process PID has exited.
wait_for_listening() {
  local log=$1 what=$2 pid=$3 port=
  for _ in $(seq 600); do
    port=$(sed -n 's/.*listening on https\{0,1\}:\/\/[^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -n1)
    [ -n "$port" ] && { echo "$port"; return; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  fail "$what did not start listening"
}

# GET URL until it answers 200 with a body matching the extended regex, then print the body.
get_until() {
  local url=$1 pattern=$2 body=
  shift 2
  for _ in $(seq 300); do
    body=$(curl -sf --max-time 5 "$@" "$url" 2>/dev/null) && grep -Eq "$pattern" <<<"$body" &&
      { printf '%s\n' "$body"; return; }
    sleep 0.2
  done
  fail "$url never answered with /$pattern/; last body: ${body:0:300}"
}

# The Debian mirror this machine's apt already uses, for debootstrap.
debian_mirror() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' |
    grep -E '/debian/?$' | head -n1)
  [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    2>/dev/null | awk '{print $2}' | grep -E '/debian/?$' | head -n1)
  [ -n "$uri" ] || fail "no Debian mirror in /etc/apt/sources.list*: debootstrap needs one"
  echo "$uri"
}

# A Debian root from debootstrap --variant=minbase, made once and kept under ROOTS_DIR.
debootstrapped_root() {  # suite roots_dir
  local suite=$1 roots=$2 root=$2/$1
  if [ ! -x "$root/usr/bin/dpkg" ]; then
    require debootstrap
    rm -rf "$root"
    mkdir -p "$roots"
    debootstrap --variant=minbase "$suite" "$root" "$(debian_mirror)" >"$roots/$suite.log" 2>&1 ||
      { tail -20 "$roots/$suite.log" >&2; fail "debootstrap $suite failed"; }
  fi
  echo "$root"
}
