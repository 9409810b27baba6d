// Drives one conversation with the core: call, run the effects it asks for,
// call again with its state and their results, until it answers.
import { callCore } from "./core.js";
import { nonce } from "./crypto.js";
import { runEffects } from "./effects.js";

// A request needs a handful of turns; the weekly tick needs two per location.
const MAX_TURNS = { http: 64, alarm: 64, scheduled: 4096 };

// The vars the core reads (src/settings.h), passed as text; it owns their defaults.
const SETTINGS = ["NS_RETRY_BASE_MS", "NS_TIMEOUT_MS", "NS_ALLOW_LOOPBACK"];

export async function converse(event, env) {
  const maxTurns = MAX_TURNS[event.kind] ?? 64;
  const settings = Object.fromEntries(SETTINGS.filter((name) => env[name] !== undefined).map((name) => [name, String(env[name])]));
  let turn;
  for (let i = 0; i < maxTurns; i++) {
    const now = event.now ?? new Date().toISOString();
    const output = callCore({ ...event, settings, now, nonce: nonce(), ...(turn ? { turn } : {}) });
    if (output.effects?.length) {
      const results = await runEffects(output.effects, env);
      if (output.respond || output.done) return output;
      turn = { state: output.state ?? null, results };
      continue;
    }
    return output;
  }
  throw new Error(`core conversation exceeded ${maxTurns} turns`);
}
