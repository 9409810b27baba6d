// HTTP ↔ core: a Request becomes the core's input, its answer a Response.
import { CoreTrap } from "./core.js";
import { converse } from "./conversation.js";
import { sha256Hex } from "./crypto.js";

function problemResponse(status, title, detail) {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, errors: [] }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

async function toInput(request, env) {
  const url = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
  const token = request.headers.get("x-edit-token");
  const idempotencyKey = request.headers.get("idempotency-key");
  return {
    kind: "http",
    request: {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      ...(env.CORE_DEBUG_ROUTES === "1" ? { debug: true } : {}),
      ...(token ? { token_sha256: await sha256Hex(token) } : {}),
      ...(idempotencyKey ? { idempotency_key: idempotencyKey, body_sha256: await sha256Hex(body) } : {}),
    },
  };
}

export async function handleHttp(request, env) {
  try {
    const output = await converse(await toInput(request, env), env);
    const answer = output.respond;
    if (!answer) return problemResponse(500, "Core gave no answer", "the core ended without a response");
    return new Response(answer.body, {
      status: answer.status,
      headers: { "content-type": answer.content_type, ...(answer.headers ?? {}) },
    });
  } catch (error) {
    console.error("request failed", error);
    if (error instanceof CoreTrap) return problemResponse(500, "Core trapped", "the request could not be processed; it was logged");
    return problemResponse(500, "Internal error", String(error?.message ?? error));
  }
}
