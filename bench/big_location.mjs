// The bench location BIG (bench/full_count.mjs, bench/weekly_zone.mjs): FULL_ITEMS
// (default 20000) items × 10 bins in 200 bins of 20 zones, added to a copy of the
// prepared demo database; and the figures both benches read while they run.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ITEMS = Number(process.env.FULL_ITEMS ?? 20000);
export const BINS_PER_ITEM = 10;
export const BINS = 200;
export const LINES = ITEMS * BINS_PER_ITEM;
const root = path.resolve(import.meta.dirname, "..");

// Item n sits in bins (n + 20k) mod 200 for k = 0…9, k+1 … 50 units a bin.
function seedSql() {
  const B = "'biz_northwind'";
  return `
INSERT INTO locations (id, business_id, code, name, ns_location_id, active) VALUES ('nw_loc_big', ${B}, 'BIG', 'Bench DC', '77', 1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO zones (id, business_id, location_id, code, name, active) SELECT 'big_z' || i, ${B}, 'nw_loc_big', printf('Z%02d', i), 'Zone ' || i, 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${BINS - 1})
INSERT INTO bins (id, business_id, location_id, zone_id, code) SELECT 'big_b' || i, ${B}, 'nw_loc_big', 'big_z' || (i / 10 + 1), printf('BIG-%03d', i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ITEMS})
INSERT INTO items (id, business_id, sku, name, category, brand, avg_cost_minor, tracking, ns_item_id)
  SELECT 'big_i' || i, ${B}, printf('BIG-%05d', i), 'Bench item ' || i, 'Bulk', 'Bench', 100 + i % 900, 'none', CAST(900000 + i AS TEXT) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ITEMS}), k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${BINS_PER_ITEM - 1})
INSERT INTO inventory_detail (id, business_id, item_id, location_id, bin_id, batch_number, serial_number, quantity)
  SELECT 'big_d' || i || '_' || j, ${B}, 'big_i' || i, 'nw_loc_big', 'big_b' || ((i + 20 * j) % ${BINS}), NULL, NULL, ((i * (j + 1)) % 50 + 1) * 1000 FROM n, k;
INSERT INTO inventory_balance (business_id, item_id, location_id, quantityonhand, reserved, updated_at)
  SELECT business_id, item_id, location_id, SUM(quantity), 0, '2026-01-01T00:00:00Z' FROM inventory_detail WHERE location_id = 'nw_loc_big' GROUP BY item_id;
`;
}

// Line (i, j) of BIG as a count line: item i in its j-th bin, counted as expected.
export function bigLine(i, j) {
  return { sku: `BIG-${String(i).padStart(5, "0")}`, bin: `BIG-${String((i + 20 * j) % BINS).padStart(3, "0")}`,
           counted_qty: (i * (j + 1)) % 50 + 1 };
}

export function prepareTemplate(template = process.env.TEMPLATE_STATE, extraSql = "") {
  if (!template) throw new Error("TEMPLATE_STATE is not set (bench/run.sh prepares it)");
  const dir = mkdtempSync(path.join(tmpdir(), "full-count-"));
  cpSync(template, dir, { recursive: true });
  const file = path.join(dir, "seed.sql");
  writeFileSync(file, seedSql() + extraSql);
  execFileSync(path.join(root, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", dir, "--file", file],
    { cwd: root, stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  return dir;
}

// workerd's resident set, sampled while a phase runs (peak, MB).
export function residentMb(group) {
  let total = 0;
  try {
    for (const line of execFileSync("ps", ["-o", "rss=,comm=", "-g", String(group)], { encoding: "utf8" }).split("\n")) {
      const [rss, comm] = line.trim().split(/\s+/);
      if (comm?.startsWith("workerd")) total = Math.max(total, Number(rss) / 1024);
    }
  } catch {}
  return total;
}

export function timing(response) {
  const h = response.headers.get("server-timing") ?? "";
  const num = (re) => Number(h.match(re)?.[1] ?? 0);
  return { turns: num(/(\d+) turns/), batches: num(/(\d+) batches/), statements: num(/(\d+) statements/), rows: num(/(\d+) rows/),
           wasm: num(/wasm;desc="([\d.]+) MB/), coreMs: num(/core;dur=([\d.]+)/), d1Ms: num(/d1;dur=([\d.]+)/) };
}
