// `npm start` as ops and an eager client meet it: the client acts on the API as
// soon as /health answers, while the demo history is still being seeded. The
// seed may stop; the product must not: the banner with the dashboard URL comes
// once the seed is done (saying it stopped early), and the Worker keeps serving.
// The demo's data came through the real paths (Northwind's by the NetSuite sync,
// Contoso's by CSV import), and a second npm start on the same state keeps both
// the database and the stand-in's NetSuite: a full sync then changes nothing.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

import { freePort } from "../support/ports.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("a client closing sessions while npm start seeds history never takes the Worker down", { timeout: 360000 }, async () => {
  const [port, standinPort] = [await freePort(), await freePort()];
  const stateDir = mkdtempSync(path.join(tmpdir(), "cc-start-"));
  const start = () => spawn("bash", ["scripts/start.sh"], {
    cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), NS_STANDIN_PORT: String(standinPort), STATE_DIR: stateDir },
  });
  let child, output, exited;
  const launch = () => {
    child = start();
    output = "";
    exited = null;
    child.stdout.on("data", (d) => { output += d; });
    child.stderr.on("data", (d) => { output += d; });
    child.on("exit", (code) => { exited = code; });
  };
  const stop = async () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
    for (let i = 0; i < 100 && exited === null; i++) await sleep(100);
  };
  launch();
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, p, token = "demo-approver-token", body) => {
    const r = await fetch(`${base}${p}`, { method, headers: { "X-Edit-Token": token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, json: r.headers.get("content-type")?.includes("json") ? await r.json() : null };
  };
  const balances = async (token) => {
    const all = [];
    for (let page = 1; ; page++) {
      const { json } = await call("GET", `/api/balances?page_size=500&page=${page}`, token);
      all.push(...json.items.map((b) => `${b.sku}|${b.location_id}|${b.quantityonhand}`));
      if (page * 500 >= json.total) return all.sort();
    }
  };
  try {
    // As soon as the Worker answers, close every ACTIVE session the seed opens, until the banner shows.
    for (let i = 0; !output.includes("Dashboard:"); i++) {
      assert.equal(exited, null, `npm start exited (${exited}) before its banner:\n${output.slice(-3000)}`);
      assert.ok(i < 2400, `no banner after 240 s:\n${output.slice(-3000)}`);
      const health = await fetch(`${base}/health`).catch(() => null);
      if (health?.ok) {
        const sessions = await call("GET", "/stock-count/sessions?status=ACTIVE&page_size=100");
        for (const s of sessions.json?.items ?? []) await call("PATCH", `/stock-count/sessions/${s.id}/close`);
      } else {
        await sleep(100);
      }
    }
    assert.match(output, /The demo history stopped early/, "the banner says the seed stopped early");
    assert.match(output, new RegExp(`Dashboard: +http://127\\.0\\.0\\.1:${port}/admin-dashboard\\.html`));
    await sleep(1000);
    assert.equal(exited, null, "npm start keeps running after the seed stopped");
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    const sessions = await call("GET", "/stock-count/sessions?page_size=5");
    assert.equal(sessions.status, 200);

    // The data came in as a new business's would: Northwind by a full sync, Contoso by import.
    assert.match(output, /demo data: Northwind Supply from NetSuite: 2 locations, 300 bins, 2000 items/);
    assert.match(output, /demo data: Contoso Traders by CSV import: 1 location, 30 bins, 100 items, 105 balances/);
    const sync = await call("GET", "/api/netsuite/sync", "demo-admin-token");
    assert.equal(sync.json.last.status, "done");
    assert.ok(sync.json.on_hand_as_of);
    const contoso = await call("GET", "/api/items?page_size=1", "demo2-admin-token");
    assert.equal(contoso.json.total, 100);
    const before = { northwind: await balances("demo-admin-token"), contoso: await balances("demo2-admin-token") };
    assert.ok(before.northwind.length > 3000);

    // A second start on the same state: nothing loaded twice, and the stand-in still holds
    // Northwind's NetSuite (a full sync against an emptied account would zero the mirror).
    await stop();
    launch();
    for (let i = 0; !output.includes("Dashboard:"); i++) {
      assert.equal(exited, null, `the second npm start exited (${exited}):\n${output.slice(-3000)}`);
      assert.ok(i < 1200, `no banner after 120 s:\n${output.slice(-3000)}`);
      await sleep(100);
    }
    assert.doesNotMatch(output, /demo data:/, "a database with data is not loaded again");
    const asked = await call("POST", "/api/netsuite/sync", "demo-admin-token", { full: true });
    assert.equal(asked.status, 202);
    for (let i = 0; ; i++) {
      const { json } = await call("GET", "/api/netsuite/sync", "demo-admin-token");
      if (json.current === null && json.last.id === asked.json.current.id) { assert.equal(json.last.status, "done"); break; }
      assert.ok(i < 600, JSON.stringify(json.current));
      await sleep(100);
    }
    assert.deepEqual(await balances("demo-admin-token"), before.northwind, "the mirror after a full sync on restart");
    assert.deepEqual(await balances("demo2-admin-token"), before.contoso);
  } finally {
    await stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
