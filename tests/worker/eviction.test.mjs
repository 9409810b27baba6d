// The drainer evicted mid-push: the whole runtime goes away while NetSuite
// holds a request; a new runtime on the same state finds the row in flight,
// reclaims it once its lease has expired, and the upsert makes the second push
// harmless — one record, one mirror move, every invariant holding.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkInvariants, takeBaseline } from "../../scripts/invariants.mjs";
import { connectionBody, newM2m, newSecretsKey, standinAccount } from "../../scripts/netsuite-credentials.mjs";
import { startRuntime, TOKENS } from "../support/runtime.mjs";
import { startStandin } from "../support/standin.mjs";

const account = { account_id: "TSTDRV3333333", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") };
const bindings = { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "20", NS_TIMEOUT_MS: "5000" };
let ns;
let rt;
before(async () => {
  ns = await startStandin();
  await ns.addAccount(standinAccount(account));
  rt = await startRuntime({ bindings });
});
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

const query = (sql, ...p) => rt.rows(sql, ...p);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("a drainer evicted while NetSuite holds its push is replaced without a duplicate", async () => {
  const admin = { token: TOKENS.admin };
  const baseline = await takeBaseline(query);
  const s = await rt.call("POST", "/stock-count/sessions", { ...admin, body: { location_id: "nw_loc_dc1", type: "CYCLE" } });
  await rt.call("POST", `/stock-count/sessions/${s.json.id}/scopes`, { ...admin, body: { kind: "category", value: "Snacks" } });
  await rt.call("PATCH", `/stock-count/sessions/${s.json.id}/start`, admin);
  const [line] = (await rt.call("GET", `/stock-count/sessions/${s.json.id}/snapshots?kind=untracked&page_size=500`, admin)).json.items.filter((l) => l.quantity >= 100);
  await rt.call("POST", "/stock-count/entries", { ...admin, body: { session_id: s.json.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 1 }] } });
  await ns.faults({ delay_next: 1, delay_next_ms: 3000 });  // NetSuite takes its time with the first PUT
  const closed = await rt.call("PATCH", `/stock-count/sessions/${s.json.id}/close`, admin);
  assert.equal(closed.json.workflow.auto_adjusted, 1);
  // Saving the connection wakes the drainer; it claims the row and waits on NetSuite.
  assert.equal((await rt.call("PUT", "/api/netsuite/connection", { ...admin, body: connectionBody(account, ns.base) })).status, 200);
  let held;
  for (let i = 0; i < 100 && !held; i++, await sleep(20)) [held] = await query("SELECT id FROM ns_pending_pushes WHERE status = 'in_flight'");
  assert.ok(held, "the drainer holds the row");

  const stateDir = rt.stateDir;
  await rt.stop();  // evicted: object, isolate and runtime gone mid-push
  await sleep(3500);  // NetSuite commits the held PUT meanwhile
  assert.equal((await ns.records(account.account_id)).length, 1);

  rt = await startRuntime({ bindings, stateDir });
  const [row] = await query("SELECT status, lease_owner FROM ns_pending_pushes WHERE id = ?", held.id);
  assert.equal(row.status, "in_flight", "the table remembers the lease");
  // Time passes: the lease expires; the next wake (here the weekly tick) reclaims the row.
  await rt.db.prepare("UPDATE ns_pending_pushes SET lease_until = ? WHERE id = ?").bind(new Date(Date.now() - 1000).toISOString(), held.id).run();
  await (await rt.mf.getWorker()).scheduled({ cron: "0 6 * * MON", scheduledTime: new Date() });
  for (let i = 0; i < 200; i++, await sleep(25)) {
    const [r] = await query("SELECT status FROM ns_pending_pushes WHERE id = ?", held.id);
    if (r.status === "done") break;
  }
  const records = await ns.records(account.account_id);
  assert.equal(records.length, 1, "one record");
  assert.equal(records[0].puts, 2, "the evicted drainer's PUT and the reclaiming one");
  assert.deepEqual(await checkInvariants(query, { records, baseline }), []);
});
