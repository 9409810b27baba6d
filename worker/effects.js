// Executes the effects the core asks for and returns their results in order.
// d1: one batch() = one transaction; an error rolls the whole batch back.

async function runD1(effect, env) {
  try {
    const statements = effect.statements.map((s) => env.DB.prepare(s.sql).bind(...(s.params ?? [])));
    const results = await env.DB.batch(statements);
    return { ok: true, results: results.map((r) => ({ rows: r.results ?? [], changes: r.meta?.changes ?? 0 })) };
  } catch (error) {
    return { ok: false, error: String(error?.cause?.message ?? error?.message ?? error) };
  }
}

async function runFetch(effect) {
  try {
    const response = await fetch(effect.url, { method: effect.method, headers: effect.headers, body: effect.body });
    return { ok: true, status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

// Nudges the push drainer; the outbox row is already committed, so a lost
// nudge only delays the push until the next alarm.
async function wakePusher(env) {
  try {
    const stub = env.PUSH_MUTEX.get(env.PUSH_MUTEX.idFromName("ns-push"));
    await stub.fetch("https://push-mutex/wake", { method: "POST" });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

export async function runEffects(effects, env) {
  const results = [];
  for (const effect of effects ?? []) {
    if (effect.type === "d1") results.push(await runD1(effect, env));
    else if (effect.type === "fetch") results.push(await runFetch(effect));
    else if (effect.type === "wake_pusher") results.push(await wakePusher(env));
    else results.push({ ok: false, error: `unknown effect ${effect.type}` });
  }
  return results;
}
