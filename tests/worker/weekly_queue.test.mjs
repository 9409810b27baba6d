// The weekly tick fanned out on Cloudflare Queues (Miniflare runs them locally): the tick plans the
// week and sends one message per location; each message closes and opens that location with a
// whole invocation's D1 budget. Hundreds of locations over several businesses every week, no
// invocation past 1,000 statements, a failing location retried then dead-lettered and shown, an
// admin re-queuing it, and duplicate messages making one session per location and week.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { seedLocations } from "../support/many_locations.mjs";
import { ok, startRuntime } from "../support/runtime.mjs";

const BUSINESSES = ["biz_q1", "biz_q2", "biz_q3"], PER = 70;  // 210 locations, beside the demo's
const approver = (biz) => ({ token: `${biz}-approver` });
const log = [];
let rt;

before(async () => {
  rt = await startRuntime({
    queues: true, onStderr: () => {},
    onStdout: (line) => { try { const e = JSON.parse(line); if (e.event === "queue" || e.event === "cron") log.push(e); } catch {} },
  });
  await seedLocations(rt.db, { businesses: BUSINESSES, locations: PER });
});
after(async () => { await rt?.stop(); });

const mondays = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"].map((d) => `${d}T06:00:00Z`);
const weekOf = { [mondays[0]]: "2026-W45", [mondays[1]]: "2026-W46", [mondays[2]]: "2026-W47", [mondays[3]]: "2026-W48" };

async function tick(iso) {
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(iso) });
}

// Polls until every business's runs of `week` satisfy `done` (the queue works after the tick returned).
async function settled(week, done, timeoutMs = 180_000) {
  const started = Date.now();
  for (;;) {
    const weeks = await Promise.all(BUSINESSES.map((b) => ok(rt.call("GET", `/api/schedule/runs?week=${week}`, approver(b)))));
    if (weeks.every(done)) return weeks;
    if (Date.now() - started > timeoutMs) assert.fail(`${week} did not settle: ${JSON.stringify(weeks.map((w) => w.totals))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("four weekly ticks over 210 locations: every location closes and opens every week, each message within 1,000 statements", async () => {
  for (const monday of mondays) {
    const week = weekOf[monday];
    await tick(monday);
    const cron = log.filter((e) => e.event === "cron").at(-1);
    assert.equal(cron.week, week);
    assert.ok(cron.runs.enqueued >= BUSINESSES.length * PER, `the tick enqueued every location: ${JSON.stringify(cron.runs)}`);
    const weeks = await settled(week, (w) => w.totals.done === PER);
    for (const w of weeks) assert.equal(w.totals.opened, PER);
  }
  const sessions = await rt.rows(
    "SELECT week_key, COUNT(*) AS n, COUNT(DISTINCT location_id) AS locations, SUM(status = 'ACTIVE') AS active " +
    "FROM stock_count_session WHERE location_id LIKE 'biz_q%' GROUP BY week_key ORDER BY week_key");
  assert.deepEqual(sessions.map((s) => [s.week_key, s.n, s.locations]),
    Object.values(weekOf).map((w) => [w, BUSINESSES.length * PER, BUSINESSES.length * PER]));
  assert.equal(sessions.at(-1).active, BUSINESSES.length * PER, "this week's are counting");
  assert.equal(sessions.slice(0, -1).reduce((n, s) => n + s.active, 0), 0, "every earlier week's was closed");
  const messages = log.filter((e) => e.event === "queue");
  assert.ok(messages.length >= 4 * BUSINESSES.length * PER);
  const most = Math.max(...log.map((e) => e.d1_statements));
  assert.ok(most <= 1000, `an invocation spent ${most} D1 statements`);
});

test("a location that keeps failing is retried, dead-lettered and shown failed; an admin re-queues it and it opens; no one else waits", async () => {
  const monday = "2026-11-30T06:00:00Z", week = "2026-W49", sick = "biz_q2_loc0007";
  await rt.db.exec(`CREATE TRIGGER fail_q BEFORE INSERT ON stock_count_session WHEN NEW.location_id = '${sick}' BEGIN SELECT RAISE(ABORT, 'injected fault'); END;`);
  try {
    await tick(monday);
    const weeks = await settled(week, (w) => w.totals.done + w.totals.failed === PER &&
      w.items.every((r) => r.status !== "failed" || /dead-lettered/.test(r.last_error)));
    const [q1, q2, q3] = weeks;
    assert.equal(q1.totals.done, PER);
    assert.equal(q3.totals.done, PER);
    const failed = q2.items.filter((r) => r.status === "failed");
    assert.deepEqual(failed.map((r) => r.location_id), [sick]);
    assert.match(failed[0].last_error, /^dead-lettered after 3 attempt\(s\): open: .*injected fault/);
    assert.ok(failed[0].attempts >= 3, `tried ${failed[0].attempts} times`);
    assert.ok(log.some((e) => e.event === "queue" && e.location_id === sick && e.outcome === "retry"));
    assert.ok(log.some((e) => e.event === "queue" && e.location_id === sick && e.outcome === "dead"));
    const health = await ok(rt.call("GET", "/health"));
    assert.match(health.config.find((c) => c.setting === "weekly_schedule")?.problem ?? "", /1 location\(s\) failed the count of 2026-W49/);
  } finally {
    await rt.db.exec("DROP TRIGGER fail_q");
  }
  const scanner = await rt.call("POST", `/api/schedule/runs/${sick}/retry?week=${week}`, approver("biz_q2"));
  assert.equal(scanner.status, 403, "re-queuing is an admin's");
  assert.equal((await rt.call("POST", `/api/schedule/runs/${sick}/retry?week=${week}`, { token: "biz_q1-admin" })).status, 404,
    "another business's location is not found");
  const retried = await ok(rt.call("POST", `/api/schedule/runs/${sick}/retry?week=${week}`, { token: "biz_q2-admin" }), 202);
  assert.equal(retried.status, "queued");
  const [, q2] = await settled(week, (w) => w.totals.done === PER);
  const run = q2.items.find((r) => r.location_id === sick);
  assert.ok(run.session_id, "it opened");
  const again = await rt.call("POST", `/api/schedule/runs/${sick}/retry?week=${week}`, { token: "biz_q2-admin" });
  assert.equal(again.status, 409, "only a failed location is queued again");
});

test("two ticks at once send every message twice, and still one session opens per location and week", async () => {
  const monday = "2026-12-07T06:00:00Z", week = "2026-W50";
  await Promise.all([tick(monday), tick(monday)]);
  await settled(week, (w) => w.totals.done === PER);
  const [{ n, locations }] = await rt.rows(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT location_id) AS locations FROM stock_count_session WHERE week_key = ? AND location_id LIKE 'biz_q%'", week);
  assert.deepEqual({ n, locations }, { n: BUSINESSES.length * PER, locations: BUSINESSES.length * PER });
});

test("a location whose close outgrows one invocation's budget sends itself back and finishes in the next ones", async () => {
  const lines = [];
  const paged = await startRuntime({
    queues: true, bindings: { COUNT_PAGE_LINES: "20", D1_STATEMENT_BUDGET: "100" }, onStderr: () => {},
    onStdout: (line) => { try { const e = JSON.parse(line); if (e.event === "queue") lines.push(e); } catch {} },
  });
  try {
    const worker = await paged.mf.getWorker();
    const northwind = { token: "demo-approver-token" };
    const dc1 = async (week) => (await ok(paged.call("GET", `/api/schedule/runs?week=${week}`, northwind))).items
      .find((r) => r.location_id === "nw_loc_dc1");
    const until = async (week, test) => {
      for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((r) => setTimeout(r, 500))) {
        const run = await dc1(week);
        if (run && test(run)) return run;
      }
      assert.fail(`nw_loc_dc1 of ${week}: ${JSON.stringify(await dc1(week))}`);
    };
    await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date("2026-11-23T06:00:00Z") });
    const first = await until("2026-W48", (r) => r.status === "done");
    await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date("2026-11-30T06:00:00Z") });
    const second = await until("2026-W49", (r) => r.status === "done");
    assert.ok(second.session_id && second.session_id !== first.session_id);
    const [closed] = await paged.rows("SELECT status, run_kind FROM stock_count_session WHERE id = ?", first.session_id);
    assert.deepEqual(closed, { status: "CLOSED", run_kind: null }, "last week's close finished");
    const dc1Lines = lines.filter((e) => e.location_id === "nw_loc_dc1" && e.week === "2026-W49");
    assert.ok(dc1Lines.filter((e) => e.outcome === "requeued").length >= 1, `the close went on over ${dc1Lines.length} invocations: ${JSON.stringify(dc1Lines)}`);
    assert.equal(dc1Lines.filter((e) => e.outcome === "retry").length, 0, "running out of budget is not a failure");
    for (const e of dc1Lines) assert.ok(e.d1_statements <= 160, `an invocation spent ${e.d1_statements} statements (budget 100)`);
  } finally {
    await paged.stop();
  }
});
