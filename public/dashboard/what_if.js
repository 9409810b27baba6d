// The C++ guardrail in the browser: the Worker's own core.wasm through the Worker's own
// binding (core_abi.js, with its trap recovery), both copied beside the pages by the build.
import { bindCore } from "../core_abi.js";

let call = null;

async function core() {
  if (call === null) {
    const answer = await fetch(new URL("../core.wasm", import.meta.url));
    if (!answer.ok) throw new Error(`the core could not be loaded (${answer.status})`);
    call = bindCore(await WebAssembly.compile(await answer.arrayBuffer()));
  }
  return call;
}

// → { items, auto, recount, review, confirmed: { items, value_minor, value }, decisions }
export async function whatIf(guardrail, lines) {
  const output = (await core())({ kind: "what_if", guardrail, lines });
  if (output.done) return output.done;
  const problem = JSON.parse(output.respond?.body ?? "{}");
  const field = problem.errors?.[0];
  throw new Error(field ? `${field.path}: ${field.message}` : problem.detail ?? "the preview failed");
}
