// The NetSuite sync at scale (issue 26): a first (full) sync of an account with about 200,000
// on-hand lines, then an incremental sync after 1,000 movements (sales and receipts) — on
// Miniflare (workerd + local D1, PushMutexDO's alarms) against the stand-in's SuiteQL. Reports the
// wall time, SuiteQL pages, the invocations the run took (each alarm is one; a run pauses when
// an invocation's D1 budget or its 40 pages are spent), the most D1 statements one invocation
// spent (Workers allow 1,000) and the core's largest memory. SYNC_ITEMS (default 55,000 items at 3
// locations) sets the size. Prints a table for bench/RESULTS.md.
import { createHash } from "node:crypto";

import { connectionBody, newM2m, newSecretsKey, standinAccount } from "../scripts/netsuite-credentials.mjs";
import { checkMirrorAgainstNetSuite } from "../scripts/invariants.mjs";
import { nsCatalog } from "../tests/support/ns_catalog.mjs";
import { startRuntime } from "../tests/support/runtime.mjs";
import { startStandin } from "../tests/support/standin.mjs";

const ITEMS = Number(process.env.SYNC_ITEMS ?? 55000);
const account = { account_id: "TSTDRV9999999", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") };
const catalog = nsCatalog({ locations: 3, bins: 300, items: ITEMS });
const ADMIN = { token: "bench-sync-admin" };
const lines = [];

const ns = await startStandin();
await ns.addAccount(standinAccount(account));
const loaded = await ns.post(`/__catalog?account=${account.account_id}`, catalog);
if (loaded.status !== 200) throw new Error(`the catalogue did not load: ${JSON.stringify(loaded.json)}`);
const rt = await startRuntime({
  bindings: { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey() },
  onStdout: (line) => { try { const e = JSON.parse(line); if (e.event === "sync") lines.push(e); } catch {} },
  onStderr: () => {},
});
try {
  await rt.db.batch([
    rt.db.prepare("INSERT INTO businesses (id, name, created_at) VALUES ('biz_bench_sync', 'Bench Sync', '2026-12-01T00:00:00Z')"),
    rt.db.prepare("INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) VALUES (?, 'biz_bench_sync', 'admin', 'Bench', '2026-12-01T00:00:00Z')")
      .bind(createHash("sha256").update(ADMIN.token).digest("hex")),
  ]);
  const call = async (method, path, body) => (await rt.call(method, path, { ...ADMIN, body })).json;
  await call("PUT", "/api/netsuite/connection", connectionBody(account, ns.base));

  async function run(body) {
    lines.length = 0;
    const started = performance.now();
    const asked = await call("POST", "/api/netsuite/sync", body);
    for (;;) {
      const status = await call("GET", "/api/netsuite/sync");
      if (status.current === null && status.last?.id === asked.current.id) {
        const mine = lines.filter((l) => l.run_id === asked.current.id);
        return { seconds: (performance.now() - started) / 1000, run: status.last, invocations: mine.length,
          most: Math.max(...mine.map((l) => l.d1_statements)), memory: Math.max(...mine.map((l) => l.wasm_bytes ?? 0)) };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const full = await run({ full: true });
  const numbers = new Map(catalog.numbers.map((n) => [n.id, n.inventorynumber]));
  const check = async () => checkMirrorAgainstNetSuite((sql, ...p) => rt.rows(sql, ...p), "biz_bench_sync",
    await (await fetch(`${ns.base}/__balances?account=${account.account_id}`)).json(), numbers);
  const afterFull = await check();

  // 1,000 movements: sales and receipts of untracked items in their bins.
  const plain = catalog.balances.filter((b) => b.inventorynumber === undefined);
  const moves = Array.from({ length: 1000 }, (_, i) => {
    const b = plain[(i * 7919) % plain.length];
    return { item: b.item, location: b.location, binnumber: b.binnumber, delta: i % 3 ? -1 : 2, type: i % 3 ? "CashSale" : "ItemRcpt" };
  });
  await ns.post(`/__movements?account=${account.account_id}`, moves);
  const incremental = await run({});
  const afterIncremental = await check();

  const row = (what, r) => `| ${what} | ${r.seconds.toFixed(1)} | ${r.run.pages} | ${r.invocations} | ${r.most} | ${(r.memory / 1048576).toFixed(1)} MB | ` +
    `${r.run.tables.balances.read ?? 0} | ${r.run.tables.balances.items_listed ?? 0} |`;
  console.log(`catalogue: ${JSON.stringify(loaded.json)}`);
  console.log("| run | seconds | pages (D1 batches written) | invocations | most D1 statements in one | core memory | on-hand lines read | items listed |");
  console.log("|---|---|---|---|---|---|---|---|");
  console.log(row("first sync (full)", full));
  console.log(row("after 1,000 movements (incremental)", incremental));
  console.log(`mirror = NetSuite after the full run: ${afterFull.length === 0 ? "yes" : afterFull.slice(0, 3).join("; ")}; after the incremental: ${afterIncremental.length === 0 ? "yes" : afterIncremental.slice(0, 3).join("; ")}`);
} finally {
  await rt.stop();
  await ns.stop();
}
