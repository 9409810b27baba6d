// Businesses from an empty database to their first weekly count, following the README's Deploy
// steps with the real scripts and routes (issue 26): bootstrap → tokens → connect NetSuite →
// load by CSV import (one business) or the first sync (another) → the weekly tick opens a zone →
// counts while stock moves → close → approve → pushed once to the NetSuite stand-in → on-hand.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { connectionBody, newSecretsKey, newTba, standinAccount } from "../../scripts/netsuite-credentials.mjs";
import { checkMirrorAgainstNetSuite } from "../../scripts/invariants.mjs";
import { nsCatalog } from "../support/ns_catalog.mjs";
import { ok, startRuntime } from "../support/runtime.mjs";
import { startStandin } from "../support/standin.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const account = { account_id: "TSTDRV3333333", subsidiary_id: "1", adjustment_account_id: "212", tba: newTba() };
let rt, ns, stateDir;
const who = {};

const bootstrap = (name) => execFileSync("node", ["scripts/bootstrap.mjs", "--name", name, "--persist-to", stateDir],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

before(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), "cc-empty-"));
  execFileSync(path.join(root, "node_modules/.bin/wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir],
    { cwd: root, stdio: "ignore", env: { ...process.env, CI: "1" } });
  const first = bootstrap("Acme Supply");
  assert.match(first, /^business Acme Supply: biz_acme_supply$/m);
  who.admin = { token: first.match(/^cct_\S+$/m)[0] };
  const again = bootstrap("Acme Supply");
  assert.match(again, /already exists: biz_acme_supply/);
  assert.doesNotMatch(again, /cct_/, "a second run makes no second token");
  ns = await startStandin();
  assert.equal((await ns.addAccount(standinAccount(account))).status, 200);
  rt = await startRuntime({ stateDir, bindings: { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "20", NS_TIMEOUT_MS: "1000" } });
});
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

const csv = (kind, text) => rt.call("POST", `/api/import/${kind}`, { ...who.admin, raw: text, headers: { "content-type": "text/csv" } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// This ISO week's Monday, 06:00 UTC: when the cron fires.
function thisMonday() {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  d.setUTCHours(6, 0, 0, 0);
  return d;
}

test("bootstrap made one business with one admin token, and nothing else", async () => {
  assert.deepEqual(await rt.rows("SELECT id, name FROM businesses"), [{ id: "biz_acme_supply", name: "Acme Supply" }]);
  assert.deepEqual(await rt.rows("SELECT role FROM api_tokens"), [{ role: "admin" }]);
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM items"))[0].n, 0);
});

test("from an empty database to a counted, approved and pushed week, by the README's steps alone", async () => {
  who.approver = { token: (await ok(rt.call("POST", "/api/tokens", { ...who.admin, body: { name: "Sam (supervisor)", role: "approver" } }), 201)).token };
  who.scanner = { token: (await ok(rt.call("POST", "/api/tokens", { ...who.admin, body: { name: "Kim (counter)", role: "scanner" } }), 201)).token };
  await ok(rt.call("PUT", "/api/netsuite/connection", { ...who.admin, body: connectionBody(account, ns.base) }));
  await ok(rt.call("PUT", "/api/guardrails", { ...who.admin, body: { inventory_auto_pct: 5, inventory_auto_value: "100.00" } }));

  // The first load, by the templates' columns.
  await ok(csv("locations", "code,name,ns_location_id\nMAIN,Main warehouse,1\n"));
  assert.equal((await ok(csv("bins", "location,code\nMAIN,A-01\nMAIN,A-02\nMAIN,B-01\n"))).zones_created, 2);
  await ok(csv("items", "sku,name,category,avg_cost,tracking,ns_item_id\nAC-1,Hinge,Hardware,2.00,none,501\n" +
    "AC-2,Latch,Hardware,3.00,none,502\nAC-3,Handle,Hardware,10.00,none,503\nAC-9,Crate,Bulk,40.00,none,509\n"));
  await ok(csv("balances", "sku,location,bin,quantity\nAC-1,MAIN,A-01,40\nAC-2,MAIN,A-01,20\nAC-3,MAIN,A-02,10\nAC-9,MAIN,B-01,6\n"));
  const [main] = await rt.rows("SELECT id FROM locations WHERE code = 'MAIN'");
  const schedule = await ok(rt.call("GET", `/api/cycle-count-schedule?location_id=${main.id}`, who.approver));
  assert.deepEqual(schedule.rotation.map((r) => r.zone), ["A", "B"], "the imported zones rotate without another step");

  // Monday: the tick opens zone A.
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: thisMonday() });
  const runs = await ok(rt.call("GET", "/api/schedule/runs", who.approver));
  assert.deepEqual(runs.items.map((r) => [r.location_code, r.status, r.zone_code]), [["MAIN", "done", "A"]]);
  const sessionId = runs.items[0].session_id;
  const variance = async () => Object.fromEntries((await ok(rt.call("GET", `/stock-count/sessions/${sessionId}/variance?page_size=50`, who.approver)))
    .items.map((l) => [l.sku, l]));
  assert.deepEqual(Object.keys(await variance()).sort(), ["AC-1", "AC-2", "AC-3"], "zone A's stock, from the import");

  const count = (sku, bin, qty, id) => ok(rt.call("POST", "/api/inventory/count", { ...who.scanner,
    body: { location_id: main.id, counts: [{ sku, bin, counted_qty: qty, client_entry_id: id }] } }), 201);
  // AC-2 is counted at 20, then 5 are sold (the next on-hand load says 15): the count stands for its own time.
  await count("AC-2", "A-01", 20, "c-ac2");
  // 3 of AC-1 are sold before it is counted: the shelf holds 37, and 37 is right.
  await ok(csv("balances", "sku,location,bin,quantity\nAC-1,MAIN,A-01,37\nAC-2,MAIN,A-01,15\n"));
  await count("AC-1", "A-01", 37, "c-ac1");
  // AC-3 is really short: 8 of 10.
  await count("AC-3", "A-02", 8, "c-ac3");
  const lines = await variance();
  assert.deepEqual([lines["AC-1"].expected_qty, lines["AC-1"].system_qty_at_count, lines["AC-1"].variance], [40, 37, 0]);
  assert.deepEqual([lines["AC-2"].system_qty_at_count, lines["AC-2"].variance], [20, 0]);

  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${sessionId}/close`, who.approver));
  assert.deepEqual(closed.workflow, { auto_adjusted: 0, confirmed: 2, staged_for_review: 1 });
  const { items: [proposal] } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${sessionId}`, who.approver));
  assert.deepEqual([proposal.sku, proposal.system_qty_at_count, proposal.counted_qty], ["AC-3", 10, 8], "no false loss on AC-1 or AC-2");
  await ok(rt.call("POST", "/api/inventory/adjust", { ...who.approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "two broken in the bin" } }));

  for (let i = 0; ; i++) {
    const { items } = await ok(rt.call("GET", `/api/pushes?session_id=${sessionId}`, who.admin));
    if (items.length === 1 && items[0].status === "done") break;
    assert.ok(i < 400, `the push is still ${JSON.stringify(items.map((p) => p.status))}`);
    await sleep(25);
  }
  const records = await ns.records(account.account_id);
  assert.equal(records.length, 1, "one inventoryAdjustment at NetSuite");
  const balances = await ok(rt.call("GET", `/api/balances?location_id=${main.id}`, who.admin));
  assert.deepEqual(balances.items.map((b) => [b.sku, b.quantityonhand]), [["AC-1", 37], ["AC-2", 15], ["AC-3", 8], ["AC-9", 6]]);
});

test("a second business follows NetSuite instead: bootstrap → connect → first sync → tick → counts while stock moves → approve → push", async () => {
  const first = bootstrap("Northstar Foods");
  const admin = { token: first.match(/^cct_\S+$/m)[0] };
  const nsAccount = { account_id: "TSTDRV6666666", subsidiary_id: "1", adjustment_account_id: "212", tba: newTba() };
  const catalog = nsCatalog({ locations: 1, bins: 3, items: 12, firstItem: 300 });
  assert.equal((await ns.addAccount(standinAccount(nsAccount))).status, 200);
  assert.equal((await ns.post(`/__catalog?account=${nsAccount.account_id}`, catalog)).status, 200);
  const approver = { token: (await ok(rt.call("POST", "/api/tokens", { ...admin, body: { name: "Lee", role: "approver" } }), 201)).token };
  const scanner = { token: (await ok(rt.call("POST", "/api/tokens", { ...admin, body: { name: "Ana", role: "scanner" } }), 201)).token };
  await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: connectionBody(nsAccount, ns.base) }));
  const synced = async (body) => {
    const { current } = await ok(rt.call("POST", "/api/netsuite/sync", { ...admin, body }), 202);
    for (let i = 0; ; i++) {
      const s = await ok(rt.call("GET", "/api/netsuite/sync", admin));
      if (s.current === null && s.last?.id === current.id) return s.last;
      assert.ok(i < 400, JSON.stringify(s.current));
      await sleep(50);
    }
  };
  assert.equal((await synced({ full: true })).status, "done");
  const [site] = await rt.rows("SELECT id, code FROM locations WHERE business_id = 'biz_northstar_foods'");
  assert.equal(site.code, "Warehouse 1");
  const schedule = await ok(rt.call("GET", `/api/cycle-count-schedule?location_id=${site.id}`, approver));
  assert.deepEqual(schedule.rotation.map((r) => r.zone), ["A", "B", "C"]);

  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: thisMonday() });
  const runs = await ok(rt.call("GET", "/api/schedule/runs", approver));
  assert.deepEqual(runs.items.map((r) => [r.location_code, r.status, r.zone_code]), [["Warehouse 1", "done", "A"]]);
  const sessionId = runs.items[0].session_id;
  // NS-00300 (21 in A-01) sells 5 at NetSuite; the next sync reads it before the counter gets there.
  await ns.post(`/__movements?account=${nsAccount.account_id}`, [{ item: 300, location: 1, binnumber: 500, delta: -5, type: "CashSale" }]);
  assert.equal((await synced({})).kind, "incremental");
  const count = (sku, bin, qty) => ok(rt.call("POST", "/api/inventory/count", { ...scanner,
    body: { location_id: site.id, counts: [{ sku, bin, counted_qty: qty }] } }), 201);
  await count("NS-00300", "A-01", 16);
  await count("NS-00303", "A-01", 41);  // 42: one short
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${sessionId}/close`, approver));
  assert.deepEqual([closed.workflow.confirmed, closed.workflow.staged_for_review], [1, 1], "no false loss for what NetSuite sold");
  const { items: [proposal] } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${sessionId}`, approver));
  assert.equal(proposal.sku, "NS-00303");
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "one missing" } }));
  for (let i = 0; ; i++) {
    const { items } = await ok(rt.call("GET", `/api/pushes?session_id=${sessionId}`, admin));
    if (items[0]?.status === "done") break;
    assert.ok(i < 400, JSON.stringify(items));
    await sleep(25);
  }
  await synced({});
  const balances = await (await fetch(`${ns.base}/__balances?account=${nsAccount.account_id}`)).json();
  const numbers = new Map(catalog.numbers.map((n) => [n.id, n.inventorynumber]));
  assert.deepEqual(await checkMirrorAgainstNetSuite((sql, ...p) => rt.rows(sql, ...p), "biz_northstar_foods", balances, numbers), []);
  const onHand = await ok(rt.call("GET", `/api/balances?location_id=${site.id}&page_size=3`, admin));
  assert.deepEqual(onHand.items.slice(0, 1).map((b) => [b.sku, b.quantityonhand]), [["NS-00300", 21]], "16 in A-01 and 5 in B-02");
});
