#!/usr/bin/env bash
# Applies the D1 migrations to the local database under STATE_DIR and loads the
# demo data once (a database that already has businesses is left as it is).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
state_dir="${STATE_DIR:-.wrangler/state}"
mkdir -p "$state_dir" "$WRANGLER_LOG_PATH"

wrangler d1 migrations apply DB --local --persist-to "$state_dir" >/dev/null
count=$(wrangler d1 execute DB --local --persist-to "$state_dir" --json \
          --command "SELECT COUNT(*) AS n FROM businesses" 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s)[0].results[0].n));')
if [ "$count" = "0" ]; then
  seed=$(mktemp --suffix=.sql)
  node scripts/demo-seed.mjs > "$seed"
  wrangler d1 execute DB --local --persist-to "$state_dir" --file "$seed" >/dev/null
  rm -f "$seed"
  echo "local D1: migrations applied, demo data loaded ($state_dir)"
else
  echo "local D1: migrations applied, demo data already present ($state_dir)"
fi
