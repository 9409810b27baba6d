// The stock-count module on the real local runtime (workerd + D1), driven
// over HTTP the way a supervisor's browser and a scanner would.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkInvariants } from "../../scripts/invariants.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
// Figures are read as a supervisor reads them: a scanner counts blind (tests/worker/blind_counts.test.mjs).
const reader = { token: TOKENS.approver };

// A session counting one category, started (and so snapshotted).
async function startedSession({ category = "Snacks", type = "CYCLE", strategy = "by_category" } = {}) {
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type, name: `${category} count` } }), 201);
  if (type === "CYCLE") await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "category", value: category } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/tasks/generate`, { ...approver, body: { strategy, assignees: ["ana", "ben"] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  return session.id;
}

async function snapshotLines(id, query = "") {
  return (await ok(rt.call("GET", `/stock-count/sessions/${id}/snapshots?page_size=500${query}`, reader))).items;
}

async function closeApprove(id, closeBody) {
  await ok(rt.call("PATCH", `/stock-count/sessions/${id}/close`, { ...approver, body: closeBody }));
  await ok(rt.call("PATCH", `/stock-count/sessions/${id}/approve`, { ...approver, body: { reason_code: "miscount" } }));
}

const count = (rows) => rows[0].n;

test("the seed's example workflow runs end to end and posts one adjustment per direction", async () => {
  const id = await startedSession();
  const tasks = (await ok(rt.call("GET", `/stock-count/tasks?session_id=${id}`, reader))).items;
  assert.equal(tasks.length, 1);
  assert.equal(tasks[0].category, "Snacks");
  assert.equal(tasks[0].status, "OPEN");
  assert.ok(tasks[0].line_count > 0);

  // Re-snapshotting before any count is allowed and never doubles expectations.
  const before = await ok(rt.call("GET", `/stock-count/sessions/${id}`, reader));
  await ok(rt.call("POST", `/stock-count/sessions/${id}/snapshot`, approver), 201);
  const again = await ok(rt.call("GET", `/stock-count/sessions/${id}`, reader));
  assert.deepEqual(again.snapshot, before.snapshot);

  const [short, over] = (await snapshotLines(id, "&kind=untracked")).filter((l) => l.bin);
  const entries = await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [
    { sku: short.sku, bin: short.bin, counted_qty: short.quantity - 2, client_entry_id: "wf-1" },
    { item_id: over.item_id, bin: over.bin, counted_qty: over.quantity + 1.5, client_entry_id: "wf-2" },
  ] } }), 201);
  assert.equal(entries.accepted, 2);
  assert.ok(!("system_qty_at_count" in entries.entries[0]), "the scanner's answer is blind");
  const stored = (await ok(rt.call("GET", `/stock-count/entries?session_id=${id}&item_id=${short.item_id}`, reader))).items;
  assert.equal(stored[0].system_qty_at_count, short.quantity);
  assert.equal(entries.entries[0].counted_by, "Demo scanner");

  const variance = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?min_abs_variance=0.5`, reader));
  assert.deepEqual(variance.items.map((l) => l.variance).sort(), [-2, 1.5]);
  const all = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?page_size=500`, reader));
  assert.ok(all.items.some((l) => l.status === "not_counted" && l.counted_qty === null), "uncounted CYCLE lines are not zero");

  await ok(rt.call("PATCH", `/stock-count/tasks/${tasks[0].id}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  const preview = await ok(rt.call("GET", `/stock-count/sessions/${id}/postings`, reader));
  assert.equal(preview.posted, false);
  assert.equal(preview.preview.length, 2);
  // Close runs the variance workflow (auto lines post at once, others wait);
  // approving the session approves what waits; post seals it.
  await closeApprove(id);

  const posted = await ok(rt.call("POST", `/stock-count/sessions/${id}/post`, approver), 201);
  assert.deepEqual(posted.postings.map((p) => p.direction).sort(), ["DECREASE", "INCREASE"]);
  const ledger = await ok(rt.call("GET", `/stock-count/sessions/${id}/ledger-entries`, reader));
  assert.deepEqual(ledger.items.map((l) => l.quantity_change).sort(), [-2, 1.5]);
  const outbox = await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.session_id = ?", id);
  assert.equal(count(outbox), 2, "each adjustment has its NetSuite outbox row");

  // Posting again replays the same postings and writes nothing.
  const replay = await ok(rt.call("POST", `/stock-count/sessions/${id}/post`, approver));
  assert.equal(replay.replayed, true);
  assert.deepEqual(replay.postings.map((p) => p.id).sort(), posted.postings.map((p) => p.id).sort());
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM inventory_adjustment WHERE session_id = ?", id)), 2);
});

test("two concurrent posts produce one set of adjustments", async () => {
  const id = await startedSession({ category: "Beverages" });
  const [line] = await snapshotLines(id, "&kind=untracked");
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: 0 }] } }), 201);
  await closeApprove(id);
  const results = await Promise.all([1, 2, 3].map(() => rt.call("POST", `/stock-count/sessions/${id}/post`, approver)));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 201]);
  const ids = new Set(results.flatMap((r) => r.json.postings.map((p) => p.id)));
  assert.equal(ids.size, 1);
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM inventory_adjustment WHERE session_id = ?", id)), 1);
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM inventory_ledger l JOIN inventory_adjustment a ON a.id = l.ref_id WHERE a.session_id = ?", id)), 1);
});

test("a close that fails midway leaves no partial rows and can be retried", async () => {
  const id = await startedSession({ category: "Cleaning" });
  const [line] = await snapshotLines(id, "&kind=untracked");
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity + 4 }] } }), 201);
  const guardrail = await ok(rt.call("GET", "/api/guardrails", { token: TOKENS.admin }));
  await ok(rt.call("PUT", "/api/guardrails", { token: TOKENS.admin, body: { inventory_auto_pct: 100 } }));
  // The reflexion_log rows come last in the close's batch: make them fail.
  await rt.db.exec("CREATE TRIGGER fail_log BEFORE INSERT ON reflexion_log BEGIN SELECT RAISE(ABORT, 'log down'); END;");
  try {
    const failed = await rt.call("PATCH", `/stock-count/sessions/${id}/close`, approver);
    assert.equal(failed.status, 503);
    assert.equal(failed.headers.get("content-type"), "application/problem+json");
    for (const table of ["cycle_count_variances", "inventory_adjustment", "proposed_actions"]) {
      assert.equal(count(await rt.rows(`SELECT COUNT(*) AS n FROM ${table} WHERE session_id = ?`, id)), 0, table);
    }
    assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes WHERE external_id LIKE ?", `cc-stock-count:${id}:%`)), 0);
    assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${id}`, reader))).status, "ACTIVE");
  } finally {
    await rt.db.exec("DROP TRIGGER fail_log;");
  }
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${id}/close`, approver));
  assert.deepEqual(closed.workflow, { auto_adjusted: 1, staged_for_review: 0, confirmed: 0 });
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes WHERE external_id = ?", `cc-stock-count:${id}:INCREASE`)), 1);
  await ok(rt.call("PUT", "/api/guardrails", { token: TOKENS.admin, body: guardrail }));
});

test("two concurrent closes run the variance workflow once", async () => {
  const id = await startedSession({ category: "Hardware" });
  const lines = (await snapshotLines(id, "&kind=untracked")).slice(0, 3);
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: lines.map((l, i) => ({ sku: l.sku, bin: l.bin, counted_qty: l.quantity + i })) } }), 201);
  const results = await Promise.all([1, 2, 3].map(() => rt.call("PATCH", `/stock-count/sessions/${id}/close`, approver)));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409]);
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM cycle_count_variances WHERE session_id = ?", id)), 3);
});

test("illegal transitions are 409 and change nothing", async () => {
  const draft = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  for (const action of ["close", "approve"]) {
    const r = await rt.call("PATCH", `/stock-count/sessions/${draft.id}/${action}`, approver);
    assert.equal(r.status, 409, action);
  }
  assert.equal((await rt.call("POST", `/stock-count/sessions/${draft.id}/post`, approver)).status, 409);
  assert.equal((await rt.call("PATCH", `/stock-count/sessions/${draft.id}/start`, approver)).status, 409, "no scope yet");
  const entries = await rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: draft.id, entries: [{ sku: "NW-00001", counted_qty: 1 }] } });
  assert.equal(entries.status, 409, "entries only while ACTIVE");
  assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${draft.id}`, reader))).status, "DRAFT");

  const active = await startedSession({ category: "Hardware", strategy: "by_zone_bin" });
  const scope = await rt.call("POST", `/stock-count/sessions/${active}/scopes`, { ...approver, body: { kind: "brand", value: "Acme" } });
  assert.equal(scope.status, 409, "scopes only in DRAFT");
  const rejected = await ok(rt.call("PATCH", `/stock-count/sessions/${active}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "wrong zone" } }));
  assert.equal(rejected.status, "REJECTED");
  assert.equal((await rt.call("PATCH", `/stock-count/sessions/${active}/start`, approver)).status, 409, "REJECTED is terminal");
});

test("bad entries are all reported by index and none is written", async () => {
  const id = await startedSession({ category: "Apparel" });
  const [line] = await snapshotLines(id, "&kind=untracked");
  const before = count(await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", id));
  const r = await rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [
    { sku: line.sku, bin: line.bin, counted_qty: 3 },
    { sku: "NO-SUCH", counted_qty: 1 },
    { sku: line.sku, counted_qty: -1 },
    { sku: line.sku, counted_qty: 1.0005 },
    { sku: line.sku, bin: "Z-99-99", counted_qty: 1 },
  ] } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json.errors.map((e) => e.path), ["entries[1].sku", "entries[2].counted_qty", "entries[3].counted_qty", "entries[4].bin"]);
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", id)), before);
  const malformed = await rt.call("POST", "/stock-count/entries", { ...scanner, raw: "{not json", headers: { "content-type": "application/json" } });
  assert.equal(malformed.status, 400);
});

test("a retried scan is counted once; two counters on one line are summed and flagged", async () => {
  const id = await startedSession({ category: "Pharmacy" });
  const [line] = await snapshotLines(id, "&kind=untracked");
  const body = { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: 2, client_entry_id: "scan-77" }] };
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body }), 201);
  const retry = await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body }), 201);
  assert.equal(retry.accepted, 0);
  assert.deepEqual(retry.duplicates, [{ index: 0, client_entry_id: "scan-77" }]);
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: 3 }] } }), 201);
  const variance = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?min_abs_variance=0`, reader));
  const counted = variance.items.find((l) => l.sku === line.sku && l.bin === line.bin);
  assert.equal(counted.counted_qty, 5);
  assert.equal(counted.multiple_counts, true);
});

test("a scope removed in DRAFT narrows the session; a mistyped count is corrected while ACTIVE, not after", async () => {
  const draft = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  const keep = await ok(rt.call("POST", `/stock-count/sessions/${draft.id}/scopes`, { ...approver, body: { kind: "category", value: "Snacks" } }), 201);
  const drop = await ok(rt.call("POST", `/stock-count/sessions/${draft.id}/scopes`, { ...approver, body: { kind: "category", value: "Apparel" } }), 201);
  const gone = await rt.call("DELETE", `/stock-count/sessions/${draft.id}/scopes/${drop.id}`, approver);
  assert.equal(gone.status, 204);
  assert.equal(gone.text, "");
  assert.deepEqual((await ok(rt.call("GET", `/stock-count/sessions/${draft.id}/scopes`, reader))).items.map((s) => s.id), [keep.id]);
  assert.equal((await rt.call("DELETE", `/stock-count/sessions/${draft.id}/scopes/${drop.id}`, approver)).status, 404);

  const id = await startedSession({ category: "Cleaning" });
  const [line] = await snapshotLines(id, "&kind=untracked");
  const [entry] = (await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity * 10 }] } }), 201)).entries;
  const fixed = await ok(rt.call("PATCH", `/stock-count/entries/${entry.id}`, { ...scanner, body: { counted_qty: line.quantity } }));
  assert.equal(fixed.counted_qty, line.quantity);
  assert.equal((await ok(rt.call("GET", `/stock-count/entries/${entry.id}`, reader))).counted_qty, line.quantity);
  const variance = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?min_abs_variance=0&page_size=500`, reader));
  assert.equal(variance.items.find((l) => l.sku === line.sku && l.bin === line.bin).variance, 0);
  assert.equal((await rt.call("PATCH", `/stock-count/entries/${entry.id}`, { ...scanner, body: { counted_qty: -1 } })).status, 422);
  await ok(rt.call("PATCH", `/stock-count/sessions/${id}/close`, approver));
  assert.equal((await rt.call("PATCH", `/stock-count/entries/${entry.id}`, { ...scanner, body: { counted_qty: 1 } })).status, 409);
  assert.equal((await ok(rt.call("GET", `/stock-count/entries/${entry.id}`, reader))).counted_qty, line.quantity);
});

test("a recount supersedes the first count in variance", async () => {
  const id = await startedSession({ category: "Pet Care", strategy: "by_zone_bin" });
  const [line] = await snapshotLines(id, "&kind=untracked");
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: 1 }] } }), 201);
  const recount = await ok(rt.call("PATCH", `/stock-count/tasks/${line.task_id}/recount`, approver));
  assert.equal(recount.status, "PAUSED");
  assert.equal(recount.count_index, 2);
  await ok(rt.call("PATCH", `/stock-count/tasks/${line.task_id}`, { ...scanner, body: { status: "IN_PROGRESS" } }));
  const second = await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity }] } }), 201);
  assert.equal(second.entries[0].count_index, 2);
  const variance = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?task_id=${line.task_id}&min_abs_variance=0`, reader));
  const l = variance.items.find((v) => v.sku === line.sku);
  assert.equal(l.counted_qty, line.quantity);
  assert.equal(l.variance, 0);
  const bad = await rt.call("PATCH", `/stock-count/tasks/${line.task_id}`, { ...scanner, body: { status: "RECONCILED" } });
  assert.equal(bad.status, 422);
});

test("a FULL count lists uncounted lines and zeroes them only when the close says so", async () => {
  const id = await startedSession({ type: "FULL", strategy: "by_zone_bin" });
  const listed = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?page_size=1`, reader));
  assert.ok(listed.totals.not_counted > 1000);
  const cycleZero = await rt.call("PATCH", `/stock-count/sessions/${id}/close`, { ...approver, body: { zero_uncounted: "yes" } });
  assert.equal(cycleZero.status, 422);
  await ok(rt.call("PATCH", `/stock-count/sessions/${id}/close`, { ...approver, body: { zero_uncounted: true } }));
  const zeroed = await ok(rt.call("GET", `/stock-count/sessions/${id}/variance?page_size=1`, reader));
  assert.equal(zeroed.totals.not_counted, 0);
  assert.equal(zeroed.items[0].status, "zeroed");
  assert.equal(zeroed.items[0].counted_qty, 0);
});

test("a second business can neither see nor touch the session", async () => {
  const id = await startedSession({ category: "Electronics" });
  const other = { token: TOKENS.otherAdmin };
  for (const [method, path, body] of [
    ["GET", `/stock-count/sessions/${id}`],
    ["GET", `/stock-count/sessions/${id}/variance`],
    ["GET", `/stock-count/sessions/${id}/snapshots`],
    ["GET", `/stock-count/sessions/${id}/ledger-entries`],
    ["PATCH", `/stock-count/sessions/${id}/close`],
    ["POST", `/stock-count/sessions/${id}/post`],
    ["POST", "/stock-count/entries", { session_id: id, entries: [{ sku: "NW-00001", counted_qty: 1 }] }],
  ]) {
    const r = await rt.call(method, path, { ...other, body });
    assert.equal(r.status, 404, `${method} ${path}`);
  }
  const list = await ok(rt.call("GET", "/stock-count/sessions", other));
  assert.equal(list.total, 0);
  assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${id}`, reader))).status, "ACTIVE");
});

test("a scanner cannot run the lifecycle", async () => {
  const r = await rt.call("POST", "/stock-count/sessions", { ...scanner, body: { location_id: "nw_loc_dc1", type: "CYCLE" } });
  assert.equal(r.status, 403);
});

test("an Idempotency-Key replays the first answer and refuses a different body", async () => {
  const headers = { "Idempotency-Key": "create-once" };
  const first = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, headers, body: { location_id: "nw_loc_dc2", type: "CYCLE", name: "once" } }), 201);
  const again = await rt.call("POST", "/stock-count/sessions", { ...approver, headers, body: { location_id: "nw_loc_dc2", type: "CYCLE", name: "once" } });
  assert.equal(again.status, 201);
  assert.equal(again.json.id, first.id);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
  assert.equal(count(await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session WHERE name = 'once'")), 1);
  const different = await rt.call("POST", "/stock-count/sessions", { ...approver, headers, body: { location_id: "nw_loc_dc2", type: "FULL" } });
  assert.equal(different.status, 422);
});

test("the invariants hold after everything above", async () => {
  assert.deepEqual(await checkInvariants((sql, ...p) => rt.rows(sql, ...p)), []);
});
