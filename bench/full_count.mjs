// A 200,000-line FULL count end to end on wrangler dev (workerd + local D1):
// a location of 20,000 items × 10 bins is added to a copy of the demo
// database, then one session is created, started (the snapshot), counted in
// 1,000-line requests, closed with zero_uncounted (the variance workflow),
// approved and posted. Per phase: wall time, core turns, D1 batches and
// statements (the most any one request made), rows read, the core's linear
// memory (Server-Timing `wasm`), the isolate's peak JS heap (sampled through
// wrangler's devtools inspector every 100 ms, garbage included) and workerd's
// peak resident memory while the phase ran (an upper bound: it holds local D1 too).
// The isolate's memory is its JS heap plus the core's linear memory.
// FULL_ITEMS (default 20000) × 10 bins sets the size.
import { connectIsolate } from "../tests/support/isolate_memory.mjs";
import { startStack } from "../tests/support/stack.mjs";
import { bigLine, BINS_PER_ITEM, ITEMS, LINES, prepareTemplate, residentMb, timing } from "./big_location.mjs";

const stack = await startStack({ template: prepareTemplate() });
const approver = { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" };
const scanner = { "X-Edit-Token": "demo-scanner-token", "content-type": "application/json" };
const results = [];
let phase = null;
const isolate = await connectIsolate(stack.inspectorPort, () => fetch(`${stack.base}/health`));
const MB = 1048576;
let sampling = false;
async function sample(current) {
  current.peakRss = Math.max(current.peakRss, residentMb(stack.runtimeGroup));
  const heap = await isolate.heapNow();
  current.peakHeap = Math.max(current.peakHeap, heap.usedBytes / MB);
  current.peakHeapTotal = Math.max(current.peakHeapTotal, heap.totalBytes / MB);
}
const sampler = setInterval(async () => {
  if (!phase || sampling) return;
  sampling = true;
  try {
    await sample(phase);
  } finally {
    sampling = false;
  }
}, 100);

async function run(name, fn) {
  phase = { name, requests: 0, turns: 0, maxStatements: 0, maxBatches: 0, rows: 0, wasm: 0, coreMs: 0, d1Ms: 0, peakRss: residentMb(stack.runtimeGroup), peakHeap: 0, peakHeapTotal: 0, failed: null };
  const started = performance.now();
  try {
    await fn();
    await sample(phase);  // a phase shorter than the sampling period still has its figure
  } catch (error) {
    phase.failed = String(error.message).slice(0, 300);
  }
  phase.ms = performance.now() - started;
  results.push(phase);
  console.error(JSON.stringify(phase));
  const failed = phase.failed;
  phase = null;
  if (failed) throw new Error(`${name}: ${failed}`);
}

async function call(method, p, body, headers = approver, expect = [200, 201]) {
  const response = await fetch(`${stack.base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const t = timing(response);
  if (phase) {
    phase.requests++;
    phase.turns += t.turns;
    phase.maxStatements = Math.max(phase.maxStatements, t.statements);
    phase.maxBatches = Math.max(phase.maxBatches, t.batches);
    phase.rows += t.rows;
    phase.wasm = Math.max(phase.wasm, t.wasm);
    phase.coreMs += t.coreMs;
    phase.d1Ms += t.d1Ms;
  }
  if (!expect.includes(response.status)) throw new Error(`${method} ${p}: ${response.status} ${text.slice(0, 300)}`);
  return { ...JSON.parse(text), http: response.status };
}

// A paged start or close answers 202 when one request's D1 budget is spent: the same call resumes it.
async function untilDone(method, p, body) {
  for (;;) {
    const answer = await call(method, p, body, approver, [200, 201, 202]);
    if (answer.http !== 202) return answer;
    phase.resumed = (phase.resumed ?? 0) + 1;
  }
}

try {
  let session;
  await run("create", async () => {
    session = await call("POST", "/stock-count/sessions", { location_id: "nw_loc_big", type: "FULL", name: "200k bench" });
  });
  const sid = session.id;
  let tasks;
  if (process.env.FULL_TASKS !== "0") await run("tasks (by_zone_bin)", async () => {
    tasks = await call("POST", `/stock-count/sessions/${sid}/tasks/generate`, { strategy: "by_zone_bin" });
  });
  let started;
  await run("start (snapshot)", async () => { started = await untilDone("PATCH", `/stock-count/sessions/${sid}/start`); });
  await run("ingest (1,000-line requests)", async () => {
    // Every line counted as expected, except: item n % 50 == 7 one unit over in bin k=0
    // (within the guardrail), n % 500 == 0 half short (review), and line k=9 of n % 200 == 0
    // never counted (zeroed at close).
    let batch = [];
    const flush = async () => {
      if (!batch.length) return;
      await call("POST", "/api/inventory/count?return=summary", { location_id: "nw_loc_big", session_id: sid, counts: batch }, scanner);
      batch = [];
    };
    for (let i = 1; i <= ITEMS; i++) {
      for (let j = 0; j < BINS_PER_ITEM; j++) {
        if (j === 9 && i % 200 === 0) continue;
        const line = bigLine(i, j);
        if (j === 0 && i % 500 === 0) line.counted_qty = Math.floor(line.counted_qty / 2);
        else if (j === 0 && i % 50 === 7) line.counted_qty += 1;
        batch.push({ ...line, client_entry_id: `full-${i}-${j}` });
        if (batch.length === 1000) await flush();
      }
    }
    await flush();
  });
  await run("postings preview before close (GET …/postings)", async () => { await call("GET", `/stock-count/sessions/${sid}/postings`); });
  let closed;
  await run("close (variance workflow)", async () => { closed = await untilDone("PATCH", `/stock-count/sessions/${sid}/close`, { zero_uncounted: true }); });
  await run("approve", async () => { await call("PATCH", `/stock-count/sessions/${sid}/approve`, { reason_code: "miscount", reason_note: "bench" }); });
  let posted;
  await run("post", async () => { posted = await call("POST", `/stock-count/sessions/${sid}/post`); });
  // What a supervisor opens next: the report walks the session in pages of whole items.
  await run("variance report, first page (GET …/variance)", async () => { await call("GET", `/stock-count/sessions/${sid}/variance?page_size=100`); });
  await run("postings (GET …/postings)", async () => { await call("GET", `/stock-count/sessions/${sid}/postings`); });
  console.error(JSON.stringify({ tasks: tasks?.total, snapshot: started?.status, workflow: closed?.workflow, postings: posted?.postings?.length }));
} finally {
  clearInterval(sampler);
  isolate.close();
  await stack.stop();
  const date = new Date().toISOString().slice(0, 10);
  console.log(`FULL count of ${LINES.toLocaleString("en")} lines (${ITEMS} items × ${BINS_PER_ITEM} bins), ${date}`);
  console.log("| phase | wall | core / D1 time | requests (202 = resumed) | core turns | most D1 batches / statements in one request | D1 rows | core memory | isolate peak JS heap (used / committed) | isolate peak (committed heap + core) | workerd peak RSS |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.name}${r.failed ? ` — FAILED: ${r.failed.replace(/\|/g, "/")}` : ""} | ${(r.ms / 1000).toFixed(2)} s | ${(r.coreMs / 1000).toFixed(2)} s / ${(r.d1Ms / 1000).toFixed(2)} s | ${r.requests}${r.resumed ? ` (${r.resumed})` : ""} | ${r.turns} | ${r.maxBatches} / ${r.maxStatements} | ${r.rows} | ${r.wasm.toFixed(1)} MB | ${r.peakHeap.toFixed(1)} / ${r.peakHeapTotal.toFixed(1)} MB | ${(r.peakHeapTotal + r.wasm).toFixed(1)} MB | ${r.peakRss.toFixed(0)} MB |`);
  }
}
