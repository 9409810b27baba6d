// Drives one conversation with the core: call, run the effects it asks for,
// call again with its state and their results, until it answers.
import { callCore } from "./core.js";
import { nonce } from "./crypto.js";
import { runEffects } from "./effects.js";

const MAX_TURNS = 64;

export async function converse(event, env) {
  let turn;
  for (let i = 0; i < MAX_TURNS; i++) {
    const output = callCore({ ...event, now: new Date().toISOString(), nonce: nonce(), ...(turn ? { turn } : {}) });
    if (output.effects?.length) {
      const results = await runEffects(output.effects, env);
      if (output.respond || output.done) return output;
      turn = { state: output.state ?? null, results };
      continue;
    }
    return output;
  }
  throw new Error(`core conversation exceeded ${MAX_TURNS} turns`);
}
