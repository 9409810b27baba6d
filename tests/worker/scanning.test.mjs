// Scanning at the API (issue 28): a count line may carry the label a scanner read — a GS1
// element string with its AIM prefix and GS, a substitute separator the business chose, the
// human-readable form or a bare EAN — and the core names the item, lot, serial and count from it;
// a count in a pack (CASE of 12) is stored in base units with its unit; a label or unit that
// cannot be read is a 422 naming it, and nothing is written.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

const admin = { token: TOKENS.admin };
const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
const GS = "\x1d";
let rt, session, packed, lot, serial, plain, snapshot;

before(async () => {
  rt = await startRuntime();
  session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "zone", value: "C" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/tasks/generate`, { ...approver, body: { strategy: "by_assignee", assignees: ["Demo scanner", "Other counter"] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, approver));
  snapshot = [];
  for (const kind of ["untracked", "tracked"]) {
    snapshot.push(...(await ok(rt.call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=${kind}&page_size=500`, approver))).items);
  }
  const items = new Map();
  for (const sku of new Set(snapshot.map((l) => l.sku))) {
    items.set(sku, (await ok(rt.call("GET", `/api/items?sku=${sku}`, scanner))).items[0]);
  }
  const withItem = snapshot.filter((l) => l.bin).map((l) => ({ ...l, item: items.get(l.sku) }));
  packed = withItem.find((l) => l.item.uoms.some((u) => u.code === "CASE" && u.factor === 12));
  plain = withItem.find((l) => l.item.tracking === "none" && l.item.uoms.length === 0);
  lot = withItem.find((l) => l.batch_number);
  serial = withItem.find((l) => l.serial_number);
  assert.ok(packed && plain && lot && serial, "the demo has packed, plain, lot and serial lines in zone C");
});
after(async () => { await rt?.stop(); });

const count = (who, counts, status = 201) =>
  ok(rt.call("POST", "/api/inventory/count", { ...who, body: { location_id: "nw_loc_dc1", session_id: session.id, counts } }), status);
const entries = async () => (await ok(rt.call("GET", `/stock-count/entries?session_id=${session.id}&page_size=500`, approver))).items;

test("items carry their GTIN and packs, and a label finds its item", async () => {
  assert.match(packed.item.gtin, /^0950110\d{7}$/);
  assert.deepEqual(packed.item.uoms.map((u) => u.code), packed.item.uoms.length === 2 ? ["CASE", "PALLET"] : ["CASE"]);
  const found = await ok(rt.call("GET", `/api/items?barcode=${encodeURIComponent(`]C101${packed.item.gtin}`)}`, scanner));
  assert.deepEqual(found.items.map((i) => i.sku), [packed.sku]);
  const ean13 = packed.item.gtin.slice(1);
  assert.deepEqual((await ok(rt.call("GET", `/api/items?barcode=${ean13}`, scanner))).items.map((i) => i.sku), [packed.sku]);
  const bad = await rt.call("GET", `/api/items?barcode=${ean13.slice(0, 12)}${(Number(ean13[12]) + 1) % 10}`, scanner);
  assert.equal(bad.status, 422);
  assert.match(bad.json.errors[0].message, /check digit/);
});

test("a wedge-typed GS1-128 label names the item and its count; the entry keeps the label", async () => {
  const label = `]C101${packed.item.gtin}${GS}307`;
  const answer = await count(scanner, [{ barcode: label, bin: packed.bin, client_entry_id: "gs1-1" }]);
  assert.equal(answer.accepted, 1);
  const [entry] = answer.entries;
  assert.equal(entry.sku, packed.sku);
  assert.equal(entry.counted_qty, 7);
  assert.equal(entry.barcode, label);
  assert.equal(entry.uom, null);
  const again = await count(scanner, [{ barcode: label, bin: packed.bin, client_entry_id: "gs1-1" }]);
  assert.equal(again.accepted, 0, "a resend of the same scan is a duplicate, not a second count");
});

test("a lot label fills the lot, a serial label counts its one unit; a line that contradicts its label is refused", async () => {
  const lotLabel = `(01)${lot.item.gtin}(10)${lot.batch_number}`;
  const [l] = (await count(scanner, [{ barcode: lotLabel, bin: lot.bin, counted_qty: 3 }])).entries;
  assert.equal(l.batch_number, lot.batch_number);
  assert.equal(l.counted_qty, 3);
  const [s] = (await count(scanner, [{ barcode: `]d201${serial.item.gtin}21${serial.serial_number}`, bin: serial.bin }])).entries;
  assert.equal(s.serial_number, serial.serial_number);
  assert.equal(s.counted_qty, 1);
  const before = (await entries()).length;
  const clash = await count(scanner, [{ barcode: lotLabel, batch_number: "OTHER", bin: lot.bin, counted_qty: 1 }], 422);
  assert.match(clash.errors[0].message, /lot is .*OTHER/);
  assert.equal((await entries()).length, before);
});

test("a count of 2 CASE of 12 stores 24 base units and reads 2 × CASE (12); a unit the item lacks is named", async () => {
  const [e] = (await count(scanner, [{ sku: packed.sku, bin: packed.bin, uom: "case", counted_qty: 2 }])).entries;
  assert.equal(e.counted_qty, 24);
  assert.equal(e.uom, "CASE");
  assert.equal(e.uom_qty, 2);
  assert.equal(e.pack, "2 × CASE (12)");
  const before = (await entries()).length;
  const bad = await count(scanner, [{ sku: plain.sku, bin: plain.bin, uom: "CASE", counted_qty: 1 },
    { sku: packed.sku, bin: packed.bin, uom: "BOX", counted_qty: 1 }], 422);
  assert.deepEqual(bad.errors.map((x) => x.path), ["counts[0].uom", "counts[1].uom"]);
  assert.match(bad.errors[0].message, /has no unit CASE/);
  assert.match(bad.errors[1].message, /has no unit BOX \(it has CASE/);
  assert.equal((await entries()).length, before, "nothing written");
  // A correction of the count is in base units: the unit no longer applies.
  const patched = await ok(rt.call("PATCH", `/stock-count/entries/${e.id}`, { ...scanner, body: { counted_qty: 25 } }));
  assert.equal(patched.counted_qty, 25);
  assert.equal(patched.uom, null);
});

test("labels that cannot be read are refused naming the AI and its position, and nothing is written", async () => {
  const before = (await entries()).length;
  const wrongDigit = `${packed.item.gtin.slice(0, 13)}${(Number(packed.item.gtin[13]) + 1) % 10}`;
  const bad = await count(scanner, [
    { barcode: `]C101${wrongDigit}`, bin: packed.bin, counted_qty: 1 },
    { barcode: `]C101${packed.item.gtin}17261301`, bin: packed.bin, counted_qty: 1 },
    { barcode: `]C101${packed.item.gtin}99X`, bin: packed.bin, counted_qty: 1 },
    { barcode: "]C10109501101999992", bin: packed.bin, counted_qty: 1 },
    { barcode: `]C101${plain.item.gtin}`, bin: plain.bin },
  ], 422);
  assert.deepEqual(bad.errors.map((x) => [x.path, x.message]), [
    ["counts[0].barcode", "AI 01 at position 3: check digit does not match"],
    ["counts[1].barcode", "AI 17 at position 19: not a date (YYMMDD)"],
    ["counts[2].barcode", "AI 99 at position 19: not an AI this service reads"],
    ["counts[3].barcode", "no item has GTIN 09501101999992"],
    ["counts[4].counted_qty", "required: the barcode carries no count"],
  ]);
  assert.equal((await entries()).length, before);
});

test("a business whose scanners send ~ for FNC1 says so once; GS still reads", async () => {
  const refused = await rt.call("PUT", "/api/settings", { ...admin, body: { gs1_separator: "A" } });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.errors[0].path, "gs1_separator");
  const saved = await ok(rt.call("PUT", "/api/settings", { ...admin, body: { gs1_separator: "~" } }));
  assert.equal(saved.gs1_separator, "~");
  const [e] = (await count(scanner, [{ barcode: `01${lot.item.gtin}10${lot.batch_number}~304`, bin: lot.bin }])).entries;
  assert.equal(e.batch_number, lot.batch_number);
  assert.equal(e.counted_qty, 4);
  const [g] = (await count(scanner, [{ barcode: `01${lot.item.gtin}10${lot.batch_number}${GS}305`, bin: lot.bin }])).entries;
  assert.equal(g.counted_qty, 5);
  await ok(rt.call("PUT", "/api/settings", { ...admin, body: { gs1_separator: null } }));
});

test("the import takes GTINs and packs, checks them, and keeps one item per GTIN", async () => {
  const csv = (text) => rt.call("POST", "/api/import/items", { ...admin, raw: text, headers: { "content-type": "text/csv" } });
  const bad = await csv(`sku,name,gtin,uoms\nNEW-1,New one,4006381333932,CASE=12\nNEW-2,New two,4006381333931,CASE=0\nNEW-3,New three,${packed.item.gtin},\n`);
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((x) => x.path).sort(), ["rows[1].gtin", "rows[2].uoms", "rows[3].gtin"]);
  assert.equal((await ok(rt.call("GET", "/api/items?sku=NEW-1", admin))).items.length, 0, "nothing written");
  const done = await csv("sku,name,gtin,uoms\nNEW-1,New one,4006381333931,case=10;Pallet=400\n");
  assert.equal(done.status, 200, JSON.stringify(done.json));
  const [item] = (await ok(rt.call("GET", "/api/items?sku=NEW-1", admin))).items;
  assert.equal(item.gtin, "04006381333931");
  assert.deepEqual(item.uoms, [{ code: "CASE", factor: 10 }, { code: "PALLET", factor: 400 }]);
  // a later upload without the columns keeps them
  assert.equal((await csv("sku,name\nNEW-1,New one renamed\n")).status, 200);
  const [kept] = (await ok(rt.call("GET", "/api/items?sku=NEW-1", admin))).items;
  assert.equal(kept.gtin, "04006381333931");
  assert.equal(kept.uoms.length, 2);
});

test("a task's walk: bins in walk order with what is left, never a quantity; counts tick lines off, strays show as found", async () => {
  const { items: tasks } = await ok(rt.call("GET", `/stock-count/tasks?session_id=${session.id}&page_size=200`, scanner));
  const walks = [];
  for (const t of tasks) walks.push(await ok(rt.call("GET", `/stock-count/tasks/${t.id}/walk`, scanner)));
  const walk = walks.find((w) => w.lines >= w.counted + 3);
  assert.ok(walk, "a task with several lines left");
  assert.doesNotMatch(JSON.stringify(walk), /quantity|qty|expected|system|value/, "blind by design, for every role");
  const codes = walk.bins.map((b) => b.bin);
  assert.ok(codes.length > 3, "the task spans bins");
  assert.deepEqual(codes, [...codes].sort(), "bin code order when the location defines no walk sequence");
  const binIndex = walk.bins.findIndex((b) => b.left > 0);
  const bin = walk.bins[binIndex];
  const line = bin.lines.find((l) => !l.counted);
  // What the line holds (read as an approver): a count that matches asks no recount, which would move the line.
  const qty = snapshot.find((n) => n.sku === line.sku && n.bin === bin.bin && n.batch_number === line.batch_number &&
    n.serial_number === line.serial_number).quantity;
  await count(scanner, [{ sku: line.sku, bin: bin.bin, counted_qty: qty, ...(line.batch_number ? { batch_number: line.batch_number } : {}),
    ...(line.serial_number ? { serial_number: line.serial_number } : {}) }]);
  const stray = walks.flatMap((w) => w.bins.flatMap((b) => b.lines)).find((l) => !bin.lines.some((m) => m.sku === l.sku) && !l.batch_number && !l.serial_number);
  await count(scanner, [{ sku: stray.sku, bin: bin.bin, counted_qty: 1 }]);
  const after = await ok(rt.call("GET", `/stock-count/tasks/${walk.task_id}/walk`, scanner));
  assert.equal(after.counted, walk.counted + 1);
  assert.equal(after.bins[binIndex].lines.find((l) => l.sku === line.sku && l.batch_number === line.batch_number && l.serial_number === line.serial_number).counted, true);
  assert.equal(after.bins[binIndex].left, bin.left - 1);
  assert.ok(after.found.some((f) => f.sku === stray.sku && f.bin === bin.bin), "the stray shows as found");
  walkTask = after;
});

test("a location's walk sequence (bins import, walk_seq) orders the walk", async () => {
  const first = walkTask.bins.slice(0, 3).map((b) => b.bin);
  const csv = `location,code,walk_seq\n${first.map((code, i) => `DC1,${code},${30 - i}`).join("\n")}\n`;
  const saved = await rt.call("POST", "/api/import/bins", { ...admin, raw: csv, headers: { "content-type": "text/csv" } });
  assert.equal(saved.status, 200, saved.text);
  const walk = await ok(rt.call("GET", `/stock-count/tasks/${walkTask.task_id}/walk`, scanner));
  assert.deepEqual(walk.bins.slice(0, 3).map((b) => [b.bin, b.walk_seq]), first.reverse().map((code, i) => [code, 28 + i]));
  assert.equal(walk.bins[3].walk_seq, null, "bins without a place in the sequence follow, by code");
});

let walkTask;
test("what nobody counted goes to a recount task in one action; the first task then holds only what was counted", async () => {
  assert.equal((await rt.call("POST", `/stock-count/tasks/${walkTask.task_id}/uncounted`, { ...scanner, body: {} })).status, 403);
  assert.equal((await rt.call("POST", `/stock-count/tasks/${walkTask.task_id}/uncounted`, { ...approver, body: { who: "x" } })).status, 422);
  const made = await ok(rt.call("POST", `/stock-count/tasks/${walkTask.task_id}/uncounted`, { ...approver, body: { assignee: "Demo scanner" } }), 201);
  assert.equal(made.name, `Not counted in ${walkTask.name}`);
  assert.equal(made.status, "OPEN");
  assert.equal(made.count_index, walkTask.count_index + 1);
  assert.equal(made.assignee, "Demo scanner");
  const first = await ok(rt.call("GET", `/stock-count/tasks/${walkTask.task_id}/walk`, scanner));
  assert.equal(first.lines, walkTask.counted);
  assert.equal(first.counted, walkTask.counted);
  const moved = await ok(rt.call("GET", `/stock-count/tasks/${made.id}/walk`, scanner));
  assert.equal(moved.lines, walkTask.lines - walkTask.counted);
  assert.equal(moved.counted, 0);
  const again = await rt.call("POST", `/stock-count/tasks/${walkTask.task_id}/uncounted`, { ...approver, body: {} });
  assert.equal(again.status, 409);
  assert.match(again.json.detail, /every line of the task is counted/);
});
