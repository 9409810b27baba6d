// Every route of the router table (as the core answers it, tests/support/routes.mjs, so a
// new route is covered the day it is added) × every role × another tenant:
// no token → 401, a token below the route's role → 403, another business's
// object → 404 — the same answers API.md promises, never a leak.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { createHash } from "node:crypto";

import { core, runBatch } from "../support/core_turns.mjs";
import { startRuntime, TOKENS } from "../support/runtime.mjs";
import { ROUTES as TABLE } from "../support/routes.mjs";

const TOKEN_OF_RANK = { 1: TOKENS.scanner, 2: TOKENS.approver, 3: TOKENS.admin };
const ROUTES = TABLE.map(({ method, path, rank }) => ({ method, pattern: path, rank }));

// Bodies that get past validation, so the answer is about access, not input.
const BODIES = {
  "POST /api/inventory/count": { location_id: "nw_loc_dc1", counts: [{ sku: "NW-00001", counted_qty: 1 }] },
  "POST /api/inventory/adjust": { proposed_action_id: "pra_none", decision: "approve", reason_code: "miscount" },
  "PUT /api/guardrails": { inventory_auto_pct: 5 },
  "PUT /api/settings": { zone_pattern: null },
  "PUT /api/reason-codes": { items: [{ code: "miscount", label: "Miscount" }] },
  "POST /api/count-candidates/open": { location_id: "nw_loc_dc1" },
  "PATCH /stock-count/sessions/:id/approve": { reason_code: "miscount" },
  "PATCH /api/tokens/:id": { limits: null },
  "POST /api/import/:kind": { rows: [{ sku: "NW-00001", location: "DC1", bin: "A-01-01", quantity: 1 }] },
  "PUT /api/cycle-count-schedule": { location_id: "nw_loc_dc1", rotation: [{ zone: "A" }] },
  "PUT /api/netsuite/connection": { account_id: "1", base_url: "https://1.suitetalk.api.netsuite.com", auth_mode: "tba", subsidiary_id: "1", adjustment_account_id: "1" },
  "POST /stock-count/sessions": { location_id: "nw_loc_dc1", type: "CYCLE" },
  "PATCH /stock-count/sessions/:id/reject": { reason_code: "miscount", reason_note: "probe" },
  "POST /stock-count/sessions/:id/scopes": { kind: "all" },
  "POST /stock-count/sessions/:id/tasks/generate": { strategy: "by_zone_bin" },
  "PATCH /stock-count/tasks/:id": { status: "IN_PROGRESS" },
  "POST /stock-count/entries": { session_id: "ses_none", entries: [{ sku: "NW-00001", counted_qty: 1 }] },
  "PATCH /stock-count/entries/:id": { counted_qty: 1 },
};

let rt;
const ids = {};
before(async () => {
  rt = await startRuntime();
  // Northwind objects of every kind a path can name.
  const call = async (method, path, body) => {
    const r = await rt.call(method, path, { token: TOKENS.admin, body });
    assert.ok(r.status < 300, `${method} ${path}: ${r.text}`);
    return r.json;
  };
  const session = await call("POST", "/stock-count/sessions", { location_id: "nw_loc_dc1", type: "CYCLE" });
  const scope = await call("POST", `/stock-count/sessions/${session.id}/scopes`, { kind: "category", value: "Snacks" });
  await call("POST", `/stock-count/sessions/${session.id}/tasks/generate`, { strategy: "by_zone_bin" });
  await call("PATCH", `/stock-count/sessions/${session.id}/start`);
  const [task] = (await call("GET", `/stock-count/tasks?session_id=${session.id}`)).items;
  const [line] = (await call("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked`)).items;
  const entries = await call("POST", "/stock-count/entries", { session_id: session.id, entries: [{ sku: line.sku, bin: line.bin, counted_qty: 1 }] });
  await rt.db.prepare("INSERT INTO inventory_adjustment (id, business_id, location_id, direction, reason, idempotency_key, created_by, created_at) VALUES ('adj_probe', 'biz_northwind', 'nw_loc_dc1', 'INCREASE', 'probe', 'probe', 'probe', 'now')").run();
  await rt.db.prepare("INSERT INTO ns_pending_pushes (id, business_id, adjustment_id, external_id, payload, status, attempts, next_attempt_at, created_at, updated_at) VALUES ('psh_probe', 'biz_northwind', 'adj_probe', 'cc-probe', '{}', 'dead', 8, 'now', 'now', 'now')").run();
  Object.assign(ids, { session: session.id, scope: scope.id, task: task.id, entry: entries.entries[0].id, push: "psh_probe" });
});
after(async () => { await rt?.stop(); });

function pathFor(pattern) {
  const kind = pattern.startsWith("/stock-count/tasks") ? "task" : pattern.startsWith("/stock-count/entries") ? "entry"
    : pattern.startsWith("/api/pushes") ? "push" : "session";
  return pattern.replace(":sessionId", ids.session).replace(":scopeId", ids.scope).replace(":location_id", "nw_loc_dc1")
    .replace(":kind", "balances")
    .replace(":id", ids[kind]);
}

const bodyFor = (r) => BODIES[`${r.method} ${r.pattern}`];

test("the router table was read", () => {
  assert.ok(ROUTES.length >= 40, `${ROUTES.length} routes`);
});

test("every non-public route answers 401 without a token and with an unknown one", async () => {
  for (const r of ROUTES.filter((x) => x.rank > 0)) {
    for (const token of [undefined, "not-a-token"]) {
      const answer = await rt.call(r.method, pathFor(r.pattern), { token, body: bodyFor(r) });
      assert.equal(answer.status, 401, `${r.method} ${r.pattern} (${token ?? "no token"}): ${answer.text}`);
      assert.equal(answer.headers.get("content-type"), "application/problem+json");
    }
  }
});

test("every route answers 403 to each role below its own, and nothing changes", async () => {
  const before = JSON.stringify(await rt.rows("SELECT (SELECT COUNT(*) FROM stock_count_session) AS s, (SELECT COUNT(*) FROM stock_count_entry) AS e, (SELECT COUNT(*) FROM guardrails) AS g"));
  let checked = 0;
  for (const r of ROUTES) {
    for (let rank = 1; rank < r.rank; rank++) {
      const answer = await rt.call(r.method, pathFor(r.pattern), { token: TOKEN_OF_RANK[rank], body: bodyFor(r) });
      assert.equal(answer.status, 403, `${r.method} ${r.pattern} as rank ${rank}: ${answer.text}`);
      checked++;
    }
  }
  assert.ok(checked >= 30, `${checked} route × role pairs`);
  assert.equal(JSON.stringify(await rt.rows("SELECT (SELECT COUNT(*) FROM stock_count_session) AS s, (SELECT COUNT(*) FROM stock_count_entry) AS e, (SELECT COUNT(*) FROM guardrails) AS g")), before);
});

test("another business's objects are 404 on every route that names one, for its admin", async () => {
  // (An import's :kind names a kind of row, not an object.)
  const named = ROUTES.filter((r) => r.pattern.includes(":") && !r.pattern.includes(":kind"));
  assert.ok(named.length >= 20);
  for (const r of named) {
    const answer = await rt.call(r.method, pathFor(r.pattern), { token: TOKENS.otherAdmin, body: bodyFor(r) });
    assert.equal(answer.status, 404, `${r.method} ${r.pattern}: ${answer.text}`);
  }
  const [session] = await rt.rows("SELECT status FROM stock_count_session WHERE id = ?", ids.session);
  assert.equal(session.status, "ACTIVE", "nothing of Northwind's moved");
});

test("lists never show another business's rows", async () => {
  for (const path of ["/stock-count/sessions", "/stock-count/entries", "/stock-count/tasks", "/api/pushes", "/api/proposed-actions", "/api/items", "/api/balances", "/api/locations", "/inventory/variances", "/api/reflexion-log"]) {
    const answer = await rt.call("GET", `${path}?page_size=500`, { token: TOKENS.otherAdmin });
    assert.equal(answer.status, 200, `${path}: ${answer.text}`);
    assert.ok(!answer.text.includes("nw_") && !answer.text.includes(ids.session), `${path} shows no Northwind row`);
  }
});

// A request's first reads ride in the token lookup's batch, before the token is checked
// (src/auth_fold.h): each names the business through the token (src/business_scope.h). Every
// route, as the core asks it for the admin of a business that owns nothing, naming Northwind's
// objects and location: the batch is led by the lookup and every read in it comes back empty.
const FIRST_TURN_WRITES_OR_ANSWERS = new Set([
  // A first turn that writes (its lookup goes alone, then the handler runs for the checked token)…
  "PUT /api/guardrails", "PUT /api/settings", "PUT /api/reason-codes", "POST /api/tokens", "DELETE /api/tokens/:id", "PATCH /api/tokens/:id", "POST /stock-count/sessions",
  "PATCH /stock-count/sessions/:id/close",
  // …or answers without reading (a template)…
  "GET /api/import/:kind/template.csv",
  // …or reads more than one batch could hold before it knows the session (a paged walk).
  "GET /inventory/variances/summary", "GET /stock-count/sessions/:id/variance",
]);

test("a request's first reads, made before its token is checked, see nothing of another business, on every route", async () => {
  const token = "probe-empty-business-admin";
  const hash = createHash("sha256").update(token).digest("hex");
  await rt.db.prepare("INSERT INTO businesses (id, name, created_at) VALUES ('biz_empty', 'Owns nothing', 'now')").run();
  await rt.db.prepare("INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) VALUES (?, 'biz_empty', 'admin', 'probe', 'now')").bind(hash).run();
  let folded = 0;
  for (const r of ROUTES.filter((x) => x.rank > 0)) {
    const label = `${r.method} ${r.pattern}`;
    const query = { location_id: "nw_loc_dc1", session_id: ids.session, page_size: "500" };
    const body = bodyFor(r) ? JSON.stringify(bodyFor(r)) : "";
    const out = core({ kind: "http", now: new Date().toISOString(), nonce: "fold", settings: {},
      request: { method: r.method, path: pathFor(r.pattern), query, body, token_sha256: hash } });
    if (FIRST_TURN_WRITES_OR_ANSWERS.has(label)) {
      assert.equal(out.state?.phase, "auth", `${label}: its token is checked first`);
      assert.deepEqual(out.effects[0].statements.map((x) => x.params), [[hash]]);
      continue;
    }
    assert.equal(out.state?.phase, "auth_folded", `${label}: its first reads ride in the lookup's batch`);
    const [lookup, ...reads] = out.effects[0].statements;
    assert.match(lookup.sql, /FROM api_tokens t .*WHERE t\.token_hash = \?1/);
    const d1 = await runBatch(rt, out.effects[0]);
    assert.ok(d1.ok, `${label}: ${d1.error}`);
    assert.equal(d1.results[0].rows[0].business_id, "biz_empty");
    d1.results.slice(1).forEach((result, i) => {
      // The one thing the business owns is the probe's own token (GET /api/tokens lists it).
      const own = label === "GET /api/tokens" ? [1, "probe", "admin", "now", `tok_${hash.slice(0, 16)}`] : [];
      const seen = result.rows.flatMap((row) => Object.values(row))
        .filter((v) => v !== null && v !== 0 && v !== "" && v !== "[]" && !own.includes(v));
      assert.deepEqual(seen, [], `${label}: read ${i + 1} found another business's rows: ${reads[i].sql.slice(0, 160)}`);
    });
    folded++;
  }
  assert.ok(folded >= 38, `${folded} routes fold`);
});

test("the roles are the contract's: admin-only and scanner routes as API.md names them", () => {
  // API.md: scanners submit counts and entries and read their tasks; admins own guardrails,
  // the NetSuite connection and queue, and the rotation. Held here apart from the table, so a
  // loosened role in the table fails this test.
  const expected = {
    "GET /api/guardrails": 3, "PUT /api/guardrails": 3, "GET /api/netsuite/connection": 3, "PUT /api/netsuite/connection": 3,
    "POST /api/netsuite/connection/test": 3, "GET /api/tokens": 3, "POST /api/tokens": 3, "DELETE /api/tokens/:id": 3,
    "GET /api/pushes": 3, "POST /api/pushes/:id/retry": 3, "PUT /api/cycle-count-schedule": 3,
    "POST /api/import/:kind": 3, "GET /api/import/:kind/template.csv": 3, "PUT /api/reason-codes": 3, "GET /api/reason-codes": 2,
    "POST /api/inventory/adjust": 2, "GET /api/proposed-actions": 2, "GET /inventory/variances": 2,
    "PATCH /stock-count/sessions/:id/close": 2, "PATCH /stock-count/sessions/:id/approve": 2, "POST /stock-count/sessions/:id/post": 2,
    "POST /api/inventory/count": 1, "POST /stock-count/entries": 1, "GET /stock-count/tasks": 1,
  };
  for (const [route, rank] of Object.entries(expected)) {
    const r = ROUTES.find((x) => `${x.method} ${x.pattern}` === route);
    assert.ok(r, route);
    assert.equal(r.rank, rank, route);
  }
});
