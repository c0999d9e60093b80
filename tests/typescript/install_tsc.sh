# Sourced by the TypeScript tests: installs TypeScript from npm (package-lock.json here) into
# $npm_dir once, reinstalling only when the lockfile changed, so a rebuild costs nothing and CI
# fetches once. Needs $here, $npm_dir and $work set.
if ! cmp -s "$here/package-lock.json" "$npm_dir/package-lock.json" ||
  [ ! -x "$npm_dir/node_modules/.bin/tsc" ]; then
  mkdir -p "$npm_dir"
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  if ! npm ci --prefix "$npm_dir" --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1; then
    cat "$work/npm.log" >&2
    echo "FAIL: could not install TypeScript with 'npm ci' (is the npm registry reachable?)" >&2
    exit 1
  fi
fi
