// NetSuite read as well as written (issue 26 §2): PushMutexDO reads locations, bins, items and
// on-hand from the account by SuiteQL (the stand-in answers over its catalogue), a full run and
// then only what moved, resuming from its cursor through faults, until the mirror is exactly
// NetSuite's.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { newM2m, newSecretsKey } from "../../scripts/netsuite-credentials.mjs";
import { followingBusiness } from "../support/ns_business.mjs";
import { nsCatalog } from "../support/ns_catalog.mjs";
import { ok, startRuntime } from "../support/runtime.mjs";
import { startStandin } from "../support/standin.mjs";

const ADMIN = { token: "sync-admin-token" };
const account = { account_id: "TSTDRV4444444", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") };
const catalog = nsCatalog({ locations: 2, bins: 6, items: 1200 });
const BINDINGS = { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "20", NS_TIMEOUT_MS: "2000" };
let rt, ns, business;

before(async () => {
  ns = await startStandin();
  rt = await startRuntime({ bindings: BINDINGS });
  business = await followingBusiness(rt, ns, { id: "biz_sync", name: "Synced Supply", token: ADMIN.token, account, catalog });
});
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("a first (full) sync brings the account's locations, bins, zones, items and on-hand, exactly", async () => {
  const status = await business.synced({ full: true });
  const run = status.last;
  assert.equal(run.status, "done", JSON.stringify(run));
  assert.equal(run.kind, "full");
  assert.deepEqual([run.tables.locations.read, run.tables.bins.read, run.tables.items.read], [2, 12, 1200]);
  assert.equal(run.tables.balances.read, catalog.balances.length);
  assert.deepEqual(run.skipped_rows, []);
  assert.equal(status.on_hand_as_of, run.finished_at);
  const items = await rt.rows("SELECT sku, tracking, avg_cost_minor, category FROM items WHERE business_id = 'biz_sync' ORDER BY sku");
  assert.equal(items.length, 1200);
  assert.deepEqual(items[9], { sku: "NS-00109", tracking: "batch", avg_cost_minor: 433, category: "Parts" });
  assert.equal(items[24].tracking, "serial");
  // GTINs from NetSuite's UPC codes, packs from its units types — for every item, across the pages
  // (an item has a row per unit, so a page may end inside one: nothing of it is lost).
  const packed = await rt.rows("SELECT sku, gtin, uoms FROM items WHERE business_id = 'biz_sync' ORDER BY sku");
  assert.deepEqual(packed.slice(0, 3).map((i) => [i.sku, i.gtin, JSON.parse(i.uoms ?? "null")]), [
    ["NS-00100", "04006382001006", [{ code: "CS", factor: 12000 }, { code: "PLT", factor: 480000 }]],
    ["NS-00101", null, [{ code: "CASE_OF_6", factor: 6000 }]],
    ["NS-00102", null, null],
  ]);
  assert.equal(packed.filter((i) => i.uoms === '[{"code":"CS","factor":12000},{"code":"PLT","factor":480000}]').length, 400);
  assert.equal(packed.filter((i) => i.gtin).length, 240);
  const [w1] = await rt.rows("SELECT id, code FROM locations WHERE business_id = 'biz_sync' AND ns_location_id = '1'");
  assert.equal(w1.code, "Warehouse 1");
  const rotation = await ok(rt.call("GET", `/api/cycle-count-schedule?location_id=${w1.id}`, ADMIN));
  assert.deepEqual(rotation.rotation.map((r) => r.zone), ["A", "B", "C"], "zones from the bin numbers, in the rotation");
  assert.deepEqual(await business.differences(), []);
});

test("stock sold and received at NetSuite is read by the next (incremental) sync, and only what moved", async () => {
  const [lot] = catalog.balances.filter((b) => b.item === 109 && b.location === 1);
  const moves = [
    { item: 100, location: 1, binnumber: catalog.balances.find((b) => b.item === 100 && b.location === 1).binnumber, delta: -3, type: "CashSale" },
    { item: 101, location: 2, binnumber: 511, delta: 5, type: "ItemRcpt" },
    { item: 109, location: 1, binnumber: lot.binnumber, inventorynumber: lot.inventorynumber, delta: -lot.quantityonhand, type: "CashSale" },
  ];
  assert.equal((await ns.post(`/__movements?account=${account.account_id}`, moves)).status, 200);
  const { last: run } = await business.synced();
  assert.equal(run.kind, "incremental");
  assert.equal(run.tables.items.read ?? 0, 0, "no item changed");
  assert.equal(run.tables.balances.items_listed, 3, "only the items that moved are read again");
  assert.deepEqual(await business.differences(), []);
  const ledger = await rt.rows("SELECT quantity_change, reason FROM inventory_ledger WHERE ref_type = 'netsuite' AND ref_id = ? ORDER BY quantity_change", run.id);
  assert.deepEqual(ledger.map((g) => g.quantity_change), [-lot.quantityonhand * 1000, -3000, 5000], "each movement once, with its source");
});

test("counts while stock moves: judged against NetSuite's figure at count time, no false loss, and a confirmed adjustment is not counted twice", async () => {
  const token = async (role) => ({ token: (await ok(rt.call("POST", "/api/tokens", { ...ADMIN, body: { name: `Sync ${role}`, role } }), 201)).token });
  const approver = await token("approver"), scanner = await token("scanner");
  const [w1] = await rt.rows("SELECT id FROM locations WHERE business_id = 'biz_sync' AND ns_location_id = '1'");
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: w1.id, type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "zone", value: "A" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  const count = (sku, bin, qty) => ok(rt.call("POST", "/api/inventory/count", { ...scanner,
    body: { location_id: w1.id, session_id: session.id, counts: [{ sku, bin, counted_qty: qty }] } }), 201);
  const sell = (item, bin, delta) => ns.post(`/__movements?account=${account.account_id}`, [{ item, location: 1, binnumber: bin, delta, type: "CashSale" }]);
  // NS-00106 (33 in A-01) is counted right, then 2 are sold and the next sync reads it.
  await count("NS-00106", "A-01", 33);
  await sell(106, 500, -2);
  // 4 of NS-00103 (42 in A-04) are sold and synced before anyone counts: the shelf holds 38.
  await sell(103, 503, -4);
  await business.synced();
  await count("NS-00103", "A-04", 38);
  // NS-00115 (36 in A-04) is really one short.
  await count("NS-00115", "A-04", 35);
  const lines = Object.fromEntries((await ok(rt.call("GET", `/stock-count/sessions/${session.id}/variance?page_size=100`, approver)))
    .items.filter((l) => l.counted_qty !== null).map((l) => [l.sku, [l.expected_qty, l.system_qty_at_count, l.counted_qty, l.variance]]));
  assert.deepEqual(lines, { "NS-00103": [42, 38, 38, 0], "NS-00106": [33, 33, 33, 0], "NS-00115": [36, 36, 35, -1] });
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver));
  assert.deepEqual(closed.workflow, { auto_adjusted: 0, confirmed: 2, staged_for_review: 1 }, "no false loss");
  const { items: [proposal] } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${session.id}`, approver));
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "one broken" } }));
  for (let i = 0; ; i++) {
    const { items } = await ok(rt.call("GET", `/api/pushes?session_id=${session.id}`, ADMIN));
    if (items[0]?.status === "done") break;
    assert.ok(i < 400, JSON.stringify(items));
    await sleep(25);
  }
  // NetSuite now holds the adjustment; the next sync finds nothing to move for it.
  const { last: run } = await business.synced();
  assert.deepEqual(await rt.rows("SELECT quantity_change FROM inventory_ledger WHERE ref_type = 'netsuite' AND ref_id = ?", run.id), []);
  assert.deepEqual(await business.differences(), []);
});

test("an adjustment names its bin to NetSuite: stock found short in an item's second bin is booked there, and the next sync keeps it there", async () => {
  const approver = { token: (await ok(rt.call("POST", "/api/tokens", { ...ADMIN, body: { name: "Sync approver bins", role: "approver" } }), 201)).token };
  const [w1] = await rt.rows("SELECT id FROM locations WHERE business_id = 'biz_sync' AND ns_location_id = '1'");
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: w1.id, type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "zone", value: "A" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  // NS-00108 has 47 in C-03 (listed first at NetSuite) and 5 in A-04; A-04 holds 3.
  const { last: before } = await business.synced();
  const counted = await ok(rt.call("POST", "/api/inventory/count", { ...approver, body: { location_id: w1.id, session_id: session.id,
    counts: [{ sku: "NS-00108", bin: "A-04", counted_qty: 3 }] } }), 201);
  assert.equal(counted.entries[0].mirror_as_of, before.finished_at, "the entry says which sync its figure came from");
  const [line] = (await ok(rt.call("GET", `/stock-count/sessions/${session.id}/variance?page_size=100`, approver))).items
    .filter((l) => l.counted_qty !== null);
  assert.equal(line.mirror_as_of, before.finished_at);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver));
  const { items: [proposal] } = await ok(rt.call("GET", `/api/proposed-actions?status=pending&session_id=${session.id}`, approver));
  // Approved while a full sync runs in the business's drainer: the push it wakes is not left for the next sync.
  await ns.faults({ suiteql_delay_ms: 150 });
  await ok(rt.call("POST", "/api/netsuite/sync", { ...ADMIN, body: { full: true } }), 202);
  for (let i = 0; (await ok(rt.call("GET", "/api/netsuite/sync", ADMIN))).current?.status !== "running"; i++) {
    assert.ok(i < 200, "the sync started");
    await sleep(10);
  }
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount", reason_note: "two broken" } }));
  for (let i = 0; ; i++) {
    const { items } = await ok(rt.call("GET", `/api/pushes?session_id=${session.id}`, ADMIN));
    if (items[0]?.status === "done") break;
    assert.ok(i < 400, JSON.stringify(items));
    await sleep(25);
  }
  await ns.faults({ suiteql_delay_ms: 0 });
  const atNetSuite = (await (await fetch(`${ns.base}/__balances?account=${account.account_id}`)).json())
    .filter((r) => r.item === 108 && r.location === 1).map((r) => [r.binnumber, r.quantityonhand]).sort();
  assert.deepEqual(atNetSuite, [[502, 47], [503, 3]], "NetSuite booked the 2 in A-04, not in the item's first bin");
  await business.synced();
  const placed = await rt.rows(`SELECT b.code, d.quantity FROM inventory_detail d JOIN bins b ON b.id = d.bin_id JOIN items i ON i.id = d.item_id
    WHERE i.sku = 'NS-00108' AND d.location_id = ? ORDER BY b.code`, w1.id);
  assert.deepEqual(placed.map((p) => [p.code, p.quantity]), [["A-04", 3000], ["C-03", 47000]]);
  assert.deepEqual(await business.differences(), []);
});

test("one call at a time to the account by default (NS_MAX_CONCURRENCY 1): two adjustments due at once are pushed one after the other", async () => {
  const approver = { token: (await ok(rt.call("POST", "/api/tokens", { ...ADMIN, body: { name: "Sync approver 3", role: "approver" } }), 201)).token };
  const scanner = { token: (await ok(rt.call("POST", "/api/tokens", { ...ADMIN, body: { name: "Sync scanner 3", role: "scanner" } }), 201)).token };
  await ok(rt.call("PUT", "/api/guardrails", { ...ADMIN, body: { inventory_auto_pct: 10 } }));
  const [w1] = await rt.rows("SELECT id FROM locations WHERE business_id = 'biz_sync' AND ns_location_id = '1'");
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: w1.id, type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "zone", value: "B" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  // NS-00101 (28 in B-02) is one over, NS-00107 (40 in B-02) one under: an INCREASE and a DECREASE at once.
  await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: w1.id, session_id: session.id,
    counts: [{ sku: "NS-00101", bin: "B-02", counted_qty: 29 }, { sku: "NS-00107", bin: "B-02", counted_qty: 39 }] } }), 201);
  await ns.faults({ delay_ms: 300 });
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver));
  assert.equal(closed.workflow.auto_adjusted, 2);
  for (let i = 0; ; i++) {
    const { items } = await ok(rt.call("GET", `/api/pushes?session_id=${session.id}`, ADMIN));
    if (items.length === 2 && items.every((p) => p.status === "done")) break;
    assert.ok(i < 400, JSON.stringify(items.map((p) => p.status)));
    await sleep(25);
  }
  await ns.faults({ delay_ms: 0 });
  assert.equal((await ns.stats()).max_in_flight[account.account_id], 1);
  await business.synced();
  assert.deepEqual(await business.differences(), []);
});

test("under a 30 % fault rate the sync resumes from its cursor and converges to exactly NetSuite's on-hand", async () => {
  const moves = catalog.items.slice(0, 20).map((item, i) => {
    const row = catalog.balances.find((b) => b.item === item.id && b.location === 2 && !b.inventorynumber);
    return row ? { item: item.id, location: 2, binnumber: row.binnumber, delta: i % 2 ? 2 : -1, type: "CashSale" } : null;
  }).filter(Boolean);
  assert.equal((await ns.post(`/__movements?account=${account.account_id}`, moves)).status, 200);
  await ns.faults({ rate: 0.3, seed: 7 });
  const { last: run } = await business.synced({ full: true });
  await ns.faults({ rate: 0 });
  assert.equal(run.status, "done", JSON.stringify(run));
  const stats = await ns.stats();
  assert.ok(stats.faults_injected > 0, "faults were injected");
  assert.deepEqual(await business.differences(), []);
});

test("a sync NetSuite refuses fails in words, on the status and in /health, until the next run is done", async () => {
  await ns.faults({ fail_next: 1, status: 400, detail: "Invalid search query" });
  const { last: failed } = await business.synced();
  await ns.faults({ fail_next: 0, status: 503, detail: "Injected fault" });
  assert.equal(failed.status, "failed");
  assert.match(failed.last_error, /HTTP 400 .*Invalid search query/);
  const health = await ok(rt.call("GET", "/health"));
  assert.equal(health.status, "degraded");
  assert.match(health.config.find((c) => c.setting === "netsuite_sync")?.problem ?? "", /1 business\(es\)' latest NetSuite sync failed/);
  const { last: next } = await business.synced();
  assert.equal(next.status, "done");
  assert.equal((await ok(rt.call("GET", "/health"))).config?.find((c) => c.setting === "netsuite_sync"), undefined);
});

test("the sync's status and request are checked: a bad body is 422, a business without NetSuite is told so", async () => {
  const bad = await rt.call("POST", "/api/netsuite/sync", { ...ADMIN, body: { full: "yes" } });
  assert.equal(bad.status, 422);
  const other = await rt.call("POST", "/api/netsuite/sync", { token: "demo2-admin-token", body: {} });
  assert.equal(other.status, 409, other.text);
  const status = await ok(rt.call("GET", "/api/netsuite/sync", ADMIN));
  assert.equal(status.interval_minutes, 15);
  assert.ok(status.next_run_at > status.last.queued_at);
  assert.equal((await rt.call("GET", "/api/netsuite/sync", { token: "demo-approver-token" })).status, 403);
});

test("the business's zone rule names the zones of bins the sync brings", async () => {
  await ok(rt.call("PUT", "/api/settings", { ...ADMIN, body: { zone_pattern: "^([A-Z]+)\\d" } }));
  catalog.bins.push({ id: 990, binnumber: "QQ9-01", location: 1, isinactive: "F" });
  const replaced = await ns.post(`/__catalog?account=${account.account_id}`, catalog);
  assert.equal(replaced.status, 200);
  await business.synced();
  const [bin] = await rt.rows("SELECT z.code AS zone FROM bins b JOIN zones z ON z.id = b.zone_id WHERE b.business_id = 'biz_sync' AND b.code = 'QQ9-01'");
  assert.equal(bin.zone, "QQ", "the pattern's group, not the default QQ9");
  const [other] = await rt.rows("SELECT z.code AS zone FROM bins b JOIN zones z ON z.id = b.zone_id WHERE b.business_id = 'biz_sync' AND b.code = 'A-01'");
  assert.equal(other.zone, "A");
});
