#!/usr/bin/env bash
# npm start: install what is missing, build the core, prepare the local D1 with
# the demo businesses (their data arrives through the sync and the import), start the NetSuite stand-in and `wrangler dev` on 127.0.0.1, print
# where to go, and run until interrupted (stopping both children).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
source scripts/env.sh

export PORT="${PORT:-8787}" STATE_DIR="${STATE_DIR:-.wrangler/state}" NS_STANDIN_PORT="${NS_STANDIN_PORT:-8788}"
bash scripts/local-db.sh
node scripts/netsuite-demo.mjs dev-vars

pids=()
names=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# The stand-in keeps its NetSuite (catalogues, records) beside the database, as NetSuite would.
NS_STANDIN_STATE="$STATE_DIR/netsuite-standin.json" setsid node scripts/netsuite-standin.mjs & pids+=($!); names+=("the NetSuite stand-in")
# Local runs may point a connection at the stand-in on loopback, retry quickly,
# and let the history seed set the clock (DEMO_CLOCK; never in wrangler.toml).
setsid wrangler dev --ip 127.0.0.1 --port "$PORT" --persist-to "$STATE_DIR" --test-scheduled \
  --var NS_ALLOW_LOOPBACK:1 --var NS_RETRY_BASE_MS:500 --var DEMO_CLOCK:1 --log-level warn & pids+=($!); names+=("wrangler dev")

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$NS_STANDIN_PORT/__stats" >/dev/null 2>&1 && break
  sleep 0.5
done
node scripts/netsuite-demo.mjs configure "http://127.0.0.1:$PORT" "http://127.0.0.1:$NS_STANDIN_PORT"
# A fresh database gets its data as a new business would: Northwind's from its NetSuite account
# by the sync, Contoso's by CSV import (scripts/demo-load.mjs).
node scripts/demo-load.mjs --if-empty "http://127.0.0.1:$PORT" "http://127.0.0.1:$NS_STANDIN_PORT"
# A database without any count yet gets eight past weeks of history (scripts/history-seed.mjs).
# The seed is a client like any other: if it stops (someone acted on the API meanwhile, say),
# it says why and the product keeps running with what it made.
seed_note=""
if ! node scripts/history-seed.mjs --if-empty "http://127.0.0.1:$PORT" "http://127.0.0.1:$NS_STANDIN_PORT"; then
  seed_note="  The demo history stopped early (its error is above); the product runs with what it made.
  To seed it whole, stop, delete $STATE_DIR and run npm start again.
"
fi
cat <<MSG

  Edge cycle counting is running.
    Dashboard:        http://127.0.0.1:$PORT/admin-dashboard.html
    Proposed actions: http://127.0.0.1:$PORT/proposed-actions.html
    Scanner:          http://127.0.0.1:$PORT/scan.html
    Health:           http://127.0.0.1:$PORT/health
    Weekly cron:      http://127.0.0.1:$PORT/__scheduled?cron=0+6+*+*+MON
    NetSuite queue:   GET http://127.0.0.1:$PORT/api/pushes (admin token)
    NetSuite stand-in http://127.0.0.1:$NS_STANDIN_PORT/__records
  Demo tokens (local only; send as X-Edit-Token):
    demo-admin-token  demo-approver-token  demo-scanner-token  (Northwind Supply)
    demo2-admin-token                                          (Contoso Traders)
  Ctrl-C stops everything.
$seed_note
MSG
# When one child stops, say which, and stop the other (the EXIT trap).
set +e
wait -n "${pids[@]}"
for i in "${!pids[@]}"; do
  kill -0 "${pids[$i]}" 2>/dev/null || echo "npm start: ${names[$i]} stopped; stopping the rest." >&2
done
exit 1
