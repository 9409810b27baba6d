// Reason codes (issue 27): a business's list of causes (GET|PUT /api/reason-codes), named by every
// decision — alone, or a session's at once — kept on the proposal, the adjustment and its ledger
// rows, written into the NetSuite memo (netsuite_push.test.mjs reads it at the stand-in), and
// reported by week (GET /inventory/variances/by-reason). An automatic adjustment's code is
// within_tolerance.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

const admin = { token: TOKENS.admin };
const approver = { token: TOKENS.approver };
let rt;

before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

// A session at DC1 over `zone`: one line counted at half (a proposal) and one a unit short (automatic).
async function countedSession(zone) {
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...admin, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...admin, body: { kind: "zone", value: zone } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, admin));
  const { items } = await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, admin));
  const perItem = new Map();
  for (const l of items) perItem.set(l.item_id, (perItem.get(l.item_id) ?? 0) + 1);
  const [big, small] = items.filter((l) => l.bin && perItem.get(l.item_id) === 1 && l.quantity >= 40);
  await ok(rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: session.id,
    counts: [{ sku: big.sku, bin: big.bin, counted_qty: Math.floor(big.quantity / 2) }, { sku: small.sku, bin: small.bin, counted_qty: small.quantity - 1 }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, admin));
  const { items: proposals } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${session.id}`, approver));
  return { session, proposals };
}

test("the list: defaults until an admin saves one; a bad list is refused field by field and writes nothing", async () => {
  const defaults = await ok(rt.call("GET", "/api/reason-codes", approver));
  assert.deepEqual(defaults.items.map((r) => r.code), ["damaged", "theft", "miscount", "uom", "found", "supplier_short", "other"]);
  assert.equal(defaults.customized, false);
  assert.equal((await rt.call("GET", "/api/reason-codes", { token: TOKENS.scanner })).status, 403);
  assert.equal((await rt.call("PUT", "/api/reason-codes", { ...approver, body: { items: [{ code: "x", label: "X" }] } })).status, 403);

  const bad = await rt.call("PUT", "/api/reason-codes", { ...admin, body: { items: [
    { code: "Broken!", label: "Broken" }, { code: "lost", label: "" }, { code: "lost", label: "Lost" }, { code: "within_tolerance", label: "Mine" }] } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.path), ["items[0].code", "items[1].label", "items[2].code", "items[3].code"]);
  assert.equal((await rt.call("PUT", "/api/reason-codes", { ...admin, body: { items: [] } })).status, 422);
  assert.equal((await rt.call("PUT", "/api/reason-codes", { ...admin, body: { codes: [] } })).status, 422);
  assert.equal((await ok(rt.call("GET", "/api/reason-codes", approver))).customized, false, "nothing was saved");
});

test("a decision names a code of the business's list; the proposal, adjustment and ledger keep it", async () => {
  const saved = await ok(rt.call("PUT", "/api/reason-codes", { ...admin, body: { items: [
    { code: "breakage", label: "Broken in handling", ns_memo: "BRK write-off" }, { code: "miscount", label: "Counted wrong" },
    { code: "other", label: "Other" }] } }));
  assert.equal(saved.customized, true);
  assert.equal(saved.updated_by, "Demo admin");
  const { session, proposals: [proposal] } = await countedSession("B");
  const decide = (body) => rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", ...body } });
  const old = await decide({ reason_code: "damaged" });
  assert.equal(old.status, 422, "a default code the business replaced is no longer one");
  assert.match(old.json.errors[0].message, /breakage, miscount, other/);
  const approved = await ok(decide({ reason_code: "breakage" }));
  assert.equal(approved.reason_code, "breakage");
  assert.equal(approved.adjustment.reason_code, "breakage");
  const [push] = await rt.rows("SELECT payload FROM ns_pending_pushes WHERE adjustment_id = ?", approved.adjustment.id);
  assert.match(JSON.parse(push.payload).memo, /approved by Demo approver; reason breakage: BRK write-off$/, "ns_memo goes to NetSuite");
  const ledger = await ok(rt.call("GET", `/stock-count/sessions/${session.id}/ledger-entries?page_size=100`, approver));
  const byCode = {};
  for (const l of ledger.items) (byCode[l.reason_code] ??= []).push(l);
  assert.ok(byCode.breakage?.length === 1 && byCode.within_tolerance?.length === 1, JSON.stringify(ledger.items.map((l) => l.reason_code)));
  const [auto] = await rt.rows("SELECT a.reason_code, p.payload FROM inventory_adjustment a JOIN ns_pending_pushes p ON p.adjustment_id = a.id WHERE a.session_id = ? AND a.reason = 'cycle_count_auto'", session.id);
  assert.equal(auto.reason_code, "within_tolerance");
  assert.match(JSON.parse(auto.payload).memo, /reason within_tolerance: within the guardrail$/);
  await ok(rt.call("PUT", "/api/reason-codes", { ...admin, body: { items: [
    { code: "damaged", label: "Damaged" }, { code: "miscount", label: "Miscount corrected" }, { code: "other", label: "Other (see the note)" }] } }));
});

test("a session's decision needs a code too; a rejection that reverses bookings carries it", async () => {
  const { session } = await countedSession("C");
  const none = await rt.call("PATCH", `/stock-count/sessions/${session.id}/approve`, { ...approver, body: {} });
  assert.equal(none.status, 422);
  assert.deepEqual(none.json.errors.map((e) => e.path), ["reason_code"]);
  const other = await rt.call("PATCH", `/stock-count/sessions/${session.id}/reject`, { ...approver, body: { reason_code: "other", reverse: true } });
  assert.equal(other.status, 422);
  assert.deepEqual(other.json.errors.map((e) => e.path), ["reason_note"]);
  assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${session.id}`, approver))).status, "CLOSED", "nothing moved");
  const rejected = await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/reject`, { ...approver, body: { reason_code: "miscount", reverse: true } }));
  assert.equal(rejected.status, "REJECTED");
  assert.equal(rejected.adjustments_reversed, 1);
  const reversal = await rt.rows("SELECT reason_code FROM inventory_adjustment WHERE session_id = ? AND reverses_adjustment_id IS NOT NULL", session.id);
  assert.deepEqual(reversal.map((r) => r.reason_code), ["miscount"]);
  const decided = await ok(rt.call("GET", `/api/proposed-actions?status=rejected&session_id=${session.id}`, approver));
  assert.deepEqual(decided.items.map((p) => p.reason_code), ["miscount"]);
});

test("the dashboard's figures: variance value by week and reason code", async () => {
  const { items } = await ok(rt.call("GET", "/inventory/variances/by-reason?location_id=nw_loc_dc1", approver));
  const week = (await rt.rows("SELECT date(started_at, '-6 days', 'weekday 1') AS w FROM stock_count_session WHERE id IN (SELECT session_id FROM proposed_actions WHERE reason_code = 'breakage')"))[0].w;
  const thisWeek = items.filter((r) => r.week === week);
  const row = (code) => thisWeek.find((r) => r.reason_code === code);
  assert.equal(row("breakage").lines, 1);
  assert.equal(row("breakage").label, "breakage", "a code no longer listed shows as itself");
  assert.equal(row("within_tolerance").label, "Within tolerance");
  assert.ok(row("within_tolerance").lines >= 2, "both sessions' automatic lines");
  assert.equal(row("miscount").lines, 1);
  assert.equal(row("miscount").label, "Miscount corrected");
  const [{ v }] = await rt.rows("SELECT SUM(ABS(v.value_minor)) AS v FROM cycle_count_variances v JOIN proposed_actions p ON p.variance_id = v.id WHERE p.reason_code = 'breakage'");
  assert.equal(row("breakage").absolute_value_minor, v);
  assert.equal((await rt.call("GET", "/inventory/variances/by-reason", { token: TOKENS.scanner })).status, 403);
});
