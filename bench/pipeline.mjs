// Pipeline throughput on wrangler dev (workerd + local D1):
//   * the Monday tick, until every location's zone session is open;
//   * scanner ingest: one request with a count for every line of a FULL count
//     of DC1 (about 2,000 lines), routed by sku + bin; then the same request
//     retried (all duplicates);
//   * the close that runs the variance workflow over those lines;
//   * the variance report.
// Prints one line per figure; record them in bench/RESULTS.md.
import { startStack } from "../tests/support/stack.mjs";

const headers = (token) => ({ "X-Edit-Token": token, "content-type": "application/json" });
const approver = headers("demo-approver-token");
const scanner = headers("demo-scanner-token");

async function json(response) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function timed(fn) {
  const start = performance.now();
  const out = await fn();
  return { ms: performance.now() - start, out };
}

const stack = await startStack();
const api = (path, init = {}) => fetch(`${stack.base}${path}`, { headers: approver, ...init }).then(json);
try {
  const tick = await timed(async () => {
    await fetch(`${stack.base}/__scheduled?cron=0+6+*+*+MON`).then((r) => r.text());
    for (;;) {
      const { total } = await api("/stock-count/sessions?source=cron&status=ACTIVE");
      if (total >= 2) return total;  // Northwind's two locations (the third is Contoso's)
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  console.log(`cron tick until the zone sessions are open: ${tick.ms.toFixed(0)} ms`);

  const session = await api("/stock-count/sessions", { method: "POST", body: JSON.stringify({ location_id: "nw_loc_dc1", type: "FULL", name: "bench" }) });
  await api(`/stock-count/sessions/${session.id}/tasks/generate`, { method: "POST", body: JSON.stringify({ strategy: "by_zone_bin" }) });
  const start = await timed(() => api(`/stock-count/sessions/${session.id}/start`, { method: "PATCH" }));
  const lines = [];
  for (let page = 1; ; page++) {
    const { items } = await api(`/stock-count/sessions/${session.id}/snapshots?page_size=500&page=${page}`);
    lines.push(...items);
    if (items.length < 500) break;
  }
  console.log(`start FULL session (snapshot of ${lines.length} lines in the same batch): ${start.ms.toFixed(0)} ms`);

  // Every tenth line is one unit short; serial lines are counted as present.
  const counts = lines.map((l, i) => ({
    sku: l.sku, bin: l.bin ?? undefined, batch_number: l.batch_number ?? undefined, serial_number: l.serial_number ?? undefined,
    counted_qty: i % 10 === 0 && l.quantity >= 1 && !l.serial_number ? l.quantity - 1 : l.quantity, client_entry_id: `bench-${i}`,
  }));
  const body = JSON.stringify({ location_id: "nw_loc_dc1", session_id: session.id, counts });
  const post = await timed(() => fetch(`${stack.base}/api/inventory/count`, { method: "POST", headers: scanner, body }).then(json));
  console.log(`POST /api/inventory/count, ${counts.length} rows (${(body.length / 1024).toFixed(0)} KiB): ${post.ms.toFixed(0)} ms, ` +
    `${(counts.length / (post.ms / 1000)).toFixed(0)} rows/s, accepted ${post.out.accepted}`);
  const again = await timed(() => fetch(`${stack.base}/api/inventory/count`, { method: "POST", headers: scanner, body }).then(json));
  console.log(`the same request retried: ${again.ms.toFixed(0)} ms, accepted ${again.out.accepted}, duplicates ${again.out.duplicates.length}`);

  const close = await timed(() => api(`/stock-count/sessions/${session.id}/close`, { method: "PATCH" }));
  console.log(`close with the variance workflow: ${close.ms.toFixed(0)} ms, ${JSON.stringify(close.out.workflow)}`);
  const report = await timed(() => api(`/inventory/variances?session_id=${session.id}&page_size=500`));
  console.log(`GET /inventory/variances (page of 500): ${report.ms.toFixed(0)} ms, ${report.out.total} rows, accuracy ${report.out.totals.accuracy_pct} %`);
} finally {
  await stack.stop();
}
