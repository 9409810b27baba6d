// Businesses with many small locations, as SQL for a runtime's D1 (tests that need more
// locations than the demo's): each location has `zones` zones of `bins` bins, a rotation over
// its zones, and `items` items placed one per bin. Each business gets an approver and an admin
// token ("<id>-approver", "<id>-admin").
import { createHash } from "node:crypto";

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

export async function seedLocations(db, { businesses = ["biz_many"], locations = 10, zones = 2, bins = 2, items = 2 } = {}) {
  const now = "2026-11-01T00:00:00Z";
  const statements = [];
  const add = (sql, ...params) => statements.push(db.prepare(sql).bind(...params));
  for (const biz of businesses) {
    add("INSERT INTO businesses (id, name, created_at) VALUES (?, ?, ?)", biz, `Many ${biz}`, now);
    for (const role of ["approver", "admin"]) {
      add("INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) VALUES (?, ?, ?, ?, ?)",
        sha256(`${biz}-${role}`), biz, role, `${biz} ${role}`, now);
    }
    for (let i = 0; i < items; i++) {
      add("INSERT INTO items (id, business_id, sku, name, category, brand, avg_cost_minor) VALUES (?, ?, ?, ?, 'Parts', 'Acme', 100)",
        `${biz}_it${i}`, biz, `${biz.toUpperCase()}-${i}`, `Item ${i}`);
    }
    for (let l = 0; l < locations; l++) {
      const loc = `${biz}_loc${String(l).padStart(4, "0")}`;
      add("INSERT INTO locations (id, business_id, code, name) VALUES (?, ?, ?, ?)", loc, biz, `L${String(l).padStart(4, "0")}`, `Site ${l}`);
      for (let z = 0; z < zones; z++) {
        const zone = `${loc}_z${z}`;
        add("INSERT INTO zones (id, business_id, location_id, code, name) VALUES (?, ?, ?, ?, ?)", zone, biz, loc, `Z${z}`, `Zone ${z}`);
        add("INSERT INTO cycle_count_schedule (id, business_id, location_id, zone_id, position) VALUES (?, ?, ?, ?, ?)",
          `${zone}_rot`, biz, loc, zone, z + 1);
        for (let b = 0; b < bins; b++) {
          const bin = `${zone}_b${b}`;
          add("INSERT INTO bins (id, business_id, location_id, zone_id, code) VALUES (?, ?, ?, ?, ?)", bin, biz, loc, zone, `Z${z}-B${b}`);
          const item = `${biz}_it${(z * bins + b) % items}`;
          add("INSERT INTO inventory_detail (id, business_id, item_id, location_id, bin_id, quantity) VALUES (?, ?, ?, ?, ?, 5)",
            `${bin}_d`, biz, item, loc, bin);
        }
      }
      for (let i = 0; i < items; i++) {
        add("INSERT OR IGNORE INTO inventory_balance (business_id, item_id, location_id, quantityonhand, updated_at) VALUES (?, ?, ?, ?, ?)",
          biz, `${biz}_it${i}`, loc, 5 * zones * bins / items, now);
      }
    }
  }
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
}
