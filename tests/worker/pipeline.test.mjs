// The weekly pipeline on the real local runtime (workerd + D1): the Monday
// tick, scanners posting counts, the variance workflow at close, a supervisor
// deciding what waits, the audit trail, the events feed and the report.
// The tests run in order and build on each other, as one week does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkInvariants } from "../../scripts/invariants.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const admin = { token: TOKENS.admin };
const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
// Figures are read as a supervisor reads them: a scanner counts blind (tests/worker/blind_counts.test.mjs).
const reader = { token: TOKENS.approver };
const other = { token: TOKENS.otherAdmin };

async function tick(iso) {
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(iso) });
}

async function cronSessions(location) {
  return (await ok(rt.call("GET", `/stock-count/sessions?source=cron&location_id=${location}&page_size=100`, approver))).items;
}

const week = {};  // what the tests learn about this week, in order

test("the Monday tick opens one zone session per location, however often it fires", async () => {
  await tick("2026-11-23T06:00:00Z");
  await tick("2026-11-23T06:00:30Z");  // a retried delivery of the same tick
  for (const location of ["nw_loc_dc1", "nw_loc_dc2"]) {
    const sessions = await cronSessions(location);
    assert.equal(sessions.length, 1, location);
    assert.equal(sessions[0].status, "ACTIVE");
    assert.equal(sessions[0].type, "CYCLE");
    assert.equal(sessions[0].week_key, "2026-W48");
  }
  const [dc1] = await cronSessions("nw_loc_dc1");
  assert.equal(dc1.zone_id, "nw_loc_dc1_za");
  const detail = await ok(rt.call("GET", `/stock-count/sessions/${dc1.id}`, reader));
  assert.deepEqual(detail.scopes.map((s) => [s.kind, s.value]), [["zone", "A"]]);
  assert.ok(detail.snapshot.lines > 0, "the snapshot is taken when the session opens");
  assert.ok(detail.tasks_by_status.OPEN > 0, "tasks by zone and bin are open for counting");
  const tasks = (await ok(rt.call("GET", `/stock-count/tasks?session_id=${dc1.id}&page_size=500`, reader))).items;
  assert.ok(tasks.every((t) => t.strategy === "by_zone_bin" && t.zone_code === "A"));
  // The other business got its own session, invisible here.
  const contoso = (await ok(rt.call("GET", "/stock-count/sessions?source=cron", other))).items;
  assert.equal(contoso.length, 1);
  assert.equal((await rt.call("GET", `/stock-count/sessions/${contoso[0].id}`, approver)).status, 404);
  week.session = dc1.id;
});

test("scanners post counts by sku and bin; the active session is found and retries are not doubled", async () => {
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${week.session}/snapshots?kind=untracked&page_size=500`, reader))).items;
  const byItem = new Map();
  for (const l of lines) byItem.set(l.item_id, [...(byItem.get(l.item_id) ?? []), l]);
  const single = [...byItem.values()].filter((ls) => ls.length === 1).map(([l]) => l).filter((l) => l.quantity >= 20);
  assert.ok(single.length >= 3, "the demo zone has items in one bin with 20 or more units");
  const [small, large, exact] = single;
  week.lines = { small, large, exact };
  const counts = [
    { sku: small.sku, bin: small.bin, counted_qty: small.quantity - 1, client_entry_id: "scan-1" },          // −1: within 5 %
    { sku: large.sku, bin: large.bin, counted_qty: Math.round(large.quantity * 0.5), client_entry_id: "scan-2" },  // half gone: review
    { sku: exact.sku, bin: exact.bin, counted_qty: exact.quantity, client_entry_id: "scan-3" },              // matches
  ];
  const first = await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", counts } }), 201);
  assert.equal(first.session_id, week.session);
  assert.equal(first.accepted, 3);
  assert.deepEqual(first.duplicates, []);
  assert.ok(!("system_qty_at_count" in first.entries[0]), "the scanner's answer is blind");
  const [stored] = (await ok(rt.call("GET", `/stock-count/entries?session_id=${week.session}&item_id=${small.item_id}`, reader))).items;
  assert.equal(stored.system_qty_at_count, small.quantity);

  // The scanner lost the answer and sends the batch again: nothing is counted twice.
  const retry = await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", counts } }), 201);
  assert.equal(retry.accepted, 0);
  assert.deepEqual(retry.duplicates.map((d) => d.client_entry_id), ["scan-1", "scan-2", "scan-3"]);

  // Stock found in a zone-A bin where the system expected none: always a person's call.
  const items = (await ok(rt.call("GET", "/api/items?page_size=500", reader))).items;
  const expected = new Set(lines.map((l) => l.sku));
  const stranger = items.find((i) => i.tracking === "none" && !expected.has(i.sku));
  week.stranger = stranger;
  await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", counts: [
    { sku: stranger.sku, bin: small.bin, zone: "A", counted_qty: 4, client_entry_id: "scan-4" }] } }), 201);
  const variance = await ok(rt.call("GET", `/stock-count/sessions/${week.session}/variance?min_abs_variance=0.001`, reader));
  assert.deepEqual(variance.items.map((l) => l.sku).sort(), [small.sku, large.sku, stranger.sku].sort(), "variance is visible live");
});

test("bad count rows are each reported by index and none of the request is written", async () => {
  const { small } = week.lines;
  const serialItem = (await ok(rt.call("GET", "/api/items?page_size=500", reader))).items.find((i) => i.tracking === "serial");
  const before = (await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", week.session))[0].n;
  const r = await rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", counts: [
    { sku: small.sku, bin: small.bin, counted_qty: 1, client_entry_id: "good-row" },
    { sku: "NO-SUCH-SKU", bin: small.bin, counted_qty: 1 },
    { sku: small.sku, bin: "B-01-01", counted_qty: 1 },
    { sku: small.sku, bin: small.bin, counted_qty: -3 },
    { sku: small.sku, bin: small.bin, counted_qty: "twelve" },
    { sku: serialItem.sku, bin: small.bin, counted_qty: 2, serial_number: "SN-X" },
    { sku: small.sku, bin: small.bin, zone: "NOPE", counted_qty: 1 },
    { sku: small.sku, bin: small.bin, zone: "B", counted_qty: 1 },
  ] } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.headers.get("content-type"), "application/problem+json");
  const paths = r.json.errors.map((e) => e.path);
  for (const path of ["counts[1].sku", "counts[2].bin", "counts[3].counted_qty", "counts[4].counted_qty", "counts[5].counted_qty"]) {
    assert.ok(paths.includes(path), `${path} in ${paths}`);
  }
  assert.ok(!paths.some((p) => p.startsWith("counts[0]")), "the good row is not blamed");
  const said = Object.fromEntries(r.json.errors.map((e) => [e.path, e.message]));
  assert.equal(said["counts[6].zone"], "no zone NOPE at this location");
  assert.equal(said["counts[7].zone"], `bin ${small.bin} is in zone A, not B`);
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", week.session))[0].n, before);

  // An item no ACTIVE session covers is a conflict that names it.
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${week.session}/snapshots?page_size=500`, reader))).items;
  const counted = new Set(lines.map((l) => l.sku));
  const outside = (await ok(rt.call("GET", "/api/items?location_id=nw_loc_dc1&page_size=500", reader))).items
    .find((i) => !counted.has(i.sku) && i.sku !== week.stranger.sku);
  const uncovered = await rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", counts: [{ sku: outside.sku, counted_qty: 1 }] } });
  assert.equal(uncovered.status, 409);
  assert.match(uncovered.json.detail, new RegExp(outside.sku));
});

test("closing runs the variance workflow: small deltas are posted, large ones wait, matches are confirmed", async () => {
  const { small, large, exact } = week.lines;
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${week.session}/close`, approver));
  assert.equal(closed.status, "CLOSED");
  assert.deepEqual(closed.workflow, { auto_adjusted: 1, staged_for_review: 2, confirmed: 1 });

  const report = await ok(rt.call("GET", `/inventory/variances?session_id=${week.session}`, approver));
  const bySku = Object.fromEntries(report.items.map((r) => [r.sku, r]));
  assert.equal(bySku[small.sku].decision, "auto");
  assert.equal(bySku[small.sku].status, "adjusted");
  assert.equal(bySku[small.sku].delta, -1);
  assert.equal(bySku[large.sku].decision, "review");
  assert.equal(bySku[exact.sku].decision, "confirmed");
  assert.equal(bySku[week.stranger.sku].decision, "review");
  assert.equal(bySku[week.stranger.sku].pct, null, "nothing was expected: no percentage");
  assert.equal(report.totals.lines, 4);
  assert.equal(report.totals.accuracy_pct, 50);

  const postings = await ok(rt.call("GET", `/stock-count/sessions/${week.session}/postings`, reader));
  assert.equal(postings.items.length, 1);
  assert.equal(postings.items[0].direction, "DECREASE");
  assert.equal(postings.items[0].push_status, "pending", "the auto adjustment is queued for NetSuite");
  assert.deepEqual(postings.items[0].lines.map((l) => l.item_id), [small.item_id]);

  const queue = await ok(rt.call("GET", "/api/proposed-actions?status=pending&location_id=nw_loc_dc1", approver));
  assert.deepEqual(queue.items.map((p) => p.sku).sort(), [large.sku, week.stranger.sku].sort());
  assert.ok(queue.items.every((p) => p.action_type === "inventory_adjustment" && p.why_review));
  week.proposals = Object.fromEntries(queue.items.map((p) => [p.sku, p]));
});

test("a supervisor approves one proposal and rejects another; a scanner cannot decide", async () => {
  const approveLarge = { proposed_action_id: week.proposals[week.lines.large.sku].id, decision: "approve", reason_code: "miscount", reason_note: "recount confirmed the loss" };
  const denied = await rt.call("POST", "/api/inventory/adjust", { ...scanner, body: approveLarge });
  assert.equal(denied.status, 403);

  const approved = await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { ...approveLarge, approved_by: "someone else" } }));
  assert.equal(approved.status, "approved");
  assert.equal(approved.approved_by, "Demo approver", "approved_by comes from the token");
  assert.ok(approved.approved_at);
  assert.equal(approved.adjustment.direction, "DECREASE");
  assert.equal(approved.adjustment.push_status, "pending");
  assert.equal(approved.adjustment.lines[0].item_id, week.lines.large.item_id);

  const twice = await rt.call("POST", "/api/inventory/adjust", { ...approver, body: approveLarge });
  assert.equal(twice.status, 409);

  const stranger = week.proposals[week.stranger.sku].id;
  // A decision names its cause: no code, a code the business does not have, or `other` without
  // a note is refused and writes nothing.
  for (const [body, field] of [
    [{ proposed_action_id: stranger, decision: "reject", reason_note: "mis-scan" }, "reason_code"],
    [{ proposed_action_id: stranger, decision: "reject", reason_code: "gremlins" }, "reason_code"],
    [{ proposed_action_id: stranger, decision: "reject", reason_code: "within_tolerance" }, "reason_code"],
    [{ proposed_action_id: stranger, decision: "reject", reason_code: "other" }, "reason_note"],
  ]) {
    const refused = await rt.call("POST", "/api/inventory/adjust", { ...approver, body });
    assert.equal(refused.status, 422, JSON.stringify(body));
    assert.deepEqual(refused.json.errors.map((e) => e.path), [field], JSON.stringify(refused.json));
  }
  assert.equal((await rt.rows("SELECT status FROM proposed_actions WHERE id = ?", stranger))[0].status, "pending");
  const rejected = await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: stranger, decision: "reject", reason_code: "other", reason_note: "mis-scan from the next aisle" } }));
  assert.equal(rejected.status, "rejected");
  assert.equal(rejected.reason_code, "other");
  assert.equal(approved.reason_code, "miscount");
  assert.equal(approved.adjustment.reason_code, "miscount", "the adjustment keeps the decision's code");
  const ledger = await rt.rows("SELECT DISTINCT reason_code FROM inventory_ledger WHERE ref_id = ?", approved.adjustment.id);
  assert.deepEqual(ledger.map((r) => r.reason_code), ["miscount"], "and so do its ledger rows");
  assert.equal(rejected.adjustment, null);

  const outbox = await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.session_id = ?", week.session);
  assert.equal(outbox[0].n, 2, "the auto adjustment and the approved one, nothing for the rejected");
  assert.equal((await ok(rt.call("GET", "/api/proposed-actions?status=pending", approver))).total, 0);

  // The session is approved and posted; lines already auto-posted stay as they are.
  const session = await ok(rt.call("PATCH", `/stock-count/sessions/${week.session}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  assert.equal(session.proposals_decided, 0);
  const posted = await ok(rt.call("POST", `/stock-count/sessions/${week.session}/post`, approver), 201);
  assert.equal(posted.postings.length, 2);
});

test("reflexion_log says who decided what and why; inventory.adjusted waits for NetSuite", async () => {
  const log = (await ok(rt.call("GET", `/api/reflexion-log?session_id=${week.session}`, approver))).items;
  const byTag = {};
  for (const r of log) (byTag[r.tag] ??= []).push(r);
  assert.equal(byTag.auto_adjust.length, 1);
  assert.match(byTag.auto_adjust[0].reason, /within the 5% guardrail/);
  assert.equal(byTag.auto_adjust[0].numbers.delta, -1);
  assert.equal(byTag.approved[0].approved_by, "Demo approver");
  assert.equal(byTag.approved[0].reason, "recount confirmed the loss [miscount]", "the note, then the reason code");
  assert.equal(byTag.rejected[0].reason, "mis-scan from the next aisle [other]");
  assert.equal(byTag.posted.length, 1);

  // This runtime has no NetSuite connection: nothing was confirmed, so no event fired
  // and the on-hand mirror has not moved (tests/worker/netsuite_push.test.mjs pushes).
  const feed = await ok(rt.call("GET", "/api/events?type=inventory.adjusted&after=0", approver));
  assert.deepEqual(feed.items.filter((e) => e.payload.session_id === week.session), []);
  const pushes = await ok(rt.call("GET", `/api/pushes?session_id=${week.session}`, admin));
  assert.equal(pushes.total, 2);
  assert.ok(pushes.items.every((p) => p.status === "pending" && p.attempts === 0));
});

test("the variance report filters and exports CSV", async () => {
  const review = await ok(rt.call("GET", `/inventory/variances?session_id=${week.session}&decision=review`, approver));
  assert.equal(review.total, 2);
  const big = await ok(rt.call("GET", `/inventory/variances?location_id=nw_loc_dc1&zone=A&min_abs_pct=10`, approver));
  assert.deepEqual(big.items.map((r) => r.sku).sort(), [week.lines.large.sku, week.stranger.sku].sort());
  const none = await ok(rt.call("GET", `/inventory/variances?session_id=${week.session}&to=2020-01-01`, approver));
  assert.equal(none.total, 0);
  const csv = await rt.call("GET", `/inventory/variances?session_id=${week.session}&format=csv`, approver);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /^text\/csv/);
  const rows = csv.text.trim().split("\r\n");
  assert.equal(rows[0].split(",").slice(0, 5).join(","), "session_id,week_key,location_code,zone,sku");
  assert.equal(rows.length, 5);
  const bad = await rt.call("GET", "/inventory/variances?min_abs_pct=lots&decision=maybe", approver);
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.path).sort(), ["query.decision", "query.min_abs_pct"]);
  assert.equal((await rt.call("GET", "/inventory/variances")).status, 401);
  assert.equal((await rt.call("GET", "/inventory/variances", scanner)).status, 403, "values are for supervisors");
});

test("a second business sees none of it", async () => {
  assert.equal((await ok(rt.call("GET", `/inventory/variances?session_id=${week.session}`, other))).total, 0);
  assert.equal((await ok(rt.call("GET", "/api/proposed-actions", other))).total, 0);
  const events = await ok(rt.call("GET", "/api/events?after=0", other));
  assert.ok(events.items.every((e) => e.payload.session_id !== week.session));
  const decide = await rt.call("POST", "/api/inventory/adjust", { ...other, body: { proposed_action_id: week.proposals[week.lines.large.sku].id, decision: "reject", reason_code: "miscount", reason_note: "x" } });
  assert.equal(decide.status, 404);
  assert.equal((await ok(rt.call("GET", `/api/reflexion-log?session_id=${week.session}`, other))).total, 0);
});

test("guardrails are admin-only and validated", async () => {
  assert.equal((await rt.call("GET", "/api/guardrails", approver)).status, 403);
  const current = await ok(rt.call("GET", "/api/guardrails", admin));
  assert.equal(current.inventory_auto_pct, 5);
  assert.equal(current.inventory_auto_value, "500.00");
  for (const body of [{ inventory_auto_pct: 101 }, { inventory_auto_pct: -1 }, { inventory_auto_pct: "5" }, { inventory_auto_pct: 5, inventory_auto_value: -2 }]) {
    const r = await rt.call("PUT", "/api/guardrails", { ...admin, body });
    assert.equal(r.status, 422, JSON.stringify(body));
  }
  assert.equal((await ok(rt.call("GET", "/api/guardrails", admin))).inventory_auto_pct, 5, "a refused update changes nothing");
  const saved = await ok(rt.call("PUT", "/api/guardrails", { ...admin, body: { inventory_auto_pct: 2.5, inventory_auto_value: null } }));
  assert.equal(saved.inventory_auto_pct, 2.5);
  assert.equal(saved.inventory_auto_value, null);
  assert.equal(saved.updated_by, "Demo admin");
  assert.equal((await ok(rt.call("GET", "/api/guardrails", other))).inventory_auto_pct, 2, "each business has its own");
  await ok(rt.call("PUT", "/api/guardrails", { ...admin, body: { inventory_auto_pct: 5, inventory_auto_value: "500.00" } }));
});

test("next Monday finalizes last week's open session and moves on; the rotation is editable and skips inactive zones", async () => {
  const [dc2Before] = await cronSessions("nw_loc_dc2");
  // DC2's admin takes zone B out of the rotation.
  const edited = await ok(rt.call("PUT", "/api/cycle-count-schedule", { ...admin, body: { location_id: "nw_loc_dc2", rotation: [
    { zone: "A" }, { zone: "B", active: false }, { zone: "C" }, { zone: "D" }] } }));
  assert.equal(edited.next_zone.zone, "C");
  assert.equal((await rt.call("PUT", "/api/cycle-count-schedule", { ...approver, body: { location_id: "nw_loc_dc2", rotation: [] } })).status, 403);
  assert.equal((await rt.call("PUT", "/api/cycle-count-schedule", { ...admin, body: { location_id: "nw_loc_dc2", rotation: [{ zone: "Z" }, { zone: "A" }, { zone: "A" }] } })).status, 422);

  await tick("2026-11-30T06:00:00Z");
  const dc2 = await cronSessions("nw_loc_dc2");
  assert.equal(dc2.length, 2);
  assert.equal(dc2.find((s) => s.id === dc2Before.id).status, "CLOSED", "last week's ACTIVE session was finalized");
  const dc2New = dc2.find((s) => s.week_key === "2026-W49");
  assert.equal(dc2New.zone_id, "nw_loc_dc2_zc", "zone B is skipped");
  const dc1 = await cronSessions("nw_loc_dc1");
  assert.equal(dc1.find((s) => s.id === week.session).status, "POSTED", "a decided session is left alone");
  assert.equal(dc1.find((s) => s.week_key === "2026-W49").zone_id, "nw_loc_dc1_zb");

  // Three Mondays are missed; the next tick catches up with one session, not a burst.
  await tick("2026-12-21T06:00:00Z");
  const caughtUp = await cronSessions("nw_loc_dc1");
  assert.equal(caughtUp.length, 3);
  assert.equal(caughtUp.find((s) => s.week_key === "2026-W52").zone_id, "nw_loc_dc1_zc");
  assert.equal(caughtUp.filter((s) => s.status === "ACTIVE").length, 1);
});

test("session approve decides every pending proposal at once; reject rejects them and keeps auto posts", async () => {
  async function countedAndClosed(location) {
    const session = (await cronSessions(location)).find((s) => s.status === "ACTIVE");
    const lines = (await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, reader))).items;
    const seen = new Set();
    const picked = lines.filter((l) => l.quantity >= 20 && !seen.has(l.item_id) && seen.add(l.item_id)).slice(0, 3);
    await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: location, session_id: session.id, counts: [
      { sku: picked[0].sku, bin: picked[0].bin, counted_qty: picked[0].quantity + 1 },  // auto (≤ 5 %)
      { sku: picked[1].sku, bin: picked[1].bin, counted_qty: 0 },                       // review
      { sku: picked[2].sku, bin: picked[2].bin, counted_qty: picked[2].quantity * 2 },  // review
    ] } }), 201);
    const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver));
    assert.deepEqual(closed.workflow, { auto_adjusted: 1, staged_for_review: 2, confirmed: 0 });
    return session.id;
  }
  const adjustments = async (id) => (await rt.rows("SELECT COUNT(*) AS n FROM inventory_adjustment WHERE session_id = ?", id))[0].n;

  const approvedId = await countedAndClosed("nw_loc_dc2");
  const approved = await ok(rt.call("PATCH", `/stock-count/sessions/${approvedId}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  assert.equal(approved.status, "APPROVED");
  assert.equal(approved.proposals_decided, 2);
  assert.equal((await ok(rt.call("GET", `/api/proposed-actions?session_id=${approvedId}&status=approved`, approver))).total, 2);
  assert.equal(await adjustments(approvedId), 3, "the auto adjustment and one per approved proposal");

  const rejectedId = await countedAndClosed("nw_loc_dc1");
  const refused = await rt.call("PATCH", `/stock-count/sessions/${rejectedId}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "zone was being restocked" } });
  assert.equal(refused.status, 409, "the auto adjustment is booked: rejecting as if nothing happened is refused");
  assert.match(refused.json.detail, /adjustments are booked: adj_.*\(INCREASE, NetSuite cc-stock-count:.*"reverse": true/);
  assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${rejectedId}`, approver))).status, "CLOSED");
  const rejected = await ok(rt.call("PATCH", `/stock-count/sessions/${rejectedId}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "zone was being restocked", reverse: true } }));
  assert.equal(rejected.status, "REJECTED");
  assert.equal(rejected.proposals_decided, 2);
  assert.equal(rejected.adjustments_reversed, 1);
  const decided = (await ok(rt.call("GET", `/api/proposed-actions?session_id=${rejectedId}`, approver))).items;
  assert.ok(decided.every((p) => p.status === "rejected" && p.reason_note === "zone was being restocked"));
  assert.equal(await adjustments(rejectedId), 2, "the auto adjustment and its reversal");
  const [net] = await rt.rows(`SELECT SUM(quantity_change) AS net FROM inventory_ledger g JOIN inventory_adjustment a ON a.id = g.ref_id
    WHERE a.session_id = ?`, rejectedId);
  assert.equal(net.net, 0, "the reversal books the opposite of what the auto adjustment moved");
  const report = await ok(rt.call("GET", `/inventory/variances?session_id=${rejectedId}&status=rejected`, approver));
  assert.equal(report.total, 2);
});

test("the invariants hold after everything above", async () => {
  assert.deepEqual(await checkInvariants((sql, ...p) => rt.rows(sql, ...p)), []);
});
