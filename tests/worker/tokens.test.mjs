// API tokens end to end: an admin makes one (shown once, only its hash
// stored), it works with its role, the list never shows a secret, revoking it
// makes its next request 401 — and no token ever reaches a log line.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

const admin = { token: TOKENS.admin };

test("create → use with its role → list without secrets → revoke → 401", async () => {
  const made = await ok(rt.call("POST", "/api/tokens", { ...admin, body: { name: "Dock scanner 3", role: "scanner" } }), 201);
  assert.match(made.token, /^cct_[A-Za-z0-9_-]{43}$/);
  assert.match(made.id, /^tok_[0-9a-f]{16}$/);
  assert.equal(made.role, "scanner");
  const hash = createHash("sha256").update(made.token).digest("hex");
  const [stored] = await rt.rows("SELECT * FROM api_tokens WHERE token_hash = ?", hash);
  assert.equal(stored.business_id, "biz_northwind");
  assert.ok(!JSON.stringify(await rt.rows("SELECT * FROM api_tokens")).includes(made.token), "only the hash is stored");

  await ok(rt.call("GET", "/api/locations", { token: made.token }));
  assert.equal((await rt.call("GET", "/api/pushes", { token: made.token })).status, 403, "a scanner token is a scanner");

  assert.equal(made.last_used_at, null, "a new token was never used");
  // Its last use is marked once the answer left (waitUntil), to the minute.
  let row;
  for (let i = 0; i < 50 && !row?.last_used_at; i++) {
    if (i) await new Promise((r) => setTimeout(r, 50));
    row = (await ok(rt.call("GET", "/api/tokens", admin))).items.find((t) => t.id === made.id);
  }
  assert.deepEqual(Object.keys(row).sort(), ["created_at", "id", "last_used_at", "limits", "name", "revoked_at", "role"]);
  assert.ok(row.last_used_at >= made.created_at, `last used ${row.last_used_at}`);
  const [unused] = (await ok(rt.call("GET", "/api/tokens?role=approver", admin))).items;
  assert.equal(unused.last_used_at, null, "a token nobody sent stays unused");
  const listed = await ok(rt.call("GET", "/api/tokens", admin));
  assert.ok(!JSON.stringify(listed).includes(hash.slice(16)) && !JSON.stringify(listed).includes(made.token));

  // Another business cannot see or revoke it.
  assert.equal((await rt.call("DELETE", `/api/tokens/${made.id}`, { token: TOKENS.otherAdmin })).status, 404);
  assert.ok(!(await ok(rt.call("GET", "/api/tokens", { token: TOKENS.otherAdmin }))).items.some((t) => t.id === made.id));

  const revoked = await ok(rt.call("DELETE", `/api/tokens/${made.id}`, admin));
  assert.ok(revoked.revoked_at);
  // Refused in words a phone can show its counter; an unknown token is refused as before, and a
  // revoked one's folded first reads (a route that reads before its token is checked) see nothing.
  for (const path of ["/api/locations", "/stock-count/sessions", "/api/items?page_size=5"]) {
    const refused = await rt.call("GET", path, { token: made.token });
    assert.equal(refused.status, 401);
    assert.equal(refused.json.title, "Token revoked");
    assert.equal(refused.json.detail, `this token was revoked on ${revoked.revoked_at.slice(0, 10)}; ask an admin for a new one`);
    assert.ok(!refused.text.includes("nw_"), `${path}: nothing of the business is shown`);
  }
  assert.equal((await rt.call("POST", "/api/inventory/count", { token: made.token, body: { location_id: "nw_loc_dc1", counts: [] } })).status, 401);
  const unknown = await rt.call("GET", "/api/locations", { token: "cct_never_made" });
  assert.deepEqual([unknown.status, unknown.json.title], [401, "Unauthenticated"]);
  assert.equal((await rt.call("DELETE", "/api/tokens/tok_nothex", admin)).status, 404);

  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!lines.join("\n").includes(made.token), "the token is in no log line");
});

test("only an admin makes tokens; a bad role or name is 422; an Idempotency-Key is refused so no answer keeps a token", async () => {
  assert.equal((await rt.call("POST", "/api/tokens", { token: TOKENS.approver, body: { name: "x", role: "scanner" } })).status, 403);
  const bad = await rt.call("POST", "/api/tokens", { ...admin, body: { name: "", role: "owner" } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.path).sort(), ["name", "role"]);
  const keyed = await rt.call("POST", "/api/tokens", { ...admin, headers: { "Idempotency-Key": "tok-1" }, body: { name: "x", role: "admin" } });
  assert.equal(keyed.status, 422);
  assert.match(keyed.text, /shown once/);
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM api_tokens WHERE name = 'x'");
  assert.equal(n, 0);
});

test("npm run token bootstraps the first admin of a database through wrangler d1 execute", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cc-token-"));
  cpSync(process.env.TEMPLATE_STATE, dir, { recursive: true });
  const out = execFileSync("node", ["scripts/token.mjs", "--business", "biz_contoso", "--role", "admin", "--name", "First admin", "--persist-to", dir],
    { cwd: path.resolve(import.meta.dirname, "../.."), encoding: "utf8" });
  const token = out.trim().split("\n").at(-1);
  assert.match(token, /^cct_/);
  const fresh = await startRuntime({ stateDir: dir });
  try {
    const made = await ok(fresh.call("POST", "/api/tokens", { token, body: { name: "Contoso scanner", role: "scanner" } }), 201);
    assert.equal((await ok(fresh.call("GET", "/api/locations", { token: made.token }))).items[0].id, "ct_loc_wh1");
  } finally {
    await fresh.stop();
  }
  assert.throws(() => execFileSync("node", ["scripts/token.mjs", "--business", "biz_nobody", "--role", "admin", "--name", "x", "--persist-to", dir],
    { cwd: path.resolve(import.meta.dirname, "../.."), stdio: "pipe" }), /nothing written/);
});
