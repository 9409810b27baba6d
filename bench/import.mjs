// Import speed (issue 26) against a baseline measured in the same run: the product's
// POST /api/import/items with a 10,000-row CSV (parse, every row checked, the existing skus read,
// upsert by sku in one batch) beside bench/bare/worker.js's POST /items, a Worker that only upserts
// the same rows (as JSON) into D1 — no CSV, no checks, no reads, no core. Both on wrangler dev
// (workerd + local D1). Then 10,000 balance lines of those items in bins (the placements, their
// ledger movements and the balances), which the bare Worker has no counterpart for.
// Each upload runs ROUNDS times (default 5) on fresh skus, then once more as an update of the
// last; the median is printed. Prints a table for bench/RESULTS.md.
import { startBare } from "./bare/start.mjs";
import { startStack } from "../tests/support/stack.mjs";

const ROWS = Number(process.env.IMPORT_ROWS ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ADMIN = { "X-Edit-Token": "demo-admin-token" };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const items = (round) => Array.from({ length: ROWS }, (_, i) => ({
  sku: `IMB-${round}-${String(i).padStart(5, "0")}`, name: `Bench item ${round}/${i}`, category: "Bench", brand: "Acme",
  avg_cost: `${1 + (i % 97)}.${String(i % 100).padStart(2, "0")}`, tracking: "none" }));
const itemsCsv = (rows) => "sku,name,category,brand,avg_cost,tracking\n" +
  rows.map((r) => [r.sku, r.name, r.category, r.brand, r.avg_cost, r.tracking].join(",")).join("\n") + "\n";

async function timed(url, headers, body, expect = 200) {
  const start = performance.now();
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  const ms = performance.now() - start;
  if (response.status !== expect) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
  const timing = response.headers.get("server-timing") ?? "";
  return { ms, d1: Number(timing.match(/d1;dur=([\d.]+)/)?.[1] ?? 0), statements: Number(timing.match(/(\d+) statements/)?.[1] ?? 0),
    turns: Number(timing.match(/"(\d+) turns/)?.[1] ?? 0), answer: text };
}

const stack = await startStack();
const bare = await startBare();
try {
  const product = { create: [], update: null, balances: [] }, baseline = { create: [], update: null };
  let last;
  for (let round = 0; round < ROUNDS; round++) {
    last = items(round);
    // Alternate who goes first, so neither always meets a warmer machine.
    const runs = [
      async () => product.create.push(await timed(`${stack.base}/api/import/items`, { ...ADMIN, "content-type": "text/csv" }, itemsCsv(last))),
      async () => baseline.create.push(await timed(`${bare.base}/items`, { "content-type": "application/json" }, JSON.stringify({ rows: last }))),
    ];
    for (const run of round % 2 ? runs.reverse() : runs) await run();
  }
  product.update = await timed(`${stack.base}/api/import/items`, { ...ADMIN, "content-type": "text/csv" }, itemsCsv(last));
  baseline.update = await timed(`${bare.base}/items`, { "content-type": "application/json" }, JSON.stringify({ rows: last }));
  if (!JSON.parse(product.update.answer).updated) throw new Error("the second upload did not update");

  // Balances: each item of round 0 in one of DC1's bins (lines move the placements, the ledger, the balances).
  const bins = ["A-01-01", "A-01-02", "B-01-01", "C-01-01", "D-01-01"];
  for (let round = 0; round < ROUNDS; round++) {
    const csv = "sku,location,bin,quantity\n" + items(0).map((r, i) => `${r.sku},DC1,${bins[i % bins.length]},${1 + ((i + round) % 50)}`).join("\n") + "\n";
    product.balances.push(await timed(`${stack.base}/api/import/balances`, { ...ADMIN, "content-type": "text/csv" }, csv));
  }

  const row = (what, runs) => {
    const ms = median(runs.map((r) => r.ms)), d1 = median(runs.map((r) => r.d1));
    return { what, ms, d1, statements: runs[0].statements, turns: runs[0].turns };
  };
  const lines = [row(`product: ${ROWS.toLocaleString("en")} new items (CSV)`, product.create), row("product: the same file again (updates)", [product.update]),
    row(`bare D1 Worker: ${ROWS.toLocaleString("en")} new items (JSON)`, baseline.create), row("bare D1 Worker: the same rows again", [baseline.update]),
    row(`product: ${ROWS.toLocaleString("en")} balance lines in bins`, product.balances)];
  console.log("| upload | ms (median) | of which D1 | D1 statements | core turns | rows/s |");
  console.log("|---|---|---|---|---|---|");
  for (const l of lines) {
    console.log(`| ${l.what} | ${l.ms.toFixed(0)} | ${l.d1.toFixed(0)} | ${l.statements || "—"} | ${l.turns || "—"} | ${Math.round(ROWS / (l.ms / 1000)).toLocaleString("en")} |`);
  }
  console.log(`\nproduct / bare, new items: ${(lines[0].ms / lines[2].ms).toFixed(2)}× the time; updates: ${(lines[1].ms / lines[3].ms).toFixed(2)}×`);
} finally {
  bare.stop();
  await stack.stop();
}
