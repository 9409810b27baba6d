#!/usr/bin/env bash
# npm run bench: the same set-up as npm test, then the figures of bench/*.mjs
# on wrangler dev (workerd + local D1). Record results in bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
source scripts/env.sh
export TEMPLATE_STATE="$PWD/.wrangler/bench-template"
rm -rf "$TEMPLATE_STATE"
STATE_DIR="$TEMPLATE_STATE" DEMO_FIXTURE=1 bash scripts/local-db.sh >/dev/null
node bench/pipeline.mjs
node bench/ingest.mjs
node bench/scan_profile.mjs
node bench/full_count.mjs
node bench/weekly_zone.mjs
node bench/cold_start.mjs
node bench/replay.mjs
node bench/weekly_queue.mjs
node bench/import.mjs
node bench/netsuite_sync.mjs
node bench/push_drain.mjs "$@"
