// `npm start` as ops and an eager client meet it: the client acts on the API as
// soon as /health answers, while the demo history is still being seeded. The
// seed may stop; the product must not: the banner with the dashboard URL comes
// once the seed is done (saying it stopped early), and the Worker keeps serving.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

import { freePort } from "../support/ports.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("a client closing sessions while npm start seeds history never takes the Worker down", { timeout: 240000 }, async () => {
  const [port, standinPort] = [await freePort(), await freePort()];
  const stateDir = mkdtempSync(path.join(tmpdir(), "cc-start-"));
  const child = spawn("bash", ["scripts/start.sh"], {
    cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), NS_STANDIN_PORT: String(standinPort), STATE_DIR: stateDir },
  });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  let exited = null;
  child.on("exit", (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, p) => {
    const r = await fetch(`${base}${p}`, { method, headers: { "X-Edit-Token": "demo-approver-token" } });
    return { status: r.status, json: r.headers.get("content-type")?.includes("json") ? await r.json() : null };
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
  } finally {
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
    for (let i = 0; i < 100 && exited === null; i++) await sleep(100);
    rmSync(stateDir, { recursive: true, force: true });
  }
});
