// Ingest speed against a baseline measured in the same run: the product's
// POST /api/inventory/count (auth, validation, sku/bin resolution, dedupe,
// system qty at count, idempotent entries) beside bench/bare/worker.js, a
// Worker that only inserts the same rows into D1 (one json_each statement per
// 500 rows). Both on wrangler dev (workerd + local D1) on this machine.
//   * bulk: 1,000-line requests, one after another;
//   * single-line scans from 16 clients at once (closed loop);
//   * single-line scans offered at a fixed rate (open loop), p50/p99/p999 (latency from when
//     each request was due; requests the runtime dropped are counted as failed).
// Scans use ?return=summary, as scan.html does.
// The product counts a FULL session of the bench location BIG (bench/big_location.mjs,
// INGEST_ITEMS × 10 lines, 40,000 items by default): every line once, in order, as a
// count walks the shelves, so the entry table grows as it does in a real count. (Until
// session 11 the lines of DC1, 2,000 of them, were counted over and over: each index
// key then held dozens of entries and every insert landed on its own page.)
// BENCH_SECONDS (default 10) sets each timed phase. Prints a table for bench/RESULTS.md.
import { startBare } from "./bare/start.mjs";
import { startStack } from "../tests/support/stack.mjs";

process.env.FULL_ITEMS = process.env.INGEST_ITEMS ?? "40000";
const { bigLine, BINS_PER_ITEM, ITEMS, LINES, prepareTemplate } = await import("./big_location.mjs");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

// Each side's D1 time, from its Server-Timing (`d1;dur=`), summed per phase.
const d1Spent = new Map();
async function post(url, headers, body) {
  const start = performance.now();
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`${url}: ${response.status} ${text.slice(0, 200)}`);
  const d1 = Number(response.headers.get("server-timing")?.match(/d1;dur=([\d.]+)/)?.[1] ?? 0);
  d1Spent.set(url, (d1Spent.get(url) ?? 0) + d1);
  return performance.now() - start;
}
// Runs a phase and adds what its requests spent in D1 (ms per request) to the result.
async function measured(url, phase) {
  d1Spent.set(url, 0);
  const result = await phase();
  return { ...result, d1PerRequest: d1Spent.get(url) / result.requests };
}

async function bulk(url, headers, bodies) {
  const start = performance.now();
  let lines = 0;
  let i = 0;
  while (performance.now() - start < SECONDS * 1000) {
    const { body, n } = bodies(i++);
    await post(url, headers, body);
    lines += n;
  }
  const ms = performance.now() - start;
  return { requests: i, lines, perSecond: lines / (ms / 1000), msPerRequest: ms / i };
}

async function closedLoop(url, headers, bodies, clients = 16) {
  const latencies = [];
  let next = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < deadline) latencies.push(await post(url, headers, bodies(next++).body));
  }));
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / ((performance.now() - start) / 1000), p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), msPerRequest: mean };
}

async function openLoop(url, headers, bodies) {
  const latencies = [];
  let failed = 0;
  const sent = [];
  const total = RATE * SECONDS;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Latency counts from when the request was due, so a stalled server cannot hide its queue.
    sent.push(post(url, headers, bodies(i).body).then(() => latencies.push(performance.now() - due), () => failed++));
  }
  await Promise.all(sent);
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), p999: quantile(latencies, 0.999), failed };
}

const stack = await startStack({ template: prepareTemplate() });
const bare = await startBare();
const approver = { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" };
const scanner = { "X-Edit-Token": "demo-scanner-token", "content-type": "application/json" };
const bareHeaders = { "content-type": "application/json" };
try {
  const api = async (p, init = {}) => (await fetch(`${stack.base}${p}`, { headers: approver, ...init })).json();
  const session = await api("/stock-count/sessions", { method: "POST", body: JSON.stringify({ location_id: "nw_loc_big", type: "FULL", name: "ingest bench" }) });
  for (let status = 202; status === 202;) {
    status = (await fetch(`${stack.base}/stock-count/sessions/${session.id}/start`, { method: "PATCH", headers: approver })).status;
    if (status !== 202 && status !== 200) throw new Error(`start: ${status}`);
  }
  // Line k of BIG: item k / 10 + 1 in its (k % 10)-th bin, counted as expected. Each side walks
  // the lines on its own; the product's wraps only past LINES (then reported).
  const lineAt = (k) => ({ ...bigLine(Math.floor(k / BINS_PER_ITEM) % ITEMS + 1, k % BINS_PER_ITEM), client_entry_id: `b${k}` });
  const walked = new Map();
  const body = (n, side) => () => {
    const from = walked.get(side) ?? 0;
    walked.set(side, from + n);
    const counts = Array.from({ length: n }, (_, k) => lineAt(from + k));
    return { body: JSON.stringify({ location_id: "nw_loc_big", session_id: session.id, counts }), n };
  };
  const product = `${stack.base}/api/inventory/count`;
  const productSummary = `${product}?return=summary`;
  const baseline = `${bare.base}/`;
  const rows = [];
  const line = (figure, ours, theirs, ratio) => {
    rows.push(`| ${figure} | ${ours} | ${theirs} | ${ratio.toFixed(2)} |`);
    console.error(rows.at(-1));
  };

  await post(product, scanner, body(1000, "ours")().body); // warm both sides once
  await post(baseline, bareHeaders, body(1000, "bare")().body);
  const ours = await measured(product, () => bulk(product, scanner, body(1000, "ours")));
  const theirs = await measured(baseline, () => bulk(baseline, bareHeaders, body(1000, "bare")));
  line("`POST /api/inventory/count`, 1,000-line requests", `${ours.perSecond.toFixed(0)} lines/s`, `${theirs.perSecond.toFixed(0)} rows/s`, ours.perSecond / theirs.perSecond);
  const oursSummary = await measured(productSummary, () => bulk(productSummary, scanner, body(1000, "ours")));
  line("the same with `?return=summary` (no read-back)", `${oursSummary.perSecond.toFixed(0)} lines/s`, `${theirs.perSecond.toFixed(0)} rows/s`, oursSummary.perSecond / theirs.perSecond);

  const oursScan = await measured(productSummary, () => closedLoop(productSummary, scanner, body(1, "ours")));
  const theirsScan = await measured(baseline, () => closedLoop(baseline, bareHeaders, body(1, "bare")));
  line("single-line scans, 16 clients", `${oursScan.perSecond.toFixed(0)} req/s, p50 ${oursScan.p50.toFixed(0)} ms, p99 ${oursScan.p99.toFixed(0)} ms`,
    `${theirsScan.perSecond.toFixed(0)} req/s, p50 ${theirsScan.p50.toFixed(0)} ms, p99 ${theirsScan.p99.toFixed(0)} ms`, oursScan.perSecond / theirsScan.perSecond);

  const oursOpen = await openLoop(productSummary, scanner, body(1, "ours"));
  const theirsOpen = await openLoop(baseline, bareHeaders, body(1, "bare"));
  line(`single-line scans offered at ${RATE} req/s (p50 / p99 / p999)`,
    `${oursOpen.p50.toFixed(0)} / ${oursOpen.p99.toFixed(0)} / ${oursOpen.p999.toFixed(0)} ms${oursOpen.failed ? `, ${oursOpen.failed} failed` : ""}`,
    `${theirsOpen.p50.toFixed(0)} / ${theirsOpen.p99.toFixed(0)} / ${theirsOpen.p999.toFixed(0)} ms${theirsOpen.failed ? `, ${theirsOpen.failed} failed` : ""}`,
    theirsOpen.p99 / oursOpen.p99);

  // The most this product could reach if its core and shell glue cost no more than the bare
  // Worker's JavaScript: the bare request's time with its D1 time swapped for ours.
  const ceilings = [];
  const ceiling = (figure, o, t) => {
    const best = t.msPerRequest - t.d1PerRequest + o.d1PerRequest;
    ceilings.push(`| ${figure} | ${o.msPerRequest.toFixed(1)} ms, of which D1 ${o.d1PerRequest.toFixed(1)} ms | ` +
      `${t.msPerRequest.toFixed(1)} ms, of which D1 ${t.d1PerRequest.toFixed(1)} ms | ${(t.msPerRequest / best).toFixed(2)} |`);
    console.error(ceilings.at(-1));
  };
  ceiling("1,000-line requests with `?return=summary`", oursSummary, theirs);
  ceiling("single-line scans, 16 clients", oursScan, theirsScan);

  const counted = walked.get("ours");
  console.log(`ingest, ${SECONDS} s per phase (ratio: this product ÷ bare D1 Worker; for the open loop, bare p99 ÷ our p99); ` +
    `the product counted ${counted.toLocaleString("en")} lines of a ${LINES.toLocaleString("en")}-line FULL session` +
    (counted > LINES ? ` (${(counted - LINES).toLocaleString("en")} of them a second time)` : ", each once"));
  console.log("| path | this product | bare D1 Worker | ratio |\n|---|---|---|---|");
  for (const r of rows) console.log(r);
  console.log("\nD1's share (Server-Timing `d1`, both sides; ceiling: the ratio if this product's core and shell cost what the bare Worker's JavaScript costs)");
  console.log("| requests | this product, per request | bare D1 Worker, per request | ceiling |\n|---|---|---|---|");
  for (const c of ceilings) console.log(c);
} finally {
  bare.stop();
  await stack.stop();
}
