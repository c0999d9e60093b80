# Sourced by the benchmark scripts: `$work`, a scratch folder, and `$pids`, the background
# processes to stop (add each with `pids+=($!)`); at exit the processes are killed and the folder
# is removed.
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
