// Counts triggered by stock (issue 27): an item whose on-hand is negative, or zero while a bin still
// lists it, is a count candidate (GET /api/count-candidates, with why); POST
// /api/count-candidates/open and the weekly tick open a stock check — a CYCLE session of the
// location's candidates (source "trigger") — and the next tick closes it with the zone's session.
// The mirror is set here as the NetSuite sync or a confirmed adjustment would leave it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
let rt;
let placed, negative, empty;  // items at DC1: a bin lists it but on-hand is 0; on-hand below 0; 0 and nothing placed

before(async () => {
  rt = await startRuntime();
  const rows = await rt.rows(`SELECT d.item_id, i.sku, b.code AS bin, d.quantity FROM inventory_detail d JOIN items i ON i.id = d.item_id
    JOIN bins b ON b.id = d.bin_id WHERE d.location_id = 'nw_loc_dc1' AND i.tracking = 'none' AND d.quantity > 0
    AND (SELECT COUNT(*) FROM inventory_detail x WHERE x.item_id = d.item_id AND x.location_id = d.location_id) = 1
    ORDER BY i.sku LIMIT 3`);
  [placed, negative, empty] = rows;
  const setOnHand = (item, qty) => rt.db.prepare("UPDATE inventory_balance SET quantityonhand = ? WHERE item_id = ? AND location_id = 'nw_loc_dc1'").bind(qty, item).run();
  await setOnHand(placed.item_id, 0);
  await setOnHand(negative.item_id, -3000);
  await setOnHand(empty.item_id, 0);
  await rt.db.prepare("DELETE FROM inventory_detail WHERE item_id = ? AND location_id = 'nw_loc_dc1'").bind(empty.item_id).run();
});
after(async () => { await rt?.stop(); });

test("the candidates: negative on-hand, or zero while a bin lists stock, each with why; approvers only", async () => {
  const { items, total } = await ok(rt.call("GET", "/api/count-candidates?location_id=nw_loc_dc1", approver));
  assert.equal(total, 2);
  const bySku = Object.fromEntries(items.map((c) => [c.sku, c]));
  assert.equal(bySku[negative.sku].why, "on-hand is -3");
  assert.equal(bySku[negative.sku].on_hand, -3);
  assert.equal(bySku[placed.sku].why, `on-hand is 0 while ${placed.bin} lists ${placed.quantity / 1000}`);
  assert.deepEqual(bySku[placed.sku].placed, [{ bin: placed.bin, quantity: placed.quantity / 1000 }]);
  assert.equal(bySku[empty.sku], undefined, "zero with nothing placed may be right");
  assert.equal((await ok(rt.call("GET", "/api/count-candidates?location_id=nw_loc_dc2", approver))).total, 0);
  assert.equal((await rt.call("GET", "/api/count-candidates", scanner)).status, 403);
  assert.equal((await rt.call("GET", "/api/count-candidates", { token: TOKENS.otherAdmin })).json.total, 0, "another business's stock is its own");
});

test("open: a stock check of the location's candidates, ACTIVE at once; they are no candidates while it is open", async () => {
  assert.equal((await rt.call("POST", "/api/count-candidates/open", { ...approver, body: {} })).status, 422);
  assert.equal((await rt.call("POST", "/api/count-candidates/open", { ...approver, body: { location_id: "ct_loc_wh1" } })).status, 422,
    "another business's location is unknown here");
  assert.equal((await rt.call("POST", "/api/count-candidates/open", { ...scanner, body: { location_id: "nw_loc_dc1" } })).status, 403);
  const opened = await ok(rt.call("POST", "/api/count-candidates/open", { ...approver, body: { location_id: "nw_loc_dc1" } }), 201);
  assert.equal(opened.source, "trigger");
  assert.equal(opened.status, "ACTIVE");
  assert.equal(opened.type, "CYCLE");
  assert.match(opened.trigger_reason, new RegExp(`${negative.sku}: on-hand is -3`));
  assert.deepEqual(opened.candidates.map((c) => c.sku).sort(), [negative.sku, placed.sku].sort());
  const scopes = (await ok(rt.call("GET", `/stock-count/sessions/${opened.id}/scopes`, approver))).items;
  assert.deepEqual(scopes.map((s) => `${s.kind}:${s.value}`).sort(), [`product:${negative.item_id}`, `product:${placed.item_id}`].sort());
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${opened.id}/snapshots?page_size=100`, approver))).items;
  assert.deepEqual([...new Set(lines.map((l) => l.sku))].sort(), [negative.sku, placed.sku].sort(), "the snapshot holds their placements");
  const listed = await ok(rt.call("GET", "/stock-count/sessions?source=trigger", approver));
  assert.deepEqual(listed.items.map((s) => s.id), [opened.id]);

  const again = await ok(rt.call("POST", "/api/count-candidates/open", { ...approver, body: { location_id: "nw_loc_dc1" } }));
  assert.equal(again.session, null);
  assert.match(again.note, /no count candidates at DC1/);
  assert.equal((await ok(rt.call("GET", "/api/count-candidates?location_id=nw_loc_dc1", approver))).total, 0, "being counted");

  // A counter sees what to count, not why (the reason holds on-hand figures).
  const seen = await rt.call("GET", `/stock-count/sessions/${opened.id}`, scanner);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.trigger_reason, undefined);
  assert.equal(seen.json.source, "trigger");

  // A counter counts it, without naming the session (the stock check is the one covering it); once the
  // check is closed, stock that still says "look here" makes the item a candidate again.
  const counted = await ok(rt.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1",
    counts: [{ sku: placed.sku, bin: placed.bin, counted_qty: placed.quantity / 1000 }] } }), 201);
  assert.equal(counted.session_id, opened.id);
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${opened.id}/close`, approver));
  assert.equal(closed.status, "CLOSED");
  assert.equal((await ok(rt.call("GET", "/api/count-candidates?location_id=nw_loc_dc1", approver))).total, 2);
});

test("the weekly tick opens a stock check where stock says look, after the zone, and the next tick closes it", async () => {
  const worker = await rt.mf.getWorker();
  const tick = (iso) => worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(iso) });
  // DC2 counts zone A this week and B the next: an item of zone B goes negative.
  const [item] = await rt.rows(`SELECT d.item_id, i.sku FROM inventory_detail d JOIN items i ON i.id = d.item_id JOIN bins b ON b.id = d.bin_id
    JOIN zones z ON z.id = b.zone_id WHERE d.location_id = 'nw_loc_dc2' AND z.code = 'B' AND i.tracking = 'none' ORDER BY i.sku LIMIT 1`);
  await rt.db.prepare("UPDATE inventory_balance SET quantityonhand = -1000 WHERE item_id = ? AND location_id = 'nw_loc_dc2'").bind(item.item_id).run();
  await tick("2026-11-23T06:00:00Z");
  const checks = (await ok(rt.call("GET", "/stock-count/sessions?source=trigger&location_id=nw_loc_dc2", approver))).items;
  assert.equal(checks.length, 1);
  assert.match(checks[0].trigger_reason, new RegExp(`${item.sku}: on-hand is -1`));
  assert.equal(checks[0].week_key, "2026-W48");
  const zone = (await ok(rt.call("GET", "/stock-count/sessions?source=cron&location_id=nw_loc_dc2", approver))).items;
  assert.equal(zone.length, 1, "the zone opened as every week");
  const runs = await ok(rt.call("GET", "/api/schedule/runs?week=2026-W48", approver));
  assert.equal(runs.items.find((r) => r.location_id === "nw_loc_dc2").status, "done", "the location's week is done");

  await tick("2026-11-23T06:00:30Z");  // a second delivery of the tick opens nothing more
  assert.equal((await ok(rt.call("GET", "/stock-count/sessions?source=trigger&location_id=nw_loc_dc2", approver))).items.length, 1);

  await tick("2026-11-30T06:00:00Z");
  const [closed] = (await ok(rt.call("GET", `/stock-count/sessions?source=trigger&location_id=nw_loc_dc2&status=CLOSED`, approver))).items;
  assert.equal(closed?.id, checks[0].id, "last week's stock check closed with the zone's session");
  // Still negative, but this week's zone is B, where it lies: the zone's session counts it, and no
  // stock check opens beside it.
  const [week49] = (await ok(rt.call("GET", "/stock-count/sessions?source=cron&location_id=nw_loc_dc2&status=ACTIVE", approver))).items;
  assert.equal(week49.zone_code, "B");
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_snapshot WHERE session_id = ? AND item_id = ?", week49.id, item.item_id);
  assert.ok(n > 0, "the zone's snapshot holds the item");
  const reopened = (await ok(rt.call("GET", "/stock-count/sessions?source=trigger&location_id=nw_loc_dc2&status=ACTIVE", approver))).items;
  assert.deepEqual(reopened, [], "counted by the zone: no second count of it");
  assert.equal((await ok(rt.call("GET", "/api/count-candidates?location_id=nw_loc_dc2", approver))).total, 0);
});
