#!/usr/bin/env bash
# npm test: the same set-up as npm start, then every suite:
#   1. ctest — GoogleTest on the native core + the conformance cases (native),
#      then a bounded fuzzing run of the core (scripts/fuzz.sh)
#   2. the source's own rules (tests/source, read from the files) and the
#      conformance cases against the wasm build (node --test)
#   3. Worker integration tests on Miniflare/workerd with real local D1
#   4. browser tests: headless Chromium against wrangler dev
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
source scripts/env.sh

# A prepared database (migrations through wrangler + the demo data as a fixture
# with fixed ids) that every integration test copies, so each starts from the same state.
export TEMPLATE_STATE="$PWD/.wrangler/test-template"
rm -rf "$TEMPLATE_STATE"
STATE_DIR="$TEMPLATE_STATE" DEMO_FIXTURE=1 bash scripts/local-db.sh >/dev/null

# The browser tests start from the demo as npm start makes it: data through the sync and the
# import, then eight seeded weeks (the demo's NetSuite keys live in .dev.vars).
node scripts/netsuite-demo.mjs dev-vars
export HISTORY_TEMPLATE="$PWD/.wrangler/history-template"
node tests/support/history-template.mjs

echo "== deploy check (wrangler deploy --dry-run, bundle size)"
bash scripts/deploy-check.sh

echo "== ctest (native core)"
(cd build/native && ctest --output-on-failure -j "$(nproc)")

echo "== fuzzing (libFuzzer, ASan + UBSan, ${FUZZ_SECONDS:-20} s per target)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"

echo "== node tests (wasm conformance, Worker integration, browser)"
# Every answer the tests receive is validated against docs/openapi.yaml as it arrives; the
# operations and statuses seen are collected here, and every operation must have succeeded once.
export CONTRACT_SEEN="$PWD/.wrangler/contract-seen.txt"
: > "$CONTRACT_SEEN"
TAP_COPY="$PWD/.wrangler/node-tests.tap"
node --test --test-concurrency=2 \
  --test-reporter=tap --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TAP_COPY" \
  tests/source/*.test.mjs tests/conformance/*.test.mjs tests/worker/*.test.mjs tests/browser/*.test.mjs \
  || { node tests/support/failures.mjs "$TAP_COPY"; exit 1; }
node tests/support/contract-coverage.mjs "$CONTRACT_SEEN"
