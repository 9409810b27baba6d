#!/usr/bin/env bash
# The deploy path without deploying: `wrangler deploy --dry-run` builds the
# bundle exactly as `wrangler deploy` would (wrangler.toml, bindings, the wasm
# module) and this checks it fits a Worker: under 3 MiB gzipped, the Workers
# Free limit (Paid allows 10 MiB). npm test runs it; ops can too.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log=$(wrangler deploy --dry-run --outdir "$out" 2>&1) || { echo "$log" >&2; echo "deploy check: wrangler deploy --dry-run failed" >&2; exit 1; }
for binding in "env.PUSH_MUTEX (PushMutexDO)" "env.WEEKLY_COUNT (weekly-count)" "env.DB" "env.ASSETS"; do
  grep -qF "$binding" <<<"$log" || { echo "deploy check: the bundle lacks the binding $binding" >&2; exit 1; }
done
gzipped=$(find "$out" -type f ! -name '*.map' ! -name 'README.md' -exec cat {} + | gzip -9 | wc -c)
limit=$((3 * 1024 * 1024))
echo "deploy check: bundle $(find "$out" -type f ! -name '*.map' ! -name 'README.md' -exec cat {} + | wc -c) bytes, $gzipped gzipped (limit $limit)"
[ "$gzipped" -lt "$limit" ] || { echo "deploy check: the bundle is over the 3 MiB limit" >&2; exit 1; }
