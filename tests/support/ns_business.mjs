// A business that follows a NetSuite account on the stand-in, for the sync's tests: the business
// and its admin token (straight into D1, as a fixture), the account with its catalogue, the
// connection saved through the API; then a run asked for and waited on, and the mirror held to
// the stand-in's on-hand (scripts/invariants.mjs).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { checkMirrorAgainstNetSuite } from "../../scripts/invariants.mjs";
import { connectionBody, standinAccount } from "../../scripts/netsuite-credentials.mjs";
import { ok } from "./runtime.mjs";

export async function followingBusiness(rt, ns, { id, name, token, account, catalog }) {
  assert.equal((await ns.addAccount(standinAccount(account))).status, 200);
  assert.equal((await ns.post(`/__catalog?account=${account.account_id}`, catalog)).status, 200);
  const hash = createHash("sha256").update(token).digest("hex");
  await rt.db.batch([
    rt.db.prepare("INSERT INTO businesses (id, name, created_at) VALUES (?, ?, '2026-12-01T00:00:00Z')").bind(id, name),
    rt.db.prepare("INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) VALUES (?, ?, 'admin', 'Admin', '2026-12-01T00:00:00Z')").bind(hash, id),
  ]);
  const admin = { token };
  await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: connectionBody(account, ns.base) }));
  return {
    admin,
    // POST /api/netsuite/sync, then GET until that run finished: the status as it then stands.
    async synced(body = {}) {
      const asked = await ok(rt.call("POST", "/api/netsuite/sync", { ...admin, body }), 202);
      for (let i = 0; ; i++) {
        const status = await ok(rt.call("GET", "/api/netsuite/sync", admin));
        if (status.current === null && status.last?.id === asked.current.id) return status;
        assert.ok(i < 600, `the run is still ${JSON.stringify(status.current)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    // Where the mirror (plus what NetSuite has not confirmed) and the stand-in's on-hand differ.
    async differences() {
      const balances = await (await fetch(`${ns.base}/__balances?account=${account.account_id}`)).json();
      return checkMirrorAgainstNetSuite((sql, ...p) => rt.rows(sql, ...p), id, balances,
        new Map(catalog.numbers.map((n) => [n.id, n.inventorynumber])));
    },
  };
}
