// The spine: a request through the Worker, the wasm core and D1 and back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { connectionBody, newAccountId, newM2m, newSecretsKey, newTba } from "../../scripts/netsuite-credentials.mjs";
import { startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

test("health answers with the core version from wasm and a D1 round trip; a Worker without NS_SECRETS_KEY is degraded and says why", async () => {
  const r = await rt.call("GET", "/health");
  assert.equal(r.status, 200);
  assert.equal(r.json.db, "ok");
  assert.match(r.json.core_version, /^\d+\.\d+\.\d+$/);
  assert.equal(r.json.status, "degraded");
  assert.deepEqual(r.json.config.map((c) => c.setting), ["NS_SECRETS_KEY"]);
  assert.match(r.json.config[0].problem, /NS_SECRETS_KEY is not set/);
});

test("health is ok with a sealing key that imports, and names a malformed one", async () => {
  // One runtime at a time beside the suite's own (tests/support/runtime.mjs).
  const good = await startRuntime({ bindings: { NS_SECRETS_KEY: newSecretsKey() } });
  try {
    const fine = await good.call("GET", "/health");
    assert.equal(fine.json.status, "ok");
    assert.equal(fine.json.config, undefined);
  } finally {
    await good.stop();
  }
  const bad = await startRuntime({ bindings: { NS_SECRETS_KEY: "bm90IDMyIGJ5dGVz" } });
  try {
    const wrong = await bad.call("GET", "/health");
    assert.equal(wrong.status, 200);
    assert.equal(wrong.json.status, "degraded");
    assert.match(wrong.json.config[0].problem, /base64 of 32 random bytes/);
    assert.doesNotMatch(wrong.text, /bm90IDMyIGJ5dGVz/, "the key itself never shows");
  } finally {
    await bad.stop();
  }
});

test("health tries every stored NetSuite connection: ok while they sign, degraded (the log names them) when they cannot", async () => {
  const key = newSecretsKey();
  const account = (m2m, tba) => connectionBody({ account_id: newAccountId(), subsidiary_id: "1", adjustment_account_id: "212", m2m, tba },
    "http://127.0.0.1:9");
  const bindings = { NS_SECRETS_KEY: key, NS_ALLOW_LOOPBACK: "1" };
  const first = await startRuntime({ bindings });
  const stateDir = first.stateDir;
  try {
    await first.call("PUT", "/api/netsuite/connection", { token: TOKENS.admin, body: account(newM2m("ec")) });
    await first.call("PUT", "/api/netsuite/connection", { token: TOKENS.otherAdmin, body: account(undefined, newTba()) });
    const fine = await first.call("GET", "/health");
    assert.equal(fine.json.status, "ok", fine.text);
  } finally {
    await first.stop();
  }
  // The same database under another key (a rotated or mistyped secret): nothing opens.
  const lines = [];
  const rotated = await startRuntime({ stateDir, bindings: { ...bindings, NS_SECRETS_KEY: newSecretsKey() }, onStderr: (l) => lines.push(l) });
  try {
    const r = await rotated.call("GET", "/health");
    assert.equal(r.status, 200);
    assert.equal(r.json.status, "degraded");
    assert.deepEqual(r.json.config.map((c) => c.setting), ["netsuite_connection"]);
    assert.match(r.json.config[0].problem, /^2 of 2 NetSuite connections cannot sign/);
    assert.doesNotMatch(r.text, /biz_/, "the public answer names no business");
    await rotated.rows("UPDATE netsuite_connections SET token_secret_sealed = NULL WHERE business_id = 'biz_contoso'");
    const again = await rotated.call("GET", "/health");
    assert.match(again.json.config[0].problem, /^2 of 2/);
  } finally {
    await rotated.stop();
  }
  const log = lines.join("\n");
  assert.match(log, /biz_northwind[^\n]*does not open with this NS_SECRETS_KEY/);
  assert.match(log, /biz_contoso[^\n]*missing \[\\?"token_secret\\?"\]/);
});

test("an API call without a token is refused with 401 problem+json", async () => {
  const r = await rt.call("GET", "/api/locations");
  assert.equal(r.status, 401);
  assert.equal(r.headers.get("content-type"), "application/problem+json");
  assert.equal(r.json.status, 401);
  assert.ok(r.json.detail.includes("X-Edit-Token"));
});

test("an unknown token is refused like a missing one", async () => {
  const r = await rt.call("GET", "/api/locations", { token: "not-a-real-token" });
  assert.equal(r.status, 401);
});

test("a token sees its own business's locations with zones and bin counts, never another's", async () => {
  const mine = await rt.call("GET", "/api/locations", { token: TOKENS.scanner });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.json.items.map((l) => l.code), ["DC1", "DC2"]);
  assert.deepEqual(mine.json.items[0].zones.map((z) => z.code), ["A", "B", "C", "D", "E", "F"]);
  assert.equal(mine.json.items[0].bins_count, 150);
  const theirs = await rt.call("GET", "/api/locations", { token: TOKENS.otherAdmin });
  assert.deepEqual(theirs.json.items.map((l) => l.code), ["WH1"]);
});

test("lists page per the contract and refuse a page_size over 500", async () => {
  const page = await rt.call("GET", "/api/items?category=Snacks&page=2&page_size=10", { token: TOKENS.scanner });
  assert.equal(page.status, 200);
  assert.equal(page.json.page, 2);
  assert.equal(page.json.items.length, 10);
  assert.ok(page.json.total > 10);
  assert.ok(page.json.items.every((i) => i.category === "Snacks"));
  const tooBig = await rt.call("GET", "/api/items?page_size=501", { token: TOKENS.scanner });
  assert.equal(tooBig.status, 422);
  assert.equal(tooBig.json.errors[0].path, "query.page_size");
});

test("balances report available as on-hand minus reserved, in units", async () => {
  const r = await rt.call("GET", "/api/balances?page_size=500", { token: TOKENS.approver });
  assert.equal(r.status, 200);
  for (const b of r.json.items) assert.equal(b.quantityavailable, b.quantityonhand - b.reserved);
  assert.ok(r.json.items.some((b) => b.reserved > 0));
});

test("unknown paths are 404 and known paths with another method are 405, both problem+json", async () => {
  const missing = await rt.call("GET", "/api/nothing-here", { token: TOKENS.admin });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get("content-type"), "application/problem+json");
  const wrongMethod = await rt.call("DELETE", "/api/locations", { token: TOKENS.admin });
  assert.equal(wrongMethod.status, 405);
});

test("the cron handler runs through the core and records one tick per ISO week", async () => {
  const worker = await rt.mf.getWorker();
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date("2026-11-23T06:00:00Z") });
  await worker.scheduled({ cron: "0 6 * * MON", scheduledTime: new Date("2026-11-23T06:00:05Z") });
  const ticks = await rt.rows("SELECT week_key, ticks FROM cron_ticks");
  assert.equal(ticks.length, 1);
  assert.equal(ticks[0].week_key, "2026-W48");
  assert.equal(ticks[0].ticks, 2);
});

test("a business's PushMutexDO wakes, runs its alarm through the core and reads the outbox from D1", async () => {
  const ns = await rt.mf.getDurableObjectNamespace("PUSH_MUTEX");
  const stub = ns.get(ns.idFromName("biz_northwind"));
  const wake = await stub.fetch("https://push-mutex/wake", { method: "POST", body: JSON.stringify({ business_id: "biz_northwind" }) });
  assert.equal((await wake.json()).armed, true);
  let status;
  for (let i = 0; i < 50; i++) {
    status = await (await stub.fetch("https://push-mutex/status")).json();
    if (status.last_run) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(status.last_run, "alarm ran");
  assert.equal(status.last_run.business_id, "biz_northwind");
  assert.match(status.last_run.note, /no NetSuite connection/);
  assert.equal(status.alarm, null, "without a connection the drainer sleeps until one is saved");
});

test("a deployed Worker (no NS_ALLOW_LOOPBACK, no NS_SECRETS_KEY) refuses a loopback NetSuite and stores no credential it cannot seal", async () => {
  const body = { account_id: "1234567", base_url: "http://127.0.0.1:8788", auth_mode: "tba", subsidiary_id: "1",
                 adjustment_account_id: "212", consumer_key: "ck", consumer_secret: "cs", token_id: "ti", token_secret: "ts" };
  const loopback = await rt.call("PUT", "/api/netsuite/connection", { token: TOKENS.admin, body });
  assert.equal(loopback.status, 422);
  assert.deepEqual(loopback.json.errors.map((e) => e.path), ["base_url"]);
  const real = await rt.call("PUT", "/api/netsuite/connection",
    { token: TOKENS.admin, body: { ...body, base_url: "https://1234567.suitetalk.api.netsuite.com" } });
  assert.equal(real.status, 503);
  assert.match(real.json.detail, /NS_SECRETS_KEY is not set/);
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM netsuite_connections"))[0].n, 0);
});

test("a D1 batch that fails midway leaves nothing written", async () => {
  const before = await rt.rows("SELECT COUNT(*) AS n FROM reflexion_log");
  await assert.rejects(rt.db.batch([
    rt.db.prepare("INSERT INTO reflexion_log (id, business_id, tag, reason, ref_type, ref_id, created_at) VALUES ('r1', 'biz_northwind', 'posted', 'x', 't', '1', 'now')"),
    rt.db.prepare("INSERT INTO reflexion_log (id, business_id, tag, reason, ref_type, ref_id, created_at) VALUES ('r1', 'biz_northwind', 'posted', 'dup', 't', '1', 'now')"),
  ]));
  const afterRows = await rt.rows("SELECT COUNT(*) AS n FROM reflexion_log");
  assert.equal(afterRows[0].n, before[0].n);
});

test("a trap in the core answers 500 problem+json and the next request still works", async () => {
  const r = await rt.call("GET", "/__core/trap", { token: TOKENS.admin });
  assert.equal(r.status, 500);
  assert.equal(r.headers.get("content-type"), "application/problem+json");
  const next = await rt.call("GET", "/health");
  assert.equal(next.status, 200);
});
