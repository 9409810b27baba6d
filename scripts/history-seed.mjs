// Eight past weeks of cycle counting, made through the product's own routes so
// the history obeys the same rules as live data (npm start runs it once on a
// fresh state directory; the browser tests start from its result).
//
// Each past Monday the weekly tick closes last week's zone sessions (variances,
// auto adjustments, proposals) and opens this week's; scanners count most lines
// of the zone — mostly right, some a little off, a few far off — and a
// supervisor decides what waited (approves most, rejects some, each with a reason code).
// One push is refused by NetSuite and ends dead. This week's sessions stay
// ACTIVE with part of their lines counted, and a few proposals wait. Every
// week, between Monday's snapshot and the counts, Northwind's NetSuite sells
// and receives stock on some of the open lines (POST /__movements at the
// stand-in) and a sync brings it in: the scanners count the shelf as it is
// now and are judged against the moved figure, and what is counted this week
// from now on meets stock that moved since the snapshot.
//
// The runtime must run with DEMO_CLOCK=1 (local only): the X-Demo-Now header
// and POST /__demo/tick?time= set the clock each step happens at.
//   node scripts/history-seed.mjs [--if-empty] <product-url> <standin-url>
// --if-empty: only when the database holds no count session yet.
import { syncAndWait } from "./demo-load.mjs";
import { northwindCatalog } from "./demo-seed.mjs";
import { mulberry32 } from "./seeded-random.mjs";

const DAY = 86400000;
const WEEKS = 8;

const BUSINESSES = [
  { name: "Northwind", scanner: "demo-scanner-token", approver: "demo-approver-token", admin: "demo-admin-token",
    locations: ["Main Distribution Center", "East Annex"], share: 0.9, followsNetSuite: true },
  { name: "Contoso", scanner: "demo2-admin-token", approver: "demo2-admin-token", admin: "demo2-admin-token",
    locations: ["WH1"], share: 0.8 },
];

// [reason code, note]: the causes a supervisor names (GET /api/reason-codes' defaults).
const REJECT_REASONS = [["miscount", "recounted: the first count missed the top shelf"],
  ["miscount", "scanner double-read; recount matched the system"], ["other", "items were in the inbound dock, not missing"]];
const LOSS_REASONS = [["miscount", "confirmed by recount"], ["damaged", "damaged units written off"],
  ["theft", "missing after two recounts; reported to security"], ["supplier_short", "receipt was booked short of the delivery"]];
const GAIN_REASONS = [["found", "found stock put away without a receipt"], ["miscount", "mis-pick confirmed with the picker"]];

// Monday 06:00 UTC of the week holding `at`.
export function mondayOf(at) {
  const d = new Date(at);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  return monday + 6 * 3600000;
}

// The Monday 06:00 UTC of the last week the seed ticks: early in a week (until 15:00 UTC on Monday),
// before its tick could have counted anything, "this week" is the last.
export function seededWeekOf(now) {
  return mondayOf(now - 9 * 3600000);
}

export async function seedHistory(base, standin, { log = () => {} } = {}) {
  const rnd = mulberry32(20261116);
  async function call(method, path, token, body, at) {
    const headers = { "X-Edit-Token": token };
    if (at !== undefined) headers["X-Demo-Now"] = new Date(at).toISOString();
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
  async function tick(at) {
    const response = await fetch(`${base}/__demo/tick?time=${at}`, { method: "POST" });
    if (!response.ok) throw new Error(`weekly tick at ${new Date(at).toISOString()}: ${response.status} ${await response.text()}`);
  }
  async function activeSession(biz, location) {
    for (let i = 0; i < 100; i++) {
      const { items } = await call("GET", `/stock-count/sessions?source=cron&status=ACTIVE&location_id=${location}`, biz.approver);
      if (items.length) return items[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ACTIVE cron session at ${location}`);
  }

  // Location codes → ids, as the API lists them.
  async function locationIds(biz) {
    const { items } = await call("GET", "/api/locations?page_size=100", biz.admin);
    return biz.locations.map((code) => {
      const found = items.find((l) => l.code === code);
      if (!found) throw new Error(`${biz.name} has no location ${code} (was its data loaded? scripts/demo-load.mjs)`);
      return found.id;
    });
  }

  // Sales and receipts at Northwind's NetSuite on lines of this week's open sessions, then a sync.
  // Returns what moved: `${location}|${sku}|${bin}` → delta.
  async function stockMoves(biz, locations) {
    const catalog = northwindCatalog();
    const ns = new Map(catalog.items.map((i) => [i.itemid, i.id]));
    const nsLocation = new Map(catalog.locations.map((l) => [l.name, l.id]));
    const nsBin = new Map(catalog.bins.map((b) => [`${b.location}|${b.binnumber}`, b.id]));
    const movements = [], moved = new Map();
    for (const [i, location] of locations.entries()) {
      const session = await activeSession(biz, location);
      const { items } = await call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, biz.admin);
      const where = nsLocation.get(biz.locations[i]);
      for (const l of items.filter((x) => x.bin && rnd() < 0.08)) {
        const delta = rnd() < 0.7 ? -Math.max(1, Math.min(l.quantity - 1, 1 + Math.floor(rnd() * 6))) : 6 + Math.floor(rnd() * 18);
        if (delta === 0 || l.quantity + delta < 0) continue;
        movements.push({ item: ns.get(l.sku), location: where, binnumber: nsBin.get(`${where}|${l.bin}`), delta, type: delta < 0 ? "CashSale" : "ItemRcpt" });
        moved.set(`${location}|${l.sku}|${l.bin}`, delta);
      }
    }
    const answer = await fetch(`${standin}/__movements?account=${catalog.account}`, { method: "POST", body: JSON.stringify(movements) });
    if (!answer.ok) throw new Error(`the stand-in refused the movements: ${await answer.text()}`);
    await syncAndWait(base, biz.admin);
    return moved;
  }

  // `moved`: what NetSuite sold or received on a line since the snapshot (the shelf holds that too).
  async function count(biz, location, share, at, moved = new Map()) {
    const session = await activeSession(biz, location);
    const lines = [];
    for (let page = 1; ; page++) {
      const { items, total } = await call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500&page=${page}`, biz.admin);
      lines.push(...items.filter((l) => l.bin));
      if (page * 500 >= total) break;
    }
    const counts = [];
    const truth = new Map();  // sku|bin → what the shelf holds, where a first count was a miscount
    const bins = [...new Set(lines.map((l) => l.bin))];
    const held = new Set(lines.map((l) => `${l.item_id}|${l.bin}`));
    for (const snapshotLine of lines) {
      if (rnd() > share) continue;
      const l = { ...snapshotLine, quantity: snapshotLine.quantity + (moved.get(`${location}|${snapshotLine.sku}|${snapshotLine.bin}`) ?? 0) };
      const r = rnd();
      // Most lines right; some a unit off where that is within tolerance; 2 % far off (lost or found stock).
      const small = l.quantity >= 40 ? (rnd() < 0.5 ? -1 : 1) : 0;
      const off = r < 0.9 ? 0 : r < 0.98 ? small : r < 0.99 ? -Math.ceil(l.quantity * (0.1 + rnd() * 0.4)) : Math.ceil(l.quantity * 0.5 + 3);
      // Most differences that far off are miscounts: the recount finds the shelf as the system says.
      const miscount = Math.abs(off) > 1 && rnd() < 0.35;
      if (miscount) truth.set(`${l.sku}|${l.bin}`, l.quantity);
      const countedAt = new Date(at + Math.floor(rnd() * 6 * 3600000)).toISOString();
      counts.push({ sku: l.sku, bin: l.bin, counted_qty: Math.max(0, l.quantity + off),
        counted_at: countedAt, client_entry_id: `history-${session.id}-${l.item_id}-${l.bin}` });
      // Half of what goes missing was put away in the wrong bin: the count finds it there (a move).
      if (off < -1 && !miscount && rnd() < 0.5) {
        const other = bins.find((b, i) => i >= Math.floor(rnd() * bins.length) && !held.has(`${l.item_id}|${b}`));
        if (other) {
          held.add(`${l.item_id}|${other}`);
          counts.push({ sku: l.sku, bin: other, counted_qty: Math.min(-off, l.quantity), counted_at: countedAt,
            client_entry_id: `history-${session.id}-${l.item_id}-${other}` });
        }
      }
    }
    for (let i = 0; i < counts.length; i += 500) {
      await call("POST", "/api/inventory/count", biz.scanner, { location_id: location, session_id: session.id, counts: counts.slice(i, i + 500) }, at);
    }
    await recount(biz, location, session, counts, truth, at);
    return counts.length;
  }

  // The lines the service sent for a recount (a first count beyond the recount threshold) are
  // counted again: a miscount is found right; stock really lost or found is counted as before.
  async function recount(biz, location, session, counts, truth, at) {
    const { items } = await call("GET", `/stock-count/tasks?session_id=${session.id}&status=OPEN&page_size=500`, biz.admin);
    const again = [];
    for (const task of items.filter((t) => t.count_index > 1)) {
      const [, sku, bin] = /^Recount (\S+) at (\S+)/.exec(task.name) ?? [];
      const first = counts.find((c) => c.sku === sku && c.bin === bin);
      if (!first) continue;
      const shelf = truth.get(`${sku}|${bin}`);
      again.push({ sku, bin, counted_qty: shelf ?? first.counted_qty, counted_at: new Date(Date.parse(first.counted_at) + 3600000).toISOString(),
        client_entry_id: `${first.client_entry_id}-recount` });
    }
    if (again.length) await call("POST", "/api/inventory/count", biz.scanner, { location_id: location, session_id: session.id, counts: again }, at);
  }

  async function decide(biz, at, { leave = 0, deadOne = false } = {}) {
    const { items } = await call("GET", "/api/proposed-actions?status=pending&page_size=200", biz.approver);
    let decided = 0;
    for (const [i, p] of items.entries()) {
      if (i < leave) continue;
      const approve = rnd() < 0.75;
      if (approve && deadOne) {
        // NetSuite refuses this one (a closed period): the push ends dead and waits for an admin.
        await fetch(`${standin}/__faults`, { method: "POST", body: JSON.stringify({ fail_next: 1, status: 400,
          detail: "The transaction date you specified is within a closed period." }) });
        deadOne = false;
      }
      const reasons = !approve ? REJECT_REASONS : p.delta < 0 ? LOSS_REASONS : GAIN_REASONS;
      const [reasonCode, reasonNote] = reasons[Math.floor(rnd() * reasons.length)];
      await call("POST", "/api/inventory/adjust", biz.approver,
        { proposed_action_id: p.id, decision: approve ? "approve" : "reject", reason_code: reasonCode, reason_note: reasonNote },
        at + (i + 1) * 60000);
      if (approve && i === 0) await waitForPushes(biz);
      decided++;
    }
    return decided;
  }

  async function waitForPushes(biz) {
    for (let i = 0; i < 600; i++) {
      const { items } = await call("GET", "/api/pushes?status=pending&page_size=1", biz.admin);
      const inFlight = (await call("GET", "/api/pushes?status=in_flight&page_size=1", biz.admin)).items;
      if (!items.length && !inFlight.length) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${biz.name}: pushes still pending after 60 s`);
  }

  for (const biz of BUSINESSES) biz.locationIds = await locationIds(biz);
  const now = Date.now();
  const thisMonday = seededWeekOf(now);
  for (let w = WEEKS; w >= 0; w--) {
    const monday = thisMonday - w * 7 * DAY;
    await tick(monday);
    for (const [bi, biz] of BUSINESSES.entries()) {
      if (bi === 1 && w > 3) continue;  // Contoso started counting four weeks ago
      const decideAt = Math.min(monday + 3 * 3600000, now - 3600000);
      const decided = await decide(biz, decideAt, { leave: w === 0 ? (bi === 0 ? 4 : 1) : 0, deadOne: bi === 0 && w === 5 });
      let counted = 0;
      const countAt = Math.min(monday + DAY, now - 2 * 3600000);
      // (After the approvals' pushes: a sync leaves an item with a push in flight for its next run.)
      if (biz.followsNetSuite) await waitForPushes(biz);
      const moved = biz.followsNetSuite ? await stockMoves(biz, biz.locationIds) : new Map();
      for (const location of biz.locationIds) counted += await count(biz, location, w === 0 ? 0.4 : biz.share, countAt, moved);
      log(`${biz.name}, week of ${new Date(monday).toISOString().slice(0, 10)}: ${decided} proposals decided, ${counted} lines counted` +
          (biz.followsNetSuite ? `, ${moved.size} lines sold or received at NetSuite since the snapshot` : ""));
    }
  }
  for (const biz of BUSINESSES) await waitForPushes(biz);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ifEmpty = args[0] === "--if-empty";
  const [base, standin] = ifEmpty ? args.slice(1) : args;
  if (!base || !standin) {
    console.error("usage: node scripts/history-seed.mjs [--if-empty] <product-url> <standin-url>");
    process.exit(2);
  }
  const sessions = await (await fetch(`${base}/stock-count/sessions?page_size=1`, { headers: { "X-Edit-Token": "demo-admin-token" } })).json();
  if (ifEmpty && sessions.total > 0) process.exit(0);
  const started = Date.now();
  await seedHistory(base, standin, { log: (line) => console.log(`history: ${line}`) });
  console.log(`history: eight weeks seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
