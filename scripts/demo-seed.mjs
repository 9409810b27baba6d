// Deterministic demo data (same output every run): two businesses with
// locations, zones, bins, items, balances, bin/batch/serial placement, the
// zone rotation, guardrails and the local-only demo tokens of API.md.
//
// npm start loads it through the product's real paths (scripts/demo-load.mjs):
// only the two businesses and their demo tokens are written with SQL
// (identitySql); Northwind's catalogue goes to its NetSuite account on the
// stand-in (northwindCatalog) and arrives by the sync; Contoso's arrives as CSV
// files through the import API (contosoFiles).
// The integration tests start from a fixture with fixed ids (fixtureSql), the
// same data written with SQL so each test can name its rows.
// Usage: node scripts/demo-seed.mjs [--fixture] > seed.sql
import { createHash } from "node:crypto";

import { mulberry32 } from "./seeded-random.mjs";

// The demo tokens exist only here and in the local database built from it.
export const DEMO_TOKENS = [
  { token: "demo-admin-token", business: "biz_northwind", role: "admin", name: "Demo admin" },
  { token: "demo-approver-token", business: "biz_northwind", role: "approver", name: "Demo approver" },
  { token: "demo-scanner-token", business: "biz_northwind", role: "scanner", name: "Demo scanner" },
  { token: "demo2-admin-token", business: "biz_contoso", role: "admin", name: "Second business admin" },
];

const CREATED_AT = "2026-11-01T00:00:00.000Z";


const sql = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

function insertRows(out, table, columns, rows, chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows.slice(i, i + chunk).map((r) => `(${columns.map((c) => sql(r[c])).join(", ")})`);
    out.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES\n${values.join(",\n")};`);
  }
}

// The demo's labels: a GTIN-13 per item from the business's GS1 company prefix (GS1's own
// example prefixes) and the item's number, with its check digit; and packs on some untracked
// items (CASE of 6 or 12, PALLET of 480), as an import's uoms cell writes them.
export function gtin13(prefix, n) {
  const body = `${prefix}${String(n).padStart(12 - prefix.length, "0")}`;
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
const packsOf = (i, tracking) => (tracking !== "none" ? "" : i % 4 === 0 ? "CASE=12;PALLET=480" : i % 4 === 1 ? "CASE=6" : "");
const uomsColumn = (text) => JSON.stringify(text ? text.split(";").map((p) => { const [code, factor] = p.split("="); return { code, factor: Number(factor) * 1000 }; }) : []);

const CATEGORIES = ["Beverages", "Snacks", "Cleaning", "Hardware", "Electronics", "Apparel", "Pharmacy", "Pet Care"];
const BRANDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka"];
const NOUNS = ["Widget", "Bottle", "Pack", "Cable", "Filter", "Cleaner", "Bar", "Kit", "Box", "Roll", "Spray", "Charger"];

function business(spec, rnd) {
  const d = { locations: [], zones: [], bins: [], items: [], balances: [], details: [], schedule: [] };
  for (const loc of spec.locations) {
    const locationId = `${spec.prefix}_loc_${loc.code.toLowerCase()}`;
    d.locations.push({ id: locationId, business_id: spec.id, code: loc.code, name: loc.name, ns_location_id: String(loc.ns), active: 1 });
    spec.zones.forEach((z, zi) => {
      const zoneId = `${locationId}_z${z.toLowerCase()}`;
      d.zones.push({ id: zoneId, business_id: spec.id, location_id: locationId, code: z, name: `Zone ${z}`, active: 1 });
      d.schedule.push({ id: `${zoneId}_rot`, business_id: spec.id, location_id: locationId, zone_id: zoneId, position: zi + 1, active: 1 });
      for (let b = 1; b <= spec.binsPerZone; b++) {
        const code = `${z}-${String(Math.ceil(b / 5)).padStart(2, "0")}-${String(((b - 1) % 5) + 1).padStart(2, "0")}`;
        d.bins.push({ id: `${locationId}_b${code}`, business_id: spec.id, location_id: locationId, zone_id: zoneId, code, _zone: z, _location: locationId });
      }
    });
  }
  for (let i = 1; i <= spec.items; i++) {
    const r = rnd();
    const tracking = r < 0.03 ? "serial" : r < 0.08 ? "batch" : "none";
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)];
    const brand = BRANDS[Math.floor(rnd() * BRANDS.length)];
    const sku = `${spec.skuPrefix}-${String(i).padStart(5, "0")}`;
    d.items.push({
      id: `${spec.prefix}_item_${i}`, business_id: spec.id, sku, name: `${brand} ${category} ${NOUNS[i % NOUNS.length]} ${i}`,
      category, brand, avg_cost_minor: tracking === "serial" ? 5000 + Math.floor(rnd() * 95000) : 50 + Math.floor(rnd() * 5000),
      tracking, ns_item_id: String(1000 + i), upc: gtin13(spec.gs1Prefix, i), packs: packsOf(i, tracking),
    });
  }
  for (const [li, location] of d.locations.entries()) {
    const bins = d.bins.filter((b) => b._location === location.id);
    for (const item of d.items) {
      if (li > 0 && rnd() > 0.6) continue;
      const bin = bins[Math.floor(rnd() * bins.length)];
      let onhand = 0;
      const place = (qty, extra = {}) => {
        d.details.push({ id: `${item.id}_${location.code}_d${d.details.length}`, business_id: spec.id, item_id: item.id, location_id: location.id,
          bin_id: bin.id, batch_number: null, serial_number: null, quantity: qty * 1000, ...extra });
        onhand += qty;
      };
      if (item.tracking === "serial") {
        const units = 1 + Math.floor(rnd() * 4);
        for (let u = 1; u <= units; u++) place(1, { serial_number: `SN-${item.sku}-${location.code}-${u}` });
      } else if (item.tracking === "batch") {
        const batches = 1 + Math.floor(rnd() * 3);
        for (let b = 1; b <= batches; b++) place(5 + Math.floor(rnd() * 60), { batch_number: `LOT-${item.sku}-${b}` });
      } else {
        place(1 + Math.floor(rnd() * 200));
      }
      const reserved = rnd() < 0.3 ? Math.floor(onhand * rnd() * 0.2) : 0;
      d.balances.push({ business_id: spec.id, item_id: item.id, location_id: location.id, quantityonhand: onhand * 1000, reserved: reserved * 1000, updated_at: CREATED_AT });
    }
  }
  return d;
}

const SPECS = [
    { id: "biz_northwind", name: "Northwind Supply", prefix: "nw", skuPrefix: "NW", gs1Prefix: "9501101", items: 2000, binsPerZone: 25,
      zones: ["A", "B", "C", "D", "E", "F"], autoPct: 5000, autoValue: 50000,
      locations: [{ code: "DC1", name: "Main Distribution Center", ns: 1 }, { code: "DC2", name: "East Annex", ns: 2 }] },
    { id: "biz_contoso", name: "Contoso Traders", prefix: "ct", skuPrefix: "CT", gs1Prefix: "9501102", items: 100, binsPerZone: 10,
      zones: ["A", "B", "C"], autoPct: 2000, autoValue: null,
      locations: [{ code: "WH1", name: "Contoso Warehouse", ns: 7 }] },
];

// Both businesses' data, generated in one deterministic sequence.
function demoData() {
  const rnd = mulberry32(20261121);
  return SPECS.map((spec) => ({ spec, d: business(spec, rnd) }));
}

function identityRows(out, spec) {
  out.push(`INSERT INTO businesses (id, name, created_at) VALUES (${sql(spec.id)}, ${sql(spec.name)}, ${sql(CREATED_AT)});`);
}

function tokenRows(out) {
  const tokens = DEMO_TOKENS.map((t) => ({ token_hash: createHash("sha256").update(t.token).digest("hex"), business_id: t.business, role: t.role, name: t.name, created_at: CREATED_AT }));
  insertRows(out, "api_tokens", ["token_hash", "business_id", "role", "name", "created_at"], tokens);
}

// npm start: the businesses and their demo tokens, nothing else.
export function identitySql() {
  const out = ["-- Demo businesses and tokens: generated by scripts/demo-seed.mjs. Local only."];
  for (const spec of SPECS) identityRows(out, spec);
  tokenRows(out);
  return out.join("\n") + "\n";
}

// The guardrails each business starts with, as PUT /api/guardrails takes them.
export const demoGuardrails = () => Object.fromEntries(SPECS.map((s) => [s.id, {
  inventory_auto_pct: s.autoPct / 1000, inventory_auto_value: s.autoValue === null ? null : (s.autoValue / 100).toFixed(2) }]));

// Northwind's packs as NetSuite keeps them: two units types (unitsTypeUom rows, each with its base
// unit), an item's packs naming its type.
const UNITS_TYPES = { "CASE=12;PALLET=480": 1, "CASE=6": 2 };
const NS_UNITS = [
  { internalid: 1, unitstype: 1, unitname: "Each", abbreviation: "EA", conversionrate: 1, baseunit: "T" },
  { internalid: 2, unitstype: 1, unitname: "Case of 12", abbreviation: "CASE", conversionrate: 12, baseunit: "F" },
  { internalid: 3, unitstype: 1, unitname: "Pallet", abbreviation: "PALLET", conversionrate: 480, baseunit: "F" },
  { internalid: 4, unitstype: 2, unitname: "Each", abbreviation: "EA", conversionrate: 1, baseunit: "T" },
  { internalid: 5, unitstype: 2, unitname: "Case of 6", abbreviation: "CASE", conversionrate: 6, baseunit: "F" },
];

// Northwind's catalogue in NetSuite's field names, as POST /__catalog takes it.
export function northwindCatalog() {
  const { spec, d } = demoData().find((x) => x.spec.id === "biz_northwind");
  const nsLocation = new Map(d.locations.map((l) => [l.id, Number(l.ns_location_id)]));
  const nsBin = new Map(d.bins.map((b, i) => [b.id, 100 + i]));
  const nsItem = new Map(d.items.map((i) => [i.id, Number(i.ns_item_id)]));
  const numbers = new Map();
  const numberOf = (item, text) => {
    if (!text) return null;
    const key = `${item}|${text}`;
    if (!numbers.has(key)) numbers.set(key, { id: 700000 + numbers.size, inventorynumber: text, item: nsItem.get(item) });
    return numbers.get(key).id;
  };
  const balances = d.details.map((x) => ({ item: nsItem.get(x.item_id), location: nsLocation.get(x.location_id), binnumber: nsBin.get(x.bin_id),
    inventorynumber: numberOf(x.item_id, x.batch_number ?? x.serial_number), quantityonhand: x.quantity / 1000 }));
  return {
    account: "TSTDRV1234567", business: spec.id,
    locations: d.locations.map((l) => ({ id: nsLocation.get(l.id), name: l.name, isinactive: "F" })),
    bins: d.bins.map((b) => ({ id: nsBin.get(b.id), binnumber: b.code, location: nsLocation.get(b._location), isinactive: "F" })),
    items: d.items.map((i) => ({ id: nsItem.get(i.id), itemid: i.sku, displayname: i.name, class: i.category,
      averagecost: (i.avg_cost_minor / 100).toFixed(2), islotitem: i.tracking === "batch" ? "T" : "F", isserialitem: i.tracking === "serial" ? "T" : "F",
      upccode: i.upc, unitstype: UNITS_TYPES[i.packs] ?? null })),
    numbers: [...numbers.values()], balances, units: NS_UNITS,
  };
}

const csvField = (v) => (v === null || v === undefined ? "" : /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
const csv = (columns, rows) => [columns.join(","), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(","))].join("\r\n") + "\r\n";

// Contoso's master data and on-hand as the four CSV files of POST /api/import/{kind}, in load order.
export function contosoFiles() {
  const { d } = demoData().find((x) => x.spec.id === "biz_contoso");
  const code = new Map(d.locations.map((l) => [l.id, l.code]));
  const bin = new Map(d.bins.map((b) => [b.id, b.code]));
  const item = new Map(d.items.map((i) => [i.id, i.sku]));
  return [
    ["locations", csv(["code", "name", "ns_location_id"], d.locations)],
    ["bins", csv(["location", "code"], d.bins.map((b) => ({ location: code.get(b._location), code: b.code })))],
    ["items", csv(["sku", "name", "category", "brand", "avg_cost", "tracking", "ns_item_id", "gtin", "uoms"], d.items.map((i) => ({ ...i,
      avg_cost: (i.avg_cost_minor / 100).toFixed(2), tracking: i.tracking === "batch" ? "lot" : i.tracking, gtin: i.upc, uoms: i.packs })))],
    ["balances", csv(["sku", "location", "bin", "lot", "serial", "quantity"], d.details.map((x) => ({ sku: item.get(x.item_id),
      location: code.get(x.location_id), bin: bin.get(x.bin_id), lot: x.batch_number, serial: x.serial_number, quantity: x.quantity / 1000 })))],
  ];
}

// The tests' fixture: everything written with SQL under fixed ids.
export function fixtureSql() {
  const out = ["-- Test fixture: generated by scripts/demo-seed.mjs --fixture (deterministic). Local only."];
  for (const { spec, d } of demoData()) {
    identityRows(out, spec);
    insertRows(out, "locations", ["id", "business_id", "code", "name", "ns_location_id", "active"], d.locations);
    insertRows(out, "zones", ["id", "business_id", "location_id", "code", "name", "active"], d.zones);
    insertRows(out, "bins", ["id", "business_id", "location_id", "zone_id", "code"], d.bins);
    insertRows(out, "items", ["id", "business_id", "sku", "name", "category", "brand", "avg_cost_minor", "tracking", "ns_item_id", "gtin", "uoms"],
      d.items.map((i) => ({ ...i, gtin: `0${i.upc}`, uoms: uomsColumn(i.packs) })));
    insertRows(out, "inventory_balance", ["business_id", "item_id", "location_id", "quantityonhand", "reserved", "updated_at"], d.balances);
    insertRows(out, "inventory_detail", ["id", "business_id", "item_id", "location_id", "bin_id", "batch_number", "serial_number", "quantity"], d.details);
    insertRows(out, "cycle_count_schedule", ["id", "business_id", "location_id", "zone_id", "position", "active"], d.schedule);
    out.push(`INSERT INTO guardrails (business_id, inventory_auto_pct, inventory_auto_value, updated_at, updated_by) VALUES (${sql(spec.id)}, ${spec.autoPct}, ${sql(spec.autoValue)}, ${sql(CREATED_AT)}, 'demo seed');`);
  }
  tokenRows(out);
  return out.join("\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(process.argv[2] === "--fixture" ? fixtureSql() : identitySql());
