#!/usr/bin/env bash
# Usage: fuzz/make_corpus.sh OUT_DIR TARGET...
# Fills OUT_DIR/<target>/ with that target's seeds: the recorded outputs fuzz/seeds.txt lists
# (named after their path, since machine folders reuse file names), fuzz/corpus/<target>/ and
# fuzz/regressions/<target>/. Existing files in OUT_DIR (what earlier runs found) are kept.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$1
shift
for target in "$@"; do
  dir="$out/$target"
  mkdir -p "$dir"
  while read -r name pattern; do
    [[ -z "$name" || "$name" == \#* || "$name" != "$target" ]] && continue
    for f in "$repo"/$pattern; do
      [[ -f "$f" ]] && cp "$f" "$dir/seed__$(echo "${f#"$repo"/}" | tr / _)"
    done
  done < "$repo/fuzz/seeds.txt"
  for kept in "$repo/fuzz/corpus/$target" "$repo/fuzz/regressions/$target"; do
    if [[ -d "$kept" ]]; then cp -r "$kept"/. "$dir"/; fi
  done
done
