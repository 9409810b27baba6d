// A location of a business that follows NetSuite opens its weekly zone on on-hand synced after
// the tick (DESIGN.md "Real data in"): NetSuite sold stock after the last sync; the tick's
// message for the location asks for a run, waits for it (re-sent on the weekly-count queue), and
// only then snapshots — so the sale is in the snapshot, and the week's run says on what on-hand
// it opened. The wait is bounded: a run that fails lets the zone open, saying so.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { newM2m, newSecretsKey } from "../../scripts/netsuite-credentials.mjs";
import { followingBusiness } from "../support/ns_business.mjs";
import { nsCatalog } from "../support/ns_catalog.mjs";
import { ok, startRuntime } from "../support/runtime.mjs";
import { startStandin } from "../support/standin.mjs";

const ADMIN = { token: "tick-sync-admin" };
const account = { account_id: "TSTDRV5555555", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") };
const catalog = nsCatalog({ locations: 1, bins: 6, items: 30 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let rt, ns, business;

before(async () => {
  ns = await startStandin();
  rt = await startRuntime({ queues: true, onStdout: () => {}, onStderr: () => {},
    bindings: { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "20", NS_TIMEOUT_MS: "2000" } });
  business = await followingBusiness(rt, ns, { id: "biz_ticksync", name: "Tick Sync Supply", token: ADMIN.token, account, catalog });
  await business.synced({ full: true });
});
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

async function runOf(week) {
  const { items } = await ok(rt.call("GET", `/api/schedule/runs?week=${week}`, ADMIN));
  return items[0];
}

test("the weekly zone waits for a sync after the tick, then snapshots what NetSuite holds now", async () => {
  // NS-00100 holds 21 in A-01 (as the mirror says); NetSuite sells 3 after the last sync.
  const [before] = await rt.rows("SELECT d.quantity FROM inventory_detail d JOIN items i ON i.id = d.item_id JOIN bins b ON b.id = d.bin_id " +
    "WHERE i.sku = 'NS-00100' AND b.code = 'A-01'");
  assert.equal(before.quantity, 21000);
  await ns.post(`/__movements?account=${account.account_id}`, [{ item: 100, location: 1, binnumber: 500, delta: -3, type: "CashSale" }]);
  await ns.faults({ suiteql_delay_ms: 250 });  // the sync takes a few seconds: the message must wait for it
  const tickedAt = new Date();
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: tickedAt });
  const week = (await ok(rt.call("GET", "/api/schedule/runs", ADMIN))).week;

  let waited = null;
  for (let i = 0; ; i++) {
    const run = await runOf(week);
    if (run?.note?.startsWith("waiting for a NetSuite sync")) waited = waited ?? run;
    if (run?.status === "done") break;
    assert.ok(i < 600, `the location did not open: ${JSON.stringify(run)}`);
    await sleep(100);
  }
  await ns.faults({ suiteql_delay_ms: 0 });
  assert.ok(waited, "the run said it was waiting for the sync");
  assert.equal(waited.session_id, null, "nothing opened while it waited");
  const status = await ok(rt.call("GET", "/api/netsuite/sync", ADMIN));
  assert.equal(status.last.requested_by, "weekly schedule", "the tick asked for the run");
  assert.ok(status.last.finished_at >= tickedAt.toISOString());

  const run = await runOf(week);
  assert.match(run.note, /^opened on NetSuite's on-hand as of .*, synced after the tick$/);
  const { items: lines } = await ok(rt.call("GET", `/stock-count/sessions/${run.session_id}/snapshots?page_size=100`, ADMIN));
  const line = lines.find((l) => l.sku === "NS-00100" && l.bin === "A-01");
  assert.equal(line.quantity, 18, "the snapshot holds the sale NetSuite made before the tick");
});

test("a zone does not wait past a sync that fails: it opens on the last good on-hand and says why", async () => {
  // A second warehouse arrives at NetSuite and is synced; then NetSuite refuses every SuiteQL call.
  catalog.locations.push({ id: 2, name: "Warehouse 2", isinactive: "F" });
  catalog.bins.push({ id: 600, binnumber: "A-01", location: 2, isinactive: "F" });
  catalog.balances.push({ item: 100, location: 2, binnumber: 600, quantityonhand: 7 });
  assert.equal((await ns.post(`/__catalog?account=${account.account_id}`, catalog)).status, 200);
  await business.synced();
  await ns.faults({ fail_next: 1000, status: 400, detail: "Invalid search query" });
  try {
    const worker = await rt.mf.getWorker();
    await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date() });
    const week = (await ok(rt.call("GET", "/api/schedule/runs", ADMIN))).week;
    for (let i = 0; ; i++) {
      const { items } = await ok(rt.call("GET", `/api/schedule/runs?week=${week}`, ADMIN));
      const run = items.find((r) => r.location_code === "Warehouse 2");
      if (run?.status === "done") {
        assert.match(run.note, /^opened on NetSuite's on-hand as of .*: the NetSuite sync after the tick failed$/);
        assert.ok(run.session_id);
        break;
      }
      assert.ok(i < 600, `the location did not open: ${JSON.stringify(run)}`);
      await sleep(100);
    }
    const status = await ok(rt.call("GET", "/api/netsuite/sync", ADMIN));
    assert.equal(status.last.status, "failed");
  } finally {
    await ns.faults({ fail_next: 0, status: 503 });
  }
});
