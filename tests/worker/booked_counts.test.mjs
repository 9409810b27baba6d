// Counts that were booked — pushed to the NetSuite stand-in and moved into the
// mirror — stay honest afterwards: a rejection reverses what was booked instead
// of pretending nothing happened, reservations beyond a counted shelf show as
// over-committed instead of a negative available, stock found in another bin
// is booked as a move (a binTransfer), and a count another session's booking
// overtook waits for a person instead of being booked twice.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { connectionBody, newM2m, newSecretsKey, standinAccount } from "../../scripts/netsuite-credentials.mjs";
import { checkInvariants, takeBaseline } from "../../scripts/invariants.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";
import { startStandin } from "../support/standin.mjs";

const admin = { token: TOKENS.admin };
const approver = { token: TOKENS.approver };
const northwind = { account_id: "TSTDRV1111111", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") };

let rt;
let ns;
let baseline;
before(async () => {
  ns = await startStandin();
  rt = await startRuntime({ bindings: { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "20", NS_TIMEOUT_MS: "1000" } });
  assert.equal((await ns.addAccount(standinAccount(northwind))).status, 200);
  await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: connectionBody(northwind, ns.base) }));
  baseline = await takeBaseline((sql, ...p) => rt.rows(sql, ...p));
});
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function drained(ms = 60000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes WHERE business_id = 'biz_northwind' AND status IN ('pending', 'in_flight')");
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} push(es) still waiting`);
    await sleep(50);
  }
}
const onHand = async (itemId) => (await rt.rows("SELECT quantityonhand FROM inventory_balance WHERE item_id = ? AND location_id = 'nw_loc_dc1'", itemId))[0].quantityonhand;

// A started session over one category at DC1 and its untracked items that lie in one bin.
async function session(category) {
  const s = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${s.id}/scopes`, { ...approver, body: { kind: "category", value: category } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/start`, approver));
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/snapshots?kind=untracked&page_size=500`, approver))).items;
  const perItem = new Map();
  for (const l of lines) perItem.set(l.item_id, (perItem.get(l.item_id) ?? 0) + 1);
  return { id: s.id, lines: lines.filter((l) => perItem.get(l.item_id) === 1 && l.bin && l.quantity >= 40) };
}

test("a session whose adjustments reached NetSuite is rejected only by reversing them, and the reversals are pushed once", async () => {
  const s = await session("Snacks");
  const [small, large] = s.lines;
  const before = { small: await onHand(small.item_id), large: await onHand(large.item_id) };
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [
    { sku: small.sku, bin: small.bin, counted_qty: small.quantity - 1 },   // auto at close
    { sku: large.sku, bin: large.bin, counted_qty: large.quantity - 20 },  // waits, then approved with the session
  ] } }), 201);
  assert.deepEqual((await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver))).workflow, { auto_adjusted: 1, staged_for_review: 1, confirmed: 0 });
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  await drained();
  assert.equal(await onHand(small.item_id), before.small - 1000);
  assert.equal(await onHand(large.item_id), before.large - 20000);
  assert.equal((await ns.records(northwind.account_id)).length, 2);

  const refused = await rt.call("PATCH", `/stock-count/sessions/${s.id}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "wrong zone counted" } });
  assert.equal(refused.status, 409, refused.text);
  assert.match(refused.json.detail, /adjustments are booked: adj_\S+ \(DECREASE, NetSuite cc-\S+ done\), adj_\S+ \(DECREASE, NetSuite cc-\S+ done\)/);
  assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${s.id}`, approver))).status, "APPROVED", "a refused rejection changes nothing");

  const reject = () => rt.call("PATCH", `/stock-count/sessions/${s.id}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "wrong zone counted", reverse: true } });
  const answers = await Promise.all([reject(), reject(), reject()]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409, 409]);
  const rejected = answers.find((a) => a.status === 200).json;
  assert.equal(rejected.status, "REJECTED");
  assert.equal(rejected.adjustments_reversed, 2);
  await drained();
  assert.equal(await onHand(small.item_id), before.small, "the reversal moved the mirror back");
  assert.equal(await onHand(large.item_id), before.large);
  const records = await ns.records(northwind.account_id);
  assert.equal(records.length, 4, "two originals and two reversals, each once");
  assert.equal(records.filter((r) => r.externalId.endsWith(":reversal")).length, 2);
  const reversals = await rt.rows(`SELECT r.direction, a.direction AS original FROM inventory_adjustment r
    JOIN inventory_adjustment a ON a.id = r.reverses_adjustment_id WHERE r.session_id = ?`, s.id);
  assert.deepEqual(reversals.map((r) => [r.original, r.direction]), [["DECREASE", "INCREASE"], ["DECREASE", "INCREASE"]]);
  const log = await ok(rt.call("GET", `/api/reflexion-log?tag=reversed&page_size=10`, approver));
  assert.equal(log.items.length, 2);
  assert.ok(log.items.every((l) => l.reason === "wrong zone counted [miscount]" && l.approved_by));
});

test("reserved beyond a counted shelf is over-committed, and available never goes below zero", async () => {
  const s = await session("Beverages");
  const line = s.lines[0];
  const held = await onHand(line.item_id);
  // NetSuite reserves all but one unit of what the mirror holds; the count then finds three fewer.
  await rt.rows("UPDATE inventory_balance SET reserved = ? WHERE item_id = ? AND location_id = 'nw_loc_dc1'", held - 1000, line.item_id);
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 3 }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  await drained();
  const [balance] = (await ok(rt.call("GET", `/api/balances?location_id=nw_loc_dc1&item_id=${line.item_id}`, approver))).items;
  assert.equal(balance.quantityonhand, held / 1000 - 3);
  assert.equal(balance.quantityavailable, 0);
  assert.equal(balance.over_committed, 2);
  const listed = await ok(rt.call("GET", "/api/balances?location_id=nw_loc_dc1&over_committed=true&page_size=500", approver));
  assert.ok(listed.items.some((b) => b.item_id === line.item_id));
  assert.ok(listed.items.every((b) => b.over_committed > 0 && b.quantityavailable === 0));
});

// An item held in one bin, and a bin of the same location that holds none of it.
async function elsewhere(line) {
  const [bin] = await rt.rows(`SELECT b.id, b.code FROM bins b WHERE b.location_id = 'nw_loc_dc1' AND NOT EXISTS
    (SELECT 1 FROM inventory_detail d WHERE d.bin_id = b.id AND d.item_id = ?) ORDER BY b.code LIMIT 1`, line.item_id);
  return bin;
}
const placements = (itemId) => rt.rows(`SELECT b.code AS bin, d.quantity FROM inventory_detail d JOIN bins b ON b.id = d.bin_id
  WHERE d.item_id = ? AND d.location_id = 'nw_loc_dc1' ORDER BY b.code`, itemId);

test("stock found in another bin is booked as a move: one binTransfer in NetSuite, placements moved, on-hand unchanged, a rejection moves it back", async () => {
  await ok(rt.call("PUT", "/api/guardrails", { ...admin, body: { inventory_auto_pct: 5, inventory_auto_value: 1000000 } }));
  const s = await session("Cleaning");
  const line = s.lines[0];
  const to = await elsewhere(line);
  const held = await onHand(line.item_id);
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [
    { sku: line.sku, bin: line.bin, counted_qty: 0 },
    { sku: line.sku, bin: to.code, counted_qty: line.quantity },
  ] } }), 201);
  assert.deepEqual((await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver))).workflow,
    { auto_adjusted: 1, staged_for_review: 0, confirmed: 0 }, "a move is a finding, not a confirmation");
  const [row] = (await ok(rt.call("GET", `/inventory/variances?session_id=${s.id}`, approver))).items;
  assert.equal(row.delta, 0);
  assert.equal(row.moved_qty, line.quantity);
  assert.equal(row.decision, "auto");
  await drained();
  const records = (await ns.records(northwind.account_id)).filter((r) => r.externalId === `cc-stock-count:${s.id}:TRANSFER`);
  assert.equal(records.length, 1);
  assert.equal(records[0].type, "binTransfer");
  assert.equal(records[0].puts, 1);
  const [moved] = records[0].body.inventory.items;
  assert.equal(moved.quantity, line.quantity);
  assert.deepEqual(moved.inventoryDetail.inventoryAssignment.items,
    [{ binNumber: { refName: line.bin }, toBinNumber: { refName: to.code }, quantity: line.quantity }]);
  assert.ok(!("account" in records[0].body), "a bin transfer posts to no account");
  assert.deepEqual(await placements(line.item_id), [{ bin: to.code, quantity: line.quantity * 1000 }]);
  assert.equal(await onHand(line.item_id), held, "a move changes no on-hand");
  const [adjustment] = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/postings`, approver))).items;
  assert.equal(adjustment.direction, "TRANSFER");
  const [from] = await rt.rows("SELECT id FROM bins WHERE location_id = 'nw_loc_dc1' AND code = ?", line.bin);
  assert.deepEqual(adjustment.lines.map((l) => [l.bin_id, l.to_bin_id, l.quantity]), [[from.id, to.id, line.quantity]]);

  // The next count expects the stock where it now is.
  const next = await session("Cleaning");
  const expected = (await ok(rt.call("GET", `/stock-count/sessions/${next.id}/snapshots?kind=untracked&page_size=500`, approver)))
    .items.filter((l) => l.item_id === line.item_id);
  assert.deepEqual(expected.map((l) => [l.bin, l.quantity]), [[to.code, line.quantity]]);
  await ok(rt.call("PATCH", `/stock-count/sessions/${next.id}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "only looked" } }));

  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/reject`, { ...approver, body: { reason_code: "miscount", reason_note: "counted the wrong aisle", reverse: true } }));
  await drained();
  const back = (await ns.records(northwind.account_id)).find((r) => r.externalId === `cc-stock-count:${s.id}:TRANSFER:reversal`);
  assert.equal(back.type, "binTransfer");
  assert.deepEqual(back.body.inventory.items[0].inventoryDetail.inventoryAssignment.items,
    [{ binNumber: { refName: to.code }, toBinNumber: { refName: line.bin }, quantity: line.quantity }]);
  assert.deepEqual(await placements(line.item_id), [{ bin: line.bin, quantity: line.quantity * 1000 }]);
  assert.equal(await onHand(line.item_id), held);
});

test("a move worth more than the value cap waits for a person, who sees it as a move and books it with the approval", async () => {
  await ok(rt.call("PUT", "/api/guardrails", { ...admin, body: { inventory_auto_pct: 5, inventory_auto_value: 0.01 } }));
  const s = await session("Hardware");
  const line = s.lines[0];
  const to = await elsewhere(line);
  const part = Math.floor(line.quantity / 2);
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [
    { sku: line.sku, bin: line.bin, counted_qty: line.quantity - part },
    { sku: line.sku, bin: to.code, counted_qty: part },
  ] } }), 201);
  assert.equal((await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver))).workflow.staged_for_review, 1);
  const [proposal] = (await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${s.id}`, approver))).items;
  assert.deepEqual(proposal.moves, [{ from_bin: line.bin, to_bin: to.code, batch_number: null, serial_number: null, quantity: part }]);
  assert.equal(proposal.delta, 0);
  assert.match(proposal.why_review, new RegExp(`moved ${part} ${line.bin} → ${to.code} \\(value \\S+\\) is above the 0\\.01 cap`));
  const decided = await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount" } }));
  assert.equal(decided.adjustment.direction, "TRANSFER");
  await drained();
  assert.deepEqual(await placements(line.item_id), [{ bin: line.bin, quantity: (line.quantity - part) * 1000 }, { bin: to.code, quantity: part * 1000 }]
    .sort((a, b) => a.bin.localeCompare(b.bin)));
  assert.ok((await ns.records(northwind.account_id)).some((r) => r.type === "binTransfer" && r.externalId === `cc-proposal:${proposal.id}:TRANSFER`));
});

test("a count another session's booking overtook is outdated: it waits for a person with the booking named, and on-hand is not moved twice", async () => {
  await ok(rt.call("PUT", "/api/guardrails", { ...admin, body: { inventory_auto_pct: 5, inventory_auto_value: 1000000 } }));
  const first = await session("Pet Care");
  const second = await session("Pet Care");
  const line = first.lines[0];
  const held = await onHand(line.item_id);
  const count = (s) => ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 1 }] } }), 201);
  await count(first);
  await count(second);
  assert.equal((await ok(rt.call("PATCH", `/stock-count/sessions/${second.id}/close`, approver))).workflow.auto_adjusted, 1);
  await drained();
  assert.equal(await onHand(line.item_id), held - 1000);

  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${first.id}/close`, approver));
  assert.deepEqual(closed.workflow, { auto_adjusted: 0, staged_for_review: 1, confirmed: 0 }, "never booked automatically");
  const [proposal] = (await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${first.id}`, approver))).items;
  assert.equal(proposal.outdated.session_id, second.id);
  assert.equal(proposal.outdated.bin, line.bin);
  assert.equal(proposal.suggestion, "reject");
  assert.match(proposal.why_review, new RegExp(`^outdated: session ${second.id}'s count of this shelf \\(${line.bin}\\) was booked at \\S+, after this count`));
  const log = await ok(rt.call("GET", "/api/reflexion-log?tag=outdated&page_size=10", approver));
  assert.ok(log.items.some((l) => l.numbers?.outdated?.session_id === second.id));
  await drained();
  assert.equal(await onHand(line.item_id), held - 1000, "a figure no count saw is never booked");
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "reject", reason_code: "miscount", reason_note: "outdated: count again" } }));

  // Counted again after the booking, the shelf is judged as usual: one more short is fixed at once.
  const third = await session("Pet Care");
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: third.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 2 }] } }), 201);
  assert.deepEqual((await ok(rt.call("PATCH", `/stock-count/sessions/${third.id}/close`, approver))).workflow, { auto_adjusted: 1, staged_for_review: 0, confirmed: 0 });
  await drained();
  assert.equal(await onHand(line.item_id), held - 2000);
});

test("the invariants hold after everything above, against NetSuite's records and the mirror", async () => {
  const query = (sql, ...p) => rt.rows(sql, ...p);
  assert.deepEqual(await checkInvariants(query, { records: await ns.records(), baseline }), []);
});
