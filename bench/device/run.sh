#!/usr/bin/env bash
# A one-shot check of the portable build on a real GPU host that has nothing but the NVIDIA
# driver (no compiler, no Boost): copy the amd64 (or arm64) tarball there and run
#   timeout 300 bash run.sh smistat-<version>-linux-<arch>.tar.gz [REPORT]
# In about two minutes it
#   1. records the machine with `smistat record` (attach the folder to a bug report),
#   2. runs smistat against the real nvidia-smi in interval and in loop mode, and compares
#      /gpu/stats, /metrics and `smistat list` with a direct `nvidia-smi --query-gpu` run taken
#      at the same moment (names, UUIDs and total memory must agree exactly; readings that move
#      are shown side by side),
#   3. measures smistat's own CPU per sample and its RSS (from /proc/<pid>/stat and status), and
#      the nvidia-smi children's CPU apart,
# and writes everything to one report file (default smistat-device-report.txt).
#
# Environment: NVIDIA_SMI (the nvidia-smi to use, default the one on PATH), SMISTAT_DEVICE_WINDOW
# (seconds measured per mode, default 30), SMISTAT_DEVICE_INTERVAL (refresh interval, default 1).
# Needs bash, tar, curl and the coreutils; nothing is installed or left running.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 TARBALL [REPORT]" >&2; exit 2; }
tarball=$(realpath "$1")
report=$(realpath -m "${2:-smistat-device-report.txt}")
window=${SMISTAT_DEVICE_WINDOW:-30}
interval=${SMISTAT_DEVICE_INTERVAL:-1}
nvidia_smi=${NVIDIA_SMI:-$(command -v nvidia-smi || true)}
[ -n "$nvidia_smi" ] || { echo "run.sh: no nvidia-smi on PATH (set NVIDIA_SMI)" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl is missing" >&2; exit 1; }

work=$(mktemp -d)
server=
finish() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap finish EXIT
tar -xzf "$tarball" -C "$work"
smistat=$(echo "$work"/smistat-*/bin/smistat)
[ -x "$smistat" ] || { echo "run.sh: no bin/smistat in $tarball" >&2; exit 1; }
clock_ticks=$(getconf CLK_TCK)
page_kib=$(($(getconf PAGESIZE) / 1024))

exec 3>"$report"
say() { printf '%s\n' "$*" >&3; }
block() { say '```'; cat >&3; say '```'; }
failures=0
check() {  # what expected actual
  if [ "$2" = "$3" ]; then say "- ok: $1"; else say "- **MISMATCH**: $1: nvidia-smi \`$2\`, smistat \`$3\`"; failures=$((failures + 1)); fi
}

say "# smistat device check"
say ""
say "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "- host: $(uname -srm); $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
say "- glibc: $(getconf GNU_LIBC_VERSION)"
say "- cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
say "- smistat: $("$smistat" --version) from $(basename "$tarball")"
say "- nvidia-smi: $nvidia_smi"
say ""
say "## nvidia-smi -L"
"$nvidia_smi" -L 2>&1 | block

say ""
say "## smistat record"
if "$smistat" record "$work/recording" --nvidia-smi "$nvidia_smi" >"$work/record.log" 2>&1; then
  tar -czf "${report%.*}-recording.tgz" -C "$work" recording
  say "recorded into \`$(basename "${report%.*}")-recording.tgz\`:"
else
  say "**smistat record failed**:"
  failures=$((failures + 1))
fi
block <"$work/record.log"

direct_query() {
  "$nvidia_smi" --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu \
    --format=csv,noheader,nounits
}
json_numbers() {  # key body -> the values of "key": in order
  grep -o "\"$1\":[^,}]*" <<<"$2" | cut -d: -f2- | tr -d '"'
}
proc_cpu_ticks() { awk '{print $14 + $15, $16 + $17}' "/proc/$1/stat"; }
proc_rss_kib() { awk '{print $2 * '"$page_kib"'}' "/proc/$1/statm"; }
runs_total() { curl -sf "http://127.0.0.1:$1/health" | grep -o '"runs_total":[0-9]*' | head -n1 | cut -d: -f2; }

measure_mode() {  # mode
  local mode=$1 log=$work/$1.log port= before after runs0 runs1 own children samples
  : >"$log"
  "$smistat" --nvidia-smi "$nvidia_smi" --collect-mode "$mode" --refresh-interval "$interval" \
    --host 127.0.0.1 --port 0 --no-access-log 2>"$log" &
  server=$!
  for _ in $(seq 300); do
    port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  say ""
  say "## $mode mode (refresh interval $interval s)"
  [ -n "$port" ] || { say "**smistat did not start**:"; block <"$log"; failures=$((failures + 1)); return; }
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break; sleep 0.2; done

  # The same moment: smistat's latest sample and a direct run.
  local stats metrics direct list
  direct=$(direct_query)
  stats=$(curl -sf "http://127.0.0.1:$port/gpu/stats")
  metrics=$(curl -sf "http://127.0.0.1:$port/metrics")
  list=$("$smistat" list --color never --nvidia-smi "$nvidia_smi" 2>&1 || true)
  check "GPU count (/gpu/stats)" "$(wc -l <<<"$direct")" "$(json_numbers gpu_count "$stats")"
  check "names (/gpu/stats)" "$(cut -d, -f3 <<<"$direct" | sed 's/^ //' | tr '\n' '|')" \
    "$(grep -o '"name":"[^"]*"' <<<"$stats" | cut -d'"' -f4 | tr '\n' '|')"
  check "memory.total MiB (/gpu/stats)" "$(cut -d, -f4 <<<"$direct" | tr -d ' ' | tr '\n' ' ')" \
    "$(json_numbers total_mb "$stats" | tr '\n' ' ')"
  local uuid
  for uuid in $(cut -d, -f2 <<<"$direct" | tr -d ' '); do
    check "$uuid on /metrics" 1 "$(grep -c "^DCGM_FI_DEV_FB_TOTAL{.*UUID=\"$uuid\"" <<<"$metrics" || true)"
  done
  check "GPU rows of smistat list" "$(wc -l <<<"$direct")" "$(grep -cE '^\s*[0-9]+\s+\[[ ~!]\]' <<<"$list" || true)"
  say ""
  say "direct \`nvidia-smi --query-gpu\` and smistat at the same moment (index, uuid, name, total, used, util, temp):"
  block <<<"$direct"
  say "smistat /gpu/stats:"
  block <<<"$stats"
  say "smistat list:"
  block <<<"$list"

  # Cost over the window: smistat's own CPU per sample, its children's, and RSS.
  read -r before _ < <(proc_cpu_ticks "$server")
  read -r _ children0 < <(proc_cpu_ticks "$server")
  runs0=$(runs_total "$port")
  sleep "$window"
  read -r after children1 < <(proc_cpu_ticks "$server")
  runs1=$(runs_total "$port")
  samples=$((runs1 - runs0))
  own=$(awk -v t=$((after - before)) -v hz="$clock_ticks" -v n="$samples" \
    'BEGIN { if (n > 0) printf "%.2f", t / hz * 1000 / n; else print "n/a" }')
  children=$(awk -v t=$((children1 - children0)) -v hz="$clock_ticks" -v n="$samples" \
    'BEGIN { if (n > 0) printf "%.2f", t / hz * 1000 / n; else print "n/a" }')
  say ""
  say "| mode | samples in ${window} s | smistat CPU per sample (ms) | reaped nvidia-smi CPU per sample (ms) | RSS (KiB) |"
  say "| --- | --- | --- | --- | --- |"
  say "| $mode | $samples | $own | $children | $(proc_rss_kib "$server") |"
  say ""
  say "(CPU from /proc/<pid>/stat at $clock_ticks ticks/s: a window of ${window} s resolves about $(awk -v w="$window" -v hz="$clock_ticks" 'BEGIN{printf "%.1f", 1000/hz}') ms of CPU in all. In loop mode the long-lived nvidia-smi child is not reaped inside the window, so its CPU is not in the children's column.)"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

measure_mode interval
measure_mode loop

say ""
if [ "$failures" -eq 0 ]; then say "**Result: every check agreed.**"; else say "**Result: $failures check(s) disagreed; see above.**"; fi
exec 3>&-
echo "report written to $report ($failures mismatches)"
[ "$failures" -eq 0 ]
