// Long session operations in pages (src/stock_count/queries/item_pages.h). A runtime
// with COUNT_PAGE_LINES=3 starts and closes a zone of about 300 lines a few
// items per D1 batch, answering 202 whenever one request's D1 budget is spent;
// a runtime with the default page does the same session in one batch. Both
// must snapshot the same lines and close with the same variances, decisions
// and posted quantities; races between pages must write every page once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, snapshotLines, startRuntime, TOKENS } from "../support/runtime.mjs";

const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
let paged;
let whole;

before(async () => {
  [paged, whole] = await Promise.all([startRuntime({ bindings: { COUNT_PAGE_LINES: "3" } }), startRuntime()]);
});
after(async () => {
  await Promise.all([paged?.stop(), whole?.stop()]);
});

// Calls until the answer is not 202; returns the last answer and how many 202s came first.
async function untilDone(rt, method, path, body) {
  for (let resumed = 0, spent = 0; ; resumed++) {
    const r = await rt.call(method, path, { ...approver, ...(body ? { body } : {}) });
    spent += batches(r);
    if (r.status !== 202) return { ...r, resumed, batches: spent };
    assert.ok(r.json.run_kind, "a 202 names the operation still running");
  }
}

async function zoneSession(rt, zone) {
  const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: `zone ${zone}` } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: { kind: "zone", value: zone } }), 201);
  return session;
}

// Counts every line of the zone, with a few deltas: +1 (within the guardrail), half (review), skipped.
// Tracked lines are counted as expected, with their batch or serial.
function counts(lines) {
  return lines.filter((l, i) => l.bin && i % 37 !== 5).map((l, i) => {
    const tracked = l.kind === "tracked";
    return {
      sku: l.sku, bin: l.bin, client_entry_id: `pg-${l.sku}-${l.bin}-${l.batch_number ?? ""}-${l.serial_number ?? ""}`,
      ...(l.batch_number ? { batch_number: l.batch_number } : {}), ...(l.serial_number ? { serial_number: l.serial_number } : {}),
      counted_qty: tracked ? l.quantity : i % 23 === 3 ? l.quantity + 1 : i % 41 === 7 ? Math.floor(l.quantity / 2) : l.quantity,
    };
  });
}

async function countAll(rt, sessionId, lines) {
  const rows = counts(lines);
  for (let i = 0; i < rows.length; i += 250) {
    await ok(rt.call("POST", "/api/inventory/count?return=summary", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: sessionId, counts: rows.slice(i, i + 250) } }), 201);
  }
}

async function outcome(rt, sessionId) {
  const variances = await rt.rows(
    "SELECT item_id, system_qty_at_count, expected_qty, counted_qty, delta, decision, status FROM cycle_count_variances WHERE session_id = ? ORDER BY item_id", sessionId);
  const proposals = await rt.rows("SELECT item_id, delta, status FROM proposed_actions WHERE session_id = ? ORDER BY item_id", sessionId);
  const posted = await rt.rows(
    "SELECT l.item_id, a.direction, SUM(l.quantity) AS quantity FROM inventory_adjustment a JOIN inventory_adjustment_line l ON l.adjustment_id = a.id " +
    "WHERE a.session_id = ? GROUP BY l.item_id, a.direction ORDER BY l.item_id, a.direction", sessionId);
  return { variances, proposals, posted };
}

async function countAndClose(rt, zone) {
  const session = await zoneSession(rt, zone);
  const started = await untilDone(rt, "PATCH", `/stock-count/sessions/${session.id}/start`);
  assert.equal(started.status, 200, started.text);
  assert.equal(started.json.status, "ACTIVE");
  assert.equal(started.json.run_kind, null);
  const lines = await snapshotLines(rt, session.id);
  await countAll(rt, session.id, lines);
  const previewed = await rt.call("GET", `/stock-count/sessions/${session.id}/postings`, approver);
  const closed = await untilDone(rt, "PATCH", `/stock-count/sessions/${session.id}/close`);
  return { session, started, lines, previewed, closed };
}

function batches(r) {
  return Number((r.headers.get("server-timing") ?? "").match(/d1;[^,]*desc="(\d+) batches/)?.[1]);
}

// The variance report walks the session six rows a page on the paged runtime and in one
// batch on the other: every report page, its order and the totals must be the same.
async function sameReport(pagedId, wholeId) {
  const line = (l) => [l.sku, l.bin, l.batch_number, l.serial_number, l.kind, l.expected_qty, l.counted_qty,
    l.variance, l.variance_value, l.status].join("|");
  for (const query of ["page_size=500", "page_size=7&page=9", "page_size=4&page=2&min_abs_variance=1", "page_size=500&page=99"]) {
    const [pr, wr] = await Promise.all([
      paged.call("GET", `/stock-count/sessions/${pagedId}/variance?${query}`, approver),
      whole.call("GET", `/stock-count/sessions/${wholeId}/variance?${query}`, approver)]);
    const [pb, wb] = [await ok(pr), await ok(wr)];
    assert.ok(batches(pr) > 10, `${query}: the paged report walked in pages (${batches(pr)} batches)`);
    assert.ok(batches(wr) <= 2, `${query}: one read on the default page (${batches(wr)} batches, the token's included)`);
    assert.deepEqual(pb.items.map(line), wb.items.map(line), `${query}: the same lines in the same order`);
    assert.deepEqual([pb.total, pb.totals], [wb.total, wb.totals], `${query}: the same totals`);
    if (!query.includes("page=99")) assert.ok(pb.items.length > 0, query);
  }
}

test("a zone started and closed three lines a page snapshots, decides and posts exactly what one batch does", async () => {
  const [p, w] = [await countAndClose(paged, "A"), await countAndClose(whole, "A")];
  assert.ok(p.started.resumed >= 1, `the paged start spent its D1 budget and resumed (${p.started.resumed} × 202)`);
  assert.equal(w.started.resumed, 0);
  assert.ok(p.lines.length > 300, `the zone has ${p.lines.length} lines`);
  const key = (l) => [l.item_id, l.bin, l.batch_number, l.serial_number, l.kind, l.quantity].join("|");
  assert.deepEqual(p.lines.map(key).sort(), w.lines.map(key).sort(), "the same snapshot");

  // The postings preview walks the session too, and previews what one batch does.
  const previewLine = (l) => [l.item_id, l.bin_id, l.batch_number, l.serial_number, l.direction, l.quantity, l.decision].join("|");
  const [pp, wp] = [await ok(p.previewed), await ok(w.previewed)];
  assert.ok(batches(p.previewed) > 10, `the paged preview walked in pages (${batches(p.previewed)} batches)`);
  assert.ok(pp.preview.length > 0 && !pp.posted);
  assert.deepEqual(pp.preview.map(previewLine).sort(), wp.preview.map(previewLine).sort(), "the same preview");

  assert.equal(p.closed.status, 200, p.closed.text);
  assert.ok(p.closed.resumed >= 1, "the paged close spent its D1 budget and resumed");
  assert.equal(p.closed.json.status, "CLOSED");
  assert.equal(p.closed.json.run_kind, null);
  assert.deepEqual(p.closed.json.workflow, w.closed.json.workflow);
  assert.ok(p.closed.json.workflow.auto_adjusted > 0 && p.closed.json.workflow.staged_for_review > 0, JSON.stringify(p.closed.json.workflow));

  const [po, wo] = [await outcome(paged, p.session.id), await outcome(whole, w.session.id)];
  assert.deepEqual(po.variances, wo.variances, "the same variance per item");
  assert.deepEqual(po.proposals, wo.proposals, "the same proposals");
  assert.deepEqual(po.posted, wo.posted, "the same quantities posted automatically");
  const [{ n, items: distinct }] = await paged.rows("SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS items FROM cycle_count_variances WHERE session_id = ?", p.session.id);
  assert.equal(n, distinct, "one variance row per item: no page was written twice");

  await sameReport(p.session.id, w.session.id);

  // The variance report agrees with what the paged close read.
  const reported = [];
  for (let page = 1; ; page++) {
    const { items } = await ok(paged.call("GET", `/stock-count/sessions/${p.session.id}/variance?page_size=500&page=${page}`, approver));
    reported.push(...items);
    if (items.length < 500) break;
  }
  const counted = new Map();
  for (const line of reported) {
    if (line.counted_qty === null || line.counted_qty === undefined) continue;
    counted.set(line.item_id, (counted.get(line.item_id) ?? 0) + Math.round(Number(line.counted_qty) * 1000));
  }
  for (const v of po.variances) assert.equal(v.counted_qty, counted.get(v.item_id) ?? 0, `counted ${v.item_id}`);

  // Approval decides every proposal of the session in a few statements, and posting follows.
  const approved = await ok(paged.call("PATCH", `/stock-count/sessions/${p.session.id}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  assert.equal(approved.proposals_decided, po.proposals.length);
  const posted = await ok(paged.call("POST", `/stock-count/sessions/${p.session.id}/post`, approver), 201);
  assert.equal(posted.status, "POSTED");
});

test("while a paged close has not finished the session is CLOSED: counts, approval and a second close wait for it", async () => {
  const session = await zoneSession(paged, "B");
  await untilDone(paged, "PATCH", `/stock-count/sessions/${session.id}/start`);
  const lines = await snapshotLines(paged, session.id);
  await countAll(paged, session.id, lines);
  const line = lines.find((l) => l.bin && l.kind !== "tracked");
  const first = await paged.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver);
  assert.equal(first.status, 202, first.text);
  assert.equal(first.json.status, "CLOSED");
  assert.equal(first.json.run_kind, "close");
  const count = await paged.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: session.id, counts: [{ sku: line.sku, bin: line.bin, counted_qty: 1 }] } });
  assert.equal(count.status, 409, count.text);
  const approve = await paged.call("PATCH", `/stock-count/sessions/${session.id}/approve`, { ...approver, body: { reason_code: "miscount" } });
  assert.equal(approve.status, 409, approve.text);
  assert.match(approve.json.detail, /close has not finished/);

  // Two resumes at once: both read the same cursor, one moves it, the other is refused.
  const both = await Promise.all([1, 2].map(() => paged.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver)));
  const statuses = both.map((r) => r.status).sort();
  assert.ok(statuses.includes(409), `one resume loses the race: ${statuses}`);
  assert.ok(statuses.some((s) => s === 200 || s === 202), `one resume goes on: ${statuses}`);
  const done = both.find((r) => r.status === 200) ?? await untilDone(paged, "PATCH", `/stock-count/sessions/${session.id}/close`);
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.run_kind, null);
  const [{ n, items: distinct }] = await paged.rows("SELECT COUNT(*) AS n, COUNT(DISTINCT item_id) AS items FROM cycle_count_variances WHERE session_id = ?", session.id);
  assert.equal(n, distinct, "no page written twice");
  const [{ items }] = await paged.rows("SELECT COUNT(DISTINCT item_id) AS items FROM stock_count_entry WHERE session_id = ?", session.id);
  assert.equal(n, items, "every counted item decided once");
  const again = await paged.call("PATCH", `/stock-count/sessions/${session.id}/close`, approver);
  assert.equal(again.status, 409, "a finished close is not run again");
});

test("a retaken snapshot of many pages holds counts off until it is whole", async () => {
  const session = await zoneSession(paged, "C");
  await untilDone(paged, "PATCH", `/stock-count/sessions/${session.id}/start`);
  const before = await snapshotLines(paged, session.id);
  const first = await paged.call("POST", `/stock-count/sessions/${session.id}/snapshot`, approver);
  assert.equal(first.status, 202, first.text);
  assert.equal(first.json.run_kind, "snapshot");
  const line = before.find((l) => l.bin && l.kind !== "tracked");
  const refused = await paged.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: session.id, counts: [{ sku: line.sku, bin: line.bin, counted_qty: 1 }] } });
  assert.equal(refused.status, 409, refused.text);
  assert.match(refused.json.detail, /snapshot is still being taken/);
  const taken = await untilDone(paged, "POST", `/stock-count/sessions/${session.id}/snapshot`);
  assert.equal(taken.status, 201, taken.text);
  assert.equal(taken.json.lines, before.length);
  const key = (l) => [l.item_id, l.bin, l.kind, l.quantity].join("|");
  assert.deepEqual((await snapshotLines(paged, session.id)).map(key).sort(), before.map(key).sort(), "the same lines, each once");
  await ok(paged.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: session.id, counts: [{ sku: line.sku, bin: line.bin, counted_qty: 1 }] } }), 201);
});

test("task generation walks the location a page at a time and makes the same tasks as one read", async () => {
  const generate = async (rt, scopes, body) => {
    const type = scopes.length ? "CYCLE" : "FULL";
    const session = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type } }), 201);
    for (const scope of scopes) await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: scope }), 201);
    return rt.call("POST", `/stock-count/sessions/${session.id}/tasks/generate`, { ...approver, body });
  };
  const names = (r) => r.json.items.map((t) => `${t.name}|${t.zone_code}|${t.bin_code}|${t.assignee}`);
  const cases = [
    [[], { strategy: "by_zone_bin", assignees: ["ana", "ben"] }],
    [[{ kind: "zone", value: "B" }], { strategy: "by_zone_bin" }],
  ];
  for (const [scopes, body] of cases) {
    const [p, w] = [await generate(paged, scopes, body), await generate(whole, scopes, body)];
    assert.equal(p.status, 201, p.text);
    assert.ok(batches(p) > 10, `${JSON.stringify(scopes)}: walked in pages (${batches(p)} batches)`);
    assert.ok(p.json.items.length > 1);
    assert.deepEqual(names(p), names(w), `${JSON.stringify(scopes)}: the same tasks`);
  }
  // A scope that selects nothing placed is refused after the whole walk, and nothing is written.
  const none = await generate(paged, [{ kind: "category", value: "no-such-category" }], { strategy: "by_zone_bin" });
  assert.equal(none.status, 409, none.text);
  // by_category needs no stock lines: one read, on the paged runtime too.
  const byCategory = await generate(paged, [{ kind: "category", value: "Hardware" }], { strategy: "by_category" });
  assert.equal(byCategory.status, 201, byCategory.text);
  assert.ok(batches(byCategory) <= 3, `by_category: ${batches(byCategory)} batches`);
});

test("a session scoped to zones and bins walks only their bins' stock and snapshots exactly what lies there", async () => {
  const scoped = async (scopes) => {
    const session = await ok(paged.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
    for (const scope of scopes) await ok(paged.call("POST", `/stock-count/sessions/${session.id}/scopes`, { ...approver, body: scope }), 201);
    const started = await untilDone(paged, "PATCH", `/stock-count/sessions/${session.id}/start`);
    assert.equal(started.status, 200, started.text);
    return { started, lines: await snapshotLines(paged, session.id) };
  };
  const key = (l) => [l.item_id, l.bin, l.batch_number ?? "", l.serial_number ?? "", l.quantity].join("|");
  // What a count expects where: the placements, with the changes NetSuite has not confirmed yet
  // (the closes of the tests before this one adjusted some lines of zone B).
  const placed = async (where) => (await paged.rows(
    "SELECT d.item_id, b.code AS bin, COALESCE(d.batch_number, '') AS batch, COALESCE(d.serial_number, '') AS serial, SUM(d.quantity) AS quantity " +
    "FROM (SELECT item_id, bin_id, batch_number, serial_number, quantity FROM inventory_detail WHERE location_id = 'nw_loc_dc1' " +
    "UNION ALL SELECT item_id, bin_id, batch_number, serial_number, quantity_change FROM inventory_ledger WHERE location_id = 'nw_loc_dc1' AND mirrored_at IS NULL) d " +
    `JOIN bins b ON b.id = d.bin_id JOIN zones z ON z.id = b.zone_id JOIN items i ON i.id = d.item_id WHERE ${where} GROUP BY 1, 2, 3, 4`))
    .map((r) => [r.item_id, r.bin, r.batch, r.serial, String(r.quantity / 1000)].join("|"));

  // Stock found in A-01-02 of an item placed elsewhere, and after every item of that bin in page
  // order: once approved it is a change NetSuite has not confirmed yet, and a snapshot of the bin
  // expects it there (the walk must see unconfirmed placements, not only inventory_detail).
  const [stray] = await paged.rows(
    "SELECT i.id, i.sku FROM items i WHERE i.tracking = 'none' AND EXISTS (SELECT 1 FROM inventory_detail d WHERE d.item_id = i.id AND d.location_id = 'nw_loc_dc1') " +
    "AND i.id > (SELECT MAX(d.item_id) FROM inventory_detail d JOIN bins b ON b.id = d.bin_id WHERE b.code = 'A-01-02') ORDER BY i.id LIMIT 1");
  const found = await ok(paged.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(paged.call("POST", `/stock-count/sessions/${found.id}/scopes`, { ...approver, body: { kind: "bin", value: "A-01-02" } }), 201);
  assert.equal((await untilDone(paged, "PATCH", `/stock-count/sessions/${found.id}/start`)).status, 200);
  await ok(paged.call("POST", "/api/inventory/count", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: found.id, counts: [{ sku: stray.sku, bin: "A-01-02", counted_qty: 1 }] } }), 201);
  assert.equal((await untilDone(paged, "PATCH", `/stock-count/sessions/${found.id}/close`)).status, 200);
  await ok(paged.call("PATCH", `/stock-count/sessions/${found.id}/approve`, { ...approver, body: { reason_code: "found", reason_note: "found in A-01-02" } }));
  await ok(paged.call("POST", `/stock-count/sessions/${found.id}/post`, approver), 201);
  const booked = await paged.rows("SELECT g.quantity_change FROM inventory_ledger g JOIN bins b ON b.id = g.bin_id WHERE g.item_id = ? AND b.code = 'A-01-02' AND g.mirrored_at IS NULL", stray.id);
  assert.deepEqual(booked.map((r) => r.quantity_change), [1000], "the found unit is an unconfirmed change in A-01-02");
  const bin = await scoped([{ kind: "bin", value: "A-01-02" }]);
  assert.ok(bin.lines.some((l) => l.item_id === stray.id && l.bin === "A-01-02" && Number(l.quantity) === 1), "the found unit is expected");
  assert.deepEqual(bin.lines.map(key).sort(), (await placed("b.code = 'A-01-02'")).sort());

  const places = await scoped([{ kind: "zone", value: "B" }, { kind: "bin", value: "A-01-02" }]);
  const expected = await placed("z.code = 'B' OR b.code = 'A-01-02'");
  const [{ n: unconfirmed }] = await paged.rows("SELECT COUNT(*) AS n FROM inventory_ledger WHERE location_id = 'nw_loc_dc1' AND mirrored_at IS NULL");
  assert.ok(unconfirmed > 0, "earlier closes left changes NetSuite has not confirmed");
  assert.ok(expected.length > 300, `zone B and one bin of A hold ${expected.length} lines`);
  assert.deepEqual(places.lines.map(key).sort(), expected.sort(), "the snapshot is the stock placed in zone B and bin A-01-02");
  const [{ n: locationLines }] = await paged.rows("SELECT COUNT(*) AS n FROM inventory_detail WHERE location_id = 'nw_loc_dc1'");
  // Three lines a page: about expected / 3 pages, each a batch; the whole location would take about locationLines / 3.
  assert.ok(places.started.batches < expected.length / 2,
    `the start walked ${places.started.batches} batches for ${expected.length} lines (the location has ${locationLines})`);

  // A rule that selects by item (category) is not narrowed to places: the walk covers the location.
  const mixed = await scoped([{ kind: "zone", value: "B" }, { kind: "category", value: "Hardware" }]);
  const mixedKeys = new Set(mixed.lines.map(key));
  for (const line of await placed("z.code = 'B' OR i.category = 'Hardware'")) assert.ok(mixedKeys.has(line), `${line} is in the snapshot`);
  assert.ok(mixed.lines.some((l) => l.bin && !l.bin.startsWith("B-")), "Hardware outside zone B is counted too");
  assert.ok(mixed.started.batches > locationLines / 6, `the mixed start walked the location (${mixed.started.batches} batches)`);
});
