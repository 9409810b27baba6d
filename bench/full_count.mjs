// A 200,000-line FULL count end to end on wrangler dev (workerd + local D1):
// a location of 20,000 items × 10 bins is added to a copy of the demo
// database, then one session is created, started (the snapshot), counted in
// 1,000-line requests, closed with zero_uncounted (the variance workflow),
// approved and posted. Per phase: wall time, core turns, D1 batches and
// statements (the most any one request made), rows read, the core's linear
// memory (Server-Timing `wasm`) and workerd's peak resident memory while the
// phase ran (an upper bound on the isolate: it holds local D1 too).
// FULL_ITEMS (default 20000) × 10 bins sets the size.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startStack } from "../tests/support/stack.mjs";

const ITEMS = Number(process.env.FULL_ITEMS ?? 20000);
const BINS_PER_ITEM = 10;
const BINS = 200;
const LINES = ITEMS * BINS_PER_ITEM;
const root = path.resolve(import.meta.dirname, "..");
const template = process.env.TEMPLATE_STATE;
if (!template) throw new Error("TEMPLATE_STATE is not set (bench/run.sh prepares it)");

// Item n sits in bins (n + 20k) mod 200 for k = 0…9, k+1 … 50 units a bin.
function seedSql() {
  const B = "'biz_northwind'";
  return `
INSERT INTO locations (id, business_id, code, name, ns_location_id, active) VALUES ('nw_loc_big', ${B}, 'BIG', 'Bench DC', '77', 1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO zones (id, business_id, location_id, code, name, active) SELECT 'big_z' || i, ${B}, 'nw_loc_big', printf('Z%02d', i), 'Zone ' || i, 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${BINS - 1})
INSERT INTO bins (id, business_id, location_id, zone_id, code) SELECT 'big_b' || i, ${B}, 'nw_loc_big', 'big_z' || (i / 10 + 1), printf('BIG-%03d', i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ITEMS})
INSERT INTO items (id, business_id, sku, name, category, brand, avg_cost_minor, tracking, ns_item_id)
  SELECT 'big_i' || i, ${B}, printf('BIG-%05d', i), 'Bench item ' || i, 'Bulk', 'Bench', 100 + i % 900, 'none', CAST(900000 + i AS TEXT) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ITEMS}), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${BINS_PER_ITEM - 1})
INSERT INTO inventory_detail (id, business_id, item_id, location_id, bin_id, batch_number, serial_number, quantity)
  SELECT 'big_d' || i || '_' || j, ${B}, 'big_i' || i, 'nw_loc_big', 'big_b' || ((i + 20 * j) % ${BINS}), NULL, NULL, ((i * (j + 1)) % 50 + 1) * 1000 FROM n, k;
INSERT INTO inventory_balance (business_id, item_id, location_id, quantityonhand, reserved, updated_at)
  SELECT business_id, item_id, location_id, SUM(quantity), 0, '2026-01-01T00:00:00Z' FROM inventory_detail WHERE location_id = 'nw_loc_big' GROUP BY item_id;
`;
}

function prepareTemplate() {
  const dir = mkdtempSync(path.join(tmpdir(), "full-count-"));
  cpSync(template, dir, { recursive: true });
  const file = path.join(dir, "seed.sql");
  writeFileSync(file, seedSql());
  execFileSync(path.join(root, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", dir, "--file", file],
    { cwd: root, stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  return dir;
}

// workerd's resident set, sampled while a phase runs (peak, MB).
function residentMb(group) {
  let total = 0;
  try {
    for (const line of execFileSync("ps", ["-o", "rss=,comm=", "-g", String(group)], { encoding: "utf8" }).split("\n")) {
      const [rss, comm] = line.trim().split(/\s+/);
      if (comm?.startsWith("workerd")) total = Math.max(total, Number(rss) / 1024);
    }
  } catch {}
  return total;
}

function timing(response) {
  const h = response.headers.get("server-timing") ?? "";
  const num = (re) => Number(h.match(re)?.[1] ?? 0);
  return { turns: num(/(\d+) turns/), batches: num(/(\d+) batches/), statements: num(/(\d+) statements/), rows: num(/(\d+) rows/),
           wasm: num(/wasm;desc="([\d.]+) MB/), coreMs: num(/core;dur=([\d.]+)/), d1Ms: num(/d1;dur=([\d.]+)/) };
}

const stack = await startStack({ template: prepareTemplate() });
const approver = { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" };
const scanner = { "X-Edit-Token": "demo-scanner-token", "content-type": "application/json" };
const results = [];
let phase = null;
const sampler = setInterval(() => { if (phase) phase.peakRss = Math.max(phase.peakRss, residentMb(stack.runtimeGroup)); }, 100);

async function run(name, fn) {
  phase = { name, requests: 0, turns: 0, maxStatements: 0, maxBatches: 0, rows: 0, wasm: 0, coreMs: 0, d1Ms: 0, peakRss: residentMb(stack.runtimeGroup), failed: null };
  const started = performance.now();
  try {
    await fn();
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
        let qty = (i * (j + 1)) % 50 + 1;
        if (j === 0 && i % 500 === 0) qty = Math.floor(qty / 2);
        else if (j === 0 && i % 50 === 7) qty += 1;
        batch.push({ sku: `BIG-${String(i).padStart(5, "0")}`, bin: `BIG-${String((i + 20 * j) % BINS).padStart(3, "0")}`, counted_qty: qty, client_entry_id: `full-${i}-${j}` });
        if (batch.length === 1000) await flush();
      }
    }
    await flush();
  });
  await run("postings preview before close (GET …/postings)", async () => { await call("GET", `/stock-count/sessions/${sid}/postings`); });
  let closed;
  await run("close (variance workflow)", async () => { closed = await untilDone("PATCH", `/stock-count/sessions/${sid}/close`, { zero_uncounted: true }); });
  await run("approve", async () => { await call("PATCH", `/stock-count/sessions/${sid}/approve`, { reason_note: "bench" }); });
  let posted;
  await run("post", async () => { posted = await call("POST", `/stock-count/sessions/${sid}/post`); });
  // What a supervisor opens next: the report walks the session in pages of whole items.
  await run("variance report, first page (GET …/variance)", async () => { await call("GET", `/stock-count/sessions/${sid}/variance?page_size=100`); });
  await run("postings (GET …/postings)", async () => { await call("GET", `/stock-count/sessions/${sid}/postings`); });
  console.error(JSON.stringify({ tasks: tasks?.total, snapshot: started?.status, workflow: closed?.workflow, postings: posted?.postings?.length }));
} finally {
  clearInterval(sampler);
  await stack.stop();
  const date = new Date().toISOString().slice(0, 10);
  console.log(`FULL count of ${LINES.toLocaleString("en")} lines (${ITEMS} items × ${BINS_PER_ITEM} bins), ${date}`);
  console.log("| phase | wall | core / D1 time | requests (202 = resumed) | core turns | most D1 batches / statements in one request | D1 rows | core memory | workerd peak RSS |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.name}${r.failed ? ` — FAILED: ${r.failed.replace(/\|/g, "/")}` : ""} | ${(r.ms / 1000).toFixed(2)} s | ${(r.coreMs / 1000).toFixed(2)} s / ${(r.d1Ms / 1000).toFixed(2)} s | ${r.requests}${r.resumed ? ` (${r.resumed})` : ""} | ${r.turns} | ${r.maxBatches} / ${r.maxStatements} | ${r.rows} | ${r.wasm.toFixed(1)} MB | ${r.peakRss.toFixed(0)} MB |`);
  }
}
