// Approval limits per token (issue 27): an approver whose limit a proposal is over cannot decide it
// (403 naming the limit; nothing written), sees which proposals it may decide, cannot approve a
// session holding one; an admin without a limit can; an admin changes the limits (PATCH), and a
// scanner never gets any.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

const admin = { token: TOKENS.admin };
let rt, limited;

before(async () => {
  rt = await startRuntime();
  const made = await ok(rt.call("POST", "/api/tokens", { ...admin, body: { name: "Shift lead", role: "approver", limits: { value: "5.00", qty: 50 } } }), 201);
  assert.deepEqual(made.limits, { qty: 50, pct: null, value: "5.00" });
  limited = { token: made.token, id: made.id };
});
after(async () => { await rt?.stop(); });

// A session at DC1 over `zone` with one line counted at half: a proposal worth more than 5.00.
async function bigProposal(zone) {
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...admin, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...admin, body: { kind: "zone", value: zone } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, admin));
  const { items } = await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, admin));
  const line = items.find((l) => l.bin && l.quantity >= 40);
  await ok(rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: session.id,
    counts: [{ sku: line.sku, bin: line.bin, counted_qty: Math.floor(line.quantity / 2) }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, admin));
  const { items: [proposal] } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${session.id}`, { token: limited.token }));
  return { session, proposal };
}

test("an approver over their limit is refused in words, nothing is written, and an admin then approves", async () => {
  const { proposal } = await bigProposal("B");
  assert.equal(proposal.may_decide, false, "the queue says which proposals the viewer may decide");
  assert.match(proposal.over_limit, /is over the limit/);
  const refused = await rt.call("POST", "/api/inventory/adjust", { token: limited.token, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "ok" } });
  assert.equal(refused.status, 403);
  assert.match(refused.json.detail, /^(quantity [\d.]+ is over the limit 50|value [\d.]+ is over the limit 5\.00); an admin, or an approver whose limits cover it, may decide/);
  const still = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${proposal.session_id}`, admin));
  assert.equal(still.items[0].id, proposal.id, "still pending");
  assert.equal(still.items[0].may_decide, true, "an admin without limits may decide it");
  const rejecting = await rt.call("POST", "/api/inventory/adjust", { token: limited.token, body: { proposed_action_id: proposal.id, decision: "reject", reason_code: "miscount", reason_note: "no" } });
  assert.equal(rejecting.status, 403, "rejecting is deciding too");
  const approved = await ok(rt.call("POST", "/api/inventory/adjust", { ...admin, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "checked" } }));
  assert.equal(approved.status, "approved");
});

test("a session holding a proposal over the limit is not approved by that approver; raised limits let it through", async () => {
  const { session } = await bigProposal("C");
  const refused = await rt.call("PATCH", `/stock-count/sessions/${session.id}/approve`, { token: limited.token, body: { reason_code: "miscount" } });
  assert.equal(refused.status, 403);
  assert.match(refused.json.detail, /^1 of the session's pending proposals are over your approval limit/);
  const raised = await ok(rt.call("PATCH", `/api/tokens/${limited.id}`, { ...admin, body: { limits: { value: "100000.00" } } }));
  assert.deepEqual(raised.limits, { qty: null, pct: null, value: "100000.00" });
  const approved = await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/approve`, { token: limited.token, body: { reason_code: "miscount" } }));
  assert.equal(approved.status, "APPROVED");
  const cleared = await ok(rt.call("PATCH", `/api/tokens/${limited.id}`, { ...admin, body: { limits: null } }));
  assert.equal(cleared.limits, null);
  const listed = await ok(rt.call("GET", "/api/tokens?role=approver&page_size=100", admin));
  assert.equal(listed.items.find((t) => t.id === limited.id).limits, null);
});

test("limits are checked, are for approvers and admins, and belong to the business", async () => {
  const scanner = await rt.call("POST", "/api/tokens", { ...admin, body: { name: "Counter", role: "scanner", limits: { qty: 5 } } });
  assert.equal(scanner.status, 422);
  assert.equal(scanner.json.errors[0].path, "limits");
  const bad = await rt.call("POST", "/api/tokens", { ...admin, body: { name: "X", role: "approver", limits: { qty: -1, value: "a lot", days: 3 } } });
  assert.deepEqual(bad.json.errors.map((e) => e.path).sort(), ["limits.days", "limits.qty", "limits.value"]);
  const counter = await ok(rt.call("POST", "/api/tokens", { ...admin, body: { name: "Counter 2", role: "scanner" } }), 201);
  const onScanner = await rt.call("PATCH", `/api/tokens/${counter.id}`, { ...admin, body: { limits: { qty: 1 } } });
  assert.equal(onScanner.status, 422);
  const [row] = await rt.rows("SELECT limit_qty FROM api_tokens WHERE name = 'Counter 2'");
  assert.equal(row.limit_qty, null, "nothing written");
  const other = await rt.call("PATCH", `/api/tokens/${limited.id}`, { token: TOKENS.otherAdmin, body: { limits: null } });
  assert.equal(other.status, 404);
  const byApprover = await rt.call("PATCH", `/api/tokens/${limited.id}`, { token: TOKENS.approver, body: { limits: null } });
  assert.equal(byApprover.status, 403);
});
