// A request needs at most one read batch and one write batch (the token lookup
// rides in the first): counted per route from the Server-Timing header the
// shell sends ("d1;…;desc=\"N batches, …\"") on the real runtime.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => {
  rt = await startRuntime();
});
after(async () => {
  await rt?.stop();
});

function batches(r) {
  const m = (r.headers.get("server-timing") ?? "").match(/d1;[^,]*desc="(\d+) batches/);
  assert.ok(m, `no d1 figure in Server-Timing: ${r.headers.get("server-timing")}`);
  return Number(m[1]);
}

test("every GET, the scanner's ingest (1 and 1,000 lines) and a proposal decision take at most two D1 batches", async () => {
  const admin = TOKENS.admin;
  await (await rt.mf.getWorker()).scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(Date.UTC(2026, 10, 23, 6)) });
  const session = (await ok(rt.call("GET", "/stock-count/sessions?source=cron&status=ACTIVE&location_id=nw_loc_dc1", { token: admin }))).items[0];
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, { token: admin }))).items.filter((l) => l.bin);
  const task = (await ok(rt.call("GET", `/stock-count/tasks?session_id=${session.id}`, { token: admin }))).items[0];

  const seen = {};
  const measure = async (label, method, path, body, token = admin, status = method === "POST" ? 201 : path.startsWith("/api/netsuite") ? 404 : 200) => {
    const r = await rt.call(method, path, { token, body });
    assert.equal(r.status, status, `${label}: ${r.text.slice(0, 200)}`);
    seen[label] = batches(r);
    return r.json;
  };
  const one = await measure("POST /api/inventory/count, 1 line", "POST", "/api/inventory/count",
    { location_id: "nw_loc_dc1", counts: [{ sku: lines[0].sku, bin: lines[0].bin, counted_qty: lines[0].quantity, client_entry_id: "rt-1" }] }, TOKENS.scanner);
  // 1,000 lines over the session's: a line's first line counts the shelf, its repeats add nothing.
  const many = Array.from({ length: 1000 }, (_, i) => ({ sku: lines[i % lines.length].sku, bin: lines[i % lines.length].bin,
    counted_qty: i >= 1 && i < lines.length ? lines[i].quantity : 0, client_entry_id: `rt-bulk-${i}` }));
  await measure("POST /api/inventory/count, 1,000 lines", "POST", "/api/inventory/count", { location_id: "nw_loc_dc1", session_id: session.id, counts: many }, TOKENS.scanner);
  // A count far off asks for a recount: that alone takes a third batch, which writes the recount task.
  const recountLine = lines.at(-1);
  const far = await rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: session.id,
    counts: [{ sku: recountLine.sku, bin: recountLine.bin, counted_qty: recountLine.quantity * 3, client_entry_id: "rt-far" }] } });
  assert.equal(far.status, 201);
  assert.equal(batches(far), 3, "read, write, then the recount task");
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, { token: admin }));
  const proposal = (await ok(rt.call("GET", "/api/proposed-actions?status=pending", { token: admin }))).items[0];
  await measure("POST /api/inventory/adjust", "POST", "/api/inventory/adjust", { proposed_action_id: proposal.id, decision: "reject", reason_code: "miscount", reason_note: "recounted" }, TOKENS.approver, 200);

  const entry = one.entries[0];
  for (const path of ["/api/locations", "/api/items?category=Snacks", "/api/balances?location_id=nw_loc_dc1", "/api/proposed-actions?status=pending",
    "/inventory/variances", "/inventory/variances?format=csv", "/inventory/variances/summary?group_by=week", "/api/events?type=inventory.adjusted",
    "/api/reflexion-log", "/api/guardrails", "/api/cycle-count-schedule?location_id=nw_loc_dc1", "/api/netsuite/connection", "/api/pushes",
    "/stock-count/sessions", `/stock-count/sessions/${session.id}`, `/stock-count/sessions/${session.id}/snapshots`,
    `/stock-count/sessions/${session.id}/variance`, `/stock-count/sessions/${session.id}/postings`, `/stock-count/sessions/${session.id}/ledger-entries`,
    `/stock-count/sessions/${session.id}/scopes`, `/stock-count/tasks?session_id=${session.id}`, `/stock-count/tasks/${task.id}`,
    `/stock-count/entries?session_id=${session.id}`, `/stock-count/entries/${entry.id}`]) {
    await measure(`GET ${path.split("?")[0]}`, "GET", path);
  }
  console.log(JSON.stringify(seen, null, 1));
  const over = Object.entries(seen).filter(([, n]) => n > 2);
  assert.deepEqual(over, []);
});

test("?return=summary answers counts and duplicates without reading every stored row back", async () => {
  const session = (await ok(rt.call("GET", "/stock-count/sessions?source=cron&status=ACTIVE&location_id=nw_loc_dc2", { token: TOKENS.admin }))).items[0];
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=50`, { token: TOKENS.admin }))).items.filter((l) => l.bin);
  const counts = lines.slice(0, 20).map((l, i) => ({ sku: l.sku, bin: l.bin, counted_qty: l.quantity, client_entry_id: `sum-${i}` }));
  const body = { location_id: "nw_loc_dc2", session_id: session.id, counts };
  const first = await ok(rt.call("POST", "/api/inventory/count?return=summary", { token: TOKENS.scanner, body }), 201);
  assert.deepEqual(first, { session_id: session.id, accepted: 20, duplicates: [] });
  const again = await ok(rt.call("POST", "/api/inventory/count?return=summary", { token: TOKENS.scanner, body: { ...body, counts: counts.slice(0, 3) } }), 201);
  assert.equal(again.accepted, 0);
  assert.deepEqual(again.duplicates.map((d) => d.client_entry_id), ["sum-0", "sum-1", "sum-2"]);
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE client_entry_id LIKE 'sum-%'");
  assert.equal(n, 20);
  const bad = await rt.call("POST", "/api/inventory/count?return=everything", { token: TOKENS.scanner, body });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /query.return/);
});
