// A NetSuite stand-in: the one outside system we cannot reach, played by a
// server of ours that speaks the REST shape the Worker's client uses and
// checks what NetSuite would check.
//
//   POST /services/rest/auth/oauth2/v1/token                   M2M: client credentials with a JWT assertion,
//        verified against the account's certificate (ES256 or PS256), its claims and expiry → access token
//   PUT  /services/rest/record/v1/inventoryAdjustment/eid:X    upsert by external id → 204 + Location
//   GET  /services/rest/record/v1/inventoryAdjustment/eid:X    read back
//   PUT / GET …/record/v1/binTransfer/eid:X                     the same for bin transfers (moves between bins)
//   POST /services/rest/query/v1/suiteql?limit=&offset=         SuiteQL over the account's catalogue
//        (scripts/netsuite-suiteql.mjs; header Prefer: transient; limit ≤ 1000, offset + limit ≤ 100,000)
//        → { links, count, hasMore, items, offset, totalResults }, every value as text, nulls left out;
//        besides the catalogue, `subsidiary` and `account` hold the account's own subsidiary and adjustment account
// Record calls carry a Bearer token from the token endpoint, or an OAuth 1.0a
// (TBA) header whose HMAC-SHA256 signature is recomputed here (realm, nonce,
// timestamp and the base string over the path exactly as sent). Records are
// kept per account and record type; a body without subsidiary, account (an
// adjustment) or items answers 400 with o:errorDetails, as NetSuite does; a
// bin transfer line must move a positive quantity between two different bins.
//
// Test hooks (never part of NetSuite):
//   POST /__accounts  { account_id, subsidiary_id?, adjustment_account_id?,
//                       m2m?: { client_id, cert_id, public_key_pem }, tba?: { consumer_key, consumer_secret, token_id, token_secret } }
//   POST /__faults    { fail_next?, status?, detail? (its error text), delay_ms? (every PUT), delay_next? + delay_next_ms? (the next N PUTs),
//                       suiteql_delay_ms? (every SuiteQL page),
//                       drop_after_commit?, hold_after_commit?, hold_ms?, rate?, seed?, token_ttl_s? }   (see applyFaults)
//   POST /__revoke-tokens   every access token handed out so far answers 401
//   GET  /__records[?account=]  → [{ account, type, externalId, internalId, body, puts }]
//   GET  /__stats      (max_in_flight: per account, the most calls answered at once)   POST /__reset (records, tokens, faults; accounts and catalogues stay)
//   POST /__catalog?account=   { locations, bins, items, balances, numbers, units } in NetSuite's field names
//                              (units: unitsTypeUom rows; an item's unitstype names its type)
//                              (scripts/netsuite-catalog.mjs): replaces the account's catalogue
//   POST /__movements?account= [{ item, location, binnumber?, inventorynumber?, delta, type }]: stock sold or
//                              received — moves the balance and records a transaction modified now
//   GET  /__balances?account=  the account's inventorybalance rows
// An adjustment or bin transfer the stand-in accepts for the first time moves its balances too.
// Accounts may also come from the JSON file named by NS_STANDIN_ACCOUNTS (a list).
// NS_STANDIN_STATE names a file where the catalogues and records are kept across restarts, as
// NetSuite keeps them (npm start: in the state directory; faults, tokens and stats start afresh).
import { createHash, createHmac, createPublicKey, timingSafeEqual, verify, constants } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";

import { applyMovements, applyRecord, balancesOf, catalogsAsJson, catalogsFromJson, replaceCatalog, suiteqlPage } from "./netsuite-catalog.mjs";
import { asAnswerRow, SuiteQLError } from "./netsuite-suiteql.mjs";

const port = Number(process.env.NS_STANDIN_PORT ?? 8788);
const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
const SUITEQL_PATH = "/services/rest/query/v1/suiteql";
const RECORD_PATH = /^\/services\/rest\/record\/v1\/(inventoryAdjustment|binTransfer)\/eid:([^/?]+)$/;

const accounts = new Map();   // account_id → config
const records = new Map();    // `${account}\u0000${type}\u0000${externalId}` → { account, type, externalId, internalId, body, puts }
const accessTokens = new Map(); // token → { account, expiresAt }
const seenNonces = new Set();
let nextInternalId = 5000;
let faults = {};
let stats = {};
let putsByRecord = new Map();   // for seeded faults: the n-th PUT of one record
let inFlight = new Map();       // account → record and SuiteQL calls being answered now (stats.max_in_flight: the most at once)

// Counts a call of `account` in flight while `work` runs and its client still waits for it (a call
// the client gave up on — a timeout while a fault holds the answer — no longer counts): NetSuite
// limits concurrent calls per account.
async function counted(account, res, work) {
  const now = (inFlight.get(account) ?? 0) + 1;
  inFlight.set(account, now);
  stats.max_in_flight[account] = Math.max(stats.max_in_flight[account] ?? 0, now);
  let open = true;
  const done = () => { if (open) { open = false; inFlight.set(account, inFlight.get(account) - 1); } };
  res.once("close", done);
  try { return await work(); } finally { done(); }
}

function resetState() {
  records.clear();
  accessTokens.clear();
  seenNonces.clear();
  putsByRecord = new Map();
  faults = { fail_next: 0, status: 503, detail: "Injected fault", delay_ms: 0, delay_next: 0, delay_next_ms: 0, drop_after_commit: 0, hold_after_commit: 0, hold_ms: 2000,
             rate: 0, seed: 1, token_ttl_s: 3600, suiteql_delay_ms: 0 };
  inFlight = new Map();
  stats = { max_in_flight: {}, suiteql_queries: 0, token_requests: 0, tokens_refused: 0, record_puts: 0, auth_refused: 0, faults_injected: 0, bad_requests: 0,
            fault_kinds: {} };
}
resetState();

function addAccount(config) {
  if (!config?.account_id) throw new Error("account_id is required");
  const account = { ...config };
  if (account.m2m?.public_key_pem) account.m2m.publicKey = createPublicKey(account.m2m.public_key_pem);
  accounts.set(account.account_id, account);
  return account.account_id;
}
if (process.env.NS_STANDIN_ACCOUNTS) {
  for (const config of JSON.parse(readFileSync(process.env.NS_STANDIN_ACCOUNTS, "utf8"))) addAccount(config);
}

// ── What persists (NS_STANDIN_STATE) ─────────────────────────────────────────────
const statePath = process.env.NS_STANDIN_STATE;
function saveState() {
  if (!statePath) return;
  const text = JSON.stringify({ catalogs: catalogsAsJson(), records: [...records.values()], next_internal_id: nextInternalId });
  writeFileSync(`${statePath}.tmp`, text);
  renameSync(`${statePath}.tmp`, statePath);
}
let saveTimer = null;
function changed() {
  if (statePath && !saveTimer) saveTimer = setTimeout(() => { saveTimer = null; saveState(); }, 200);
}
if (statePath && existsSync(statePath)) {
  const saved = JSON.parse(readFileSync(statePath, "utf8"));
  catalogsFromJson(saved.catalogs);
  for (const r of saved.records ?? []) records.set(`${r.account}\u0000${r.type}\u0000${r.externalId}`, r);
  nextInternalId = saved.next_internal_id ?? nextInternalId;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

// NetSuite's REST error shape.
function nsError(res, status, detail, code = status === 401 ? "INVALID_LOGIN" : "USER_ERROR") {
  send(res, status, { type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15", title: http.STATUS_CODES[status],
    status, "o:errorDetails": [{ detail, "o:errorCode": code }] });
}

const percentEncode = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const b64urlDecode = (text) => Buffer.from(text.replaceAll("-", "+").replaceAll("_", "/"), "base64");
const safeEqual = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

// ── M2M ───────────────────────────────────────────────────────────────────────
function checkAssertion(form, tokenUrl) {
  if (form.get("grant_type") !== "client_credentials") return "grant_type must be client_credentials";
  if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
    return "client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  }
  const parts = (form.get("client_assertion") ?? "").split(".");
  if (parts.length !== 3) return "client_assertion is not a JWT";
  let header, claims;
  try {
    header = JSON.parse(b64urlDecode(parts[0]).toString("utf8"));
    claims = JSON.parse(b64urlDecode(parts[1]).toString("utf8"));
  } catch { return "client_assertion is not a JWT"; }
  if (header.typ !== "JWT") return "JWT typ must be JWT";
  const account = [...accounts.values()].find((a) => a.m2m && a.m2m.cert_id === header.kid);
  if (!account) return `no certificate with kid ${header.kid}`;
  if (claims.iss !== account.m2m.client_id) return "iss is not the integration's client id";
  const keyType = account.m2m.publicKey.asymmetricKeyType;
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = b64urlDecode(parts[2]);
  let valid = false;
  if (header.alg === "ES256" && keyType === "ec") {
    valid = verify("sha256", data, { key: account.m2m.publicKey, dsaEncoding: "ieee-p1363" }, signature);
  } else if (header.alg === "PS256" && keyType === "rsa") {
    valid = verify("sha256", data, { key: account.m2m.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
  } else {
    return `alg ${header.alg} does not fit the certificate's ${keyType} key`;
  }
  if (!valid) return "the JWT signature does not verify against the certificate";
  const scopes = Array.isArray(claims.scope) ? claims.scope : String(claims.scope ?? "").split(/[ ,]/);
  if (!scopes.includes("rest_webservices")) return "scope must include rest_webservices";
  if (claims.aud !== tokenUrl) return `aud must be ${tokenUrl}`;
  const now = Math.floor(Date.now() / 1000);
  if (!Number.isInteger(claims.iat) || !Number.isInteger(claims.exp)) return "iat and exp must be integers";
  if (claims.iat > now + 60) return "iat is in the future";
  if (claims.exp <= now) return "the assertion has expired";
  if (claims.exp - claims.iat > 3600) return "exp may be at most one hour after iat";
  return { account };
}

// ── TBA ───────────────────────────────────────────────────────────────────────
function parseOAuthHeader(header) {
  const params = {};
  for (const m of header.slice(6).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[m[1]] = decodeURIComponent(m[2]);
  return params;
}

function tbaAccount(req, rawPath, rawQuery) {
  const p = parseOAuthHeader(req.headers.authorization);
  const account = [...accounts.values()].find((a) => a.tba && a.tba.consumer_key === p.oauth_consumer_key && a.tba.token_id === p.oauth_token);
  if (!account) return "unknown consumer key or token";
  if (p.realm !== account.account_id.toUpperCase().replaceAll("-", "_")) return `realm must be ${account.account_id.toUpperCase().replaceAll("-", "_")}`;
  if (p.oauth_signature_method !== "HMAC-SHA256") return "oauth_signature_method must be HMAC-SHA256";
  if (Math.abs(Number(p.oauth_timestamp) - Date.now() / 1000) > 300) return "oauth_timestamp is too far from now";
  const nonceKey = `${p.oauth_consumer_key}/${p.oauth_token}/${p.oauth_nonce}`;
  if (!p.oauth_nonce || seenNonces.has(nonceKey)) return "oauth_nonce was used before";
  const signed = Object.entries(p).filter(([k]) => k !== "realm" && k !== "oauth_signature");
  for (const pair of rawQuery ? rawQuery.split("&") : []) {
    const [k, v = ""] = pair.split("=");
    signed.push([decodeURIComponent(k.replaceAll("+", " ")), decodeURIComponent(v.replaceAll("+", " "))]);
  }
  const normalized = signed.map(([k, v]) => [percentEncode(k), percentEncode(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join("&");
  const baseUri = `http://${String(req.headers.host).toLowerCase()}${rawPath}`;
  const base = `${req.method.toUpperCase()}&${percentEncode(baseUri)}&${percentEncode(normalized)}`;
  const key = `${percentEncode(account.tba.consumer_secret)}&${percentEncode(account.tba.token_secret)}`;
  const expected = createHmac("sha256", key).update(base).digest("base64");
  if (!safeEqual(expected, p.oauth_signature ?? "")) return "the OAuth signature does not match";
  seenNonces.add(nonceKey);
  return { account };
}

function authenticate(req, rawPath, rawQuery) {
  const header = req.headers.authorization ?? "";
  if (header.startsWith("Bearer ")) {
    const token = accessTokens.get(header.slice(7));
    if (!token) return "unknown or revoked access token";
    if (token.expiresAt < Date.now()) return "the access token has expired";
    return { account: accounts.get(token.account) };
  }
  if (header.startsWith("OAuth ")) return tbaAccount(req, rawPath, rawQuery);
  return "no credentials";
}

// ── Records ───────────────────────────────────────────────────────────────────
function transferProblems(body, account) {
  const problems = [];
  if (!body?.subsidiary?.id) problems.push("Please enter value(s) for: Subsidiary");
  else if (account.subsidiary_id && String(body.subsidiary.id) !== String(account.subsidiary_id)) {
    problems.push(`Invalid subsidiary reference key ${body.subsidiary.id}.`);
  }
  if (!body?.location?.id) problems.push("Please enter value(s) for: Location");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body?.tranDate ?? "")) problems.push("Invalid tranDate: use YYYY-MM-DD.");
  const items = body?.inventory?.items;
  if (!Array.isArray(items) || items.length === 0) problems.push("You must enter at least one line item for this transaction.");
  for (const [i, line] of (Array.isArray(items) ? items : []).entries()) {
    if (!line?.item?.id) problems.push(`Line ${i + 1}: Please enter value(s) for: Item`);
    if (typeof line?.quantity !== "number" || line.quantity <= 0) problems.push(`Line ${i + 1}: quantity must be a positive number`);
    const assigned = line?.inventoryDetail?.inventoryAssignment?.items;
    if (!Array.isArray(assigned) || assigned.length === 0) { problems.push(`Line ${i + 1}: a bin transfer needs its bins`); continue; }
    for (const a of assigned) {
      if (!a?.binNumber?.refName && !a?.binNumber?.id) problems.push(`Line ${i + 1}: Please enter value(s) for: From Bins`);
      if (!a?.toBinNumber?.refName && !a?.toBinNumber?.id) problems.push(`Line ${i + 1}: Please enter value(s) for: To Bins`);
      if ((a?.binNumber?.refName ?? a?.binNumber?.id) === (a?.toBinNumber?.refName ?? a?.toBinNumber?.id)) {
        problems.push(`Line ${i + 1}: the from and to bins are the same`);
      }
    }
    const sum = assigned.reduce((s, a) => s + Number(a.quantity ?? 0), 0);
    if (Math.abs(sum - line.quantity) > 1e-9) problems.push(`Line ${i + 1}: the inventory detail quantities do not add up to ${line.quantity}`);
  }
  return problems;
}

function recordProblems(body, account) {
  const problems = [];
  if (!body?.subsidiary?.id) problems.push("Please enter value(s) for: Subsidiary");
  else if (account.subsidiary_id && String(body.subsidiary.id) !== String(account.subsidiary_id)) {
    problems.push(`Invalid subsidiary reference key ${body.subsidiary.id}.`);
  }
  if (!body?.account?.id) problems.push("Please enter value(s) for: Adjustment Account");
  else if (account.adjustment_account_id && String(body.account.id) !== String(account.adjustment_account_id)) {
    problems.push(`Invalid account reference key ${body.account.id}.`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body?.tranDate ?? "")) problems.push("Invalid tranDate: use YYYY-MM-DD.");
  const items = body?.inventory?.items;
  if (!Array.isArray(items) || items.length === 0) problems.push("You must enter at least one line item for this transaction.");
  for (const [i, line] of (Array.isArray(items) ? items : []).entries()) {
    if (!line?.item?.id) problems.push(`Line ${i + 1}: Please enter value(s) for: Item`);
    if (!line?.location?.id) problems.push(`Line ${i + 1}: Please enter value(s) for: Location`);
    if (typeof line?.adjustQtyBy !== "number" || line.adjustQtyBy === 0) problems.push(`Line ${i + 1}: adjustQtyBy must be a non-zero number`);
    const assigned = line?.inventoryDetail?.inventoryAssignment?.items;
    if (assigned) {
      const sum = assigned.reduce((s, a) => s + Number(a.quantity ?? 0), 0);
      if (Math.abs(sum - line.adjustQtyBy) > 1e-9) problems.push(`Line ${i + 1}: the inventory detail quantities do not add up to ${line.adjustQtyBy}`);
    }
  }
  return problems;
}

// Deterministic per record and attempt, whatever order requests arrive in.
function seededUnit(...parts) {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0) / 2 ** 32;
}

// What to do to this PUT: { status } to fail before committing, "drop" / "hold" to commit then misbehave.
function applyFaults(key) {
  if (faults.fail_next > 0) { faults.fail_next -= 1; return { status: faults.status }; }
  if (faults.drop_after_commit > 0) { faults.drop_after_commit -= 1; return "drop"; }
  if (faults.hold_after_commit > 0) { faults.hold_after_commit -= 1; return "hold"; }
  if (faults.rate > 0) {
    const n = (putsByRecord.get(key) ?? 0) + 1;
    putsByRecord.set(key, n);
    if (seededUnit(faults.seed, key, n) < faults.rate) {
      const kinds = [{ status: 503 }, { status: 429 }, { status: 500 }, "drop", "hold"];
      return kinds[Math.floor(seededUnit(faults.seed, key, n, "kind") * kinds.length)];
    }
  }
  return null;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (d) => chunks.push(d)).on("end", () => resolve(Buffer.concat(chunks).toString("utf8"))).on("error", reject);
  });
}

function parseJson(text) {
  try { return { value: JSON.parse(text) }; } catch { return { error: "the body is not JSON" }; }
}

async function handle(req, res) {
  const [rawPath, rawQuery = ""] = req.url.split("?");
  const url = new URL(req.url, "http://standin");
  const body = await readBody(req);

  if (rawPath === "/__records") {
    const only = url.searchParams.get("account");
    return send(res, 200, [...records.values()].filter((r) => !only || r.account === only));
  }
  if (rawPath === "/__stats") return send(res, 200, { ...stats, records: records.size, faults });
  if (rawPath === "/__reset" && req.method === "POST") { resetState(); changed(); return send(res, 200, { reset: true }); }
  if (rawPath === "/__revoke-tokens" && req.method === "POST") { accessTokens.clear(); return send(res, 200, { revoked: true }); }
  if (rawPath === "/__faults" && req.method === "POST") {
    const parsed = parseJson(body || "{}");
    if (parsed.error || typeof parsed.value !== "object" || Array.isArray(parsed.value) || parsed.value === null) {
      return send(res, 400, { error: "POST /__faults takes a JSON object" });
    }
    faults = { ...faults, ...parsed.value };
    return send(res, 200, faults);
  }
  if (rawPath === "/__accounts" && req.method === "POST") {
    const parsed = parseJson(body);
    if (parsed.error) return send(res, 400, { error: parsed.error });
    try { return send(res, 200, { account_id: addAccount(parsed.value) }); } catch (error) { return send(res, 400, { error: error.message }); }
  }

  if (rawPath === "/__catalog" && req.method === "POST") {
    const parsed = parseJson(body);
    const account = url.searchParams.get("account");
    if (parsed.error || !accounts.has(account)) return send(res, 400, { error: parsed.error ?? `no account ${account}` });
    changed();
    return send(res, 200, replaceCatalog(account, parsed.value));
  }
  if (rawPath === "/__movements" && req.method === "POST") {
    const parsed = parseJson(body);
    const account = url.searchParams.get("account");
    if (parsed.error || !Array.isArray(parsed.value) || !accounts.has(account)) return send(res, 400, { error: "POST a list of movements to an account" });
    const moved = applyMovements(account, parsed.value);
    changed();
    return send(res, moved.problems ? 400 : 200, moved);
  }
  if (rawPath === "/__balances") return send(res, 200, balancesOf(url.searchParams.get("account")));

  if (rawPath === TOKEN_PATH && req.method === "POST") {
    stats.token_requests += 1;
    const checked = checkAssertion(new URLSearchParams(body), `http://${req.headers.host}${TOKEN_PATH}`);
    if (typeof checked === "string") {
      stats.tokens_refused += 1;
      return send(res, 400, { error: "invalid_grant", error_description: checked });
    }
    const token = createHash("sha256").update(`${Math.random()}${Date.now()}`).digest("hex");
    accessTokens.set(token, { account: checked.account.account_id, expiresAt: Date.now() + faults.token_ttl_s * 1000 });
    return send(res, 200, { access_token: token, token_type: "bearer", expires_in: faults.token_ttl_s });
  }

  if (rawPath === SUITEQL_PATH) return suiteql(req, res, rawPath, rawQuery, url, body);
  return record(req, res, rawPath, rawQuery, body);
}

async function record(req, res, rawPath, rawQuery, body) {
  const match = rawPath.match(RECORD_PATH);
  if (!match) return nsError(res, 404, `no route ${rawPath}`, "INVALID_URL");
  const auth = authenticate(req, rawPath, rawQuery);
  if (typeof auth === "string") {
    stats.auth_refused += 1;
    return nsError(res, 401, `Invalid login attempt. ${auth}`);
  }
  const account = auth.account.account_id;
  return counted(account, res, () => recordCall(req, res, match, account, auth, body));
}

async function recordCall(req, res, match, account, auth, body) {
  const type = match[1];
  const externalId = decodeURIComponent(match[2]);
  const key = `${account}\u0000${type}\u0000${externalId}`;
  if (req.method === "GET") {
    const record = records.get(key);
    return record ? send(res, 200, { id: record.internalId, externalId, ...record.body }) : nsError(res, 404, "That record does not exist.", "NONEXISTENT_ID");
  }
  if (req.method !== "PUT") return nsError(res, 405, `${req.method} is not allowed here`);
  stats.record_puts += 1;
  if (faults.delay_ms) await new Promise((r) => setTimeout(r, faults.delay_ms));
  if (faults.delay_next > 0) {
    faults.delay_next -= 1;
    await new Promise((r) => setTimeout(r, faults.delay_next_ms));
  }
  const parsed = parseJson(body);
  if (parsed.error) { stats.bad_requests += 1; return nsError(res, 400, "Invalid JSON in the request body.", "INVALID_CONTENT"); }
  const problems = type === "binTransfer" ? transferProblems(parsed.value, auth.account) : recordProblems(parsed.value, auth.account);
  if (problems.length) {
    stats.bad_requests += 1;
    return send(res, 400, { type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1", title: "Bad Request", status: 400,
      "o:errorDetails": problems.map((detail) => ({ detail, "o:errorCode": "USER_ERROR" })) });
  }
  const fault = applyFaults(key);
  if (fault) {
    stats.faults_injected += 1;
    const kind = fault.status ? String(fault.status) : fault;
    stats.fault_kinds[kind] = (stats.fault_kinds[kind] ?? 0) + 1;
  }
  if (fault?.status) return nsError(res, fault.status, faults.detail, fault.status === 429 ? "CONCURRENCY_LIMIT_EXCEEDED" : "UNEXPECTED_ERROR");

  const existing = records.get(key);
  if (!existing) applyRecord(account, type, parsed.value);
  const record = { account, type, externalId, internalId: existing?.internalId ?? String(nextInternalId++), body: parsed.value, puts: (existing?.puts ?? 0) + 1 };
  records.set(key, record);
  changed();
  if (fault === "drop") { req.socket.destroy(); return; }
  if (fault === "hold") await new Promise((r) => setTimeout(r, faults.hold_ms));
  res.writeHead(204, { location: `http://${req.headers.host}/services/rest/record/v1/${type}/${record.internalId}` });
  res.end();
}

// ── SuiteQL ───────────────────────────────────────────────────────────────────
async function suiteql(req, res, rawPath, rawQuery, url, body) {
  if (req.method !== "POST") return nsError(res, 405, `${req.method} is not allowed here`);
  const auth = authenticate(req, rawPath, rawQuery);
  if (typeof auth === "string") {
    stats.auth_refused += 1;
    return nsError(res, 401, `Invalid login attempt. ${auth}`);
  }
  stats.suiteql_queries += 1;
  return counted(auth.account.account_id, res, () => suiteqlCall(req, res, url, body, auth));
}

// The account's setup records SuiteQL reads beside its catalogue: its subsidiary and the account
// adjustments are booked to, as its config names them (subsidiary_name, adjustment_account_name).
function setupTables(account) {
  const row = (id, fields) => (id === undefined || id === null ? [] : [{ id: Number(id), isinactive: "F", ...fields }]);
  return {
    subsidiary: { columns: ["id", "name", "isinactive"],
                  rows: row(account.subsidiary_id, { name: account.subsidiary_name ?? "Parent Company" }) },
    account: { columns: ["id", "acctnumber", "fullname", "accttype", "isinactive"],
               rows: row(account.adjustment_account_id, { acctnumber: "5800", fullname: account.adjustment_account_name ?? "Inventory Adjustments",
                                                          accttype: "COGS" }) },
  };
}

async function suiteqlCall(req, res, url, body, auth) {
  if (faults.suiteql_delay_ms) await new Promise((r) => setTimeout(r, faults.suiteql_delay_ms));
  if (!/\btransient\b/i.test(req.headers.prefer ?? "")) return nsError(res, 400, "The request must carry the header Prefer: transient.", "INVALID_HEADER");
  const limit = Number(url.searchParams.get("limit") ?? 1000), offset = Number(url.searchParams.get("offset") ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return nsError(res, 400, "Invalid limit: it must be between 1 and 1000.", "INVALID_PARAMETER");
  if (!Number.isInteger(offset) || offset < 0 || offset + limit > 100000) {
    return nsError(res, 400, "Invalid offset: a query returns at most its first 100000 results; narrow it instead.", "INVALID_PARAMETER");
  }
  const parsed = parseJson(body);
  if (parsed.error || typeof parsed.value?.q !== "string") return nsError(res, 400, "The body must be { \"q\": \"SELECT …\" }.", "INVALID_CONTENT");
  const fault = applyFaults(`suiteql\u0000${parsed.value.q}\u0000${offset}`);
  if (fault) {
    stats.faults_injected += 1;
    const kind = fault.status ? String(fault.status) : fault;
    stats.fault_kinds[kind] = (stats.fault_kinds[kind] ?? 0) + 1;
    if (fault.status) return nsError(res, fault.status, faults.detail, fault.status === 429 ? "CONCURRENCY_LIMIT_EXCEEDED" : "UNEXPECTED_ERROR");
    if (fault === "drop") { req.socket.destroy(); return; }
    if (fault === "hold") await new Promise((r) => setTimeout(r, faults.hold_ms));
  }
  let page;
  try {
    page = suiteqlPage(auth.account.account_id, parsed.value.q, limit, offset, setupTables(auth.account));
  } catch (error) {
    if (!(error instanceof SuiteQLError)) throw error;
    stats.bad_requests += 1;
    return nsError(res, 400, error.message, "INVALID_SEARCH");
  }
  const items = page.rows.map(asAnswerRow);
  return send(res, 200, { links: [], count: items.length, hasMore: offset + items.length < page.total, items, offset, totalResults: page.total });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error("stand-in error:", error);
    if (!res.headersSent) nsError(res, 500, "stand-in error", "UNEXPECTED_ERROR");
    else res.destroy();
  });
});
// An idle kept-alive connection stays open a minute (Node's default is 5 s): a client that paused
// longer than that between two calls (a test running a script synchronously) would otherwise send
// its next request on a socket the stand-in had just closed, and see "fetch failed".
server.keepAliveTimeout = 60000;
server.listen(port, "127.0.0.1", () => console.log(`NetSuite stand-in on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { if (saveTimer) saveState(); server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 500).unref(); });
