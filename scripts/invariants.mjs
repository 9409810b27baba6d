// The invariant checker: reconciles what the product wrote, end to end —
// entries → variances → proposals → adjustments → ledger → outbox → NetSuite
// records → the on-hand mirror — and returns every violation it finds (none
// when all holds). Tests call checkInvariants() with their D1; on a live local
// database run it from the shell:
//   node scripts/invariants.mjs [--persist-to .wrangler/state] [--standin http://127.0.0.1:8788] [--baseline file.json]
// A baseline (balances as { "item|location": quantityonhand } in thousandths,
// from snapshotBalances()) lets it prove the mirror moved by exactly the
// confirmed deltas since then.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

// The core's bound on one count line (stock_count::kMaxCountedQty), stated again here on purpose.
const MAX_COUNTED_QTY = 10_000_000_000;

export async function snapshotBalances(query) {
  const rows = await query("SELECT item_id, location_id, quantityonhand FROM inventory_balance");
  return Object.fromEntries(rows.map((r) => [`${r.item_id}|${r.location_id}`, r.quantityonhand]));
}

// query(sql, ...params) → rows. records: the NetSuite stand-in's GET /__records (optional).
export async function checkInvariants(query, { records, baseline } = {}) {
  const problems = [];
  const fail = (rule, rows) => { for (const r of rows) problems.push(`${rule}: ${JSON.stringify(r)}`); };

  fail("an entry's count is out of bounds", await query(
    "SELECT id, counted_qty FROM stock_count_entry WHERE counted_qty < 0 OR counted_qty > ?", MAX_COUNTED_QTY));
  fail("an auto variance has no adjustment line of its session", await query(
    `SELECT v.id, v.item_id FROM cycle_count_variances v WHERE v.decision = 'auto' AND NOT EXISTS (
       SELECT 1 FROM inventory_adjustment a JOIN inventory_adjustment_line l ON l.adjustment_id = a.id
       WHERE a.session_id = v.session_id AND a.proposed_action_id IS NULL AND l.item_id = v.item_id)`));
  fail("a review variance has no proposal", await query(
    "SELECT v.id FROM cycle_count_variances v WHERE v.decision = 'review' AND NOT EXISTS (SELECT 1 FROM proposed_actions p WHERE p.variance_id = v.id)"));
  fail("a proposal's status disagrees with its variance", await query(
    "SELECT p.id, p.status, v.status AS variance_status FROM proposed_actions p JOIN cycle_count_variances v ON v.id = p.variance_id WHERE p.status <> v.status"));
  fail("an approved proposal posted nothing", await query(
    `SELECT p.id FROM proposed_actions p WHERE p.status = 'approved' AND NOT EXISTS (
       SELECT 1 FROM inventory_adjustment a JOIN inventory_adjustment_line l ON l.adjustment_id = a.id
       WHERE (a.proposed_action_id = p.id OR (a.proposed_action_id IS NULL AND a.session_id = p.session_id)) AND l.item_id = p.item_id)`));
  fail("a rejected proposal posted something", await query(
    "SELECT p.id FROM proposed_actions p WHERE p.status = 'rejected' AND EXISTS (SELECT 1 FROM inventory_adjustment a WHERE a.proposed_action_id = p.id)"));
  fail("an adjustment without lines", await query(
    "SELECT a.id FROM inventory_adjustment a WHERE NOT EXISTS (SELECT 1 FROM inventory_adjustment_line l WHERE l.adjustment_id = a.id)"));
  fail("an adjustment without exactly one outbox row", await query(
    "SELECT a.id, (SELECT COUNT(*) FROM ns_pending_pushes p WHERE p.adjustment_id = a.id) AS n FROM inventory_adjustment a WHERE n <> 1"));
  fail("ledger and adjustment lines disagree", await query(
    `SELECT a.id, (SELECT COALESCE(SUM(CASE a.direction WHEN 'INCREASE' THEN l.quantity WHEN 'DECREASE' THEN -l.quantity ELSE 0 END), 0)
       FROM inventory_adjustment_line l WHERE l.adjustment_id = a.id) AS lines,
       (SELECT COALESCE(SUM(g.quantity_change), 0) FROM inventory_ledger g WHERE g.ref_type = 'inventory_adjustment' AND g.ref_id = a.id) AS ledger
     FROM inventory_adjustment a WHERE lines <> ledger`));
  fail("a move's ledger is not its quantity out of one bin and into the other", await query(
    `SELECT l.id FROM inventory_adjustment_line l JOIN inventory_adjustment a ON a.id = l.adjustment_id
     WHERE (a.direction = 'TRANSFER') <> (l.to_bin_id IS NOT NULL) OR (a.direction = 'TRANSFER' AND (l.to_bin_id = l.bin_id
       OR NOT EXISTS (SELECT 1 FROM inventory_ledger g WHERE g.ref_id = a.id AND g.bin_id = l.bin_id AND g.quantity_change = -l.quantity)
       OR NOT EXISTS (SELECT 1 FROM inventory_ledger g WHERE g.ref_id = a.id AND g.bin_id = l.to_bin_id AND g.quantity_change = l.quantity)))`));
  fail("a line's sign disagrees with its adjustment's direction", await query(
    `SELECT g.id FROM inventory_ledger g JOIN inventory_adjustment a ON a.id = g.ref_id AND g.ref_type = 'inventory_adjustment'
     WHERE (a.direction = 'INCREASE' AND g.quantity_change <= 0) OR (a.direction = 'DECREASE' AND g.quantity_change >= 0)`));
  fail("a done push without NetSuite's internal id", await query(
    "SELECT id FROM ns_pending_pushes WHERE status = 'done' AND (ns_internal_id IS NULL OR ns_internal_id = '')"));
  fail("mirrored ledger and push status disagree", await query(
    `SELECT p.id, p.status, g.mirrored_at FROM ns_pending_pushes p JOIN inventory_ledger g
       ON g.ref_type = 'inventory_adjustment' AND g.ref_id = p.adjustment_id
     WHERE (p.status = 'done') <> (g.mirrored_at IS NOT NULL)`));
  fail("a confirmed adjustment without exactly one inventory.adjusted event, or an unconfirmed one with one", await query(
    `SELECT p.id, p.status, (SELECT COUNT(*) FROM events e WHERE e.type = 'inventory.adjusted'
       AND json_extract(e.payload, '$.adjustment_id') = p.adjustment_id) AS n
     FROM ns_pending_pushes p WHERE n <> (CASE p.status WHEN 'done' THEN 1 ELSE 0 END)`));
  fail("a dead push without its reflexion_log push_dead", await query(
    "SELECT p.id FROM ns_pending_pushes p WHERE p.status = 'dead' AND NOT EXISTS (SELECT 1 FROM reflexion_log r WHERE r.tag = 'push_dead' AND r.ref_id = p.adjustment_id)"));
  fail("available is not on-hand minus reserved, floored at 0", await query(
    "SELECT item_id, location_id FROM inventory_balance WHERE quantityavailable <> MAX(quantityonhand - reserved, 0)"));
  fail("available is below 0", await query(
    "SELECT item_id, location_id, quantityavailable FROM inventory_balance WHERE quantityavailable < 0"));
  fail("an entry of a closed session is not judged by its close", await query(
    `SELECT DISTINCT e.session_id, e.item_id FROM stock_count_entry e JOIN stock_count_session s ON s.id = e.session_id
     WHERE s.run_kind IS NULL AND (s.status IN ('CLOSED', 'APPROVED', 'POSTED') OR (s.status = 'REJECTED' AND s.closed_at IS NOT NULL))
       AND NOT EXISTS (SELECT 1 FROM cycle_count_variances v WHERE v.session_id = e.session_id AND v.item_id = e.item_id)`));
  fail("a booked adjustment of a REJECTED session is not reversed", await query(
    `SELECT a.id, a.session_id FROM inventory_adjustment a JOIN stock_count_session s ON s.id = a.session_id
     WHERE s.status = 'REJECTED' AND a.reverses_adjustment_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM inventory_adjustment r WHERE r.reverses_adjustment_id = a.id)`));
  fail("a reversal does not undo exactly its adjustment", await query(
    `SELECT r.id FROM inventory_adjustment r JOIN inventory_adjustment a ON a.id = r.reverses_adjustment_id
     WHERE (r.direction = a.direction) <> (a.direction = 'TRANSFER') OR EXISTS (
       SELECT 1 FROM inventory_ledger g WHERE g.ref_id IN (r.id, a.id)
       GROUP BY g.item_id, COALESCE(g.bin_id, ''), COALESCE(g.batch_number, ''), COALESCE(g.serial_number, '')
       HAVING SUM(g.quantity_change) <> 0)`));
  fail("a serial is counted more than once in a session", await query(
    `SELECT c.session_id, c.item_id, c.serial_key, SUM(c.counted_qty) AS counted FROM stock_count_counted_v c
       JOIN items i ON i.id = c.item_id WHERE i.tracking = 'serial' AND c.serial_key <> ''
     GROUP BY c.session_id, c.item_id, c.serial_key HAVING SUM(c.counted_qty) > 1000`));

  if (records) {
    const pushes = await query(`SELECT p.external_id, p.status, p.ns_internal_id, c.account_id,
      CASE a.direction WHEN 'TRANSFER' THEN 'binTransfer' ELSE 'inventoryAdjustment' END AS type FROM ns_pending_pushes p
      JOIN inventory_adjustment a ON a.id = p.adjustment_id LEFT JOIN netsuite_connections c ON c.business_id = p.business_id`);
    const byExternal = new Map();
    for (const r of records) {
      const key = `${r.account}|${r.type ?? "inventoryAdjustment"}|${r.externalId}`;
      if (byExternal.has(key)) problems.push(`NetSuite holds two records for ${key}`);
      byExternal.set(key, r);
    }
    for (const p of pushes.filter((x) => x.status === "done" && x.account_id)) {
      const record = byExternal.get(`${p.account_id}|${p.type}|${p.external_id}`);
      if (!record) problems.push(`a done push has no NetSuite record: ${p.external_id}`);
      else if (record.internalId !== p.ns_internal_id) problems.push(`internal ids differ for ${p.external_id}: ${record.internalId} vs ${p.ns_internal_id}`);
    }
    const known = new Set(pushes.map((p) => p.external_id));
    for (const r of records) if (!known.has(r.externalId)) problems.push(`NetSuite holds a record no adjustment made: ${r.externalId}`);
  }

  if (baseline) {
    const moved = await query(
      `SELECT item_id, location_id, SUM(quantity_change) AS d FROM inventory_ledger
       WHERE ref_type = 'inventory_adjustment' AND mirrored_at IS NOT NULL GROUP BY item_id, location_id`);
    const now = await snapshotBalances(query);
    const expected = { ...baseline.balances };
    const mirroredBefore = baseline.mirrored ?? {};
    for (const m of moved) {
      const key = `${m.item_id}|${m.location_id}`;
      expected[key] = (expected[key] ?? 0) + m.d - (mirroredBefore[key] ?? 0);
    }
    for (const [key, q] of Object.entries(now)) {
      if ((expected[key] ?? 0) !== q) problems.push(`on-hand of ${key} is ${q}, the baseline plus confirmed deltas say ${expected[key] ?? 0}`);
    }
    // Placements equal the booked per-bin changes and moves: each shelf moved by exactly what was confirmed on it.
    if (baseline.placements) {
      const places = await placementsOf(query);
      const shelvesMoved = await mirroredPerShelf(query);
      const placed = new Set([...Object.keys(baseline.placements), ...Object.keys(places)].map((k) => k.split("|").slice(0, 2).join("|")));
      for (const key of new Set([...Object.keys(baseline.placements), ...Object.keys(places), ...Object.keys(shelvesMoved)])) {
        if (!placed.has(key.split("|").slice(0, 2).join("|"))) continue;  // an item with no placement at the location
        const want = (baseline.placements[key] ?? 0) + (shelvesMoved[key] ?? 0) - (baseline.shelvesMoved[key] ?? 0);
        if ((places[key] ?? 0) !== want) problems.push(`placement ${key} holds ${places[key] ?? 0}, the booked per-bin moves say ${want}`);
      }
    }
  }
  return problems;
}

const SHELF = "item_id || '|' || location_id || '|' || COALESCE(bin_id, '') || '|' || COALESCE(batch_number, '') || '|' || COALESCE(serial_number, '')";
async function placementsOf(query) {
  const rows = await query(`SELECT ${SHELF} AS k, SUM(quantity) AS q FROM inventory_detail GROUP BY k`);
  return Object.fromEntries(rows.filter((r) => r.q !== 0).map((r) => [r.k, r.q]));
}
async function mirroredPerShelf(query) {
  const rows = await query(`SELECT ${SHELF} AS k, SUM(quantity_change) AS d FROM inventory_ledger
    WHERE ref_type = 'inventory_adjustment' AND mirrored_at IS NOT NULL GROUP BY k`);
  return Object.fromEntries(rows.map((r) => [r.k, r.d]));
}

// The baseline a later check compares with: balances, placements and the deltas already mirrored.
// The mirror against NetSuite's own on-hand (the stand-in's GET /__balances rows: item, location,
// binnumber, inventorynumber ids and quantityonhand), for a business that follows NetSuite: per
// item and location, and per bin and lot/serial, the mirror plus what NetSuite has not confirmed
// yet (inventory_ledger.mirrored_at IS NULL) equals NetSuite's figure — except what NetSuite
// refused for good (a dead push: it reaches NetSuite only when an admin retries it, so NetSuite
// rightly lacks it meanwhile). `numbers`: inventory number id → its text. Returns the
// differences (none when all holds).
export async function checkMirrorAgainstNetSuite(query, businessId, balances, numbers = new Map()) {
  const problems = [];
  const ours = { places: new Map(), totals: new Map() };
  const add = (map, key, q) => map.set(key, (map.get(key) ?? 0) + q);
  const placed = await query(`SELECT i.ns_item_id AS item, l.ns_location_id AS location, b.ns_bin_id AS bin,
      COALESCE(d.batch_number, d.serial_number) AS number, d.quantity AS q FROM inventory_detail d JOIN items i ON i.id = d.item_id
      JOIN locations l ON l.id = d.location_id LEFT JOIN bins b ON b.id = d.bin_id WHERE d.business_id = ?
    UNION ALL SELECT i.ns_item_id, l.ns_location_id, b.ns_bin_id, COALESCE(g.batch_number, g.serial_number), g.quantity_change
      FROM inventory_ledger g JOIN items i ON i.id = g.item_id JOIN locations l ON l.id = g.location_id LEFT JOIN bins b ON b.id = g.bin_id
      WHERE g.business_id = ? AND g.mirrored_at IS NULL AND NOT EXISTS (SELECT 1 FROM ns_pending_pushes p WHERE p.adjustment_id = g.ref_id AND p.status = 'dead') AND EXISTS (SELECT 1 FROM inventory_detail x WHERE x.item_id = g.item_id AND x.location_id = g.location_id)`,
  businessId, businessId);
  for (const p of placed) add(ours.places, `${p.item}|${p.location}|${p.bin ?? ""}|${p.number ?? ""}`, p.q);
  const totals = await query(`SELECT i.ns_item_id AS item, l.ns_location_id AS location, ib.quantityonhand + COALESCE((SELECT SUM(g.quantity_change)
      FROM inventory_ledger g WHERE g.item_id = ib.item_id AND g.location_id = ib.location_id AND g.mirrored_at IS NULL AND NOT EXISTS (SELECT 1 FROM ns_pending_pushes p WHERE p.adjustment_id = g.ref_id AND p.status = 'dead')), 0) AS q
    FROM inventory_balance ib JOIN items i ON i.id = ib.item_id JOIN locations l ON l.id = ib.location_id WHERE ib.business_id = ?`, businessId);
  for (const t of totals) add(ours.totals, `${t.item}|${t.location}`, t.q);
  const theirs = { places: new Map(), totals: new Map() };
  for (const r of balances) {
    const q = Math.round(Number(r.quantityonhand) * 1000);
    const number = r.inventorynumber === null || r.inventorynumber === undefined ? "" : numbers.get(r.inventorynumber) ?? `#${r.inventorynumber}`;
    if (r.binnumber !== null || number) add(theirs.places, `${r.item}|${r.location}|${r.binnumber ?? ""}|${number}`, q);
    add(theirs.totals, `${r.item}|${r.location}`, q);
  }
  for (const kind of ["totals", "places"]) {
    for (const key of new Set([...ours[kind].keys(), ...theirs[kind].keys()])) {
      const a = ours[kind].get(key) ?? 0, b = theirs[kind].get(key) ?? 0;
      if (a !== b) problems.push(`${kind === "totals" ? "on-hand" : "placement"} ${key}: the mirror says ${a}, NetSuite ${b}`);
    }
  }
  return problems;
}

export async function takeBaseline(query) {
  const mirrored = await query(
    `SELECT item_id, location_id, SUM(quantity_change) AS d FROM inventory_ledger
     WHERE ref_type = 'inventory_adjustment' AND mirrored_at IS NOT NULL GROUP BY item_id, location_id`);
  return { balances: await snapshotBalances(query), mirrored: Object.fromEntries(mirrored.map((m) => [`${m.item_id}|${m.location_id}`, m.d])),
           placements: await placementsOf(query), shelvesMoved: await mirroredPerShelf(query) };
}

// From the shell: the local database through wrangler, the stand-in over HTTP.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const root = path.resolve(import.meta.dirname, "..");
  const persist = arg("--persist-to") ?? ".wrangler/state";
  const query = async (sql, ...params) => {
    const bound = sql.replace(/\?/g, () => { const v = params.shift(); return typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`; });
    const out = execFileSync(path.join(root, "node_modules/.bin/wrangler"),
      ["d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", bound], { cwd: root, encoding: "utf8" });
    return JSON.parse(out)[0].results;
  };
  const standin = arg("--standin");
  const records = standin ? await (await fetch(`${standin}/__records`)).json() : undefined;
  const baseline = arg("--baseline") ? JSON.parse(readFileSync(arg("--baseline"), "utf8")) : undefined;
  const problems = await checkInvariants(query, { records, baseline });
  for (const p of problems) console.log(`✗ ${p}`);
  console.log(problems.length ? `${problems.length} invariant(s) broken` : "all invariants hold");
  process.exit(problems.length ? 1 : 0);
}
