// What a hostile probe tried (issue 9's table), each answered as the contract
// says: bounded quantities and sizes, 422 for bad values, 413 for huge bodies,
// no SQLite words in answers, no formulas in CSV exports.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { pauseBeforeWrite } from "../support/core_turns.mjs";

import { checkInvariants } from "../../scripts/invariants.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const approver = { token: TOKENS.approver };
const admin = { token: TOKENS.admin };
const other = { token: TOKENS.otherAdmin };

async function session(token = approver, location = "nw_loc_dc1", category = "Snacks") {
  const s = await ok(rt.call("POST", "/stock-count/sessions", { ...token, body: { location_id: location, type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${s.id}/scopes`, { ...token, body: { kind: "category", value: category } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/start`, token));
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/snapshots?kind=untracked&page_size=50`, token))).items;
  return { id: s.id, lines };
}

const entryCount = async (id) => (await rt.rows("SELECT COUNT(*) AS n FROM stock_count_entry WHERE session_id = ?", id))[0].n;

test("quantities are bounded per line, so no sum can overflow and one tenant never stops another", async () => {
  const s = await session();
  const huge = Array.from({ length: 1100 }, (_, i) => ({ sku: s.lines[i % s.lines.length].sku, bin: s.lines[i % s.lines.length].bin, counted_qty: 9000000000000 }));
  const r = await rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: huge } });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].path, "entries[0].counted_qty");
  assert.match(r.json.errors[0].message, /10,000,000 units/);
  assert.equal(await entryCount(s.id), 0);
  const edge = await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: s.lines[0].sku, bin: s.lines[0].bin, counted_qty: 10000000 }] } }), 201);
  assert.equal(edge.accepted, 1);
  await ok(rt.call("GET", `/stock-count/sessions/${s.id}/variance`, approver));
  const theirs = await session(other, "ct_loc_wh1", "Beverages");
  await ok(rt.call("GET", `/stock-count/sessions/${theirs.id}/variance`, other));
  await ok(rt.call("PATCH", `/stock-count/sessions/${theirs.id}/close`, other));
});

test("both ingest routes take at most 10,000 lines a request", async () => {
  const s = await session();
  const line = { sku: s.lines[0].sku, bin: s.lines[0].bin, counted_qty: 1 };
  const entries = await rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: Array(10001).fill(line) } });
  assert.equal(entries.status, 422);
  assert.deepEqual(entries.json.errors.map((e) => e.path), ["entries"]);
  const counts = await rt.call("POST", "/api/inventory/count", { ...approver, body: { location_id: "nw_loc_dc1", session_id: s.id, counts: Array(10001).fill(line) } });
  assert.equal(counts.status, 422);
  assert.equal(await entryCount(s.id), 0);
});

test("a page number past any list is 422, not a wrap to page 1", async () => {
  for (const page of ["9223372036854775807", "1000001", "0"]) {
    const r = await rt.call("GET", `/api/items?page=${page}`, approver);
    assert.equal(r.status, 422, page);
    assert.equal(r.json.errors[0].path, "query.page");
  }
  assert.equal((await rt.call("GET", "/api/items?page=1000000", approver)).status, 200);
});

test("a body over 4 MiB is 413 and one long text field is 422; nothing is written", async () => {
  const big = await rt.call("POST", "/stock-count/sessions", { ...approver, raw: JSON.stringify({ location_id: "nw_loc_dc1", type: "CYCLE", name: "x".repeat(5 * 1024 * 1024) }) });
  assert.equal(big.status, 413);
  assert.equal(big.headers.get("content-type"), "application/problem+json");
  const longName = await rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: "x".repeat(1024 * 1024) } });
  assert.equal(longName.status, 422);
  assert.equal(longName.json.errors[0].path, "name");
  const name201 = await rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: "x".repeat(201) } });
  assert.equal(name201.status, 422);
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session WHERE length(name) > 200");
  assert.equal(n, 0);
});

// A body sent in chunks has no content-length: the Worker counts what it reads and stops at 4 MiB.
test("a chunked body is read whole when small and refused with 413 past 4 MiB", async () => {
  const chunked = (text, times = 1) => {
    const bytes = new TextEncoder().encode(text);
    let sent = 0;
    return new ReadableStream({ pull(c) { if (sent++ < times) c.enqueue(bytes); else c.close(); } });
  };
  const big = await rt.call("POST", "/stock-count/sessions", { ...approver, headers: { "content-type": "application/json" }, raw: chunked("x".repeat(1024 * 1024), 5) });
  assert.equal(big.status, 413);
  const small = await rt.call("POST", "/stock-count/sessions", { ...approver, headers: { "content-type": "application/json" },
    raw: chunked(JSON.stringify({ location_id: "nw_loc_dc1", type: "CYCLE", name: "sent in chunks" })) });
  assert.equal(small.status, 201, small.text);
  assert.equal(small.json.name, "sent in chunks");
});

test("counted_at must be an RFC 3339 time and is stored in UTC", async () => {
  const s = await session();
  const [a, b] = s.lines;
  const bad = await rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: a.sku, bin: a.bin, counted_qty: 1, counted_at: "not-a-time'; DROP TABLE x;--" }] } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].path, "entries[0].counted_at");
  const good = await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: b.sku, bin: b.bin, counted_qty: 1, counted_at: "2026-11-23T09:30:00+02:00" }] } }), 201);
  assert.equal(good.entries[0].counted_at, "2026-11-23T07:30:00.000Z");
});

test("a rotation slot with \"active\": \"yes\" is 422, not a crash", async () => {
  const r = await rt.call("PUT", "/api/cycle-count-schedule", { ...admin, body: { location_id: "nw_loc_dc1", rotation: [{ zone: "A", active: "yes" }] } });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].path, "rotation[0].active");
});

test("a storage failure answers a generic 503 without SQLite's words", async () => {
  await rt.db.exec("CREATE TRIGGER fail_guardrails BEFORE UPDATE ON guardrails BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  try {
    const r = await rt.call("PUT", "/api/guardrails", { ...admin, body: { inventory_auto_pct: 4 } });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get("content-type"), "application/problem+json");
    assert.ok(!/disk on fire|SQLITE/i.test(r.text), r.text);
  } finally {
    await rt.db.exec("DROP TRIGGER fail_guardrails");
  }
});

test("the CSV export neutralises formulas in text and keeps numbers as numbers", async () => {
  const s = await session();
  const line = s.lines.find((l) => l.quantity >= 10);
  await rt.db.prepare("UPDATE items SET name = ? WHERE id = ?").bind("=HYPERLINK(\"http://evil\",\"x\")", line.item_id).run();
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 1 }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  const csv = await rt.call("GET", `/inventory/variances?session_id=${s.id}&format=csv`, approver);
  assert.equal(csv.status, 200);
  const row = csv.text.split("\r\n").find((l) => l.includes(line.sku));
  assert.ok(row.includes(`"'=HYPERLINK(""http://evil"",""x"")"`), row);
  assert.match(row, /,-1,/, "a negative delta stays a number");
});

test("ten concurrent counts with one Idempotency-Key execute once; nine replay the first answer", async () => {
  const s = await session();
  const line = s.lines[0];
  const body = { location_id: "nw_loc_dc1", session_id: s.id, counts: [{ sku: line.sku, bin: line.bin, counted_qty: 7 }] };
  const answers = await Promise.all(Array.from({ length: 10 }, () =>
    rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body, headers: { "Idempotency-Key": "count-once" } })));
  assert.deepEqual(answers.map((a) => a.status), Array(10).fill(201));
  assert.equal(answers.filter((a) => a.headers.get("idempotent-replayed") !== "true").length, 1, "one execution");
  assert.equal(new Set(answers.map((a) => a.json.entries[0].id)).size, 1, "every answer is the first one");
  assert.equal(await entryCount(s.id), 1, "the line counts 7, not 70");
});

test("ten concurrent session creations with one Idempotency-Key make one session", async () => {
  const before = (await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session"))[0].n;
  const body = { location_id: "nw_loc_dc1", type: "CYCLE", name: "once" };
  const answers = await Promise.all(Array.from({ length: 10 }, () =>
    rt.call("POST", "/stock-count/sessions", { ...approver, body, headers: { "Idempotency-Key": "session-once" } })));
  assert.deepEqual(answers.map((a) => a.status), Array(10).fill(201));
  assert.equal(new Set(answers.map((a) => a.json.id)).size, 1);
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session"))[0].n, before + 1);
});

test("an Idempotency-Key belongs to one token, method, path and body: any other use is 422", async () => {
  const body = { location_id: "nw_loc_dc1", type: "CYCLE", name: "scoped" };
  const key = { "Idempotency-Key": "scoped-key" };
  await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body, headers: key }), 201);
  const otherToken = await rt.call("POST", "/stock-count/sessions", { ...admin, body, headers: key });
  assert.equal(otherToken.status, 422);
  const otherRoute = await rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: "x", decision: "approve", reason_code: "miscount" }, headers: key });
  assert.equal(otherRoute.status, 422);
  assert.equal(otherRoute.json.errors[0].path, "headers.Idempotency-Key");
  const again = await rt.call("POST", "/stock-count/sessions", { ...approver, body, headers: key });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
});

for (const [mode, query, lineAt] of [["entries", "", 1], ["summary", "?return=summary", 2]]) {
  test(`twenty concurrent counts with one client_entry_id: one row, and every answer (${mode}) says accepted or duplicate`, async () => {
    const s = await session();
    const line = s.lines[lineAt];
    const body = { location_id: "nw_loc_dc1", session_id: s.id, counts: [{ sku: line.sku, bin: line.bin, counted_qty: 3, client_entry_id: "scan-77" }] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => rt.call("POST", `/api/inventory/count${query}`, { token: TOKENS.scanner, body })));
    assert.equal(await entryCount(s.id), 1);
    for (const a of answers) {
      assert.equal(a.status, 201, a.text);
      assert.equal(a.json.accepted + a.json.duplicates.length, 1, a.text);
      assert.equal(a.json.entries?.length, mode === "entries" ? a.json.accepted : undefined, a.text);
    }
    assert.equal(answers.filter((a) => a.json.accepted === 1).length, 1);
    assert.ok(answers.filter((a) => a.json.duplicates.length === 1).every((a) => a.json.duplicates[0].client_entry_id === "scan-77"));
  });
}

// One request driven turn by turn from here (its D1 batches on the runtime's database), paused
// before its write batch so another request can slip in: a deterministic stale read.
test("a count whose client_entry_id was stored by another request after it read says duplicate, not nothing", async () => {
  const s = await session();
  const line = s.lines[2];
  const body = { location_id: "nw_loc_dc1", session_id: s.id, counts: [{ sku: line.sku, bin: line.bin, counted_qty: 4, client_entry_id: "scan-88" }] };
  const finish = await pauseBeforeWrite(rt, { method: "POST", path: "/api/inventory/count", body }, TOKENS.scanner);
  const other = await ok(rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body }), 201);
  assert.equal(other.accepted, 1);
  const late = await finish();
  assert.equal(late.status, 201);
  assert.equal(late.json.accepted, 0);
  assert.deepEqual(late.json.duplicates, [{ index: 0, client_entry_id: "scan-88" }]);
  assert.equal(await entryCount(s.id), 1);
});

test("ten concurrent closes of one session and ten approvals of one proposal: one 200, nine 409", async () => {
  const s = await session();
  const line = s.lines.find((l) => l.quantity >= 10);
  await ok(rt.call("POST", "/stock-count/entries", { ...approver, body: { session_id: s.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity * 3 }] } }), 201);
  const closes = await Promise.all(Array.from({ length: 10 }, () => rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver)));
  assert.deepEqual(closes.map((c) => c.status).sort(), [200, ...Array(9).fill(409)]);
  const [proposal] = (await ok(rt.call("GET", `/api/proposed-actions?session_id=${s.id}`, approver))).items;
  const approvals = await Promise.all(Array.from({ length: 10 }, () =>
    rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: proposal.id, decision: "approve", reason_code: "miscount" } })));
  assert.deepEqual(approvals.map((c) => c.status).sort(), [200, ...Array(9).fill(409)]);
  assert.ok(approvals.filter((a) => a.status === 409).every((a) => a.headers.get("content-type") === "application/problem+json"));
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM inventory_adjustment WHERE proposed_action_id = ?", proposal.id);
  assert.equal(n, 1);
});

test("five weekly ticks fired at once open one session per location and close nothing twice", async () => {
  const worker = await rt.mf.getWorker();
  const fire = (iso) => Promise.all(Array.from({ length: 5 }, () => worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(iso) })));
  await fire("2026-11-23T06:00:00Z");
  const opened = await rt.rows("SELECT location_id, COUNT(*) AS n FROM stock_count_session WHERE source = 'cron' AND week_key = '2026-W48' GROUP BY location_id");
  assert.deepEqual(opened.map((r) => r.n), [1, 1, 1]);
  await fire("2026-11-30T06:00:00Z");  // next week: five ticks race to finalize last week's sessions
  const closed = await rt.rows("SELECT status, COUNT(*) AS n FROM stock_count_session WHERE source = 'cron' AND week_key = '2026-W48' GROUP BY status");
  assert.deepEqual(closed, [{ status: "CLOSED", n: 3 }]);
  const [{ twice }] = await rt.rows("SELECT COUNT(*) AS twice FROM (SELECT session_id, item_id FROM cycle_count_variances GROUP BY session_id, item_id HAVING COUNT(*) > 1)");
  assert.equal(twice, 0);
  const next = await rt.rows("SELECT COUNT(*) AS n FROM stock_count_session WHERE source = 'cron' AND week_key = '2026-W49'");
  assert.equal(next[0].n, 3);
});

test("the invariants hold after everything above", async () => {
  assert.deepEqual(await checkInvariants((sql, ...p) => rt.rows(sql, ...p)), []);
});
