// Drives one conversation with the core: call, run the effects it asks for,
// call again with its state and their results, until it answers. Keeps the
// figures of where the time went (core calls, D1 batches), which http.js sends
// as Server-Timing.
import { callCore } from "./core.js";
import { nonce } from "./crypto.js";
import { runEffects } from "./effects.js";
import { secretsKeyStatus } from "./secrets.js";

// A request needs a handful of turns (a paged start or close one per page, within its D1
// budget: stock_count/item_pages.h); the weekly tick needs two per location.
const MAX_TURNS = { http: 256, alarm: 64, sync: 512, scheduled: 4096, queue: 1024 };

// The vars the core reads (src/settings.h), passed as text; it owns their defaults.
const SETTINGS = ["NS_RETRY_BASE_MS", "NS_TIMEOUT_MS", "NS_ALLOW_LOOPBACK", "COUNT_PAGE_LINES", "D1_STATEMENT_BUDGET", "NS_SYNC_MINUTES", "NS_MAX_CONCURRENCY"];

// Where one conversation's time went: core calls and their ms, D1 batches, statements (and the
// most in one batch), rows and effect ms, and the core's memory once it answered.
export function newFigures() {
  return { turns: 0, core_ms: 0, d1_batches: 0, d1_statements: 0, d1_batch_most: 0, d1_rows: 0, effects_ms: 0, wasm_bytes: 0 };
}

export async function converse(event, env, figures = newFigures()) {
  const maxTurns = MAX_TURNS[event.kind] ?? 64;
  const settings = Object.fromEntries(SETTINGS.filter((name) => env[name] !== undefined).map((name) => [name, String(env[name])]));
  settings.NS_SECRETS_KEY_STATUS = await secretsKeyStatus(env);
  let turn;
  for (let i = 0; i < maxTurns; i++) {
    const now = event.now ?? new Date().toISOString();
    let started = performance.now();
    const input = { ...event, settings, now, nonce: nonce(), ...(turn ? { turn } : {}) };
    // CORE_RECORD=1 (local only): every core input on the log, for bench/replay.mjs.
    if (env.CORE_RECORD === "1") console.log(`CORE_INPUT ${JSON.stringify(input)}`);
    const output = callCore(input);
    figures.core_ms += performance.now() - started;
    figures.wasm_bytes = callCore.memoryBytes?.() ?? 0;
    figures.turns++;
    if (output.effects?.length) {
      started = performance.now();
      const results = await runEffects(output.effects, env);
      figures.effects_ms += performance.now() - started;
      for (const [j, effect] of output.effects.entries()) {
        if (effect.type !== "d1") continue;
        figures.d1_batches++;
        figures.d1_statements += effect.statements?.length ?? 0;
        figures.d1_batch_most = Math.max(figures.d1_batch_most, effect.statements?.length ?? 0);
        for (const r of results[j]?.results ?? []) figures.d1_rows += r.rows?.length ?? 0;
      }
      if (output.respond || output.done) return output;
      turn = { state: output.state ?? null, results };
      continue;
    }
    return output;
  }
  throw new Error(`core conversation exceeded ${maxTurns} turns`);
}
