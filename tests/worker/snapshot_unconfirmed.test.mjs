// A snapshot taken while an adjustment waits for NetSuite: the placed item's
// bin line already carries the unconfirmed change, and no residual line
// appears for it (balance and placements both count the change once).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => {
  rt = await startRuntime();  // no NetSuite connection: every push stays pending
});
after(async () => {
  await rt?.stop();
});

const approver = { token: TOKENS.approver };

async function productSession(itemId) {
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: "one item" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "product", value: itemId } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  return session;
}

test("a found unit waiting for NetSuite shows in the next snapshot's bin line, never again as a residual", async () => {
  const [line] = await rt.rows(
    "SELECT d.item_id, i.sku, b.code AS bin, d.quantity FROM inventory_detail d JOIN items i ON i.id = d.item_id JOIN bins b ON b.id = d.bin_id " +
    "WHERE d.business_id = 'biz_northwind' AND d.location_id = 'nw_loc_dc1' AND d.batch_number IS NULL AND d.serial_number IS NULL AND d.quantity >= 100000 " +
    "AND (SELECT COUNT(*) FROM inventory_detail x WHERE x.item_id = d.item_id AND x.location_id = d.location_id) = 1 LIMIT 1");
  const first = await productSession(line.item_id);
  const base = line.quantity / 1000;
  await ok(rt.call("POST", "/stock-count/entries", { token: TOKENS.scanner, body: { session_id: first.id, entries: [{ item_id: line.item_id, bin: line.bin, counted_qty: base + 2 }] } }), 201);
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${first.id}/close`, approver));
  assert.equal(closed.workflow.auto_adjusted, 1);
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes WHERE status = 'pending'");
  assert.ok(n >= 1, "the adjustment waits for NetSuite");

  const second = await productSession(line.item_id);
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${second.id}/snapshots`, approver))).items.filter((l) => l.item_id === line.item_id);
  assert.deepEqual(lines.map((l) => [l.kind, l.bin, l.quantity]), [["untracked", line.bin, base + 2]]);
});
