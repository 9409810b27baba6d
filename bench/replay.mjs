// Replay: the core inputs of real conversations (recorded on Miniflare with
// CORE_RECORD=1) run again through the native core (build/native/core_replay)
// and the wasm core in Node's V8, turn by turn — how far wasm is from native,
// and which turns cost what. Needs `npm run build` (scripts/build.sh) first.
//   node bench/replay.mjs [repeat]   (REPLAY_ROUNDS rounds, default 5)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { bindCore, encodeInput } from "../worker/core_abi.js";
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
    ["1,000-line ingest, ?return=summary", () => rt.call("POST", "/api/inventory/count?return=summary", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: session.id, counts: counts(1000, "summary") } })],
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
console.error(`recorded inputs: ${file}`);
// Native and wasm take turns, ROUNDS times (REPLAY_ROUNDS, default 5), each turn `repeat` times a
// round: a turn's figure is the median over the rounds of its median per round, so a noisy
// stretch of this shared machine moves one round, not the result.
const ROUNDS = Number(process.env.REPLAY_ROUNDS ?? 5);
const call = bindCore(await WebAssembly.compile(readFileSync(path.join(root, "worker/core.wasm"))));
const parsedInputs = recorded.map(({ input }) => JSON.parse(input));
for (const parsed of parsedInputs) call(parsed);  // compile and warm every path once
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
// The same inputs as bytes, for the wasm core alone (the body beside, as the shell sends it).
const encodedInputs = parsedInputs.map(encodeInput);
const timed = (run) => {
  const us = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    run();
    us.push((performance.now() - start) * 1000);
  }
  return median(us);
};
const nativeRounds = [];
const wasmRounds = [];
const coreRounds = [];
for (let round = 0; round < ROUNDS; round++) {
  nativeRounds.push(execFileSync(path.join(root, "build/native/core_replay"), [file, String(repeat)], { encoding: "utf8" })
    .trim().split("\n").map((l) => Number(l.split("\t")[3])));
  // As the shell calls it: object in (stringified), object out (parsed).
  wasmRounds.push(parsedInputs.map((parsed) => timed(() => call(parsed))));
  coreRounds.push(encodedInputs.map(([bytes, body]) => timed(() => call.bytes(bytes, body))));
}
const native = recorded.map((_, i) => median(nativeRounds.map((r) => r[i])));
const wasm = recorded.map((_, i) => median(wasmRounds.map((r) => r[i])));
const core = recorded.map((_, i) => median(coreRounds.map((r) => r[i])));
const sum = (values) => values.reduce((a, b) => a + b, 0);
const roundRatios = coreRounds.map((w, r) => (sum(w) / sum(nativeRounds[r])).toFixed(2));

console.log(`core turns replayed ${repeat}× each in each of ${ROUNDS} rounds (median µs per call, median of the rounds). ` +
  "wasm core: the call alone, bytes in and out, as the native core is timed; with the shell: JSON.stringify in, JSON.parse out added");
console.log("| conversation | turn | input bytes | native µs | wasm core µs | wasm core ÷ native | wasm with the shell µs |\n|---|---|---|---|---|---|---|");
const turnOf = {};
recorded.forEach(({ label: name, input }, i) => {
  turnOf[name] = (turnOf[name] ?? -1) + 1;
  console.log(`| ${name} | ${turnOf[name]} | ${input.length} | ${native[i].toFixed(0)} | ${core[i].toFixed(0)} | ${(core[i] / native[i]).toFixed(2)} | ${wasm[i].toFixed(0)} |`);
});
console.log(`| all | | | ${sum(native).toFixed(0)} | ${sum(core).toFixed(0)} | ${(sum(core) / sum(native)).toFixed(2)} | ${sum(wasm).toFixed(0)} |`);
console.log(`wasm core ÷ native of all turns, round by round: ${roundRatios.join(", ")}`);
