// The history seed's clock (DEMO_CLOCK=1) exists only where it is switched on:
// a runtime without it ignores X-Demo-Now and has no /__demo/tick.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let plain;
let demo;
before(async () => {
  plain = await startRuntime();
  demo = await startRuntime({ bindings: { DEMO_CLOCK: "1" } });
});
after(async () => {
  await plain?.stop();
  await demo?.stop();
});

const past = "2026-01-05T09:00:00.000Z";
const create = (rt) => ok(rt.call("POST", "/stock-count/sessions", {
  token: TOKENS.approver, headers: { "X-Demo-Now": past }, body: { location_id: "nw_loc_dc1", type: "CYCLE", name: "clock" } }), 201);

test("without DEMO_CLOCK the clock is the runtime's own and there is no tick route", async () => {
  const session = await create(plain);
  assert.notEqual(session.created_at, past);
  assert.ok(Math.abs(Date.parse(session.created_at) - Date.now()) < 60000);
  const tick = await plain.call("POST", `/__demo/tick?time=${Date.parse(past)}`);
  assert.equal(tick.status, 404);
  const [{ n }] = await plain.rows("SELECT COUNT(*) AS n FROM stock_count_session WHERE source = 'cron'");
  assert.equal(n, 0);
});

test("with DEMO_CLOCK the seed names the time of a request and of a weekly tick", async () => {
  assert.equal((await create(demo)).created_at, past);
  const tick = await demo.call("POST", `/__demo/tick?time=${Date.parse("2026-01-05T06:00:00Z")}`);
  assert.equal(tick.status, 200);
  const sessions = await ok(demo.call("GET", "/stock-count/sessions?source=cron", { token: TOKENS.admin }));
  assert.ok(sessions.items.length > 0);
  assert.ok(sessions.items.every((s) => s.week_key === "2026-W02" && s.created_at === "2026-01-05T06:00:00.000Z"));
});

test("a demo tick at a time no clock can hold is 400 problem+json, not a crash", async () => {
  for (const time of ["1e20", "-9e15", "soon", ""]) {
    const tick = await demo.call("POST", `/__demo/tick?time=${time}`);
    assert.equal(tick.status, 400, `${time}: ${tick.text}`);
    assert.equal(tick.headers.get("content-type"), "application/problem+json");
    assert.match(tick.json.detail, /epoch milliseconds/);
  }
  const tick = await demo.call("POST", "/__demo/tick");
  assert.equal(tick.status, 400);
});
