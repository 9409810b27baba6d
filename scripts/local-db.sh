#!/usr/bin/env bash
# Applies the D1 migrations to the local database under STATE_DIR and, once (a
# database that already has businesses is left as it is), writes the demo
# businesses and their demo tokens; their data then arrives through the product
# (scripts/demo-load.mjs). DEMO_FIXTURE=1 writes the tests' fixture instead: the
# same data under fixed ids, all with SQL.
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
  node scripts/demo-seed.mjs ${DEMO_FIXTURE:+--fixture} > "$seed"
  wrangler d1 execute DB --local --persist-to "$state_dir" --file "$seed" >/dev/null
  rm -f "$seed"
  what="businesses and tokens"; [ -n "${DEMO_FIXTURE:-}" ] && what="fixture"
  echo "local D1: migrations applied, demo $what written ($state_dir)"
else
  echo "local D1: migrations applied, demo data already present ($state_dir)"
fi
