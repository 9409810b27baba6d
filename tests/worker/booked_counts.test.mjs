// Counts that were booked — pushed to the NetSuite stand-in and moved into the
// mirror — stay honest afterwards: a rejection reverses what was booked instead
// of pretending nothing happened, and reservations beyond a counted shelf show
// as over-committed instead of a negative available.
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
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/approve`, approver));
  await drained();
  assert.equal(await onHand(small.item_id), before.small - 1000);
  assert.equal(await onHand(large.item_id), before.large - 20000);
  assert.equal((await ns.records(northwind.account_id)).length, 2);

  const refused = await rt.call("PATCH", `/stock-count/sessions/${s.id}/reject`, { ...approver, body: { reason_note: "wrong zone counted" } });
  assert.equal(refused.status, 409, refused.text);
  assert.match(refused.json.detail, /adjustments are booked: adj_\S+ \(DECREASE, NetSuite cc-\S+ done\), adj_\S+ \(DECREASE, NetSuite cc-\S+ done\)/);
  assert.equal((await ok(rt.call("GET", `/stock-count/sessions/${s.id}`, approver))).status, "APPROVED", "a refused rejection changes nothing");

  const reject = () => rt.call("PATCH", `/stock-count/sessions/${s.id}/reject`, { ...approver, body: { reason_note: "wrong zone counted", reverse: true } });
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
  assert.ok(log.items.every((l) => l.reason === "wrong zone counted" && l.approved_by));
});

test("reserved beyond a counted shelf is over-committed, and available never goes below zero", async () => {
  const s = await session("Beverages");
  const line = s.lines[0];
  const held = await onHand(line.item_id);
  // NetSuite reserves all but one unit of what the mirror holds; the count then finds three fewer.
  await rt.rows("UPDATE inventory_balance SET reserved = ? WHERE item_id = ? AND location_id = 'nw_loc_dc1'", held - 1000, line.item_id);
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 3 }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/approve`, approver));
  await drained();
  const [balance] = (await ok(rt.call("GET", `/api/balances?location_id=nw_loc_dc1&item_id=${line.item_id}`, approver))).items;
  assert.equal(balance.quantityonhand, held / 1000 - 3);
  assert.equal(balance.quantityavailable, 0);
  assert.equal(balance.over_committed, 2);
  const listed = await ok(rt.call("GET", "/api/balances?location_id=nw_loc_dc1&over_committed=true&page_size=500", approver));
  assert.ok(listed.items.some((b) => b.item_id === line.item_id));
  assert.ok(listed.items.every((b) => b.over_committed > 0 && b.quantityavailable === 0));
});

test("the invariants hold after everything above, against NetSuite's records and the mirror", async () => {
  const query = (sql, ...p) => rt.rows(sql, ...p);
  assert.deepEqual(await checkInvariants(query, { records: await ns.records(), baseline }), []);
});
