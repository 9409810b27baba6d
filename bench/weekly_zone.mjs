// The weekly pipeline on a big zone, on wrangler dev (workerd + local D1): the
// bench location BIG (bench/big_location.mjs: 20 zones of FULL_ITEMS / 2 lines
// each, 10,000 by default) gets a rotation; one Monday tick opens zone Z01
// (session, by_zone_bin tasks, snapshot), scanners count every line of it in
// 1,000-line requests (a few off, as full_count.mjs does), and the next Monday's
// tick closes it with the variance workflow and opens Z02. Per tick: wall time,
// core turns, D1 batches and statements (the tick's budget is D1_STATEMENT_BUDGET,
// default 800) and the most in one batch, rows read, the
// core's linear memory and workerd's peak resident memory (local D1 included).
// The ticks run through POST /__demo/tick (DEMO_CLOCK=1), which answers with
// the tick's report and figures.
import { startStack } from "../tests/support/stack.mjs";
import { ITEMS, prepareTemplate, residentMb, timing } from "./big_location.mjs";

const rotation = `INSERT INTO cycle_count_schedule (id, business_id, location_id, zone_id, position, active)
  SELECT 'big_rot' || i, 'biz_northwind', 'nw_loc_big', 'big_z' || i, i, 1
  FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) SELECT i FROM n);`;
const stack = await startStack({ template: prepareTemplate(process.env.TEMPLATE_STATE, rotation), demoClock: true });
const approver = { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" };
const scanner = { "X-Edit-Token": "demo-scanner-token", "content-type": "application/json" };
const rows = [];

async function call(method, p, body, headers = approver) {
  const response = await fetch(`${stack.base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${p}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// Mondays 06:00 UTC well after the demo data's own weeks.
const monday = (weeks) => Date.parse("2027-03-01T06:00:00Z") + weeks * 7 * 86400000;

async function tick(name, at) {
  let peak = residentMb(stack.runtimeGroup);
  const sampler = setInterval(() => { peak = Math.max(peak, residentMb(stack.runtimeGroup)); }, 100);
  const started = performance.now();
  try {
    const done = await call("POST", `/__demo/tick?time=${at}`);
    const big = (done.report ?? []).filter((r) => r.location_id === "nw_loc_big");
    const failed = !done.ok || big.some((r) => r.error || r.note);
    const f = done.figures ?? {};
    rows.push(`| ${name}${failed ? ` — FAILED: ${JSON.stringify(big).slice(0, 200)}` : ""} | ${((performance.now() - started) / 1000).toFixed(2)} s | ` +
      `${f.turns} | ${f.d1_batches} / ${f.d1_statements} / ${f.d1_batch_most} | ${f.d1_rows} | ${((f.wasm_bytes ?? 0) / 1048576).toFixed(1)} MB | ${peak.toFixed(0)} MB | ` +
      `${big.map((r) => `${r.op}${r.tasks !== undefined ? ` (${r.snapshot_lines} lines, ${r.tasks} tasks)` : ""}${r.workflow ? ` ${JSON.stringify(r.workflow)}` : ""}${r.note ? ` — ${r.note}` : ""}`).join("; ")} |`);
    console.error(rows.at(-1));
    if (failed) throw new Error(`${name} failed`);
    return big;
  } finally {
    clearInterval(sampler);
  }
}

try {
  await tick("Monday 1: open Z01", monday(0));
  const [session] = (await call("GET", "/stock-count/sessions?source=cron&location_id=nw_loc_big&status=ACTIVE")).items;
  const lines = [];
  for (let page = 1; ; page++) {
    const { items } = await call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500&page=${page}`);
    lines.push(...items);
    if (items.length < 500) break;
  }
  const started = performance.now();
  let batch = [];
  const flush = async () => {
    if (batch.length) await call("POST", "/api/inventory/count?return=summary", { location_id: "nw_loc_big", session_id: session.id, counts: batch }, scanner);
    batch = [];
  };
  for (const [n, l] of lines.entries()) {
    // One line in 50 a unit over (auto-adjusted), one in 500 half short (staged for review).
    const qty = n % 500 === 0 ? Math.floor(l.quantity / 2) : n % 50 === 7 ? l.quantity + 1 : l.quantity;
    batch.push({ sku: l.sku, bin: l.bin, counted_qty: qty, client_entry_id: `wk-${n}` });
    if (batch.length === 1000) await flush();
  }
  await flush();
  rows.push(`| counts: ${lines.length} lines in 1,000-line requests | ${((performance.now() - started) / 1000).toFixed(2)} s | | | | | | |`);
  await tick("Monday 2: close Z01, open Z02", monday(1));

  // A supervisor's session on one zone, started through the route (paged by COUNT_PAGE_LINES):
  // its pages hold the zone's stock alone, not the whole location's.
  const zone = await call("POST", "/stock-count/sessions", { location_id: "nw_loc_big", type: "CYCLE", name: "zone Z03 by hand" });
  await call("POST", `/stock-count/sessions/${zone.id}/scopes`, { kind: "zone", value: "Z03" });
  const startedAt = performance.now();
  let requests = 0, batches = 0, statements = 0;
  for (;;) {
    const response = await fetch(`${stack.base}/stock-count/sessions/${zone.id}/start`, { method: "PATCH", headers: approver });
    requests++;
    const figures = timing(response);
    batches += figures.batches;
    statements += figures.statements;
    if (response.status !== 202) {
      if (response.status !== 200) throw new Error(`start: ${response.status} ${await response.text()}`);
      break;
    }
  }
  const { total } = await call("GET", `/stock-count/sessions/${zone.id}/snapshots?page_size=1`);
  rows.push(`| a supervisor's zone Z03 session: PATCH …/start, ${requests} request(s) | ${((performance.now() - startedAt) / 1000).toFixed(2)} s | | ${batches} / ${statements} / | | | | ${total} lines |`);
  console.error(rows.at(-1));
} finally {
  await stack.stop();
  console.log(`Weekly ticks on a zone of ${(ITEMS / 2).toLocaleString("en")} lines, ${new Date().toISOString().slice(0, 10)}`);
  console.log("| tick | wall | core turns | D1 batches / statements / most in one batch | D1 rows | core memory | workerd peak RSS | BIG's work |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
}
