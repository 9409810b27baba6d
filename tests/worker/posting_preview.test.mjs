// Property: the postings preview of a session is exactly what posting writes —
// over generated sessions with decreases, increases, fractions, lots, serials
// and bins that net to zero — because both come from the same C++ code.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkInvariants } from "../../scripts/invariants.mjs";
import { mulberry32 } from "../../scripts/seeded-random.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const approver = { token: TOKENS.approver };


const key = (l) => [l.item_id, l.bin_id ?? "", l.batch_number ?? "", l.serial_number ?? ""].join("|");
const thousandths = (n) => Math.round(n * 1000);

// A counted quantity for a snapshot line: equal, a little or a lot off, a fraction, or gone.
function countFor(line, rnd) {
  if (line.serial_number) return rnd() < 0.3 ? 0 : 1;
  const r = rnd();
  if (r < 0.25) return line.quantity;
  if (r < 0.5) return Math.max(0, line.quantity - 1);
  if (r < 0.65) return line.quantity + 1.25;
  if (r < 0.8) return Math.floor(line.quantity / 3);
  return 0;
}

const CATEGORIES = ["Snacks", "Beverages", "Cleaning", "Hardware", "Electronics", "Apparel"];

for (let seed = 1; seed <= 6; seed++) {
  test(`preview = posted adjustments, generated session ${seed}`, async () => {
    const rnd = mulberry32(seed * 7919);
    const category = CATEGORIES[seed - 1];
    const s = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: `property ${seed}` } }), 201);
    await ok(rt.call("POST", `/stock-count/sessions/${s.id}/scopes`, { ...approver, body: { kind: "category", value: category } }), 201);
    await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/start`, approver));
    const lines = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/snapshots?page_size=500`, approver))).items;
    const chosen = lines.filter(() => rnd() < 0.12).slice(0, 40);
    // An item in two bins whose counts net to zero: stock moved between bins, nothing to post for it.
    const byItem = new Map();
    for (const l of lines.filter((x) => !x.batch_number && !x.serial_number && x.bin)) byItem.set(l.item_id, [...(byItem.get(l.item_id) ?? []), l]);
    const pair = [...byItem.values()].find((ls) => ls.length >= 2 && ls[0].quantity >= 2);
    const entries = chosen.filter((l) => !pair?.some((p) => p.sku === l.sku)).map((l) => ({
      sku: l.sku, bin: l.bin ?? undefined, batch_number: l.batch_number ?? undefined, serial_number: l.serial_number ?? undefined,
      counted_qty: countFor(l, rnd) }));
    if (pair) entries.push({ sku: pair[0].sku, bin: pair[0].bin, counted_qty: pair[0].quantity - 2 }, { sku: pair[1].sku, bin: pair[1].bin, counted_qty: pair[1].quantity + 2 });
    await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries } }), 201);

    const { preview } = await ok(rt.call("GET", `/stock-count/sessions/${s.id}/postings`, approver));
    await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
    await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/approve`, { ...approver, body: { reason_code: "miscount" } }));
    const posted = await ok(rt.call("POST", `/stock-count/sessions/${s.id}/post`, approver), 201);

    const expected = preview.map((p) => [key(p), (p.direction === "INCREASE" ? 1 : -1) * thousandths(p.quantity)]).sort();
    const written = posted.postings.flatMap((a) => a.lines.map((l) => [key(l), (a.direction === "INCREASE" ? 1 : -1) * thousandths(l.quantity)])).sort();
    assert.deepEqual(written, expected);
    if (pair) assert.ok(!expected.some(([k]) => k.startsWith(`${pair[0].item_id}|`)), "bins that net to zero post nothing");

    // Posting conserves quantity: the ledger moves each item by exactly its adjustment lines.
    const ledger = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/ledger-entries?page_size=500`, approver))).items;
    const sum = (pairs) => pairs.reduce((n, [, q]) => n + q, 0);
    assert.equal(ledger.reduce((n, l) => n + thousandths(l.quantity_change), 0), sum(written));
  });
}

test("the invariants hold after everything above", async () => {
  assert.deepEqual(await checkInvariants((sql, ...p) => rt.rows(sql, ...p)), []);
});
