// The weekly tick fanned out on Queues, locally (Miniflare runs the queue): 1,000 locations over five
// businesses (tests/support/many_locations.mjs: 2 zones × 2 bins, 2 items each), two weeks — the
// first only opens, the second closes last week's session (variance workflow) and opens the next
// zone. Prints, per week: time until every location's session is open, messages, the most D1
// statements one invocation spent (tick or message), and retries. The baseline, in the same run: the
// same locations on a runtime without the queue, where each tick works through as many locations as
// its D1 budget allows and the week needs tick after tick.
//   TEMPLATE_STATE=.wrangler/bench-template node bench/weekly_queue.mjs   (LOCATIONS=1000)
import { seedLocations } from "../tests/support/many_locations.mjs";
import { ok, startRuntime } from "../tests/support/runtime.mjs";

const TOTAL = Number(process.env.LOCATIONS ?? 1000);
const BUSINESSES = ["biz_b1", "biz_b2", "biz_b3", "biz_b4", "biz_b5"];
const PER = Math.ceil(TOTAL / BUSINESSES.length);
const lines = [];
const rt = await startRuntime({
  queues: true, onStderr: () => {},
  onStdout: (line) => { try { const e = JSON.parse(line); if (e.event === "queue" || e.event === "cron") lines.push(e); } catch {} },
});
try {
  await seedLocations(rt.db, { businesses: BUSINESSES, locations: PER });
  const worker = await rt.mf.getWorker();
  const rows = [];
  for (const [monday, week] of [["2026-11-23T06:00:00Z", "2026-W48"], ["2026-11-30T06:00:00Z", "2026-W49"]]) {
    const from = lines.length;
    const started = performance.now();
    await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(monday) });
    const tickMs = performance.now() - started;
    for (;;) {
      const weeks = await Promise.all(BUSINESSES.map((b) => ok(rt.call("GET", `/api/schedule/runs?week=${week}`, { token: `${b}-approver` }))));
      if (weeks.every((w) => w.totals.done + w.totals.failed === PER)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - started) / 1000;
    const mine = lines.slice(from);
    const messages = mine.filter((e) => e.event === "queue");
    rows.push(`| ${week} (${week.endsWith("48") ? "open" : "close + open"}) | ${(tickMs / 1000).toFixed(2)} s | ${seconds.toFixed(1)} s | ${messages.length} | ` +
      `${Math.max(...mine.map((e) => e.d1_statements))} | ${messages.filter((e) => e.outcome === "retry").length} | ` +
      `${messages.filter((e) => e.outcome === "requeued").length} |`);
  }
  console.log(`weekly tick over ${BUSINESSES.length * PER} locations, fanned out on the weekly-count queue (Miniflare)`);
  console.log("| week | the tick itself | until every location is open | messages | most D1 statements in one invocation | retries | requeued |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
} finally {
  await rt.stop();
}

// The baseline: no queue bound, the tick does the week itself within D1_STATEMENT_BUDGET.
const plain = await startRuntime({ onStderr: () => {}, onStdout: (line) => { try { const e = JSON.parse(line); if (e.event === "cron") lines.push(e); } catch {} } });
try {
  await seedLocations(plain.db, { businesses: BUSINESSES, locations: PER });
  const worker = await plain.mf.getWorker();
  const started = performance.now();
  let ticks = 0;
  for (;;) {
    await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(Date.parse("2026-11-23T06:00:00Z") + ticks * 60_000) });
    ticks++;
    const weeks = await Promise.all(BUSINESSES.map((b) => ok(plain.call("GET", "/api/schedule/runs?week=2026-W48", { token: `${b}-approver` }))));
    if (weeks.every((w) => w.totals.done === PER) || ticks >= 100) break;
  }
  console.log(`baseline without the queue: ${ticks} ticks of the same week to open every location ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s of ticking); with one tick a week, the rest wait`);
} finally {
  await plain.stop();
}
