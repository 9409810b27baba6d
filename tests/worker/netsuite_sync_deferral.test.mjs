// The sync never counts an adjustment twice (issue 26 §2, "counts while stock moves"): an item
// whose adjustment NetSuite already holds but has not confirmed to us (the push's answer was
// lost) is left out of the run and read by the next one, after the push settled. Its own runtime:
// the pushes' backoff is long here, so the push stays pending until the test moves it on.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { newSecretsKey, newTba } from "../../scripts/netsuite-credentials.mjs";
import { followingBusiness } from "../support/ns_business.mjs";
import { nsCatalog } from "../support/ns_catalog.mjs";
import { ok, startRuntime } from "../support/runtime.mjs";
import { startStandin } from "../support/standin.mjs";

const ADMIN = { token: "deferral-admin-token" };
const account = { account_id: "TSTDRV5555555", subsidiary_id: "1", adjustment_account_id: "212", tba: newTba() };
const catalog = nsCatalog({ locations: 1, bins: 3, items: 20 });
const BINDINGS = { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "600000", NS_TIMEOUT_MS: "1000" };
let rt, ns, business;

before(async () => {
  ns = await startStandin();
  rt = await startRuntime({ bindings: BINDINGS });
  business = await followingBusiness(rt, ns, { id: "biz_defer", name: "Deferral Goods", token: ADMIN.token, account, catalog });
});
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("an item whose adjustment NetSuite holds but has not confirmed to us is left for the next run, then read once", async () => {
  await business.synced({ full: true });
  assert.deepEqual(await business.differences(), []);
  const approver = { token: (await ok(rt.call("POST", "/api/tokens", { ...ADMIN, body: { name: "Approver", role: "approver" } }), 201)).token };
  const scanner = { token: (await ok(rt.call("POST", "/api/tokens", { ...ADMIN, body: { name: "Scanner", role: "scanner" } }), 201)).token };
  const [w1] = await rt.rows("SELECT id FROM locations WHERE business_id = 'biz_defer'");
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: w1.id, type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "zone", value: "A" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  // NS-00103 (20 + 22 = 42 in A-01) is 3 short.
  await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: w1.id, session_id: session.id,
    counts: [{ sku: "NS-00103", bin: "A-01", counted_qty: 39 }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver));
  const { items: [proposal] } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${session.id}`, approver));
  // NetSuite commits the adjustment, but its answer never reaches us in time: the push waits to be retried.
  await ns.faults({ hold_after_commit: 1, hold_ms: 2000 });
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "three gone" } }));
  for (let i = 0; ; i++) {
    const [push] = await rt.rows("SELECT status, attempts FROM ns_pending_pushes WHERE business_id = 'biz_defer'");
    if (push?.status === "pending" && push.attempts === 1) break;
    assert.ok(i < 200, JSON.stringify(push));
    await sleep(25);
  }
  const first = await business.synced();
  assert.deepEqual(first.last.deferred_items, ["103"], "left for its push to settle");
  assert.deepEqual(await business.differences(), [], "the mirror plus the unconfirmed adjustment is NetSuite's figure");

  // The push is retried (its time brought forward), settles, and the next run reads the item once.
  await rt.db.prepare("UPDATE ns_pending_pushes SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE business_id = 'biz_defer'").run();
  const second = await business.synced();
  const [push] = await rt.rows("SELECT status FROM ns_pending_pushes WHERE business_id = 'biz_defer'");
  assert.equal(push.status, "done");
  assert.equal(second.last.tables.balances.items_listed >= 1, true, "the deferred item is read again");
  assert.deepEqual(second.last.deferred_items, []);
  assert.deepEqual(await business.differences(), []);
  const [{ q }] = await rt.rows("SELECT ib.quantityonhand AS q FROM inventory_balance ib JOIN items i ON i.id = ib.item_id WHERE i.sku = 'NS-00103'");
  assert.equal(q, 39000, "NetSuite's 39, not 36");
});
