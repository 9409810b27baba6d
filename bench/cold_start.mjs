// Cold start of the core as a new isolate meets it: core.wasm's size, the time
// to compile and instantiate it, and the first call (GET /health's first turn),
// in Node's V8 (the engine workerd embeds). Median of 20 fresh compilations.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { bindCore } from "../worker/core_abi.js";

const bytes = readFileSync(path.resolve(import.meta.dirname, "../worker/core.wasm"));
const runs = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t1 = performance.now();
  const call = bindCore(module);
  const out = call({ kind: "http", now: "2026-11-23T06:00:00Z", nonce: "n", request: { method: "GET", path: "/health", query: {}, body: "" } });
  const t2 = performance.now();
  if (!out.effects) throw new Error("unexpected first answer");
  runs.push({ compile: t1 - t0, instantiateAndFirstCall: t2 - t1 });
}
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[runs.length >> 1];
console.log(`core.wasm ${bytes.length} bytes, ${gzipSync(bytes, { level: 9 }).length} gzipped; ` +
  `compile ${median("compile").toFixed(1)} ms, instantiate + first call ${median("instantiateAndFirstCall").toFixed(1)} ms (median of ${runs.length})`);
