// Where a single-line scan's time goes inside the Worker isolate: V8's sampling
// profiler (through wrangler's inspector) while 16 clients post single-line scans
// (?return=summary, as scan.html does) for BENCH_SECONDS. Self time is grouped by
// where the code lives: the core (wasm), the Worker's JS (wrangler bundles the shell
// and its own middleware into one index.js), workerd's built-in JS, garbage
// collection, and idle (the isolate waiting: on D1, which runs outside it, or on the
// network). Prints a table for bench/RESULTS.md.
import { connectIsolate } from "../tests/support/isolate_memory.mjs";
import { startStack } from "../tests/support/stack.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 16;
const stack = await startStack();
const approver = { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" };
const scanner = { "X-Edit-Token": "demo-scanner-token", "content-type": "application/json" };
try {
  const api = async (p, init = {}) => (await fetch(`${stack.base}${p}`, { headers: approver, ...init })).json();
  const session = await api("/stock-count/sessions", { method: "POST", body: JSON.stringify({ location_id: "nw_loc_dc1", type: "FULL", name: "scan profile" }) });
  await api(`/stock-count/sessions/${session.id}/start`, { method: "PATCH" });
  const { items } = await api(`/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500&page=1`);
  const lines = items.filter((l) => l.bin);
  let serial = 0;
  const scan = async () => {
    const l = lines[serial % lines.length];
    const body = JSON.stringify({ location_id: "nw_loc_dc1", session_id: session.id, counts: [{ sku: l.sku, bin: l.bin, counted_qty: l.quantity, client_entry_id: `p${serial++}` }] });
    const response = await fetch(`${stack.base}/api/inventory/count?return=summary`, { method: "POST", headers: scanner, body });
    await response.text();
    if (response.status !== 201) throw new Error(`scan: ${response.status}`);
  };
  for (let i = 0; i < 50; i++) await scan();  // warm up
  const isolate = await connectIsolate(stack.inspectorPort, scan);
  await isolate.startProfile();
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < deadline) { await scan(); done++; }
  }));
  const wall = performance.now() - start;
  const profile = await isolate.stopProfile();
  isolate.close();

  // Self time per node, from the samples and their time deltas.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const groups = new Map();
  const functions = new Map();
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    const url = frame.url ?? "";
    let group;
    if (frame.functionName === "(idle)") group = "idle (waiting on D1, the network)";
    else if (frame.functionName === "(garbage collector)") group = "garbage collection";
    else if (frame.functionName === "(program)") group = "runtime (native, outside JS)";
    else if (url.startsWith("wasm://") || frame.functionName.startsWith("$")) group = "core (wasm)";
    else if (url.endsWith("index.js")) group = "the Worker's JS (the shell and wrangler's middleware, bundled)";
    else group = "workerd's built-in JS (D1's client, streams)";
    groups.set(group, (groups.get(group) ?? 0) + us);
    if (!group.startsWith("idle")) {
      const key = `${frame.functionName || "(anonymous)"} ${url.split("/").pop()}:${frame.lineNumber + 1}`;
      functions.set(key, (functions.get(key) ?? 0) + us);
    }
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const perScan = (us) => (us / 1000 / done).toFixed(3);
  console.log(`single-line scans, ${CLIENTS} clients, ${SECONDS} s: ${done} scans, ${(done / (wall / 1000)).toFixed(0)} req/s; isolate time per scan`);
  console.log("| where | ms per scan | share |\n|---|---|---|");
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`| ${g} | ${perScan(us)} | ${((100 * us) / total).toFixed(1)}% |`);
  console.log("\nbusiest functions (self time, idle left out)\n| function | ms per scan |\n|---|---|");
  for (const [f, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| \`${f}\` | ${perScan(us)} |`);
} finally {
  await stack.stop();
}
