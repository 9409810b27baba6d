// The bad-input catalogue: every route that takes a body (read from the router
// table), each fed malformed, mistyped, hostile and absurd bodies. Every answer
// is a problem+json 4xx — never a 500, never a crash — and nothing is written.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { startRuntime, TOKENS } from "../support/runtime.mjs";
import { ROUTES as TABLE } from "../support/routes.mjs";

const ROUTES = TABLE.filter((r) => ["POST", "PUT", "PATCH"].includes(r.method)).map(({ method, path }) => ({ method, pattern: path }));

const deep = (n) => "[".repeat(n) + "]".repeat(n);
const CATALOGUE = [
  ["not JSON", "counted_qty=1"],
  ["truncated JSON", '{"location_id": "nw_loc_dc1", "counts": [{"sku": '],
  ["a JSON array", "[1, 2, 3]"],
  ["a JSON string", '"hello"'],
  ["an empty object", "{}"],
  ["every field an object", JSON.stringify(Object.fromEntries(["location_id", "session_id", "counts", "entries", "type", "name", "kind", "value", "strategy", "status", "counted_qty", "proposed_action_id", "decision", "reason_note", "inventory_auto_pct", "rotation", "account_id", "auth_mode"].map((k) => [k, { $gt: "" }])))],
  ["numbers out of range", '{"location_id": "nw_loc_dc1", "session_id": "x", "counts": [{"sku": "NW-00001", "counted_qty": 1e400}], "entries": [{"sku": "NW-00001", "counted_qty": -1e400}], "counted_qty": 1e400, "inventory_auto_pct": 1e400}'],
  ["SQL in every string", JSON.stringify({ location_id: "' OR 1=1 --", session_id: "x'; DROP TABLE items;--", type: "CYCLE'--", name: "n", proposed_action_id: "' OR ''='", decision: "approve", status: "OPEN' OR '1'='1", kind: "all' --" })],
  ["NUL and control characters", JSON.stringify({ location_id: "nw_loc_dc1\u0000", name: "a\u0000b\u001f", reason_note: "\u0000", counts: [{ sku: "NW-00001\u0000", counted_qty: 1 }] })],
  ["100,000-deep nesting", `{"counts": ${deep(100000)}}`],
];

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

async function footprint() {
  const [row] = await rt.rows(`SELECT (SELECT COUNT(*) FROM stock_count_session) AS sessions, (SELECT COUNT(*) FROM stock_count_entry) AS entries,
    (SELECT COUNT(*) FROM stock_count_scope) AS scopes, (SELECT COUNT(*) FROM stock_count_task) AS tasks,
    (SELECT COUNT(*) FROM inventory_adjustment) AS adjustments, (SELECT COUNT(*) FROM netsuite_connections) AS connections,
    (SELECT COUNT(*) FROM cycle_count_schedule) AS rotation, (SELECT group_concat(inventory_auto_pct) FROM guardrails) AS guardrails,
    (SELECT group_concat(status) FROM stock_count_task) AS task_status`);
  return row;
}

test("every route that takes a body answers bad bodies with problem+json 4xx and writes nothing", async () => {
  assert.ok(ROUTES.length >= 15, `${ROUTES.length} routes`);
  // A real session in every id slot, so a body that slips past validation would meet a real object.
  const session = await rt.call("POST", "/stock-count/sessions", { token: TOKENS.admin, body: { location_id: "nw_loc_dc1", type: "CYCLE" } });
  const id = session.json.id;
  const before = await footprint();
  let tried = 0;
  for (const route of ROUTES) {
    const path = route.pattern.replace(/:\w+/g, id);
    for (const [name, raw] of CATALOGUE) {
      const r = await rt.call(route.method, path, { token: TOKENS.admin, raw, headers: { "content-type": "application/json" } });
      assert.ok([400, 404, 409, 413, 422].includes(r.status), `${route.method} ${route.pattern} with ${name}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(r.headers.get("content-type"), "application/problem+json", `${route.method} ${route.pattern} with ${name}`);
      assert.ok(!/SQLITE|sqlite|syntax error/.test(r.text), `${route.method} ${route.pattern} with ${name} leaks storage words`);
      tried++;
    }
  }
  assert.deepEqual(await footprint(), before);
  assert.equal((await rt.call("GET", "/health")).status, 200, "the runtime is still well");
  console.log(`bad-input catalogue: ${tried} requests over ${ROUTES.length} routes`);
});
