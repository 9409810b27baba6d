// docs/openapi.yaml and the router table (as the core answers it) hold each other:
// every route is documented with its least role, every documented operation is
// a route (or a static asset), and the document itself is sound — every $ref
// resolves, every path parameter is declared, every response schema compiles.
// The answers themselves are validated as the integration tests receive them
// (tests/support/openapi.mjs, through runtime.mjs and api_client.mjs).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkAnswer, loadSpec, resolve, responseValidator } from "../support/openapi.mjs";
import { startRuntime, TOKENS } from "../support/runtime.mjs";
import { ROUTES as TABLE } from "../support/routes.mjs";

const ROUTES = TABLE.map((r) => ({ key: `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`, role: r.least_role }));

const { spec, operations } = loadSpec();

test("every route of the router is documented with its role, and every documented operation is served", () => {
  const documented = new Map(operations.map((o) => [`${o.method} ${o.template}`, o.operation]));
  for (const route of ROUTES) {
    const op = documented.get(route.key);
    assert.ok(op, `${route.key} is served but not in docs/openapi.yaml`);
    assert.equal(op["x-role"], route.role, `${route.key}: x-role`);
    assert.equal(op.security?.length === 0, route.role === "public", `${route.key}: security matches its role`);
  }
  const routed = new Set(ROUTES.map((r) => r.key));
  for (const [key, op] of documented) {
    if (op["x-served-by"] === "assets") continue;
    assert.ok(routed.has(key), `${key} is documented but no route serves it`);
  }
});

test("the document is sound: unique operation ids, declared path parameters, resolvable refs, compiling schemas", () => {
  assert.equal(spec.openapi, "3.1.0");
  const ids = operations.map((o) => o.operation.operationId);
  assert.equal(new Set(ids).size, ids.length, "operationIds are unique");
  const deref = (node) => {
    const target = resolve(spec, node);
    assert.ok(target, `${node.$ref} resolves`);
    return target;
  };
  for (const op of operations) {
    const { method, template, operation } = op;
    const declared = (operation.parameters ?? []).map(deref).filter((p) => p.in === "path").map((p) => p.name).sort();
    const inPath = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(declared, inPath, `${method} ${template}: path parameters`);
    assert.ok(Object.keys(operation.responses).some((s) => /^[23]/.test(s)), `${method} ${template}: a success answer`);
    for (const [key, response] of Object.entries(operation.responses)) {
      for (const media of Object.keys(deref(response).content ?? {})) assert.equal(typeof responseValidator(op, key, media), "function");
    }
  }
});

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

test("the checker has teeth: an answer that leaves the contract is caught", async () => {
  const answer = await rt.call("GET", "/api/guardrails", { token: TOKENS.admin });
  const body = JSON.parse(answer.text);
  const check = (b, status = 200, type = "application/json") => checkAnswer("GET", "/api/guardrails", status, type, JSON.stringify(b));
  assert.equal(check(body), null);
  assert.match(check({ ...body, inventory_auto_value: 500 }), /inventory_auto_value/);
  assert.match(check((({ updated_at, ...rest }) => rest)(body)), /updated_at/);
  assert.match(check(body, 201), /status not in the contract/);
  assert.match(check(body, 200, "text/html"), /content type/);
  assert.match(check({ title: "x" }, 500, "application/problem+json"), /required property/);
  const list = await rt.call("GET", "/api/locations", { token: TOKENS.admin });
  const rows = JSON.parse(list.text);
  rows.items[1].zones[0].active = "yes";
  assert.match(checkAnswer("GET", "/api/locations", 200, "application/json", JSON.stringify(rows)), /items\/1\/zones\/0\/active/);
});
