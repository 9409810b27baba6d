#!/usr/bin/env bash
# Fuzzes the core (libFuzzer, ASan + UBSan) for a bounded time per target:
#   bash scripts/fuzz.sh [seconds per target]   (npm test runs it with FUZZ_SECONDS, default 20)
# Seeds come from the conformance cases and tests/fuzz/corpus/<target>/ (kept
# regressions); what a run finds new stays in build/fuzz/corpus. A crash stops
# the run with the input saved as build/fuzz/crash-*: turn it into a
# conformance case (tests/conformance/cases) and fix the core.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${FUZZ_SECONDS:-20}}"
[ -f build/fuzz/CMakeCache.txt ] || cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j "$(nproc)" >/dev/null
mkdir -p build/fuzz/corpus/core_input_fuzzer build/fuzz/corpus/route_body_fuzzer build/fuzz/corpus/zone_rule_fuzzer build/fuzz/corpus/gs1_fuzzer
node scripts/fuzz-seeds.mjs build/fuzz/corpus
for target in core_input_fuzzer route_body_fuzzer zone_rule_fuzzer gs1_fuzzer; do
  kept="tests/fuzz/corpus/$target"
  dirs=("build/fuzz/corpus/$target")
  [ -d "$kept" ] && dirs+=("$kept")
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix=build/fuzz/ "${dirs[@]}" 2>"build/fuzz/$target.log" || { tail -40 "build/fuzz/$target.log"; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build/fuzz/$target.log" | grep -o '[0-9]*$')
  echo "fuzz $target: $runs executions in ${seconds}s, no crash"
done
