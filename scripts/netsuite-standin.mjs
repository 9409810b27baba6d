// A NetSuite stand-in that speaks the REST shape the Worker's client uses:
//   POST /services/rest/auth/oauth2/v1/token                 client credentials (JWT assertion) → access token
//   PUT  /services/rest/record/v1/inventoryAdjustment/eid:X  upsert keyed by external id (204 + Location)
//   GET  /services/rest/record/v1/inventoryAdjustment/eid:X  read back
// It checks auth (Bearer from its token endpoint, or an OAuth 1.0a header with
// HMAC-SHA256), keeps external ids unique, and injects faults on demand:
//   POST /__faults { "fail_next": N, "status": 503 | 429 | 500, "delay_ms"? }
//   GET  /__records → [{ externalId, internalId, body }]     POST /__reset
import http from "node:http";
import { randomUUID } from "node:crypto";

const port = Number(process.env.NS_STANDIN_PORT ?? 8788);
const records = new Map();      // externalId → { internalId, body }
const accessTokens = new Set();
let nextInternalId = 5000;
let faults = { fail_next: 0, status: 503, delay_ms: 0 };

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

function nsError(res, status, title, detail) {
  send(res, status, { type: "https://www.rfc-editor.org/rfc/rfc9110.html", title, status,
    "o:errorDetails": [{ detail, "o:errorCode": status === 401 ? "INVALID_LOGIN" : "USER_ERROR" }] });
}

function authorised(req) {
  const header = req.headers.authorization ?? "";
  if (header.startsWith("Bearer ")) return accessTokens.has(header.slice(7));
  // TBA: accept a well-formed OAuth 1.0a header signed with HMAC-SHA256.
  return header.startsWith("OAuth ") && /oauth_signature_method="HMAC-SHA256"/.test(header) && /oauth_signature="[^"]+"/.test(header);
}

function readBody(req) {
  return new Promise((resolve) => {
    let s = "";
    req.on("data", (d) => (s += d)).on("end", () => resolve(s));
  });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://standin");
  const body = await readBody(req);
  if (url.pathname === "/__records") return send(res, 200, [...records].map(([externalId, r]) => ({ externalId, internalId: r.internalId, body: r.body })));
  if (url.pathname === "/__reset") { records.clear(); faults = { fail_next: 0, status: 503, delay_ms: 0 }; return send(res, 200, { reset: true }); }
  if (url.pathname === "/__faults") { faults = { ...faults, ...JSON.parse(body || "{}") }; return send(res, 200, faults); }

  if (url.pathname === "/services/rest/auth/oauth2/v1/token" && req.method === "POST") {
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "client_credentials" || !form.get("client_assertion")) {
      return send(res, 400, { error: "invalid_request" });
    }
    const token = randomUUID();
    accessTokens.add(token);
    return send(res, 200, { access_token: token, token_type: "bearer", expires_in: 3600 });
  }

  const match = url.pathname.match(/^\/services\/rest\/record\/v1\/inventoryAdjustment\/eid:(.+)$/);
  if (!match) return nsError(res, 404, "Not Found", `no route ${url.pathname}`);
  if (!authorised(req)) return nsError(res, 401, "Unauthorized", "Invalid login attempt.");
  if (faults.delay_ms) await new Promise((r) => setTimeout(r, faults.delay_ms));
  if (faults.fail_next > 0) { faults.fail_next -= 1; return nsError(res, faults.status, "Injected fault", "stand-in fault injection"); }

  const externalId = decodeURIComponent(match[1]);
  if (req.method === "GET") {
    const record = records.get(externalId);
    return record ? send(res, 200, { id: record.internalId, externalId, ...record.body }) : nsError(res, 404, "Not Found", "record not found");
  }
  if (req.method !== "PUT") return nsError(res, 405, "Method Not Allowed", req.method);
  let parsed;
  try { parsed = JSON.parse(body); } catch { return nsError(res, 400, "Bad Request", "invalid JSON"); }
  const existing = records.get(externalId);
  const internalId = existing?.internalId ?? String(nextInternalId++);
  records.set(externalId, { internalId, body: parsed });
  res.writeHead(204, { location: `http://127.0.0.1:${port}/services/rest/record/v1/inventoryAdjustment/${internalId}` });
  res.end();
});

server.listen(port, "127.0.0.1", () => console.log(`NetSuite stand-in on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
