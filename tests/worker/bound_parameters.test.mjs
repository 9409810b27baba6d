// Bound parameters only: every statement the core asks D1 to run carries
// request data in its parameters, never in its SQL text. Each route is driven
// through two turns by the wasm core itself — a marker in the path, the query,
// every string of a valid-looking body, and every string column D1 answers
// with — and no SQL text may contain the marker.
import assert from "node:assert/strict";
import { test } from "node:test";

import { core } from "../support/core_turns.mjs";
import { ROUTES as TABLE } from "../support/routes.mjs";

const MARK = "zq'x\"MARK";
const ROUTES = TABLE.map(({ method, path }) => ({ method, pattern: path }));

const BODY = {
  location_id: MARK, session_id: MARK, task_id: MARK, type: "CYCLE", name: MARK, kind: "category", value: MARK,
  strategy: "by_assignee", assignees: [{ name: MARK, zone: MARK, category: MARK }], status: "IN_PROGRESS",
  counted_qty: 1, proposed_action_id: MARK, decision: "reject", reason_code: "miscount", reason_note: MARK, inventory_auto_pct: 5,
  inventory_auto_value: "1.00", rotation: [{ zone: MARK, active: true }], zero_uncounted: false,
  account_id: "MARK1", base_url: "https://mark.suitetalk.api.netsuite.com", auth_mode: "tba", subsidiary_id: "1",
  adjustment_account_id: "2", consumer_key: MARK, consumer_secret: MARK, token_id: MARK, token_secret: MARK,
  counts: [{ sku: MARK, item_id: MARK, bin: MARK, zone: MARK, counted_qty: 1, batch_number: MARK, serial_number: MARK, client_entry_id: MARK, counted_at: "2026-11-23T09:30:00Z" }],
  entries: [{ sku: MARK, item_id: MARK, bin: MARK, counted_qty: 1, batch_number: MARK, serial_number: MARK, client_entry_id: MARK }],
};
const QUERY = Object.fromEntries(["status", "location_id", "session_id", "task_id", "type", "source", "item_id", "sku", "category", "brand", "zone", "decision", "from", "to", "tag", "ref_id", "kind", "format"]
  .map((k) => [k, MARK]));
// What D1 answers: rows whose every column is the marker (or a number where the core needs one).
const ROW = Object.fromEntries(["id", "status", "location_id", "session_id", "item_id", "sku", "bin", "bin_id", "code", "zone_code", "zone_id",
  "tracking", "category", "brand", "name", "batch_number", "serial_number", "client_entry_id", "payload", "variance_id", "business_id", "type",
  "external_id", "lease_owner", "ns_location_id", "ns_item_id", "auth_mode", "base_url", "task_id", "adjustment_id", "kind", "value"].map((k) => [k, MARK]));
Object.assign(ROW, { quantity: 1000, counted_qty: 1000, expected_qty: 2000, system_qty_at_count: 2000, avg_cost_minor: 100, n: 0, total: 1 });

function statements(out) {
  return (out.effects ?? []).flatMap((e) => e.statements ?? []);
}

test("no statement's SQL text ever carries request or row data", () => {
  let checked = 0;
  for (const r of ROUTES) {
    const request = { method: r.method, path: r.pattern.replace(/:\w+/g, encodeURIComponent(MARK)), query: QUERY,
      body: r.method === "GET" || r.method === "DELETE" ? "" : JSON.stringify(BODY), token_sha256: "t", idempotency_key: MARK, body_sha256: "b" };
    const state = { phase: "handler", principal: { business_id: MARK, token_name: MARK, role: "admin" }, idem: null, h: null };
    let input = { kind: "http", now: "2026-11-23T06:00:00.000Z", nonce: "n1", settings: { NS_ALLOW_LOOPBACK: "1" }, request, turn: { state, results: null } };
    for (let turn = 0; turn < 4; turn++) {
      const out = core(input);
      for (const s of statements(out)) {
        assert.ok(!s.sql.includes("MARK"), `${r.method} ${r.pattern}, turn ${turn}: ${s.sql.slice(0, 200)}`);
        checked++;
      }
      if (!out.state) break;
      const results = (out.effects ?? []).map((e) => e.type === "d1"
        ? { ok: true, results: (e.statements ?? []).map(() => ({ rows: [ROW], changes: 1 })) }
        : { ok: true, sealed: { consumer_key_sealed: MARK }, values: {}, signature: MARK });
      input = { ...input, nonce: `n${turn + 2}`, turn: { state: out.state, results } };
    }
  }
  assert.ok(checked > 80, `${checked} statements checked`);
});
