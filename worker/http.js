// HTTP ↔ core: a Request becomes the core's input, its answer a Response.
import { CoreTrap } from "./core.js";
import { converse, newFigures } from "./conversation.js";
import { runEffects } from "./effects.js";
import { sha256Hex } from "./crypto.js";

// The largest request body accepted (README "API"): 10,000 count lines fit in about 1.5 MB.
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
class BodyTooLarge extends Error {}

const decoder = new TextDecoder();

// The body as text, refusing (before reading it all) anything over MAX_BODY_BYTES.
async function boundedText(request) {
  const declared = request.headers.get("content-length");
  if (Number(declared ?? 0) > MAX_BODY_BYTES) throw new BodyTooLarge();
  if (!request.body) return "";
  // A declared length frames the body (HTTP/1.1): the runtime hands over exactly that many bytes,
  // at once. Only a body without one (chunked) is read piece by piece and counted.
  if (declared !== null) return request.text();
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return decoder.decode(bytes);
}

export function problemResponse(status, title, detail) {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, errors: [] }), {
    status,
    headers: { "content-type": "application/problem+json", "x-content-type-options": "nosniff" },
  });
}

// Local demo only (DEMO_CLOCK=1, never in wrangler.toml): the history seed
// replays past weeks through the real routes with the clock it names.
function demoNow(request, env) {
  const at = env.DEMO_CLOCK === "1" ? Date.parse(request.headers.get("x-demo-now") ?? "") : NaN;
  return Number.isFinite(at) ? { now: new Date(at).toISOString() } : {};
}

async function toInput(request, env) {
  const url = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? "" : await boundedText(request);
  const token = request.headers.get("x-edit-token");
  const idempotencyKey = request.headers.get("idempotency-key");
  return {
    kind: "http",
    ...demoNow(request, env),
    request: {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      ...(body ? { content_type: request.headers.get("content-type") ?? "" } : {}),
      ...(env.CORE_DEBUG_ROUTES === "1" ? { debug: true } : {}),
      ...(token ? { token_sha256: await sha256Hex(token) } : {}),
      ...(idempotencyKey ? { idempotency_key: idempotencyKey, body_sha256: await sha256Hex(body) } : {}),
    },
  };
}

// Where the request's time went (readable in the browser's network panel and by the benches).
function serverTiming(f) {
  return `core;dur=${f.core_ms.toFixed(2)};desc="${f.turns} turns", d1;dur=${f.effects_ms.toFixed(2)};desc="${f.d1_batches} batches, ${f.d1_statements} statements, ${f.d1_rows} rows", wasm;desc="${(f.wasm_bytes / 1048576).toFixed(1)} MB"`;
}

// One JSON line per request for `wrangler tail` and Workers Logs: which route, for which business,
// what status, how long and where the time went. Never a token, a secret, a query or a body.
function logRequest(request, started, figures, status, served) {
  console.log(JSON.stringify({
    event: "request", request_id: request.headers.get("cf-ray") ?? figures.request_id, method: request.method,
    route: served?.route ?? null, business_id: served?.business_id || null, status,
    duration_ms: Math.round(Date.now() - started), core_turns: figures.turns, core_ms: Math.round(figures.core_ms),
    d1_batches: figures.d1_batches, d1_statements: figures.d1_statements, d1_rows: figures.d1_rows,
  }));
}

// What the core asks to run once the answer has left (today: a token's last use), off the answer's path.
function runAfter(output, env, ctx) {
  if (!output.after?.length) return;
  const done = runEffects(output.after, env).catch((error) => console.error("after-answer effects failed", error));
  if (ctx?.waitUntil) ctx.waitUntil(done);
}

export async function handleHttp(request, env, ctx) {
  const started = Date.now();
  const figures = { ...newFigures(), request_id: crypto.randomUUID() };
  try {
    const output = await converse(await toInput(request, env), env, figures);
    if (output.log) console.error("core:", output.log);
    const answer = output.respond;
    if (!answer) {
      logRequest(request, started, figures, 500, output.served);
      return problemResponse(500, "Core gave no answer", "the core ended without a response");
    }
    logRequest(request, started, figures, answer.status, output.served);
    runAfter(output, env, ctx);
    // The token travels in a custom header, so a shared cache has no other sign that an
    // answer belongs to one business: nothing answered to a token is kept.
    const private_ = request.headers.has("x-edit-token") ? { "cache-control": "no-store" } : {};
    return new Response(answer.body, {
      status: answer.status,
      headers: { "content-type": answer.content_type, "x-content-type-options": "nosniff", "server-timing": serverTiming(figures),
                 ...private_, ...(answer.headers ?? {}) },
    });
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      logRequest(request, started, figures, 413, null);
      return problemResponse(413, "Request body too large", `send at most ${MAX_BODY_BYTES} bytes per request`);
    }
    console.error("request failed", error);
    logRequest(request, started, figures, 500, null);
    if (error instanceof CoreTrap) return problemResponse(500, "Core trapped", "the request could not be processed; it was logged");
    return problemResponse(500, "Internal error", "the request could not be processed; it was logged");
  }
}
