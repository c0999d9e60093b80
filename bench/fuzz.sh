#!/usr/bin/env bash
# Long fuzzing runs, one target after another on one core, with a summary for bench/RESULTS.md.
#
# usage: bench/fuzz.sh [-t SECONDS | -r RUNS] [-l MAX_LEN] [-n] [TARGET...]
#   -t SECONDS  per target (default 600)       -r RUNS  per target, instead of a time (0: only
#               measure the corpus's slowest input)
#   -l MAX_LEN  longest input libFuzzer makes (default: the largest seed; recordings of big
#               machines are 20-110 KB, which makes each run 5-15x slower than at 8 KB)
#   -n          use the targets already built in build/fuzz (no cmake)
#   TARGET      names of fuzz/entries.cpp (default: every built target)
#
# The corpus grows in build/fuzz/corpus/<target>/ across runs (seeded by fuzz/make_corpus.sh);
# crashes land in build/fuzz/artifacts/. After each run every corpus input is replayed once and
# timed, since libFuzzer reports slow units only in whole seconds: the slowest (see
# slowest_input) is the table's last column. Prints one markdown row per target:
#   | target | executions | exec/s | crashes | corpus | slowest input |
set -euo pipefail
cd "$(dirname "$0")/.."
limit=(-max_total_time=600)
max_len=()
build_first=1
while getopts "t:r:l:n" opt; do
  case $opt in
    t) limit=(-max_total_time="$OPTARG") ;;
    r) limit=(-runs="$OPTARG") ;;
    l) max_len=(-max_len="$OPTARG") ;;
    n) build_first=0 ;;
    *) sed -n '4,10p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

build=build/fuzz
if [[ $build_first -eq 1 ]]; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz >/dev/null
fi
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for exe in "$build"/bin/*_fuzz; do
    name=$(basename "$exe")
    targets+=("${name%_fuzz}")
  done
fi
fuzz/make_corpus.sh "$build/corpus" "${targets[@]}"
mkdir -p "$build/artifacts"

# The slowest corpus input in ms. libFuzzer prints "Executed <file> in <n> ms" for each file it is
# given; on a shared machine one reading can be a descheduling. The corpus is replayed three
# times and each file keeps its fastest time (one pass can rank a descheduled small input above
# the really slow ones, which then never get measured); the five slowest are run five times more.
slowest_input() {
  local exe=$1 corpus=$2
  for _ in 1 2 3; do
    find "$corpus" -type f -print0 | xargs -0 -n 500 "$exe" 2>&1 |
      sed -n 's/^Executed \(.*\) in \([0-9]*\) ms$/\2 \1/p'
  done | awk '!($2 in fastest) || $1 < fastest[$2] { fastest[$2] = $1 }
              END { for (f in fastest) print fastest[f], f }' | sort -n | tail -5 |
    while read -r _ file; do
      for _ in 1 2 3 4 5; do "$exe" "$file" 2>&1; done |
        sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p' | sort -n | head -1
    done | sort -n | tail -1
}

echo "| target | executions | exec/s | crashes | corpus | slowest input |"
echo "| --- | --- | --- | --- | --- | --- |"
status=0
for t in "${targets[@]}"; do
  exe="$build/bin/${t}_fuzz"
  log="$build/artifacts/$t.long.log"
  crashes=0
  "$exe" "$build/corpus/$t" "${limit[@]}" ${max_len[@]+"${max_len[@]}"} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t-" >"$log" 2>&1 || { crashes=1; status=1; }
  stat() { sed -n "s/^stat::$1: *//p" "$log"; }
  slowest=$(slowest_input "$exe" "$build/corpus/$t")
  echo "| $t | $(stat number_of_executed_units) | $(stat average_exec_per_sec) | $crashes |" \
    "$(find "$build/corpus/$t" -type f | wc -l) | ${slowest:-?} ms |"
done
exit $status
