#!/usr/bin/env bash
# bench/device/run.sh, the one-shot check for a real GPU host, run here with the tarball's
# nvidia-smi-replay standing in for the driver's nvidia-smi: it must record the machine, run
# smistat in interval and loop mode, find every comparison with the direct query in agreement,
# and write its report with the cost table of both modes. Then the same with a stand-in whose
# direct query answers from another machine: the report must say MISMATCH and the script fail.
#
# usage: device_check_test.sh DIST_DIR
source "$(dirname "$0")/lib.sh"
dist=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
require curl tar timeout
tarball=$(artifact "$dist" 'smistat-*-linux-amd64.tar.gz')
tar -xzf "$tarball" -C "$scratch"
tree=$(echo "$scratch"/smistat-*)
machines=$tree/share/smistat/fixtures

# The stand-in: the bundled 8-GPU H100 machine; with MISMATCH set, the direct query run.sh makes
# (its exact field list, which smistat never asks for) answers from a one-GPU RTX 4080 instead.
fake=$scratch/nvidia-smi
cat >"$fake" <<SCRIPT
#!/bin/sh
dir=$machines/synthetic-8x-h100__590.48.01
case "\$*" in *"=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu "*) [ -n "\${MISMATCH:-}" ] && dir=$machines/geforce-rtx-4080-super__595.71.05 ;; esac
NVIDIA_SMI_REPLAY_DIR=\$dir NVIDIA_SMI_REPLAY_STATE=load exec $tree/bin/nvidia-smi-replay "\$@"
SCRIPT
chmod +x "$fake"

report=$scratch/report.txt
(cd "$scratch" && NVIDIA_SMI=$fake SMISTAT_DEVICE_WINDOW=3 timeout 300 \
  bash "$source_dir/bench/device/run.sh" "$tarball" "$report") >"$scratch/run.log" 2>&1 ||
  { cat "$scratch/run.log" "$report" >&2; fail "run.sh failed against the replayer"; }
grep -q '^\*\*Result: every check agreed.\*\*$' "$report" || { cat "$report" >&2; fail "not every check agreed"; }
for mode in interval loop; do
  grep -q "^## $mode mode" "$report" || fail "no $mode section"
  row=$(grep "^| $mode | " "$report") || fail "no cost row for $mode"
  samples=$(cut -d'|' -f3 <<<"$row" | tr -d ' ')
  [ "$samples" -ge 1 ] || fail "$mode: no sample counted: $row"
  rss=$(cut -d'|' -f6 <<<"$row" | tr -d ' ')
  [ "$rss" -gt 1000 ] || fail "$mode: RSS '$rss'"
done
[ "$(grep -c '^- ok: ' "$report")" -ge 20 ] || fail "too few checks ran: $(grep -c '^- ok: ' "$report")"
[ -s "${report%.*}-recording.tgz" ] || fail "no recording next to the report"
recorded=$(tar -tzf "${report%.*}-recording.tgz")
grep -q 'recording/query-gpu' <<<"$recorded" || fail "the recording lacks the GPU query: $recorded"
note "agreeing machine: $(grep -c '^- ok: ' "$report") checks agreed; $(grep '^| interval | ' "$report")"

# The comparison can fail.
if (cd "$scratch" && MISMATCH=1 NVIDIA_SMI=$fake SMISTAT_DEVICE_WINDOW=1 timeout 300 \
    bash "$source_dir/bench/device/run.sh" "$tarball" "$scratch/mismatch.txt") >/dev/null 2>&1; then
  fail "run.sh passed although nvidia-smi's direct answer named other GPUs"
fi
grep -q 'MISMATCH\*\*: names' "$scratch/mismatch.txt" || { cat "$scratch/mismatch.txt" >&2; fail "no name mismatch reported"; }
echo "bench/device/run.sh: agrees with the replayer, and reports a machine that disagrees"
