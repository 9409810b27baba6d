// Counts are never lost, doubled or silently outdated (issue 23's table, a test per row):
// a count racing a close, serials counted twice, outdated counts, over-committed stock,
// rejection after booking, and the Idempotency-Key on every unsafe method.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { pauseBeforeWrite as pause } from "../support/core_turns.mjs";

import { checkInvariants } from "../../scripts/invariants.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const admin = { token: TOKENS.admin };
const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };

// An ACTIVE session of one scope at nw_loc_dc1 and its untracked snapshot lines.
async function activeSession(scope = { kind: "zone", value: "A" }, type = "CYCLE") {
  const s = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type } }), 201);
  if (scope) await ok(rt.call("POST", `/stock-count/sessions/${s.id}/scopes`, { ...approver, body: scope }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/start`, approver));
  const lines = [];
  for (let page = 1; ; page++) {
    const { items } = await ok(rt.call("GET", `/stock-count/sessions/${s.id}/snapshots?page_size=500&page=${page}`, approver));
    lines.push(...items);
    if (items.length < 500) break;
  }
  return { id: s.id, lines };
}

// Items of the session with an accepted entry but no variance row of the close.
async function acceptedButNotJudged(sessionId) {
  return rt.rows(`SELECT DISTINCT e.item_id FROM stock_count_entry e WHERE e.session_id = ?
    AND NOT EXISTS (SELECT 1 FROM cycle_count_variances v WHERE v.session_id = e.session_id AND v.item_id = e.item_id)`, sessionId);
}

// One request driven turn by turn against the runtime's D1 (a deterministic stale read):
// runs its read batches, stops before its first write batch and returns a function that
// runs the rest of the conversation to its answer.
test("a count that lands between a close's reads and its write is judged by the close, never accepted and ignored", async () => {
  const s = await activeSession();
  const [first, late] = s.lines.filter((l) => l.bin && l.kind === "untracked");
  await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: s.id,
    counts: [{ sku: first.sku, bin: first.bin, counted_qty: first.quantity }] } }), 201);
  const finishClose = await pause(rt, { method: "PATCH", path: `/stock-count/sessions/${s.id}/close` }, TOKENS.approver);
  const count = await ok(rt.call("POST", "/api/inventory/count?return=summary", { ...scanner, body: { location_id: "nw_loc_dc1",
    session_id: s.id, counts: [{ sku: late.sku, bin: late.bin, counted_qty: late.quantity + 5 }] } }), 201);
  assert.equal(count.accepted, 1);
  const closed = await finishClose();
  assert.equal(closed.status, 200, JSON.stringify(closed.json));
  assert.deepEqual(await acceptedButNotJudged(s.id), []);
  const [variance] = await rt.rows("SELECT counted_qty, system_qty_at_count FROM cycle_count_variances WHERE session_id = ? AND item_id = ?", s.id, late.item_id);
  assert.equal(variance.counted_qty - variance.system_qty_at_count, 5000);
});

test("stock that moves between the snapshot and the count: expected_qty is the snapshot's, system_qty_at_count the on-hand when counted, everywhere", async () => {
  const s = await activeSession();
  const perItem = new Map();
  for (const l of s.lines) perItem.set(l.item_id, (perItem.get(l.item_id) ?? 0) + 1);
  const line = s.lines.find((l) => l.bin && l.kind === "untracked" && l.quantity >= 10 && perItem.get(l.item_id) === 1);
  // Three sold from the shelf after the snapshot, then the counter finds it empty.
  await rt.rows("UPDATE inventory_detail SET quantity = quantity - 3000 WHERE item_id = ? AND bin_id = (SELECT id FROM bins WHERE code = ? AND location_id = 'nw_loc_dc1')",
    line.item_id, line.bin);
  await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: s.id,
    counts: [{ sku: line.sku, bin: line.bin, counted_qty: 0 }] } }), 201);
  const variance = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/variance?page_size=500`, approver))).items
    .find((l) => l.item_id === line.item_id && l.bin === line.bin);
  assert.deepEqual([variance.expected_qty, variance.system_qty_at_count, variance.variance], [line.quantity, line.quantity - 3, -(line.quantity - 3)]);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  const proposal = (await ok(rt.call("GET", "/api/proposed-actions?status=pending&page_size=500", approver))).items
    .find((p) => p.session_id === s.id && p.item_id === line.item_id);
  const row = (await ok(rt.call("GET", `/inventory/variances?session_id=${s.id}&page_size=500`, approver))).items
    .find((v) => v.item_id === line.item_id);
  for (const shown of [proposal, row]) {
    assert.deepEqual([shown.expected_qty, shown.system_qty_at_count, shown.counted_qty, shown.delta],
      [line.quantity, line.quantity - 3, 0, -(line.quantity - 3)]);
    assert.equal(shown.expected_snapshot_qty, line.quantity, "the old name stays one release");
  }
});

test("fifty scanners counting while a supervisor closes: every accepted count is in the close's variance, the rest are 409", async () => {
  for (let run = 0; run < 3; run++) {
    const s = await activeSession();
    const lines = s.lines.filter((l) => l.bin && l.kind === "untracked").slice(0, 50);
    assert.equal(lines.length, 50);
    const counts = lines.map((l, i) => rt.call("POST", "/api/inventory/count?return=summary", { ...scanner, body: { location_id: "nw_loc_dc1",
      counts: [{ sku: l.sku, bin: l.bin, counted_qty: l.quantity + 1, client_entry_id: `race-${run}-${i}` }] } }));
    await new Promise((r) => setTimeout(r, 5 + run * 10));
    const close = rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver);
    const answers = await Promise.all(counts);
    assert.equal((await close).status, 200, (await close).text);
    for (const a of answers) assert.ok(a.status === 201 || a.status === 409, `${a.status} ${a.text}`);
    const accepted = answers.filter((a) => a.status === 201 && a.json.session_id === s.id).length;
    const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", s.id);
    assert.equal(n, accepted, "every stored count was answered as accepted into this session");
    assert.deepEqual(await acceptedButNotJudged(s.id), [], `run ${run}: ${accepted} accepted`);
  }
});

test("a serial is 0 or 1 in a session: a second positive entry of it is 422 naming it, on both ingest routes", async () => {
  const s = await activeSession({ kind: "product", value: "nw_item_104" });
  const unit = s.lines.find((l) => l.serial_number);
  const line = (extra) => ({ sku: unit.sku, bin: unit.bin, serial_number: unit.serial_number, counted_qty: 1, ...extra });
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: s.id, entries: [line({ client_entry_id: "sn-1" })] } }), 201);
  // A retry of the same entry is a duplicate, not a second count.
  const retry = await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: s.id, entries: [line({ client_entry_id: "sn-1" })] } }), 201);
  assert.equal(retry.accepted, 0);
  for (const [path, body] of [
    ["/stock-count/entries", { session_id: s.id, entries: [line({ client_entry_id: "sn-2" })] }],
    ["/api/inventory/count", { location_id: "nw_loc_dc1", counts: [line({ client_entry_id: "sn-3" })] }],
  ]) {
    const r = await rt.call("POST", path, { ...scanner, body });
    assert.equal(r.status, 422, `${path}: ${r.text}`);
    assert.match(r.json.errors[0].path, /\[0\]\.serial_number$/);
    assert.match(r.json.errors[0].message, new RegExp(`serial ${unit.serial_number} is already counted`));
  }
  // Two lines of one request naming the same serial: the second is refused and nothing is written.
  const other = s.lines.find((l) => l.serial_number && l.serial_number !== unit.serial_number);
  const twice = { sku: other.sku, bin: other.bin, serial_number: other.serial_number, counted_qty: 1 };
  const r = await rt.call("POST", "/stock-count/entries", { ...scanner, body: { session_id: s.id, entries: [twice, twice] } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.errors.map((e) => e.path), ["entries[1].serial_number"]);
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", s.id);
  assert.equal(n, 1);
  // The variance line of the serial says counted 1, and the close posts no increase of a unit already in stock.
  const variance = await ok(rt.call("GET", `/stock-count/sessions/${s.id}/variance?page_size=500`, approver));
  assert.equal(variance.items.find((l) => l.serial_number === unit.serial_number).counted_qty, 1);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  const [{ increases }] = await rt.rows(`SELECT COUNT(*) AS increases FROM inventory_adjustment a JOIN inventory_adjustment_line l ON l.adjustment_id = a.id
    WHERE a.session_id = ? AND a.direction = 'INCREASE'`, s.id);
  assert.equal(increases, 0);
});

test("two requests counting one serial at once: one is recorded, the other refused", async () => {
  const s = await activeSession({ kind: "product", value: "nw_item_193" });
  const unit = s.lines.find((l) => l.serial_number);
  const body = (id) => ({ session_id: s.id, entries: [{ sku: unit.sku, bin: unit.bin, serial_number: unit.serial_number, counted_qty: 1, client_entry_id: id }] });
  const finish = await pause(rt, { method: "POST", path: "/stock-count/entries", body: body("first") }, TOKENS.scanner);
  await ok(rt.call("POST", "/stock-count/entries", { ...scanner, body: body("second") }), 201);
  const late = await finish();
  assert.equal(late.status, 409, JSON.stringify(late.json));
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ? AND counted_qty > 0", s.id);
  assert.equal(n, 1);
});

test("an Idempotency-Key holds on PUT, PATCH and DELETE: the first answer replayed, another body 422", async () => {
  const key = { "Idempotency-Key": "guardrail-change-1" };
  const first = await rt.call("PUT", "/api/guardrails", { ...admin, headers: key, body: { inventory_auto_pct: 4 } });
  assert.equal(first.status, 200, first.text);
  const again = await rt.call("PUT", "/api/guardrails", { ...admin, headers: key, body: { inventory_auto_pct: 4 } });
  assert.equal(again.status, 200);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
  assert.equal(again.text, first.text);
  const other = await rt.call("PUT", "/api/guardrails", { ...admin, headers: key, body: { inventory_auto_pct: 9 } });
  assert.equal(other.status, 422, other.text);
  assert.equal((await ok(rt.call("GET", "/api/guardrails", admin))).inventory_auto_pct, 4);

  const s = await activeSession({ kind: "bin", value: "A-01-01" });
  const closeKey = { "Idempotency-Key": `close-${s.id}` };
  const closed = await rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, { ...approver, headers: closeKey });
  assert.equal(closed.status, 200, closed.text);
  const retried = await rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, { ...approver, headers: closeKey });
  assert.equal(retried.status, 200, retried.text);
  assert.equal(retried.text, closed.text);
  assert.equal((await rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver)).status, 409);

  const token = await ok(rt.call("POST", "/api/tokens", { ...admin, body: { name: "short-lived", role: "scanner" } }), 201);
  const delKey = { "Idempotency-Key": `revoke-${token.id}` };
  const revoked = await rt.call("DELETE", `/api/tokens/${token.id}`, { ...admin, headers: delKey });
  const revokedAgain = await rt.call("DELETE", `/api/tokens/${token.id}`, { ...admin, headers: delKey });
  assert.equal(revokedAgain.status, revoked.status);
  assert.equal(revokedAgain.headers.get("idempotent-replayed"), "true");
});

test("one Idempotency-Key in two businesses is two requests: each executes on its own", async () => {
  const key = { "Idempotency-Key": "shared-key-between-tenants" };
  const mine = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, headers: key, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  const theirs = await ok(rt.call("POST", "/stock-count/sessions", { token: TOKENS.otherAdmin, headers: key, body: { location_id: "ct_loc_wh1", type: "CYCLE" } }), 201);
  assert.notEqual(theirs.id, mine.id);
  assert.equal(theirs.location_id, "ct_loc_wh1");
});

test("an Idempotency-Key over 200 characters or with a control character is 400 and nothing is done", async () => {
  const before = (await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session"))[0].n;
  for (const bad of ["k".repeat(201), "k".repeat(8000)]) {
    const r = await rt.call("POST", "/stock-count/sessions", { ...approver, headers: { "Idempotency-Key": bad }, body: { location_id: "nw_loc_dc1", type: "CYCLE" } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.headers.get("content-type"), "application/problem+json");
    assert.equal(r.json.errors[0].path, "headers.Idempotency-Key");
  }
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session"))[0].n, before);
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM idempotency_keys WHERE length(idem_key) > 200"))[0].n, 0);
  await ok(rt.call("POST", "/stock-count/sessions", { ...approver, headers: { "Idempotency-Key": "k".repeat(200) }, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
});

test("every answer to a request with a token says Cache-Control: no-store", async () => {
  for (const path of ["/api/tokens", "/api/netsuite/connection", "/api/pushes", "/inventory/variances", "/api/guardrails", "/api/items"]) {
    const r = await rt.call("GET", path, admin);  // 404 for the connection: none is stored in this database
    assert.ok(r.status === 200 || (r.status === 404 && path === "/api/netsuite/connection"), `${path} ${r.status} ${r.text}`);
    assert.equal(r.headers.get("cache-control"), "no-store", path);
  }
  assert.equal((await rt.call("GET", "/api/tokens", { token: "not-a-token" })).headers.get("cache-control"), "no-store");
});

test("the invariants hold after everything above", async () => {
  assert.deepEqual(await checkInvariants((sql, ...p) => rt.rows(sql, ...p)), []);
});
