// The weekly tick leaves each location's part of the week where people see it (issue 25's
// "seen, not hidden"): GET /api/schedule/runs lists the week's locations as queued, done or
// failed, /health is degraded while one failed or still waits a day after the tick, and the
// next tick of the week goes on with the locations the last one could not reach.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { core, runBatch } from "../support/core_turns.mjs";
import { seedLocations } from "../support/many_locations.mjs";
import { ok, startRuntime } from "../support/runtime.mjs";

const A = { token: "biz_a-approver" }, B = { token: "biz_b-approver" };
const MONDAY = "2026-11-23T06:00:00Z", WEEK = "2026-W48";
const cron = [];
let rt;

before(async () => {
  // A budget of 60 statements a tick opens about ten of these locations; they are 2 × 12.
  rt = await startRuntime({
    bindings: { D1_STATEMENT_BUDGET: "60" }, onStderr: () => {},
    onStdout: (line) => { try { const e = JSON.parse(line); if (e.event === "cron") cron.push(e); } catch {} },
  });
  await seedLocations(rt.db, { businesses: ["biz_a", "biz_b"], locations: 12 });
});
after(async () => { await rt?.stop(); });

async function tick(iso) {
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(iso) });
}
const runs = (who, week = WEEK) => ok(rt.call("GET", `/api/schedule/runs?week=${week}`, who));
const weekly = async () => (await ok(rt.call("GET", "/health"))).config?.find((c) => c.setting === "weekly_schedule");

test("a tick that runs out of budget leaves the locations it did not reach queued, seen on the runs and in /health", async () => {
  await tick(MONDAY);
  const a = await runs(A);
  assert.equal(a.week, WEEK);
  assert.equal(a.ticked_at, "2026-11-23T06:00:00.000Z");
  assert.equal(a.totals.locations, 12);
  assert.ok(a.items.every((r) => r.location_id.startsWith("biz_a_")), "only the business's own locations");
  const done = a.items.filter((r) => r.status === "done"), queued = a.items.filter((r) => r.status === "queued");
  assert.equal(done.length + queued.length, 12);
  assert.ok(queued.length > 0, "the budget does not reach every location");
  assert.equal(a.totals.opened, done.length);
  for (const r of done) {
    assert.ok(r.session_id, `${r.location_code} opened`);
    assert.equal(r.zone_code, "Z0");
    assert.equal(r.attempts, 1);
  }
  for (const r of queued) assert.match(r.note ?? "", /deferred/, `${r.location_code} says why it waits`);
  const [session] = await rt.rows("SELECT status, week_key FROM stock_count_session WHERE id = ?", done[0].session_id);
  assert.deepEqual(session, { status: "ACTIVE", week_key: WEEK });

  const line = cron.at(-1);
  assert.equal(line.week, WEEK);
  assert.ok(line.runs.waiting > 0 && line.runs.done > 0, `the tick's log line counts them: ${JSON.stringify(line.runs)}`);
  // The tick fired more than a day ago (it is later than 2026-11-24 now): degraded, and why.
  assert.match((await weekly())?.problem ?? "", /still not opened a day after the tick/);
});

test("the next tick of the week goes on with the queued locations and never opens a second session", async () => {
  for (let i = 1; i <= 12 && (await runs(A)).totals.queued + (await runs(B)).totals.queued > 0; i++) {
    await tick(new Date(Date.parse(MONDAY) + i * 3600_000).toISOString());
  }
  for (const who of [A, B]) {
    const week = await runs(who);
    assert.equal(week.totals.done, 12, JSON.stringify(week.items.filter((r) => r.status !== "done")));
    assert.equal(week.totals.opened, 12);
  }
  const [{ n, locations }] = await rt.rows(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT location_id) AS locations FROM stock_count_session WHERE week_key = ? AND location_id LIKE 'biz_%'", WEEK);
  assert.equal(n, 24, "one session per location and week");
  assert.equal(locations, 24);
  assert.equal(await weekly(), undefined, "nothing left for /health to report");
});

test("a location whose opening fails is failed with its error, for its own business only, until a later tick opens it", async () => {
  const next = "2026-11-30T06:00:00Z", week = "2026-W49";
  await rt.db.exec("CREATE TRIGGER fail_one BEFORE INSERT ON stock_count_session WHEN NEW.location_id = 'biz_b_loc0003' BEGIN SELECT RAISE(ABORT, 'injected fault for biz_b_loc0003'); END;");
  try {
    // Until every other location of both businesses is done (a close and an open each, about 14 statements).
    for (let i = 0; i < 16; i++) {
      await tick(new Date(Date.parse(next) + i * 3600_000).toISOString());
      const [a, b] = [await runs(A, week), await runs(B, week)];
      if (a.totals.done === 12 && b.totals.done === 11 && b.totals.failed === 1) break;
    }
  } finally {
    await rt.db.exec("DROP TRIGGER fail_one");
  }
  const b = await runs(B, week);
  const failed = b.items.filter((r) => r.status === "failed");
  assert.deepEqual(failed.map((r) => r.location_id), ["biz_b_loc0003"]);
  assert.match(failed[0].last_error, /injected fault/);
  assert.equal(failed[0].session_id, null);
  assert.equal(b.totals.failed, 1);
  assert.equal(b.totals.done, 11);
  assert.equal((await runs(A, week)).totals.done, 12, "the other business is not held back");
  assert.match((await weekly())?.problem ?? "", /1 location\(s\) failed the count of 2026-W49/);

  await tick(new Date(Date.parse(next) + 20 * 3600_000).toISOString());
  const again = (await runs(B, week)).items.find((r) => r.location_id === "biz_b_loc0003");
  assert.equal(again.status, "done");
  assert.ok(again.session_id);
  assert.equal(again.last_error, null);
  assert.equal(await weekly(), undefined);
});

test("two ticks at once open one session per location and week, and neither marks the other's opening failed", async () => {
  const monday = Date.parse("2026-12-07T06:00:00Z"), week = "2026-W50";
  for (let i = 0; i < 16; i++) {
    await Promise.all([tick(new Date(monday + i * 3600_000).toISOString()), tick(new Date(monday + i * 3600_000 + 1000).toISOString())]);
    if ((await runs(A, week)).totals.done === 12 && (await runs(B, week)).totals.done === 12) break;
  }
  for (const who of [A, B]) {
    const { totals, items } = await runs(who, week);
    assert.equal(totals.done, 12, JSON.stringify(items.filter((r) => r.status !== "done")));
    assert.equal(totals.failed, 0);
  }
  const [{ n, locations }] = await rt.rows(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT location_id) AS locations FROM stock_count_session WHERE week_key = ? AND location_id LIKE 'biz_%'", week);
  assert.deepEqual({ n, locations }, { n: 24, locations: 24 });
});

test("a tick that lost the race to open a location (a stale read) never marks it failed once another tick opened it", async () => {
  const [open] = (await runs(A)).items.filter((r) => r.status === "done");
  // The tick's last turn, as a tick whose plan read the location before the other opened it: its
  // own opening batch failed on the session the other made, and its outcomes are written now.
  const out = core({ kind: "scheduled", cron: "0 6 * * MON", scheduled_time: MONDAY, now: new Date().toISOString(), nonce: "stale",
    settings: {}, turn: { results: [{ ok: false, error: "UNIQUE constraint failed: stock_count_session" }], state: {
      phase: "work", sub: "open", week: WEEK, i: 0, report: [], wake: [], spent: 0,
      work: [{ op: "open", business_id: "biz_a", location_id: open.location_id, zone_id: `${open.location_id}_z0`, zone_code: "Z0" }],
      note: { op: "open", business_id: "biz_a", location_id: open.location_id, zone_id: `${open.location_id}_z0`, zone_code: "Z0" } } } });
  assert.equal(out.done.runs.failed, 1, "the stale tick's own report calls it failed");
  const batch = out.effects.find((e) => e.type === "d1");
  assert.ok((await runBatch(rt, batch)).ok);
  const after = (await runs(A)).items.find((r) => r.location_id === open.location_id);
  assert.equal(after.status, "done");
  assert.equal(after.session_id, open.session_id);
  assert.equal(after.last_error, null);
});

test("a bad week is refused with the field named; the runs are for approvers", async () => {
  const bad = await rt.call("GET", "/api/schedule/runs?week=2026-49", A);
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].path, "query.week");
  assert.equal((await rt.call("GET", "/api/schedule/runs", { token: "demo-scanner-token" })).status, 403);
});
