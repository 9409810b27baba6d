// Real data in by file (issue 26 §3): POST /api/import/{kind} takes CSV or JSON rows, checks every
// row before it writes any, upserts by natural key, and a retried upload is harmless.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

const ADMIN = { token: TOKENS.admin }, OTHER = { token: TOKENS.otherAdmin };
let rt;

before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const csv = (kind, text, who = ADMIN, headers = {}) =>
  rt.call("POST", `/api/import/${kind}`, { ...who, raw: text, headers: { "content-type": "text/csv", ...headers } });
const count = async (sql, ...params) => (await rt.rows(sql, ...params))[0].n;

test("a template names the kind's columns; an unknown kind is 404; a scanner may not import", async () => {
  for (const [kind, header] of [["locations", "code,name,ns_location_id,active"], ["bins", "location,code,zone,active,walk_seq"],
    ["items", "sku,name,category,brand,avg_cost,tracking,ns_item_id,active,gtin,uoms"], ["balances", "sku,location,bin,lot,serial,quantity"]]) {
    const r = await rt.call("GET", `/api/import/${kind}/template.csv`, ADMIN);
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type"), /^text\/csv/);
    assert.equal(r.text.split("\r\n")[0], header);
  }
  assert.equal((await rt.call("GET", "/api/import/pallets/template.csv", ADMIN)).status, 404);
  assert.equal((await csv("pallets", "code,name\nX,Y\n")).status, 404);
  assert.equal((await csv("locations", "code,name\nX,Y\n", { token: TOKENS.scanner })).status, 403);
  assert.equal((await csv("locations", "code,name\nX,Y\n", { token: TOKENS.approver })).status, 403);
});

test("one bad row writes nothing and is named by row, column and why; fixed and sent twice, each item is created once", async () => {
  const items = (cost) => [
    "sku,name,category,brand,avg_cost,tracking",
    "IMP-1,Imported bolt,Hardware,Acme,0.25,none",
    `IMP-2,"Imported nut, hex",Hardware,Acme,${cost},lot`,
    "IMP-3,Imported washer,Hardware,,1.5,serial",
  ].join("\r\n") + "\r\n";
  const before = await count("SELECT COUNT(*) AS n FROM items WHERE business_id = 'biz_northwind'");
  const bad = await csv("items", items("1.234").replace("serial", "by the box"));
  assert.equal(bad.status, 422, bad.text);
  assert.match(bad.json.detail, /2 problems in the items upload; nothing was written/);
  assert.deepEqual(bad.json.errors.map((e) => e.path), ["rows[2].avg_cost", "rows[3].tracking"]);
  assert.match(bad.json.errors[0].message, /at most 2 decimals/);
  assert.equal(await count("SELECT COUNT(*) AS n FROM items WHERE business_id = 'biz_northwind'"), before, "nothing written");

  const key = { "Idempotency-Key": "items-upload-1" };
  const first = await ok(csv("items", items("0.10"), ADMIN, key));
  assert.deepEqual(first, { kind: "items", rows: 3, created: 3, updated: 0 });
  const replay = await csv("items", items("0.10"), ADMIN, key);
  assert.equal(replay.status, 200);
  assert.deepEqual(replay.json, first, "the retried upload answers as the first did");
  const again = await ok(csv("items", items("0.10")));
  assert.deepEqual(again, { kind: "items", rows: 3, created: 0, updated: 3 }, "the same file without a key creates nothing");
  const rows = await rt.rows("SELECT sku, name, brand, avg_cost_minor, tracking, active FROM items WHERE business_id = 'biz_northwind' AND sku LIKE 'IMP-%' ORDER BY sku");
  assert.deepEqual(rows, [
    { sku: "IMP-1", name: "Imported bolt", brand: "Acme", avg_cost_minor: 25, tracking: "none", active: 1 },
    { sku: "IMP-2", name: "Imported nut, hex", brand: "Acme", avg_cost_minor: 10, tracking: "batch", active: 1 },
    { sku: "IMP-3", name: "Imported washer", brand: "", avg_cost_minor: 150, tracking: "serial", active: 1 },
  ]);

  // A file without the brand column keeps the stored brand; an item made inactive stays, inactive.
  await ok(csv("items", "sku,name,active\nIMP-1,Imported bolt M8,false\n"));
  assert.deepEqual(await rt.rows("SELECT name, brand, avg_cost_minor, active FROM items WHERE sku = 'IMP-1'"),
    [{ name: "Imported bolt M8", brand: "Acme", avg_cost_minor: 25, active: 0 }]);
});

test("what cannot be read is refused whole: a misspelt column, a missing required one, a repeated key, an open quote, too many rows", async () => {
  const misspelt = await csv("items", "sku,name,catgory\nX-1,X,Y\n");
  assert.equal(misspelt.status, 422);
  assert.deepEqual(misspelt.json.errors.map((e) => [e.path, e.message]), [["rows[0].catgory", "not a column of items (see the template)"]]);
  const missing = await csv("balances", "sku,location\nX-1,DC1\n");
  assert.deepEqual(missing.json.errors.map((e) => e.path), ["rows[0].quantity"]);
  const twice = await csv("locations", "code,name\nIMPX,One\nIMPX,Two\n");
  assert.deepEqual(twice.json.errors.map((e) => [e.path, e.message]), [["rows[2].code", "location IMPX is also on row 1"]]);
  const open = await csv("locations", 'code,name\nIMPY,"never closed\n');
  assert.equal(open.status, 400);
  assert.match(open.json.detail, /quoted field opened on line 2 is never closed/);
  const short = await csv("locations", "code,name\nIMPZ\n");
  assert.match(short.json.errors[0].message, /has 1 fields; the header has 2/);
  const many = await csv("locations", "code,name\n" + Array.from({ length: 10001 }, (_, i) => `M${i},Many ${i}`).join("\n"));
  assert.equal(many.status, 413);
  const empty = await csv("locations", "code,name\n");
  assert.equal(empty.status, 422);
  assert.equal(await count("SELECT COUNT(*) AS n FROM locations WHERE code LIKE 'IMP%' OR code LIKE 'M%'"), 0);
  // A CSV sent without its content type is told which one it needs.
  const untyped = await rt.call("POST", "/api/import/locations", { ...ADMIN, raw: "code,name\nX,Y\n" });
  assert.equal(untyped.status, 400);
  assert.match(untyped.json.detail, /content-type: text\/csv/);
  // The JSON form says what it wants.
  const notRows = await rt.call("POST", "/api/import/locations", { ...ADMIN, body: { locations: [] } });
  assert.equal(notRows.status, 422);
  assert.deepEqual(notRows.json.errors.map((e) => e.path), ["rows"]);
});

test("locations, bins (zones made and added to the rotation) and balances by JSON and CSV; the mirror and the ledger follow", async () => {
  const loc = await ok(rt.call("POST", "/api/import/locations", { ...ADMIN, body: { rows: [{ code: "IMP-DC", name: "Import depot", ns_location_id: 77 }] } }));
  assert.deepEqual(loc, { kind: "locations", rows: 1, created: 1, updated: 0 });
  const bins = await ok(csv("bins", "location,code,zone\nIMP-DC,R1-01,\nIMP-DC,R1-02,\nIMP-DC,Q-01,\nIMP-DC,FLOOR,BULK\nNOWHERE,X-1,\n".replace("NOWHERE,X-1,\n", "")));
  assert.deepEqual(bins, { kind: "bins", rows: 4, created: 4, updated: 0, zones_created: 3 });
  const [depot] = await rt.rows("SELECT id FROM locations WHERE business_id = 'biz_northwind' AND code = 'IMP-DC'");
  const rotation = await ok(rt.call("GET", `/api/cycle-count-schedule?location_id=${depot.id}`, { token: TOKENS.approver }));
  assert.deepEqual(rotation.rotation.map((r) => [r.position, r.zone, r.active]), [[1, "BULK", true], [2, "Q", true], [3, "R1", true]]);
  assert.equal(rotation.next_zone.zone, "BULK");
  const unknown = await csv("bins", "location,code\nNOWHERE,X-1\n");
  assert.deepEqual(unknown.json.errors.map((e) => [e.path, e.message]), [["rows[1].location", "no location NOWHERE (import locations first)"]]);

  // IMP-1 plain (no bins), IMP-2 by lot in bins, IMP-3 by serial.
  const lines = [
    "sku,location,bin,lot,serial,quantity",
    "IMP-1,IMP-DC,,,,120",
    "IMP-2,IMP-DC,R1-01,L-7,,30.5",
    "IMP-2,IMP-DC,R1-02,L-8,,4",
    "IMP-3,IMP-DC,FLOOR,,SN-1,1",
    "IMP-3,IMP-DC,FLOOR,,SN-2,1",
  ];
  const wrong = await csv("balances", [...lines, "IMP-2,IMP-DC,R1-09,,,3", "IMP-3,IMP-DC,FLOOR,,SN-3,2", "IMP-1,IMP-DC,Q-01,,,5"].join("\n"));
  assert.equal(wrong.status, 422);
  // Every row's problems in one answer, in row order: what the rows say alone and what the database says.
  assert.deepEqual(wrong.json.errors.map((e) => e.path), ["rows[6].bin", "rows[6].lot", "rows[7].quantity", "rows[8].bin"]);
  assert.match(wrong.json.errors[0].message, /no bin R1-09 at IMP-DC/);
  assert.match(wrong.json.errors[1].message, /tracked by lot: give the lot/);
  assert.match(wrong.json.errors[2].message, /a serial's quantity is 0 or 1/);
  assert.match(wrong.json.errors[3].message, /row 1 gives IMP-1 at IMP-DC without a bin, lot or serial: give every line of an item at a location one way/);
  assert.equal(await count("SELECT COUNT(*) AS n FROM inventory_balance WHERE location_id = ?", depot.id), 0, "nothing written");

  const loaded = await ok(csv("balances", lines.join("\n")));
  assert.equal(loaded.created, 5);
  assert.match(loaded.import_id, /^imp_/);
  const balances = await ok(rt.call("GET", `/api/balances?location_id=${depot.id}&page_size=10`, ADMIN));
  assert.deepEqual(balances.items.map((b) => [b.sku, b.quantityonhand]), [["IMP-1", 120], ["IMP-2", 34.5], ["IMP-3", 2]]);
  const ledger = await rt.rows("SELECT quantity_change, reason, mirrored_at IS NOT NULL AS mirrored FROM inventory_ledger WHERE ref_type = 'import' AND ref_id = ? ORDER BY quantity_change", loaded.import_id);
  assert.deepEqual(ledger.map((g) => g.quantity_change), [1000, 1000, 4000, 30500, 120000]);
  assert.ok(ledger.every((g) => g.reason === "import" && g.mirrored === 1), "movements already in the mirror");

  // Stock moved: a lot sold out (its placement goes), one serial gone; the rest unchanged.
  const moved = await ok(csv("balances", "sku,location,bin,lot,serial,quantity\nIMP-2,IMP-DC,R1-01,L-7,,0\nIMP-3,IMP-DC,FLOOR,,SN-2,0\nIMP-1,IMP-DC,,,,120\n"));
  assert.deepEqual([moved.created, moved.updated], [0, 3]);
  const after = await ok(rt.call("GET", `/api/balances?location_id=${depot.id}&page_size=10`, ADMIN));
  assert.deepEqual(after.items.map((b) => [b.sku, b.quantityonhand]), [["IMP-1", 120], ["IMP-2", 4], ["IMP-3", 1]]);
  assert.equal(await count("SELECT COUNT(*) AS n FROM inventory_detail WHERE location_id = ? AND quantity = 0", depot.id), 0);
  assert.deepEqual((await rt.rows("SELECT quantity_change FROM inventory_ledger WHERE ref_id = ? ORDER BY quantity_change", moved.import_id)).map((g) => g.quantity_change),
    [-30500, -1000], "only what moved is a movement");
  // A plain line for an item placed in bins is refused.
  const plain = await csv("balances", "sku,location,quantity\nIMP-2,IMP-DC,9\n");
  assert.deepEqual(plain.json.errors.map((e) => e.message), ["IMP-2 is tracked by lot: give the lot",
    "IMP-2 is placed in bins at IMP-DC: give each line's bin, lot or serial"]);
});

test("another business's codes are its own: the same file makes its own rows and touches none of ours", async () => {
  const mine = await rt.rows("SELECT id, name FROM locations WHERE code = 'IMP-DC'");
  const theirs = await ok(rt.call("POST", "/api/import/locations", { ...OTHER, body: { rows: [{ code: "IMP-DC", name: "Their depot" }] } }));
  assert.equal(theirs.created, 1, "a code another business uses is new here");
  const both = await rt.rows("SELECT business_id, name FROM locations WHERE code = 'IMP-DC' ORDER BY business_id");
  assert.deepEqual(both.map((l) => [l.business_id, l.name]), [["biz_contoso", "Their depot"], ["biz_northwind", mine[0]?.name ?? "Import depot"]]);
  const noItem = await rt.call("POST", "/api/import/balances", { ...OTHER, body: { rows: [{ sku: "IMP-1", location: "IMP-DC", quantity: 5 }] } });
  assert.deepEqual(noItem.json.errors.map((e) => e.path), ["rows[1].sku"], "our sku is unknown to them");
});
