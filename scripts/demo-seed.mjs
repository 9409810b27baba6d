// Deterministic demo data (same output every run): two businesses with
// locations, zones, bins, items, balances, bin/batch/serial placement, the
// zone rotation, guardrails and the local-only demo tokens of API.md.
// Usage: node scripts/demo-seed.mjs > seed.sql   (npm start / npm test load it)
import { createHash } from "node:crypto";

// The demo tokens exist only here and in the local database built from it.
export const DEMO_TOKENS = [
  { token: "demo-admin-token", business: "biz_northwind", role: "admin", name: "Demo admin" },
  { token: "demo-approver-token", business: "biz_northwind", role: "approver", name: "Demo approver" },
  { token: "demo-scanner-token", business: "biz_northwind", role: "scanner", name: "Demo scanner" },
  { token: "demo2-admin-token", business: "biz_contoso", role: "admin", name: "Second business admin" },
];

const CREATED_AT = "2026-11-01T00:00:00.000Z";

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sql = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

function insertRows(out, table, columns, rows, chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows.slice(i, i + chunk).map((r) => `(${columns.map((c) => sql(r[c])).join(", ")})`);
    out.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES\n${values.join(",\n")};`);
  }
}

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
      tracking, ns_item_id: String(1000 + i),
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

export function demoSql() {
  const out = ["-- Demo data: generated by scripts/demo-seed.mjs (deterministic). Local only."];
  const specs = [
    { id: "biz_northwind", name: "Northwind Supply", prefix: "nw", skuPrefix: "NW", items: 2000, binsPerZone: 25,
      zones: ["A", "B", "C", "D", "E", "F"], autoPct: 5000, autoValue: 50000,
      locations: [{ code: "DC1", name: "Main Distribution Center", ns: 1 }, { code: "DC2", name: "East Annex", ns: 2 }] },
    { id: "biz_contoso", name: "Contoso Traders", prefix: "ct", skuPrefix: "CT", items: 100, binsPerZone: 10,
      zones: ["A", "B", "C"], autoPct: 2000, autoValue: null,
      locations: [{ code: "WH1", name: "Contoso Warehouse", ns: 7 }] },
  ];
  const rnd = mulberry32(20261121);
  for (const spec of specs) {
    const d = business(spec, rnd);
    out.push(`INSERT INTO businesses (id, name, created_at) VALUES (${sql(spec.id)}, ${sql(spec.name)}, ${sql(CREATED_AT)});`);
    insertRows(out, "locations", ["id", "business_id", "code", "name", "ns_location_id", "active"], d.locations);
    insertRows(out, "zones", ["id", "business_id", "location_id", "code", "name", "active"], d.zones);
    insertRows(out, "bins", ["id", "business_id", "location_id", "zone_id", "code"], d.bins);
    insertRows(out, "items", ["id", "business_id", "sku", "name", "category", "brand", "avg_cost_minor", "tracking", "ns_item_id"], d.items);
    insertRows(out, "inventory_balance", ["business_id", "item_id", "location_id", "quantityonhand", "reserved", "updated_at"], d.balances);
    insertRows(out, "inventory_detail", ["id", "business_id", "item_id", "location_id", "bin_id", "batch_number", "serial_number", "quantity"], d.details);
    insertRows(out, "cycle_count_schedule", ["id", "business_id", "location_id", "zone_id", "position", "active"], d.schedule);
    out.push(`INSERT INTO guardrails (business_id, inventory_auto_pct, inventory_auto_value, updated_at, updated_by) VALUES (${sql(spec.id)}, ${spec.autoPct}, ${sql(spec.autoValue)}, ${sql(CREATED_AT)}, 'demo seed');`);
  }
  const tokens = DEMO_TOKENS.map((t) => ({ token_hash: createHash("sha256").update(t.token).digest("hex"), business_id: t.business, role: t.role, name: t.name, created_at: CREATED_AT }));
  insertRows(out, "api_tokens", ["token_hash", "business_id", "role", "name", "created_at"], tokens);
  return out.join("\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(demoSql());
