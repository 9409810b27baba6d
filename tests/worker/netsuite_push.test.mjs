// The NetSuite push on the real local runtime (workerd + D1 + PushMutexDO)
// against the stand-in, which checks JWT and TBA signatures for real and
// injects faults: connections, the drain, the mirror on confirmation, leases,
// dead rows and their retry, and the on-hand counts compare with meanwhile.
// The tests run in order and share one runtime and one stand-in.
import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { after, before, test } from "node:test";

import { connectionBody, newM2m, newSecretsKey, newTba, standinAccount } from "../../scripts/netsuite-credentials.mjs";
import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";
import { checkInvariants, takeBaseline } from "../../scripts/invariants.mjs";
import { startStandin } from "../support/standin.mjs";
import { core, runBatch as runD1Batch } from "../support/core_turns.mjs";

const admin = { token: TOKENS.admin };
const approver = { token: TOKENS.approver };
const scanner = { token: TOKENS.scanner };
const contosoAdmin = { token: TOKENS.otherAdmin };

const northwind = { account_id: "TSTDRV1111111", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") };
const contoso = { account_id: "TSTDRV2222222-sb1", subsidiary_id: "3", adjustment_account_id: "300", tba: newTba() };

let rt;
let ns;
before(async () => {
  ns = await startStandin();
  rt = await startRuntime({
    // Four calls at once per account here (NS_MAX_CONCURRENCY; the default is 1, booked_counts holds it).
    bindings: { NS_ALLOW_LOOPBACK: "1", NS_SECRETS_KEY: newSecretsKey(), NS_RETRY_BASE_MS: "20", NS_TIMEOUT_MS: "1000", NS_MAX_CONCURRENCY: "4" },
  });
  for (const account of [northwind, contoso]) assert.equal((await ns.addAccount(standinAccount(account))).status, 200);
  baseline = await takeBaseline((sql, ...p) => rt.rows(sql, ...p));
});
let baseline;
after(async () => {
  await rt?.stop();
  await ns?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Until no outbox row of the business is pending or in flight (the drainer's alarms do the work).
async function drained(business = "biz_northwind", ms = 60000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM ns_pending_pushes WHERE business_id = ? AND status IN ('pending', 'in_flight')", business);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} push(es) still waiting for ${business}`);
    await sleep(50);
  }
}

async function onHand(itemIds, location = "nw_loc_dc1") {
  const rows = await rt.rows(`SELECT item_id, quantityonhand FROM inventory_balance WHERE location_id = ? AND item_id IN (SELECT value FROM json_each(?))`,
    location, JSON.stringify(itemIds));
  return Object.fromEntries(rows.map((r) => [r.item_id, r.quantityonhand]));
}

// A started CYCLE session over one category, and its untracked lines with one bin each, largest first.
async function countSession(category, { location = "nw_loc_dc1", who = approver } = {}) {
  const s = await ok(rt.call("POST", "/stock-count/sessions", { ...who, body: { location_id: location, type: "CYCLE", name: `${category} push test` } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${s.id}/scopes`, { ...who, body: { kind: "category", value: category } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${s.id}/tasks/generate`, { ...who, body: { strategy: "by_zone_bin" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/start`, who));
  const lines = (await ok(rt.call("GET", `/stock-count/sessions/${s.id}/snapshots?kind=untracked&page_size=500`, who))).items;
  const perItem = new Map();
  for (const l of lines) perItem.set(l.item_id, (perItem.get(l.item_id) ?? 0) + 1);
  const single = lines.filter((l) => perItem.get(l.item_id) === 1).sort((a, b) => b.quantity - a.quantity);
  return { id: s.id, lines: single };
}

async function count(sessionId, counts, who = approver) {
  return ok(rt.call("POST", "/stock-count/entries", { ...who, body: { session_id: sessionId, entries: counts } }), 201);
}

test("the connection API refuses what cannot work, names the field, and never shows a secret", async () => {
  assert.equal((await rt.call("GET", "/api/netsuite/connection", admin)).status, 404);
  assert.equal((await rt.call("POST", "/api/netsuite/connection/test", admin)).status, 404, "nothing to test before a connection is saved");
  assert.equal((await rt.call("GET", "/api/netsuite/connection", approver)).status, 403);
  const good = connectionBody(northwind, ns.base);
  const cases = [
    [{ ...good, auth_mode: "soap" }, "auth_mode"],
    [{ ...good, base_url: "https://evil.example.com" }, "base_url"],
    [{ ...good, base_url: "https://1234567.suitetalk.api.netsuite.com.evil.io" }, "base_url"],
    [{ ...good, private_key_pem: undefined }, "private_key_pem"],
    [{ ...good, cert_id: undefined }, "cert_id"],
    [{ ...good, consumer_key: "x" }, "consumer_key"],
    [{ ...good, subsidiary_id: "one" }, "subsidiary_id"],
    [{ ...good, private_key_pem: "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n" }, "private_key_pem"],
    [{ ...good, private_key_pem: generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ type: "pkcs8", format: "pem" }) }, "private_key_pem"],
    [{ ...connectionBody(contoso, ns.base), token_secret: undefined }, "token_secret"],
  ];
  for (const [body, field] of cases) {
    const r = await rt.call("PUT", "/api/netsuite/connection", { ...admin, body });
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.equal(r.headers.get("content-type"), "application/problem+json");
    assert.ok(r.json.errors.some((e) => e.path === field), `${field} named in ${r.text}`);
  }
  assert.equal((await rt.rows("SELECT COUNT(*) AS n FROM netsuite_connections"))[0].n, 0, "nothing written");

  const saved = await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: good }));
  assert.equal(saved.auth_mode, "m2m");
  assert.equal(saved.key_alg, "ES256");
  assert.equal(saved.has_private_key, true);
  assert.equal(saved.has_client_id, true);
  assert.equal(saved.has_consumer_secret, false);
  const shown = await rt.call("GET", "/api/netsuite/connection", admin);
  for (const secret of [northwind.m2m.client_id, "PRIVATE KEY"]) assert.ok(!shown.text.includes(secret), "GET shows no secret");
  const [row] = await rt.rows("SELECT * FROM netsuite_connections WHERE business_id = 'biz_northwind'");
  const stored = JSON.stringify(row);
  assert.ok(!stored.includes(northwind.m2m.client_id) && !stored.includes("PRIVATE KEY"), "D1 holds ciphertext only");
  assert.match(row.private_key_sealed, /^v1\./);

  await ok(rt.call("PUT", "/api/netsuite/connection", { ...contosoAdmin, body: connectionBody(contoso, ns.base) }));
  assert.equal((await ok(rt.call("GET", "/api/netsuite/connection", contosoAdmin))).auth_mode, "tba");
});

test("'test the connection' signs in once and says check by check what worked, in NetSuite's words; it writes and pushes nothing", async () => {
  const tested = async (who = admin) => ok(rt.call("POST", "/api/netsuite/connection/test", who));
  const save = (body, who = admin) => ok(rt.call("PUT", "/api/netsuite/connection", { ...who, body }));
  const puts = async () => (await (await fetch(`${ns.base}/__stats`)).json()).record_puts;
  const putsBefore = await puts();
  assert.equal((await rt.call("POST", "/api/netsuite/connection/test", approver)).status, 403);

  for (const [who, mode] of [[admin, "m2m"], [contosoAdmin, "tba"]]) {
    const answer = await tested(who);
    assert.equal(answer.ok, true, JSON.stringify(answer));
    assert.equal(answer.auth_mode, mode);
    assert.deepEqual(answer.checks.map((c) => [c.check, c.ok]),
      [["credentials", true], ["login", true], ["subsidiary", true], ["adjustment_account", true]]);
    assert.match(answer.checks[3].detail, /^account \d+ \(5800 Inventory Adjustments\) found$/);
  }

  // A key NetSuite never saw: the token endpoint refuses the assertion (OAuth 2.0's 400 invalid_grant), as it said it.
  await save({ ...connectionBody(northwind, ns.base), private_key_pem: newM2m("ec").private_key_pem });
  let answer = await tested();
  assert.equal(answer.ok, false);
  const login = answer.checks.find((c) => c.check === "login");
  assert.deepEqual([login.ok, login.status], [false, 400]);
  assert.equal(login.detail, "token request: HTTP 400 invalid_grant: the JWT signature does not verify against the certificate");
  assert.equal(answer.checks.at(-1).check, "login", "nothing is looked up after a refused login");

  // TBA with a wrong token secret: the signed call itself is refused.
  await save({ ...connectionBody(contoso, ns.base), token_secret: "0".repeat(64) }, contosoAdmin);
  answer = await tested(contosoAdmin);
  assert.deepEqual(answer.checks.map((c) => [c.check, c.ok, c.status]), [["credentials", true, null], ["login", false, 401]]);
  assert.match(answer.checks[1].detail, /the OAuth signature does not match/);

  // Signed in, but the subsidiary is not the account's; then NetSuite out of reach.
  await save({ ...connectionBody(northwind, ns.base), subsidiary_id: "99" });
  answer = await tested();
  assert.deepEqual(answer.checks.map((c) => [c.check, c.ok]),
    [["credentials", true], ["login", true], ["subsidiary", false], ["adjustment_account", true]]);
  assert.equal(answer.checks[2].detail, "NetSuite has no subsidiary with internal id 99");
  await save({ ...connectionBody(northwind, "http://127.0.0.1:9"), private_key_pem: undefined });
  answer = await tested();
  assert.equal(answer.checks.find((c) => !c.ok).check, "login");
  assert.match(answer.checks.find((c) => !c.ok).detail, /could not be reached|token request/);

  await save(connectionBody(northwind, ns.base));
  await save(connectionBody(contoso, ns.base), contosoAdmin);
  assert.equal((await tested()).ok, true);
  assert.equal(await puts(), putsBefore, "a test pushes nothing");
});

const first = {};
test("automatic adjustments reach NetSuite once; then the mirror moves by their deltas and inventory.adjusted fires", async () => {
  const tokensBefore = (await ns.stats()).token_requests;
  const s = await countSession("Beverages");
  const [down, up] = s.lines.filter((l) => l.quantity >= 100);
  const before = await onHand([down.item_id, up.item_id]);
  await count(s.id, [{ sku: down.sku, bin: down.bin, counted_qty: down.quantity - 2 }, { sku: up.sku, bin: up.bin, counted_qty: up.quantity + 1.5 }]);
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  assert.equal(closed.workflow.auto_adjusted, 2);
  await drained();

  const records = await ns.records(northwind.account_id);
  const ours = records.filter((r) => r.externalId.includes(s.id));
  assert.equal(ours.length, 2);
  const decrease = ours.find((r) => r.externalId.endsWith("DECREASE")).body;
  assert.deepEqual(decrease.subsidiary, { id: "1" });
  assert.deepEqual(decrease.account, { id: "212" });
  assert.match(decrease.tranDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(decrease.inventory.items.length, 1);
  assert.equal(decrease.inventory.items[0].adjustQtyBy, -2);
  assert.equal(ours.find((r) => r.externalId.endsWith("INCREASE")).body.inventory.items[0].adjustQtyBy, 1.5);

  const after = await onHand([down.item_id, up.item_id]);
  assert.equal(after[down.item_id], before[down.item_id] - 2000);
  assert.equal(after[up.item_id], before[up.item_id] + 1500);
  const [{ quantity }] = await rt.rows("SELECT quantity FROM inventory_detail WHERE item_id = ? AND bin_id = ?", down.item_id, `nw_loc_dc1_b${down.bin}`);
  assert.equal(quantity, down.quantity * 1000 - 2000, "the bin placement moved too");

  const pushes = await ok(rt.call("GET", `/api/pushes?session_id=${s.id}`, admin));
  assert.equal(pushes.total, 2);
  for (const p of pushes.items) {
    assert.equal(p.status, "done");
    assert.equal(p.attempts, 1);
    assert.equal(p.ns_internal_id, records.find((r) => r.externalId === p.external_id).internalId);
  }
  const events = (await ok(rt.call("GET", "/api/events?type=inventory.adjusted&after=0", approver))).items
    .filter((e) => e.payload.session_id === s.id);
  assert.equal(events.length, 2);
  const minus = events.find((e) => e.payload.direction === "DECREASE").payload;
  assert.equal(minus.ns_internal_id, pushes.items.find((p) => p.adjustment.direction === "DECREASE").ns_internal_id);
  assert.deepEqual(minus.lines.map((l) => [l.item_id, l.bin, l.delta]), [[down.item_id, down.bin, -2]]);
  const posted = (await ok(rt.call("GET", "/api/reflexion-log?tag=posted", approver))).items.filter((r) => r.ref_type === "inventory_adjustment");
  assert.ok(posted.length >= 2 && posted.every((r) => /NetSuite confirmed inventoryAdjustment \d+/.test(r.reason)));
  assert.equal((await ns.stats()).token_requests, tokensBefore + 1, "one token for both pushes");
  first.session = s.id;

  // The events feed pages with a cursor.
  const page = await ok(rt.call("GET", "/api/events?after=0&limit=1", approver));
  assert.equal(page.items.length, 1);
  assert.equal(page.has_more, true);
  const rest = await ok(rt.call("GET", `/api/events?after=${page.next_after}`, approver));
  assert.ok(rest.items.every((e) => e.seq > page.next_after));
});

test("the other business's adjustments reach only its own account, signed with TBA", async () => {
  const before = (await ns.records(northwind.account_id)).length;
  const s = await countSession("Snacks", { location: "ct_loc_wh1", who: contosoAdmin });
  const [line] = s.lines.filter((l) => l.quantity >= 100);
  await count(s.id, [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 1 }], contosoAdmin);
  await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, contosoAdmin));
  await drained("biz_contoso");
  const theirs = await ns.records(contoso.account_id);
  assert.equal(theirs.length, 1);
  assert.deepEqual(theirs[0].body.subsidiary, { id: "3" });
  assert.equal((await ns.records(northwind.account_id)).length, before);
  const pushes = await ok(rt.call("GET", "/api/pushes", contosoAdmin));
  assert.deepEqual(pushes.items.map((p) => p.status), ["done"]);
  assert.ok((await ok(rt.call("GET", "/api/pushes?page_size=500", admin))).items.every((p) => !p.external_id.includes(s.id)));
});

// Review proposals for `n` lines of one category, each counted far off.
async function proposals(category, n) {
  const s = await countSession(category);
  const lines = s.lines.filter((l) => l.quantity >= 10).slice(0, n);
  assert.equal(lines.length, n, `${category} has ${n} single-bin lines`);
  await count(s.id, lines.map((l, i) => ({ sku: l.sku, bin: l.bin, counted_qty: i % 2 ? l.quantity * 2 : Math.floor(l.quantity / 2) })));
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${s.id}/close`, approver));
  assert.equal(closed.workflow.staged_for_review, n);
  const queue = (await ok(rt.call("GET", `/api/proposed-actions?session_id=${s.id}&status=pending&page_size=500`, approver))).items;
  return { session: s.id, queue, lines };
}

test("200 adjustments under a 30% fault rate (5xx, 429, commit-then-drop, timeouts) make exactly 200 records", async () => {
  const a = await proposals("Hardware", 100);
  const b = await proposals("Electronics", 100);
  const queue = [...a.queue, ...b.queue];
  const items = queue.map((p) => p.item_id);
  const before = await onHand(items);
  const recordsBefore = (await ns.records(northwind.account_id)).length;
  await ns.faults({ rate: 0.3, seed: 7, hold_ms: 1300 });
  for (const p of queue) {
    await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: p.id, decision: "approve", reason_code: "miscount", reason_note: "recounted" } }));
  }
  await drained("biz_northwind", 120000);
  const stats = await ns.stats();
  await ns.faults({ rate: 0 });
  assert.ok(stats.faults_injected >= 40, `faults were injected (${stats.faults_injected})`);
  const most = stats.max_in_flight[northwind.account_id];
  assert.ok(most > 1 && most <= 4, `at most NS_MAX_CONCURRENCY (4) calls at once to the account, and more than one: ${most}`);
  for (const kind of ["503", "429", "500", "drop", "hold"]) assert.ok(stats.fault_kinds[kind] > 0, `${kind} among ${JSON.stringify(stats.fault_kinds)}`);

  const pushes = await rt.rows("SELECT p.status, p.attempts, p.ns_internal_id, p.external_id FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.proposed_action_id IN (SELECT value FROM json_each(?))", JSON.stringify(queue.map((p) => p.id)));
  assert.equal(pushes.length, 200);
  assert.deepEqual([...new Set(pushes.map((p) => p.status))], ["done"]);
  assert.ok(pushes.some((p) => p.attempts > 1), "some were retried");
  const records = await ns.records(northwind.account_id);
  assert.equal(records.length, recordsBefore + 200, "exactly one record per adjustment");
  for (const p of pushes) assert.equal(records.find((r) => r.externalId === p.external_id).internalId, p.ns_internal_id);
  // Each record's memo names the decision's reason code (and its label), as NetSuite users read it.
  for (const p of pushes) {
    assert.match(records.find((r) => r.externalId === p.external_id).body.memo, /approved by Demo approver; reason miscount: Miscount corrected$/);
  }

  const deltas = await rt.rows("SELECT item_id, SUM(quantity_change) AS d FROM inventory_ledger WHERE ref_id IN (SELECT a.id FROM inventory_adjustment a WHERE a.proposed_action_id IN (SELECT value FROM json_each(?))) GROUP BY item_id", JSON.stringify(queue.map((p) => p.id)));
  const afterHand = await onHand(items);
  for (const { item_id: item, d } of deltas) assert.equal(afterHand[item], before[item] + d, item);
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM events WHERE type = 'inventory.adjusted' AND json_extract(payload, '$.proposed_action_id') IN (SELECT value FROM json_each(?))", JSON.stringify(queue.map((p) => p.id)));
  assert.equal(n, 200, "one inventory.adjusted event each");
  const [{ m }] = await rt.rows("SELECT COUNT(*) AS m FROM inventory_ledger WHERE mirrored_at IS NULL AND business_id = 'biz_northwind'");
  assert.equal(m, 0, "every ledger row is mirrored");
});

test("a NetSuite 400 goes dead with NetSuite's words; a retry after the fix pushes it", async () => {
  const good = connectionBody(northwind, ns.base);
  const { private_key_pem: _k, client_id: _c, ...withoutSecrets } = good;
  await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: { ...withoutSecrets, subsidiary_id: "99" } }));
  const { queue } = await proposals("Apparel", 1);
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: queue[0].id, decision: "approve", reason_code: "miscount" } }));
  await drained();
  const dead = await ok(rt.call("GET", "/api/pushes?status=dead", admin));
  assert.equal(dead.total, 1);
  assert.match(dead.items[0].last_error, /Invalid subsidiary reference key 99/);
  assert.equal(dead.items[0].attempts, 1, "a 4xx is not retried");
  const log = (await ok(rt.call("GET", "/api/reflexion-log?tag=push_dead", approver))).items;
  assert.equal(log.length, 1);

  assert.equal((await rt.call("POST", `/api/pushes/${dead.items[0].id}/retry`, approver)).status, 403);
  const done = (await ok(rt.call("GET", "/api/pushes?status=done&page_size=1", admin))).items[0];
  assert.equal((await rt.call("POST", `/api/pushes/${done.id}/retry`, admin)).status, 409);
  assert.equal((await rt.call("POST", "/api/pushes/psh_nope/retry", admin)).status, 404);

  // The admin fixes the subsidiary (secrets left out are kept) and sends it again.
  await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: withoutSecrets }));
  const retried = await ok(rt.call("POST", `/api/pushes/${dead.items[0].id}/retry`, admin));
  assert.equal(retried.status, "pending");
  assert.equal(retried.attempts, 0);
  await drained();
  const after = await ok(rt.call("GET", `/api/pushes?status=done&page_size=500`, admin));
  assert.ok(after.items.some((p) => p.id === dead.items[0].id));
  assert.equal((await ok(rt.call("GET", "/api/pushes?status=dead", admin))).total, 0);
});

test("two drainers at once never push a row twice", async () => {
  const { queue } = await proposals("Pharmacy", 20);
  await ns.faults({ delay_ms: 150 });
  const namespace = await rt.mf.getDurableObjectNamespace("PUSH_MUTEX");
  const mine = namespace.get(namespace.idFromName("biz_northwind"));
  const stray = namespace.get(namespace.idFromName("a-second-drainer"));
  await stray.fetch("https://push-mutex/wake", { method: "POST", body: JSON.stringify({ business_id: "biz_northwind" }) });
  await Promise.all(queue.map((p) => rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: p.id, decision: "approve", reason_code: "miscount" } })));
  await Promise.all([mine, mine, stray, stray].map((stub) => stub.fetch("https://push-mutex/drain", { method: "POST" })));
  await drained();
  await ns.faults({ delay_ms: 0 });
  const externalIds = (await rt.rows("SELECT p.external_id FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.proposed_action_id IN (SELECT value FROM json_each(?))", JSON.stringify(queue.map((p) => p.id)))).map((r) => r.external_id);
  const records = (await ns.records(northwind.account_id)).filter((r) => externalIds.includes(r.externalId));
  assert.equal(records.length, 20);
  assert.ok(records.every((r) => r.puts === 1), `each record was PUT once: ${records.map((r) => r.puts)}`);
});

// What a drainer that died mid-push left behind: NetSuite has the record, the row is in flight under an expired lease.
async function pushAsDeadDrainer(externalId, payload) {
  const header = Buffer.from(JSON.stringify({ alg: "ES256", typ: "JWT", kid: northwind.m2m.cert_id })).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const tokenUrl = `${ns.base}/services/rest/auth/oauth2/v1/token`;
  const claims = Buffer.from(JSON.stringify({ iss: northwind.m2m.client_id, scope: ["rest_webservices"], aud: tokenUrl, iat: now, exp: now + 300 })).toString("base64url");
  const signature = sign("sha256", Buffer.from(`${header}.${claims}`), { key: northwind.m2m.private_key_pem, dsaEncoding: "ieee-p1363" }).toString("base64url");
  const form = new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: `${header}.${claims}.${signature}` });
  const token = await (await fetch(tokenUrl, { method: "POST", body: form })).json();
  assert.ok(token.access_token, JSON.stringify(token));
  const body = { subsidiary: { id: "1" }, account: { id: "212" }, ...payload };
  const put = await fetch(`${ns.base}/services/rest/record/v1/inventoryAdjustment/eid:${encodeURIComponent(externalId)}`,
    { method: "PUT", headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(put.status, 204);
}

// The drain conversation driven turn by turn from here, its D1 batches run on the runtime's database,
// so another drainer's claim can be slipped in between a read and the claim that relies on it.
const runBatch = (effect) => runD1Batch(rt, effect);

test("a drainer that read a row another drainer has claimed since does not claim it (stale read, deterministic)", async () => {
  const [connection] = await rt.rows("SELECT * FROM netsuite_connections WHERE business_id = 'biz_northwind'");
  await rt.db.prepare("DELETE FROM netsuite_connections WHERE business_id = 'biz_northwind'").run();
  const { queue } = await proposals("Cleaning", 1);
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: queue[0].id, decision: "approve", reason_code: "miscount" } }));
  const [push] = await rt.rows("SELECT p.id FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.proposed_action_id = ?", queue[0].id);
  const columns = Object.keys(connection);
  await rt.db.prepare(`INSERT INTO netsuite_connections (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).bind(...Object.values(connection)).run();

  const input = { kind: "alarm", business_id: "biz_northwind", settings: { NS_TIMEOUT_MS: "1000" } };
  const turn1 = core({ ...input, now: new Date().toISOString(), nonce: "stale" });
  const scanned = await runBatch(turn1.effects[0]);
  assert.ok(scanned.results[1].rows.some((r) => r.id === push.id && r.status === "pending"), "the drainer read the row as pending");
  const now = new Date().toISOString();
  await rt.db.prepare("UPDATE ns_pending_pushes SET status = 'in_flight', lease_owner = 'drain_other', lease_until = ?, updated_at = ? WHERE id = ?")
    .bind(new Date(Date.now() + 60000).toISOString(), now, push.id).run();
  const turn2 = core({ ...input, now, nonce: "stale2", turn: { state: turn1.state, results: [scanned] } });
  assert.equal(turn2.state.phase, "claim");
  const claimed = await runBatch(turn2.effects[0]);
  assert.equal(claimed.results[0].changes, 0, "the claim changed nothing");
  assert.deepEqual(claimed.results[1].rows, [], "nothing is held by the stale drainer");
  const [row] = await rt.rows("SELECT lease_owner FROM ns_pending_pushes WHERE id = ?", push.id);
  assert.equal(row.lease_owner, "drain_other");
  const turn3 = core({ ...input, now, nonce: "stale3", turn: { state: turn2.state, results: [claimed] } });
  assert.equal(turn3.state.phase, "scan", "it reads again instead of pushing");

  // The other drainer died; its row waits until the weekly tick wakes the business's drainer.
  await rt.db.prepare("UPDATE ns_pending_pushes SET status = 'pending', lease_owner = NULL, lease_until = NULL WHERE id = ?").bind(push.id).run();
  await (await rt.mf.getWorker()).scheduled({ cron: "0 6 * * MON", scheduledTime: new Date() });
  await drained();
});

test("a lease left by a dead drainer is reclaimed without a duplicate record or a second mirror move", async () => {
  const [connection] = await rt.rows("SELECT * FROM netsuite_connections WHERE business_id = 'biz_northwind'");
  await rt.db.prepare("DELETE FROM netsuite_connections WHERE business_id = 'biz_northwind'").run();  // nothing drains meanwhile
  const { queue } = await proposals("Pet Care", 1);
  const item = queue[0].item_id;
  const before = await onHand([item]);
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: queue[0].id, decision: "approve", reason_code: "miscount" } }));
  const [push] = await rt.rows("SELECT p.id, p.external_id, p.payload FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.proposed_action_id = ?", queue[0].id);
  await pushAsDeadDrainer(push.external_id, JSON.parse(push.payload));
  const expired = new Date(Date.now() - 60000).toISOString();
  await rt.db.prepare("UPDATE ns_pending_pushes SET status = 'in_flight', lease_owner = 'drain_ghost', lease_until = ?, attempts = 1 WHERE id = ?").bind(expired, push.id).run();
  const columns = Object.keys(connection);
  await rt.db.prepare(`INSERT INTO netsuite_connections (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).bind(...Object.values(connection)).run();

  const namespace = await rt.mf.getDurableObjectNamespace("PUSH_MUTEX");
  await namespace.get(namespace.idFromName("biz_northwind")).fetch("https://push-mutex/drain", { method: "POST" });
  await drained();
  const [row] = await rt.rows("SELECT status, attempts, ns_internal_id FROM ns_pending_pushes WHERE id = ?", push.id);
  assert.equal(row.status, "done");
  assert.equal(row.attempts, 2);
  const records = (await ns.records(northwind.account_id)).filter((r) => r.externalId === push.external_id);
  assert.equal(records.length, 1);
  assert.equal(records[0].puts, 2, "the dead drainer's PUT and the reclaimed one");
  assert.equal(records[0].internalId, row.ns_internal_id);
  const [{ d }] = await rt.rows("SELECT SUM(quantity_change) AS d FROM inventory_ledger WHERE ref_id = (SELECT adjustment_id FROM ns_pending_pushes WHERE id = ?)", push.id);
  assert.equal((await onHand([item]))[item], before[item] + d, "the mirror moved once");
});

test("a drainer whose lease expired mid-push writes nothing when it finally hears back", async () => {
  const [connection] = await rt.rows("SELECT * FROM netsuite_connections WHERE business_id = 'biz_northwind'");
  await rt.db.prepare("DELETE FROM netsuite_connections WHERE business_id = 'biz_northwind'").run();
  const { queue } = await proposals("Beverages", 1);
  const item = queue[0].item_id;
  const before = await onHand([item]);
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: queue[0].id, decision: "approve", reason_code: "miscount" } }));
  const columns = Object.keys(connection);
  await rt.db.prepare(`INSERT INTO netsuite_connections (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).bind(...Object.values(connection)).run();

  const namespace = await rt.mf.getDurableObjectNamespace("PUSH_MUTEX");
  const slow = namespace.get(namespace.idFromName("slow-drainer"));
  const quick = namespace.get(namespace.idFromName("quick-drainer"));
  await ns.faults({ delay_next: 1, delay_next_ms: 700 });  // inside the Worker's 1,000 ms timeout
  let held;
  try {
    // The slow drainer's alarm claims the row and waits for NetSuite.
    await slow.fetch("https://push-mutex/wake", { method: "POST", body: JSON.stringify({ business_id: "biz_northwind" }) });
    for (let i = 0; i < 50 && !held; i++, await sleep(20)) {
      [held] = await rt.rows("SELECT id, lease_owner FROM ns_pending_pushes WHERE status = 'in_flight' AND business_id = 'biz_northwind'");
    }
    assert.ok(held, "the slow drainer holds a lease");
    await rt.db.prepare("UPDATE ns_pending_pushes SET lease_until = ? WHERE id = ?").bind(new Date(Date.now() - 1000).toISOString(), held.id).run();
    await quick.fetch("https://push-mutex/wake", { method: "POST", body: JSON.stringify({ business_id: "biz_northwind" }) });
    await (await quick.fetch("https://push-mutex/drain", { method: "POST" })).json();  // reclaims, pushes, confirms
    // (The wake's own alarm may have claimed it first and be confirming it: wait a moment for either.)
    let confirmed;
    for (let i = 0; i < 20 && confirmed?.status !== "done"; i++, await sleep(15)) {
      [confirmed] = await rt.rows("SELECT status FROM ns_pending_pushes WHERE id = ?", held.id);
    }
    assert.equal(confirmed.status, "done", "confirmed while the slow drainer still waits");
    await sleep(900);  // the slow drainer hears its 204 and writes its round
  } finally {
    await ns.faults({ delay_next: 0 });
  }
  await drained();
  const [row] = await rt.rows("SELECT status, lease_owner, adjustment_id FROM ns_pending_pushes WHERE id = ?", held.id);
  assert.equal(row.status, "done");
  assert.notEqual(row.lease_owner, held.lease_owner, "the quick drainer confirmed it");
  const [{ d }] = await rt.rows("SELECT SUM(quantity_change) AS d FROM inventory_ledger WHERE ref_id = ?", row.adjustment_id);
  assert.equal((await onHand([item]))[item], before[item] + d, "the mirror moved once");
  const [{ n }] = await rt.rows("SELECT COUNT(*) AS n FROM events WHERE json_extract(payload, '$.adjustment_id') = ?", row.adjustment_id);
  assert.equal(n, 1, "one inventory.adjusted event");
});

test("an adjustment waiting for NetSuite is not booked again by the next count of the same shelf", async () => {
  const connection = connectionBody(northwind, ns.base);
  await rt.db.prepare("DELETE FROM netsuite_connections WHERE business_id = 'biz_northwind'").run();  // NetSuite out of reach
  const s1 = await countSession("Cleaning");
  const line = s1.lines.find((l) => l.quantity >= 100);
  const before = await onHand([line.item_id]);
  await count(s1.id, [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 5 }]);
  assert.equal((await ok(rt.call("PATCH", `/stock-count/sessions/${s1.id}/close`, approver))).workflow.auto_adjusted, 1);
  assert.deepEqual(await onHand([line.item_id]), before, "not confirmed, not mirrored");

  // A second count of the same shelf finds the same 5 missing: it expects them gone already.
  const s2 = await countSession("Cleaning");
  const again = s2.lines.find((l) => l.item_id === line.item_id);
  assert.equal(again.quantity, line.quantity - 5, "the snapshot includes the unconfirmed adjustment");
  const entry = await count(s2.id, [{ sku: line.sku, bin: line.bin, counted_qty: line.quantity - 5 }]);
  assert.equal(entry.entries[0].system_qty_at_count, line.quantity - 5);
  const closed = await ok(rt.call("PATCH", `/stock-count/sessions/${s2.id}/close`, approver));
  assert.deepEqual(closed.workflow, { auto_adjusted: 0, staged_for_review: 0, confirmed: 1 });

  await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: connection }));  // back: saving wakes the drainer
  await drained();
  assert.equal((await onHand([line.item_id]))[line.item_id], before[line.item_id] - 5000, "booked once");
});

test("a session approved as a whole posts one adjustment per direction", async () => {
  const { session, queue } = await proposals("Beverages", 3);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session}/approve`, { ...approver, body: { reason_code: "miscount" } }));
  const adjustments = await rt.rows("SELECT a.direction, a.proposed_action_id, (SELECT COUNT(*) FROM inventory_adjustment_line l WHERE l.adjustment_id = a.id) AS lines FROM inventory_adjustment a WHERE a.session_id = ?", session);
  assert.deepEqual(adjustments.map((a) => a.direction).sort(), ["DECREASE", "INCREASE"]);
  assert.equal(adjustments.reduce((n, a) => n + a.lines, 0), queue.length);
  assert.ok(adjustments.every((a) => a.proposed_action_id === null));
  await drained();
  const records = (await ns.records(northwind.account_id)).filter((r) => r.externalId.includes(session));
  assert.equal(records.length, 2);
});

test("the access token is reused, refreshed once after a 401, and an RSA certificate signs PS256", async () => {
  await ns.revokeTokens();
  const before = (await ns.stats()).token_requests;
  const { queue } = await proposals("Snacks", 2);
  for (const p of queue) {
    await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: p.id, decision: "approve", reason_code: "miscount" } }));
    await drained();
  }
  const stats = await ns.stats();
  assert.equal(stats.token_requests, before + 1, "a 401 refreshed the token once; the second push reused it");

  const rsa = { ...northwind, m2m: newM2m("rsa") };
  await ns.addAccount(standinAccount(rsa));
  const saved = await ok(rt.call("PUT", "/api/netsuite/connection", { ...admin, body: connectionBody(rsa, ns.base) }));
  assert.equal(saved.key_alg, "PS256");
  const more = await proposals("Hardware", 1);
  await ok(rt.call("POST", "/api/inventory/adjust", { ...approver, body: { proposed_action_id: more.queue[0].id, decision: "approve", reason_code: "miscount" } }));
  await drained();
  const [row] = await rt.rows("SELECT p.status FROM ns_pending_pushes p JOIN inventory_adjustment a ON a.id = p.adjustment_id WHERE a.proposed_action_id = ?", more.queue[0].id);
  assert.equal(row.status, "done");
  const status = await (await (await rt.mf.getDurableObjectNamespace("PUSH_MUTEX")).get((await rt.mf.getDurableObjectNamespace("PUSH_MUTEX")).idFromName("biz_northwind")).fetch("https://push-mutex/status")).text();
  assert.ok(!status.includes("access_token"), "the token is never written to the object's storage");
  assert.ok(createPublicKey(rsa.m2m.public_key_pem).asymmetricKeyType === "rsa");
});

test("the invariants hold end to end: entries to NetSuite records to the on-hand mirror", async () => {
  await drained("biz_northwind");
  await drained("biz_contoso");
  const problems = await checkInvariants((sql, ...p) => rt.rows(sql, ...p), { records: await ns.records(), baseline });
  assert.deepEqual(problems, []);
});
