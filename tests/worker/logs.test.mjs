// One structured JSON line per request and per weekly tick: route, business,
// status, duration, core turns, D1 batches and rows — never a token, a secret
// or a request body.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
const lines = [];
before(async () => {
  rt = await startRuntime({ onStdout: (line) => lines.push(line) });
});
after(async () => {
  await rt?.stop();
});

const settle = () => new Promise((r) => setTimeout(r, 300));
const events = (kind) => lines.filter((l) => l.includes(`"event":"${kind}"`)).map((l) => JSON.parse(l.slice(l.indexOf("{"))));

test("each request logs one line with its route, business, status and figures, and nothing it was sent", async () => {
  const marker = "BODY-MARKER-never-logged";
  await ok(rt.call("GET", "/api/locations", { token: TOKENS.admin }));
  await ok(rt.call("POST", "/stock-count/sessions", { token: TOKENS.approver, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: marker } }), 201);
  assert.equal((await rt.call("GET", "/api/locations", { token: "bogus-token-never-logged" })).status, 401);
  await settle();
  const logged = events("request");
  assert.equal(logged.length, 3);
  assert.deepEqual(logged.map((l) => [l.route, l.business_id, l.status]), [
    ["GET /api/locations", "biz_northwind", 200],
    ["POST /stock-count/sessions", "biz_northwind", 201],
    [null, null, 401],
  ]);
  for (const l of logged) {
    assert.ok(l.duration_ms >= 0 && l.core_turns >= 1 && l.d1_batches >= 0 && typeof l.request_id === "string");
  }
  const everything = lines.join("\n");
  for (const secret of [marker, "bogus-token-never-logged", TOKENS.admin, TOKENS.approver]) {
    assert.ok(!everything.includes(secret), `the log holds ${secret}`);
  }
});

test("the weekly tick logs one line with its week and what it did", async () => {
  await (await rt.mf.getWorker()).scheduled({ cron: "0 6 * * MON", scheduledTime: new Date(Date.UTC(2026, 10, 23, 6)) });
  await settle();
  const [tick] = events("cron");
  assert.equal(tick.week, "2026-W48");
  assert.equal(tick.ok, true);
  assert.ok(tick.report.length >= 3 && tick.d1_batches > 0);
});
