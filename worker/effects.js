// Executes the effects the core asks for and returns their results in order.
// d1: one batch() = one transaction; an error rolls the whole batch back.
// Effects of one turn that touch no database (NetSuite calls, signatures) run
// in parallel; D1 batches run one after the other.
import { newToken } from "./crypto.js";
import { sealSecrets, sign, unsealValues } from "./secrets.js";

// A parameter the core gives as an array is bound as its JSON text (for json_each): the
// core hands over rows once, not as a string escaped inside its output (src/turn.h).
export const bindable = (p) => (Array.isArray(p) ? JSON.stringify(p) : p);

async function runD1(effect, env) {
  let result;
  try {
    const statements = effect.statements.map((s) => env.DB.prepare(s.sql).bind(...(s.params ?? []).map(bindable)));
    const results = await env.DB.batch(statements);
    result = { ok: true, results: results.map((r) => ({ rows: r.results ?? [], changes: r.meta?.changes ?? 0 })) };
  } catch (error) {
    return { ok: false, error: String(error?.cause?.message ?? error?.message ?? error) };
  }
  // The batch wrote outbox rows: nudge their drainers now that they are committed.
  for (const business of effect.wake_pushers ?? []) await wakePusher(env, business);
  return result;
}

async function runFetch(effect) {
  const timeoutMs = effect.timeout_ms ?? 20000;
  try {
    const response = await fetch(effect.url, {
      method: effect.method, headers: effect.headers, body: effect.body, signal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: true, status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  } catch (error) {
    const timedOut = error?.name === "TimeoutError" || error?.name === "AbortError";
    return { ok: false, timed_out: timedOut, error: timedOut ? `timed out after ${timeoutMs} ms` : String(error?.message ?? error) };
  }
}

// Nudges a business's push drainer; the outbox row is already committed, so a
// lost nudge only delays the push until the drainer's next alarm or the cron.
async function wakePusher(env, businessId) {
  try {
    const stub = env.PUSH_MUTEX.get(env.PUSH_MUTEX.idFromName(businessId));
    await stub.fetch("https://push-mutex/wake", { method: "POST", body: JSON.stringify({ business_id: businessId }) });
    return { ok: true };
  } catch (error) {
    console.error("push drainer not woken", businessId, error?.message ?? error);
    return { ok: false, error: String(error?.message ?? error) };
  }
}

// Messages onto a queue binding, 100 a call (Queues' sendBatch limit).
async function sendToQueue(env, effect) {
  const queue = env[effect.binding];
  if (!queue) return { ok: false, error: `no queue bound as ${effect.binding}` };
  const messages = effect.messages ?? [];
  for (let i = 0; i < messages.length; i += 100) await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })));
  return { ok: true, sent: messages.length };
}

async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

function runOne(effect, env) {
  switch (effect.type) {
    case "d1": return runD1(effect, env);
    case "fetch": return runFetch(effect);
    case "wake_pusher": return wakePusher(env, effect.business_id);
    case "queue_send": return guarded(() => sendToQueue(env, effect));
    case "new_token": return guarded(newToken);
    case "sleep": return new Promise((resolve) => setTimeout(() => resolve({ ok: true }), effect.ms ?? 0));
    case "sign": return guarded(async () => ({ ok: true, signature: await sign(env, effect) }));
    case "seal": return guarded(() => sealSecrets(env, effect));
    case "unseal": return guarded(() => unsealValues(env, effect));
    default: return Promise.resolve({ ok: false, error: `unknown effect ${effect.type}` });
  }
}

export async function runEffects(effects, env) {
  const list = effects ?? [];
  if (list.every((e) => e.type !== "d1")) return Promise.all(list.map((e) => runOne(e, env)));
  const results = [];
  for (const effect of list) results.push(await runOne(effect, env));
  return results;
}
