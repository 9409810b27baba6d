// Replay: the core inputs of real conversations (recorded on Miniflare with
// CORE_RECORD=1) run again through the native core (build/native/core_replay)
// and the wasm core in Node's V8, turn by turn — how far wasm is from native,
// and which turns cost what. Needs `npm run build` (scripts/build.sh) first.
//   node bench/replay.mjs [repeat]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { bindCore } from "../worker/core_abi.js";
import { ok, startRuntime, TOKENS } from "../tests/support/runtime.mjs";

const repeat = Number(process.argv[2] ?? 20);
const root = path.resolve(import.meta.dirname, "..");
const recorded = [];
let label = "";
const rt = await startRuntime({
  bindings: { CORE_RECORD: "1" },
  onStdout: (line) => {
    const at = line.indexOf("CORE_INPUT ");
    if (at >= 0 && label) recorded.push({ label, input: line.slice(at + "CORE_INPUT ".length) });
  },
});
const flush = () => new Promise((r) => setTimeout(r, 300));  // the runtime's log reaches us after the answer
try {
  const approver = { token: TOKENS.approver };
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "FULL", name: "replay" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500&page=1`, approver))).items.filter((l) => l.bin);
  const counts = (n, tag) => Array.from({ length: n }, (_, i) => ({ sku: lines[i % lines.length].sku, bin: lines[i % lines.length].bin,
    counted_qty: lines[i % lines.length].quantity, client_entry_id: `${tag}-${i}` }));
  const steps = [
    ["single scan", () => rt.call("POST", "/api/inventory/count?return=summary", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: session.id, counts: counts(1, "one") } })],
    ["1,000-line ingest", () => rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: session.id, counts: counts(1000, "bulk") } })],
    ["close (variance workflow)", () => rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver)],
    ["variance report, 500 rows", () => rt.call("GET", "/inventory/variances?page_size=500", approver)],
  ];
  for (const [name, run] of steps) {
    await flush();
    label = name;
    const r = await run();
    if (r.status >= 300) throw new Error(`${name}: ${r.status} ${r.text.slice(0, 200)}`);
    await flush();
    label = "";
  }
} finally {
  await rt.stop();
}

const file = path.join(mkdtempSync(path.join(tmpdir(), "replay-")), "inputs.jsonl");
writeFileSync(file, recorded.map((r) => r.input).join("\n") + "\n");
const native = execFileSync(path.join(root, "build/native/core_replay"), [file, String(repeat)], { encoding: "utf8" })
  .trim().split("\n").map((l) => Number(l.split("\t")[3]));
const call = bindCore(await WebAssembly.compile(readFileSync(path.join(root, "worker/core.wasm"))));
const wasm = recorded.map(({ input }) => {
  const parsed = JSON.parse(input);
  const us = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    call(parsed);  // as the shell calls it: object in (stringified), object out (parsed)
    us.push((performance.now() - start) * 1000);
  }
  return us.sort((a, b) => a - b)[us.length >> 1];
});

console.log(`core turns replayed ${repeat}× each (median µs per call); wasm includes the shell's JSON in/out`);
console.log("| conversation | turn | input bytes | native µs | wasm µs | wasm ÷ native |\n|---|---|---|---|---|---|");
const turnOf = {};
let totalNative = 0;
let totalWasm = 0;
recorded.forEach(({ label: name, input }, i) => {
  turnOf[name] = (turnOf[name] ?? -1) + 1;
  totalNative += native[i];
  totalWasm += wasm[i];
  console.log(`| ${name} | ${turnOf[name]} | ${input.length} | ${native[i].toFixed(0)} | ${wasm[i].toFixed(0)} | ${(wasm[i] / native[i]).toFixed(2)} |`);
});
console.log(`| all | | | ${totalNative.toFixed(0)} | ${totalWasm.toFixed(0)} | ${(totalWasm / totalNative).toFixed(2)} |`);
