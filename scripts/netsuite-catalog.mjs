// The NetSuite stand-in's catalogue per account: locations, bins, items, inventory numbers and
// on-hand (inventorybalance), with the transactions that moved stock — what SuiteQL reads
// (scripts/netsuite-suiteql.mjs). Stock moves by the test hook POST /__movements (a sale, a
// receipt) and by the adjustments and bin transfers the product pushes, as NetSuite's would.
import { runSuiteQL } from "./netsuite-suiteql.mjs";

const COLUMNS = {
  location: ["id", "name", "isinactive", "lastmodifieddate"],
  bin: ["id", "binnumber", "location", "isinactive", "lastmodifieddate"],
  item: ["id", "itemid", "displayname", "class", "averagecost", "islotitem", "isserialitem", "isinactive", "lastmodifieddate", "upccode", "itemtype",
    "unitstype"],
  unitstypeuom: ["internalid", "unitstype", "unitname", "abbreviation", "conversionrate", "baseunit"],
  inventorynumber: ["id", "inventorynumber", "item", "expirationdate"],
  inventorybalance: ["item", "location", "binnumber", "inventorynumber", "quantityonhand", "quantityavailable"],
  transaction: ["id", "type", "trandate", "lastmodifieddate"],
  transactionline: ["id", "transaction", "item", "location", "quantity"],
};

const catalogs = new Map();  // account → { tables, nextId }

function empty() {
  return { tables: Object.fromEntries(Object.entries(COLUMNS).map(([name, columns]) => [name, { columns, rows: [] }])), nextId: 900000 };
}

export function catalogOf(account) {
  if (!catalogs.has(account)) catalogs.set(account, empty());
  return catalogs.get(account);
}

export function resetCatalogs() { catalogs.clear(); }

// Every account's catalogue as plain JSON (dates as ISO text), and back: the stand-in keeps
// its NetSuite across restarts in the file NS_STANDIN_STATE names.
const DATE_FIELDS = ["lastmodifieddate", "trandate", "expirationdate"];
export function catalogsAsJson() {
  return Object.fromEntries([...catalogs].map(([account, c]) => [account, { nextId: c.nextId,
    tables: Object.fromEntries(Object.entries(c.tables).map(([name, t]) => [name, t.rows])) }]));
}
export function catalogsFromJson(saved) {
  for (const [account, { nextId, tables }] of Object.entries(saved ?? {})) {
    const c = empty();
    c.nextId = nextId;
    for (const [name, rows] of Object.entries(tables)) {
      if (!c.tables[name]) continue;
      c.tables[name].rows = rows.map((r) => {
        const row = { ...r };
        for (const f of DATE_FIELDS) if (typeof row[f] === "string") row[f] = new Date(row[f]);
        return row;
      });
    }
    catalogs.set(account, c);
  }
}

const bool = (v) => (v === true || v === "T" ? "T" : "F");
const num = (v) => (v === null || v === undefined || v === "" ? null : Number(v));
const date = (v) => (v ? new Date(v) : new Date());

// { locations, bins, items, balances, numbers, units } in NetSuite's field names → the account's catalogue
// (units: unitsTypeUom rows — internalid, unitstype, unitname, abbreviation, conversionrate, baseunit).
export function replaceCatalog(account, { locations = [], bins = [], items = [], balances = [], numbers = [], units = [] } = {}) {
  const c = empty();
  const t = c.tables;
  t.location.rows = locations.map((l) => ({ id: num(l.id), name: l.name, isinactive: bool(l.isinactive), lastmodifieddate: date(l.lastmodifieddate) }));
  t.bin.rows = bins.map((b) => ({ id: num(b.id), binnumber: b.binnumber, location: num(b.location), isinactive: bool(b.isinactive), lastmodifieddate: date(b.lastmodifieddate) }));
  t.item.rows = items.map((i) => ({ id: num(i.id), itemid: i.itemid, displayname: i.displayname ?? null, class: i.class ?? null,
    averagecost: num(i.averagecost), islotitem: bool(i.islotitem), isserialitem: bool(i.isserialitem), isinactive: bool(i.isinactive),
    lastmodifieddate: date(i.lastmodifieddate), upccode: i.upccode ?? null, itemtype: i.itemtype ?? "InvtPart", unitstype: num(i.unitstype) }));
  t.unitstypeuom.rows = units.map((u) => ({ internalid: num(u.internalid), unitstype: num(u.unitstype), unitname: u.unitname ?? null,
    abbreviation: u.abbreviation ?? null, conversionrate: num(u.conversionrate), baseunit: bool(u.baseunit) }));
  t.inventorynumber.rows = numbers.map((n) => ({ id: num(n.id), inventorynumber: n.inventorynumber, item: num(n.item),
    expirationdate: n.expirationdate ? new Date(n.expirationdate) : null }));
  t.inventorybalance.rows = balances.filter((b) => Number(b.quantityonhand) !== 0).map((b) => ({ item: num(b.item), location: num(b.location),
    binnumber: num(b.binnumber), inventorynumber: num(b.inventorynumber), quantityonhand: Number(b.quantityonhand),
    quantityavailable: Number(b.quantityavailable ?? b.quantityonhand) }));
  c.nextId = 900000;
  for (const x of Object.values(t)) for (const r of x.rows) if (typeof r.id === "number" && r.id >= c.nextId) c.nextId = r.id + 1;
  catalogs.set(account, c);
  return { locations: t.location.rows.length, bins: t.bin.rows.length, items: t.item.rows.length, balances: t.inventorybalance.rows.length,
    numbers: t.inventorynumber.rows.length };
}

// Moves one balance row (item, location, bin, number) by delta; a row at zero goes, as NetSuite's do.
function move(c, { item, location, binnumber = null, inventorynumber = null }, delta) {
  const rows = c.tables.inventorybalance.rows;
  const same = (r) => r.item === item && r.location === location && r.binnumber === binnumber && r.inventorynumber === inventorynumber;
  let row = rows.find(same);
  if (!row) { row = { item, location, binnumber, inventorynumber, quantityonhand: 0, quantityavailable: 0 }; rows.push(row); }
  c.tables.inventorybalance.version = (c.tables.inventorybalance.version ?? 0) + 1;
  row.quantityonhand = Math.round((row.quantityonhand + delta) * 1000) / 1000;
  row.quantityavailable = row.quantityonhand;
  if (row.quantityonhand === 0) rows.splice(rows.indexOf(row), 1);
}

// A transaction now, with one line per (item, location) it touched: what incremental reads find.
function transaction(c, type, lines, when = new Date()) {
  const id = c.nextId++;
  for (const name of ["transaction", "transactionline"]) c.tables[name].version = (c.tables[name].version ?? 0) + 1;
  c.tables.transaction.rows.push({ id, type, trandate: when, lastmodifieddate: when });
  for (const l of lines) c.tables.transactionline.rows.push({ id: c.nextId++, transaction: id, item: l.item, location: l.location, quantity: l.delta ?? null });
  return id;
}

// [{ item, location, binnumber?, inventorynumber?, delta, type }] — a sale, a receipt, a transfer.
export function applyMovements(account, movements) {
  const c = catalogOf(account);
  const problems = [];
  for (const [i, m] of movements.entries()) {
    if (!c.tables.item.rows.some((r) => r.id === num(m.item))) problems.push(`${i}: no item ${m.item}`);
    if (!c.tables.location.rows.some((r) => r.id === num(m.location))) problems.push(`${i}: no location ${m.location}`);
    if (typeof m.delta !== "number" || m.delta === 0) problems.push(`${i}: delta must be a non-zero number`);
  }
  if (problems.length) return { problems };
  const ids = [];
  for (const m of movements) {
    const at = { item: num(m.item), location: num(m.location), binnumber: num(m.binnumber), inventorynumber: num(m.inventorynumber) };
    move(c, at, m.delta);
    ids.push(transaction(c, m.type ?? "InvAdjst", [{ ...at, delta: m.delta }]));
  }
  return { transactions: ids };
}

const refOf = (ref) => ref?.id ?? ref?.refName ?? null;
function binId(c, location, ref) {
  if (!ref) return null;
  if (ref.id) return num(ref.id);
  return c.tables.bin.rows.find((b) => b.location === location && b.binnumber === ref.refName)?.id ?? null;
}
function numberId(c, item, text) {
  if (!text) return null;
  const found = c.tables.inventorynumber.rows.find((n) => n.item === item && n.inventorynumber === text);
  if (found) return found.id;
  const id = c.nextId++;
  c.tables.inventorynumber.version = (c.tables.inventorynumber.version ?? 0) + 1;
  c.tables.inventorynumber.rows.push({ id, inventorynumber: text, item, expirationdate: null });
  return id;
}

// A record NetSuite accepted for the first time moves its stock (an upsert of the same record again does not).
export function applyRecord(account, type, body) {
  const c = catalogOf(account);
  const lines = [];
  for (const line of body?.inventory?.items ?? []) {
    const item = num(refOf(line.item));
    const location = num(refOf(line.location ?? body.location ?? body.adjLocation));
    const assigned = line.inventoryDetail?.inventoryAssignment?.items ?? [];
    if (type === "binTransfer") {
      for (const a of assigned) {
        const number = numberId(c, item, a.issueInventoryNumber?.refName ?? null);
        move(c, { item, location, binnumber: binId(c, location, a.binNumber), inventorynumber: number }, -Number(a.quantity));
        move(c, { item, location, binnumber: binId(c, location, a.toBinNumber), inventorynumber: number }, Number(a.quantity));
      }
      lines.push({ item, location, delta: 0 });
      continue;
    }
    if (assigned.length) {
      for (const a of assigned) {
        const number = numberId(c, item, a.receiptInventoryNumber ?? a.issueInventoryNumber?.refName ?? null);
        move(c, { item, location, binnumber: binId(c, location, a.binNumber), inventorynumber: number }, Number(a.quantity));
      }
    } else {
      // No detail: the item's one row at the location, or its row without a bin.
      const rows = c.tables.inventorybalance.rows.filter((r) => r.item === item && r.location === location);
      const row = rows.length === 1 ? rows[0] : rows.find((r) => r.binnumber === null) ?? rows[0];
      move(c, row ? { item, location, binnumber: row.binnumber, inventorynumber: row.inventorynumber } : { item, location }, Number(line.adjustQtyBy));
    }
    lines.push({ item, location, delta: Number(line.adjustQtyBy ?? 0) });
  }
  if (lines.length) transaction(c, type === "binTransfer" ? "BinTrnfr" : "InvAdjst", lines);
}

export function balancesOf(account) {
  return catalogOf(account).tables.inventorybalance.rows.map((r) => ({ ...r }));
}

// One page of a SuiteQL query over the account's catalogue (NetSuite's paging: limit ≤ 1000,
// offset + limit within the first 100,000 rows of a query).
// `extra`: more tables beside the catalogue (the account's setup records).
export function suiteqlPage(account, q, limit, offset, extra = {}) {
  const rows = runSuiteQL(q, { ...catalogOf(account).tables, ...extra });
  return { rows: rows.slice(offset, offset + limit), total: rows.length };
}
