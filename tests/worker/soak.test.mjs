// A bounded soak on the real runtime: scanners post counts (with retries that
// must not double) while the weekly tick closes and opens sessions, a
// supervisor decides proposals and the drainers push to a NetSuite that fails
// one request in ten. Then everything drains, the invariant checker passes,
// and the runtime's memory has not grown. SOAK_SECONDS sets the length
// (npm test: 30 s; by hand, minutes).
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { after, before, test } from "node:test";

import { checkInvariants, takeBaseline } from "../../scripts/invariants.mjs";
import { connectionBody, newM2m, newSecretsKey, newTba, standinAccount } from "../../scripts/netsuite-credentials.mjs";
import { mulberry32 } from "../../scripts/seeded-random.mjs";
import { startRuntime, TOKENS } from "../support/runtime.mjs";
import { connectIsolate } from "../support/isolate_memory.mjs";
import { freePort } from "../support/ports.mjs";
import { startStandin } from "../support/standin.mjs";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
const WEEKS = 4;
const accounts = [
  [TOKENS.admin, { account_id: "TSTDRV4444444", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") }],
  [TOKENS.otherAdmin, { account_id: "TSTDRV5555555", subsidiary_id: "2", adjustment_account_id: "310", tba: newTba() }],
];
let ns;
let rt;
let isolate;
before(async () => {
  ns = await startStandin();
  const inspectorPort = await freePort();
  rt = await startRuntime({ inspectorPort, bindings: { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "50", NS_TIMEOUT_MS: "1000" } });
  isolate = await connectIsolate(inspectorPort, () => rt.call("GET", "/health"));
  for (const [token, account] of accounts) {
    await ns.addAccount(standinAccount(account));
    const saved = await rt.call("PUT", "/api/netsuite/connection", { token, body: connectionBody(account, ns.base) });
    assert.equal(saved.status, 200, saved.text);
  }
});
after(async () => {
  isolate?.close();
  await rt?.stop();
  await ns?.stop();
});

const query = (sql, ...p) => rt.rows(sql, ...p);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The resident memory of the runtime's workerd processes (children of this process), in MiB.
function runtimeRssMb() {
  const out = execSync(`ps --ppid ${process.pid} -o rss=,comm=`, { encoding: "utf8" });
  return out.split("\n").filter((l) => l.includes("workerd")).reduce((n, l) => n + Number(l.trim().split(/\s+/)[0]) / 1024, 0);
}

async function tick(week) {
  const at = new Date(Date.UTC(2026, 10, 23 + 7 * week, 6));
  await (await rt.mf.getWorker()).scheduled({ cron: "0 6 * * MON", scheduledTime: at });
}

async function activeLines(location, token) {
  const sessions = (await rt.call("GET", `/stock-count/sessions?source=cron&status=ACTIVE&location_id=${location}`, { token })).json.items;
  if (!sessions.length) return { session: null, lines: [] };
  const lines = (await rt.call("GET", `/stock-count/sessions/${sessions[0].id}/snapshots?kind=untracked&page_size=500`, { token })).json.items;
  return { session: sessions[0].id, lines: lines.filter((l) => l.bin) };
}

test(`soak for ${SECONDS} s: scanners, weekly ticks, decisions and pushes under faults; invariants and memory hold`, { timeout: (SECONDS + 240) * 1000 }, async () => {
  const baseline = await takeBaseline(query);
  await ns.faults({ rate: 0.1, seed: 11, hold_ms: 1300 });
  const rnd = mulberry32(42);
  const tally = { counts: 0, retried: 0, decisions: 0, errors: [] };
  const deadline = Date.now() + SECONDS * 1000;
  let rssWarm = null;
  const isolateByWeek = [];

  for (let week = 0; week < WEEKS; week++) {
    await tick(week);
    const weekEnd = Math.min(deadline, Date.now() + (SECONDS * 1000) / WEEKS);
    const targets = [await activeLines("nw_loc_dc1", TOKENS.approver), await activeLines("nw_loc_dc2", TOKENS.approver)];
    const scanner = async (worker) => {
      let n = 0;
      while (Date.now() < weekEnd) {
        const t = targets[worker % targets.length];
        if (!t.lines.length) break;
        const counts = Array.from({ length: 5 }, () => {
          const l = t.lines[Math.floor(rnd() * t.lines.length)];
          const off = rnd() < 0.7 ? 0 : rnd() < 0.5 ? -1 : Math.ceil(l.quantity / 2);
          return { sku: l.sku, bin: l.bin, counted_qty: Math.max(0, l.quantity + off), client_entry_id: `w${week}-s${worker}-${n}-${l.item_id}-${l.bin}` };
        });
        const body = { location_id: worker % 2 ? "nw_loc_dc2" : "nw_loc_dc1", session_id: t.session, counts };
        const r = await rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body });
        if (r.status !== 201 && r.status !== 409) tally.errors.push(`count ${r.status} ${r.text.slice(0, 120)}`);
        else tally.counts++;
        if (rnd() < 0.2) {  // the scanner lost the answer and sends the batch again
          const again = await rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body });
          if (again.status === 201 && again.json.accepted !== 0) tally.errors.push("a retried batch was counted twice");
          tally.retried++;
        }
        n++;
      }
    };
    const approver = async () => {
      while (Date.now() < weekEnd) {
        const pending = (await rt.call("GET", "/api/proposed-actions?status=pending&page_size=20", { token: TOKENS.approver })).json.items ?? [];
        for (const p of pending) {
          const decision = rnd() < 0.7 ? "approve" : "reject";
          const r = await rt.call("POST", "/api/inventory/adjust", { token: TOKENS.approver, body: { proposed_action_id: p.id, decision, reason_code: "miscount", reason_note: "soak" } });
          if (r.status !== 200 && r.status !== 409) tally.errors.push(`decide ${r.status} ${r.text.slice(0, 120)}`);
          else tally.decisions++;
        }
        await sleep(200);
      }
    };
    await Promise.all([scanner(0), scanner(1), scanner(2), scanner(3), approver()]);
    if (week === 0) rssWarm = runtimeRssMb();
    isolateByWeek.push(await isolate.measure());
  }
  await tick(WEEKS);  // closes the last week's sessions
  await ns.faults({ rate: 0 });
  for (let i = 0; i < 600; i++) {
    const [{ n }] = await query("SELECT COUNT(*) AS n FROM ns_pending_pushes WHERE status IN ('pending', 'in_flight')");
    if (n === 0) break;
    await sleep(100);
  }
  const rssEnd = runtimeRssMb();
  const isolateEnd = await isolate.measure();
  const mib = (b) => (b / 1048576).toFixed(2);
  const [pushes] = await query("SELECT COUNT(*) AS n, SUM(status = 'done') AS done, SUM(status = 'dead') AS dead FROM ns_pending_pushes");
  const [entries] = await query("SELECT COUNT(*) AS n FROM stock_count_entry");
  console.log(`soak: ${tally.counts} count requests (${tally.retried} retried), ${entries.n} entries, ${tally.decisions} decisions, ` +
    `${pushes.n} pushes (${pushes.done} done, ${pushes.dead} dead), workerd RSS ${rssWarm?.toFixed(0)} → ${rssEnd.toFixed(0)} MiB; ` +
    `isolate live heap by week ${[...isolateByWeek, isolateEnd].map((m) => mib(m.heapLiveBytes)).join(" → ")} MiB, ` +
    `core linear memory ${[...isolateByWeek, isolateEnd].map((m) => mib(m.wasmBytes)).join(" → ")} MiB (${isolateEnd.wasmMemories} instance(s))`);
  assert.deepEqual(tally.errors, []);
  assert.ok(tally.counts > 50 && pushes.n > 0, "the soak did work");
  assert.equal(pushes.dead, 0);
  assert.deepEqual(await checkInvariants(query, { records: await ns.records(), baseline }), []);
  // Memory has not grown: after two weeks warmed the isolate (the second tick is the first to
  // close a session that holds counts, the largest turn the core makes), what is alive after a full
  // collection stays within 1 MiB of it, and the core's linear memory (which never shrinks, so any
  // leak in the core shows) keeps the size the first weeks gave it, give or take four 64 KiB pages:
  // the largest turn is a weekly close, whose size depends on how many counts the racing scanners
  // landed in its session (warm peaks of 2.00, 2.06 and 2.13 MiB were seen), while a leak of even
  // 160 bytes a request would pass that margin over the ~1,600 requests of the later weeks.
  // workerd's RSS also holds the local D1, which grows with the data written, so it only gets a
  // generous ceiling.
  const warm = isolateByWeek[1];
  const turnSizeMargin = 4 * 65536;
  for (const [i, m] of [...isolateByWeek.slice(2), isolateEnd].entries()) {
    assert.ok(m.heapLiveBytes < warm.heapLiveBytes + 1048576, `live heap grew from ${mib(warm.heapLiveBytes)} to ${mib(m.heapLiveBytes)} MiB by sample ${i + 3}`);
    assert.ok(m.wasmBytes <= warm.wasmBytes + turnSizeMargin, `core linear memory grew from ${mib(warm.wasmBytes)} to ${mib(m.wasmBytes)} MiB by sample ${i + 3}`);
  }
  assert.ok(rssEnd < 700, `workerd grew from ${rssWarm.toFixed(0)} to ${rssEnd.toFixed(0)} MiB`);
});
