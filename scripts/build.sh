#!/usr/bin/env bash
# Builds the core two ways (native + tests, wasm32-wasi for the Worker and the
# browser) and places the artefacts where the shell and the pages import them. Incremental: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

configure() {  # preset
  [ -f "build/$1/CMakeCache.txt" ] || cmake --preset "$1" >/dev/null
}

configure native && cmake --build build/native -j "$jobs" >/dev/null
configure wasi && cmake --build build/wasi -j "$jobs" >/dev/null
install -m 644 build/wasi/core.wasm worker/core.wasm

# The dashboard's what-if runs the same core through the same binding, served from this origin.
for f in worker/core.wasm worker/core_abi.js; do cmp -s "$f" "public/${f#worker/}" || install -m 644 "$f" public/; done
# The dashboard's chart library, from npm (package-lock pins it), served from this origin.
mkdir -p public/vendor
for f in chart.umd.min.js LICENSE.md; do
  src=node_modules/chart.js/dist/$f; [ "$f" = LICENSE.md ] && src=node_modules/chart.js/LICENSE.md
  [ -f "$src" ] && { cmp -s "$src" "public/vendor/${f/LICENSE.md/chart.js-LICENSE.md}" || install -m 644 "$src" "public/vendor/${f/LICENSE.md/chart.js-LICENSE.md}"; }
done
# The scanner's camera: the BarcodeDetector API as the barcode-detector package ponyfills it (its
# ES build, self-contained) and the ZXing reader it runs; the settings page's QR codes (uqr, an ES
# module without imports) — all served from this origin.
for pair in "barcode-detector/dist/es/ponyfill.js:barcode-detector.js" "barcode-detector/dist/es/zxing-exported.js:zxing-exported.js" \
            "barcode-detector/LICENSE:barcode-detector-LICENSE" \
            "zxing-wasm/dist/reader/zxing_reader.wasm:zxing_reader.wasm" "zxing-wasm/LICENSE:zxing-wasm-LICENSE" \
            "uqr/dist/index.mjs:uqr.mjs" "uqr/LICENSE:uqr-LICENSE"; do
  src="node_modules/${pair%%:*}"; dst="public/vendor/${pair##*:}"
  [ -f "$src" ] && { cmp -s "$src" "$dst" || install -m 644 "$src" "$dst"; }
done
# The HTTP contract, served as GET /openapi.json (a static asset) from docs/openapi.yaml.
node -e 'const { parse } = require("yaml"); const fs = require("fs");
  const out = JSON.stringify(parse(fs.readFileSync("docs/openapi.yaml", "utf8")));
  if (!fs.existsSync("public/openapi.json") || fs.readFileSync("public/openapi.json", "utf8") !== out) fs.writeFileSync("public/openapi.json", out);'
echo "core built: worker/core.wasm $(stat -c %s worker/core.wasm) bytes ($(gzip -c worker/core.wasm | wc -c) gzipped)"
