#!/usr/bin/env bash
# Usage: fuzz/run_short.sh [SECONDS_PER_TARGET]   (default 15; SMISTAT_FUZZ_SECONDS also sets it)
# CI's short fuzzing: builds the fuzz preset (clang-14, libFuzzer, ASan+UBSan) and runs every
# target for a fixed time from its seeds, one after the other on one core, with a fixed random
# seed: a gate must not turn red by luck, and a failure seen in CI replays here with the same
# seed (long runs with fresh seeds are bench/fuzz.sh's job). Fails on the first
# crash, sanitizer report, leak, timeout (an input slower than 10 s) or failed property; prints
# each target's executions. Long runs: bench/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${SMISTAT_FUZZ_SECONDS:-15}}
build=build/fuzz

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

targets=()
for exe in "$build"/bin/*_fuzz; do
  name=$(basename "$exe")
  targets+=("${name%_fuzz}")
done
# Fresh seeds each time: CI judges the code, not what an earlier run happened to find.
rm -rf "$build/corpus-short"
fuzz/make_corpus.sh "$build/corpus-short" "${targets[@]}"
mkdir -p "$build/artifacts"

failed=0
for t in "${targets[@]}"; do
  log="$build/artifacts/$t.log"
  if "$build/bin/${t}_fuzz" "$build/corpus-short/$t" -max_total_time="$seconds" -seed=1 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
      >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    printf 'fuzz %-20s ok   %10s executions in %s s\n' "$t" "$execs" "$seconds"
  else
    failed=1
    printf 'fuzz %-20s FAILED (log: %s)\n' "$t" "$log"
    tail -n 40 "$log"
  fi
done
if [[ $failed -ne 0 ]]; then
  echo "fuzzing found a problem: keep the input from $build/artifacts/ in fuzz/regressions/<target>/" >&2
  exit 1
fi
