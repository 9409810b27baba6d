// Blind at the API (issue 27): a counter who knows the figure counts to it. A scanner token of a
// business that counts blind (the default) never receives an expected, system, variance or value
// figure — on any route it may call, in any answer, at any depth — while an approver sees them,
// and an admin can turn blind counting off for a trusted team (PUT /api/settings).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { loadSpec } from "../support/openapi.mjs";
import { ROUTES } from "../support/routes.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

const BLIND = new Set(loadSpec().spec["x-blind-fields"]);
let rt;
const ids = {};

before(async () => {
  rt = await startRuntime();
  const approver = { token: TOKENS.approver };
  // A session counted and closed (variance, postings, ledger), and one still counting (snapshots, tasks, entries).
  await ok(rt.call("PUT", "/api/guardrails", { token: TOKENS.admin, body: { inventory_auto_pct: 50 } }));
  const closed = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${closed.id}/scopes`, { ...approver, body: { kind: "zone", value: "B" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${closed.id}/start`, approver));
  const [line] = (await ok(rt.call("GET", `/stock-count/sessions/${closed.id}/snapshots?kind=untracked`, approver))).items;
  await ok(rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1", session_id: closed.id,
    counts: [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 1 }] } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${closed.id}/close`, approver));
  const open = await ok(rt.call("POST", "/stock-count/sessions", { ...approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${open.id}/scopes`, { ...approver, body: { kind: "zone", value: "C" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${open.id}/tasks/generate`, { ...approver, body: { strategy: "by_zone_bin" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${open.id}/start`, approver));
  const [openLine] = (await ok(rt.call("GET", `/stock-count/sessions/${open.id}/snapshots?kind=untracked`, approver))).items;
  const counted = await ok(rt.call("POST", "/stock-count/entries", { token: TOKENS.scanner,
    body: { session_id: open.id, entries: [{ sku: openLine.sku, bin: openLine.bin, counted_qty: 2 }] } }), 201);
  const [task] = (await ok(rt.call("GET", `/stock-count/tasks?session_id=${open.id}`, approver))).items;
  const [scope] = (await ok(rt.call("GET", `/stock-count/sessions/${open.id}/scopes`, approver))).items;
  Object.assign(ids, { closed: closed.id, open: open.id, task: task.id, entry: counted.entries[0].id, scope: scope.id });
});
after(async () => { await rt?.stop(); });

// Every GET a scanner may call, each with the objects above (both sessions where a path names one).
function scannerGets() {
  const out = [];
  for (const r of ROUTES.filter((x) => x.method === "GET" && x.rank === 1)) {
    const sessions = r.path.includes(":id") && r.path.startsWith("/stock-count/sessions") ? [ids.closed, ids.open] : [ids.open];
    for (const session of sessions) {
      const path = r.path.replace(":sessionId", session).replace(":scopeId", ids.scope)
        .replace(":id", r.path.startsWith("/stock-count/tasks") ? ids.task : r.path.startsWith("/stock-count/entries") ? ids.entry : session);
      const query = r.path === "/stock-count/entries" || r.path === "/stock-count/tasks" ? `?session_id=${ids.open}&page_size=500` : "?page_size=500";
      out.push(path + query);
    }
  }
  return out;
}

function blindFields(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => blindFields(n, found));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (BLIND.has(k)) found.add(k);
      blindFields(v, found);
    }
  }
  return found;
}

test("a scanner token receives no expected, system, variance or value figure on any GET it may call", async () => {
  const paths = scannerGets();
  assert.ok(paths.length >= 13, `${paths.length} scanner GETs`);
  for (const path of paths) {
    const r = await rt.call("GET", path, { token: TOKENS.scanner });
    assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
    assert.equal(r.headers.get("x-figures"), "withheld", path);
    assert.deepEqual([...blindFields(r.json)], [], `${path} shows figures to a scanner`);
  }
});

test("what a scanner still sees: the lines to count, their items, bins, lots and its own counts", async () => {
  const { items: lines } = await ok(rt.call("GET", `/stock-count/sessions/${ids.open}/snapshots?page_size=5`, { token: TOKENS.scanner }));
  assert.ok(lines.length > 0);
  for (const l of lines) assert.ok(l.sku && "bin" in l && "batch_number" in l && "serial_number" in l && !("quantity" in l));
  const { items: [entry] } = await ok(rt.call("GET", `/stock-count/entries?session_id=${ids.open}`, { token: TOKENS.scanner }));
  assert.equal(entry.counted_qty, 2, "its own count stays");
  assert.ok(!("system_qty_at_count" in entry));
  // A count's answer is blind too.
  const counted = await ok(rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner, body: { location_id: "nw_loc_dc1",
    session_id: ids.open, counts: [{ sku: lines[0].sku, bin: lines[0].bin, counted_qty: 1 }] } }), 201);
  assert.equal(counted.entries[0].counted_qty, 1);
  assert.ok(!("system_qty_at_count" in counted.entries[0]));
});

test("an approver sees the figures on the same routes", async () => {
  let shown = new Set();
  for (const path of scannerGets()) {
    const r = await rt.call("GET", path, { token: TOKENS.approver });
    assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
    assert.equal(r.headers.get("x-figures"), null);
    shown = blindFields(r.json, shown);
  }
  for (const field of ["quantity", "expected_qty", "system_qty_at_count", "variance", "quantityonhand", "avg_cost"]) {
    assert.ok(shown.has(field), `an approver sees ${field}`);
  }
});

test("an admin can turn blind counting off for a trusted team, and on again", async () => {
  const off = await ok(rt.call("PUT", "/api/settings", { token: TOKENS.admin, body: { blind_counts: false } }));
  assert.equal(off.blind_counts, false);
  assert.equal(off.zone_pattern, null, "a setting not named keeps what is stored");
  const seen = await rt.call("GET", `/stock-count/sessions/${ids.open}/snapshots?page_size=5`, { token: TOKENS.scanner });
  assert.equal(seen.headers.get("x-figures"), null);
  assert.ok(typeof seen.json.items[0].quantity === "number");
  const on = await ok(rt.call("PUT", "/api/settings", { token: TOKENS.admin, body: { blind_counts: true } }));
  assert.equal(on.blind_counts, true);
  const blind = await rt.call("GET", `/stock-count/sessions/${ids.open}/snapshots?page_size=5`, { token: TOKENS.scanner });
  assert.equal(blind.headers.get("x-figures"), "withheld");
  const bad = await rt.call("PUT", "/api/settings", { token: TOKENS.admin, body: { blind_counts: "no" } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].path, "blind_counts");
});
