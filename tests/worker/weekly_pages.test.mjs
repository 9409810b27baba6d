// The Monday tick closes last week's session through the close route, which
// pages (src/scheduled.cc). A runtime with COUNT_PAGE_LINES=20 must close DC1's
// zone with the same decisions as a runtime that closes it in one batch. A tick
// spends about D1_STATEMENT_BUDGET statements at most: a close still paging then
// pauses, later work is deferred, and the next ticks resume the close until done.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, snapshotLines, startRuntime, TOKENS } from "../support/runtime.mjs";

const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
const cronLines = { paged: [], budgeted: [] };
let paged;
let whole;
let budgeted;

function cronLog(into) {
  return (line) => {
    try {
      const entry = JSON.parse(line);
      if (entry.event === "cron") into.push(entry);
    } catch {}
  };
}

before(async () => {
  [paged, whole, budgeted] = await Promise.all([
    startRuntime({ bindings: { COUNT_PAGE_LINES: "20" }, onStdout: cronLog(cronLines.paged), onStderr: () => {} }),
    startRuntime(),
    startRuntime({ bindings: { COUNT_PAGE_LINES: "20", D1_STATEMENT_BUDGET: "100" }, onStdout: cronLog(cronLines.budgeted), onStderr: () => {} }),
  ]);
});
after(async () => {
  await Promise.all([paged?.stop(), whole?.stop(), budgeted?.stop()]);
});

async function tick(rt, iso) {
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(iso) });
}

async function dc1Session(rt, week) {
  const { items } = await ok(rt.call("GET", "/stock-count/sessions?source=cron&location_id=nw_loc_dc1&page_size=100", approver));
  return items.find((s) => s.week_key === week);
}

// The session's tasks and snapshot, with each line's task named (ids differ between runtimes).
async function opened(rt, sessionId) {
  const tasks = (await ok(rt.call("GET", `/stock-count/tasks?session_id=${sessionId}&page_size=500`, scanner))).items;
  const name = new Map(tasks.map((t) => [t.id, t.name]));
  return {
    tasks: tasks.map((t) => `${t.name} ${t.status} ${t.zone_code} ${t.bin_code}`).sort(),
    lines: (await snapshotLines(rt, sessionId))
      .map((l) => `${l.sku} ${l.bin} ${l.batch_number ?? ""} ${l.serial_number ?? ""} ${l.kind} ${l.quantity} ${name.get(l.task_id)}`).sort(),
  };
}

// Every bin line of the zone counted, a few off: +1 (within the guardrail), half (review), skipped.
function counts(lines) {
  return lines.filter((l, i) => l.bin && i % 37 !== 5).map((l, i) => ({
    sku: l.sku, bin: l.bin, client_entry_id: `wk-${l.sku}-${l.bin}-${l.batch_number ?? ""}-${l.serial_number ?? ""}`,
    ...(l.batch_number ? { batch_number: l.batch_number } : {}), ...(l.serial_number ? { serial_number: l.serial_number } : {}),
    counted_qty: l.kind === "tracked" ? l.quantity : i % 23 === 3 ? l.quantity + 1 : i % 41 === 7 ? Math.floor(l.quantity / 2) : l.quantity,
  }));
}

async function decisions(rt, sessionId) {
  const { items } = await ok(rt.call("GET", `/inventory/variances?session_id=${sessionId}&page_size=500`, approver));
  return items.map((v) => `${v.sku} ${v.decision} ${v.status} ${v.delta}`).sort();
}

const wholeWeek = {};

async function countZone(rt, sessionId, lines) {
  await ok(rt.call("POST", "/api/inventory/count?return=summary", { ...scanner, body: { location_id: "nw_loc_dc1", session_id: sessionId, counts: counts(lines) } }), 201);
}

test("a tick closes a big session in pages: the same decisions as one batch", async () => {
  await Promise.all([tick(paged, "2026-11-23T06:00:00Z"), tick(whole, "2026-11-23T06:00:00Z")]);
  const [p, w] = await Promise.all([dc1Session(paged, "2026-W48"), dc1Session(whole, "2026-W48")]);
  assert.equal(p.status, "ACTIVE");
  const [po, wo] = await Promise.all([opened(paged, p.id), opened(whole, w.id)]);
  assert.ok(wo.lines.length > 100 && wo.tasks.length > 1, `zone A is several pages (${wo.lines.length} lines)`);
  assert.deepEqual(po, wo, "the same session opens either way");
  const lines = await snapshotLines(whole, w.id);
  await Promise.all([countZone(paged, p.id, lines), countZone(whole, w.id, lines)]);
  await Promise.all([tick(paged, "2026-11-30T06:00:00Z"), tick(whole, "2026-11-30T06:00:00Z")]);
  const [pc, wc] = await Promise.all([dc1Session(paged, "2026-W48"), dc1Session(whole, "2026-W48")]);
  assert.equal(pc.status, "CLOSED");
  assert.equal(wc.status, "CLOSED");
  assert.equal(pc.run_kind ?? null, null, "the paged close finished");
  const [pd, wd] = await Promise.all([decisions(paged, p.id), decisions(whole, w.id)]);
  assert.ok(wd.some((d) => d.includes(" auto ")) && wd.some((d) => d.includes(" review ")), "the close decided both ways");
  assert.deepEqual(pd, wd);
  const closing = cronLines.paged.at(-1);
  const dc1 = closing.report.filter((r) => r.location_id === "nw_loc_dc1");
  assert.deepEqual(dc1.map((r) => r.op), ["finalize", "open"]);
  assert.ok(dc1[0].workflow.auto_adjusted > 0 && dc1[0].workflow.staged_for_review > 0, JSON.stringify(dc1[0]));
  assert.ok(closing.d1_batches > cronLines.paged[0].d1_batches + 5, `the close took pages (${closing.d1_batches} batches)`);
  wholeWeek.lines = lines;
  wholeWeek.decisions = wd;
});

test("a tick that spends its D1 budget pauses the close, and the next ticks resume it", async () => {
  assert.ok(wholeWeek.decisions, "runs after the first test");
  await tick(budgeted, "2026-11-23T06:00:00Z");
  const opened1 = await dc1Session(budgeted, "2026-W48");
  assert.equal(opened1.status, "ACTIVE");
  await countZone(budgeted, opened1.id, wholeWeek.lines);
  await tick(budgeted, "2026-11-30T06:00:00Z");
  const paused = await dc1Session(budgeted, "2026-W48");
  assert.equal(paused.status, "CLOSED", "counting stopped with the close's first page");
  assert.equal(paused.run_kind, "close", "the close paused before its last page");
  const report = cronLines.budgeted.at(-1).report;
  assert.match(report.find((r) => r.location_id === "nw_loc_dc1" && r.op === "finalize").note, /^paused/);
  assert.ok(report.some((r) => /^deferred/.test(r.note ?? "")), "later work waits for the next tick");

  let session = paused;
  for (let week = 2; week <= 8 && session.run_kind; week++) {
    await tick(budgeted, new Date(Date.parse("2026-11-23T06:00:00Z") + week * 7 * 86400000).toISOString());
    session = await dc1Session(budgeted, "2026-W48");
  }
  assert.equal(session.run_kind ?? null, null, "the ticks after resumed the close until it finished");
  assert.ok(cronLines.budgeted.some((t) => t.report.some((r) => r.op === "resume" && r.session_id === paused.id)));
  assert.deepEqual(await decisions(budgeted, paused.id), wholeWeek.decisions);
  // A tick stops starting work once its budget is spent; the route it is in may finish one page past it.
  for (const t of cronLines.budgeted) assert.ok(t.d1_statements <= 130, `a tick spent ${t.d1_statements} statements (budget 100)`);
});
