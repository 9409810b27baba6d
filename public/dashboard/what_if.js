// The C++ guardrail in the browser: core-web.mjs is the core compiled by
// Emscripten, called through the same ABI as the Worker's (wasm/abi.cc).
import createCore from "../core-web.mjs";

let core = null;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// → { items, auto, review, confirmed: { items, value_minor, value }, decisions }
export async function whatIf(guardrail, lines) {
  core ??= await createCore();
  const bytes = encoder.encode(JSON.stringify({ kind: "what_if", guardrail, lines }));
  const input = core._core_alloc(bytes.length);
  core.HEAPU8.set(bytes, input);
  const result = core._core_handle(input, bytes.length);
  core._core_free(input);
  const at = core._core_result_ptr(result);
  const output = JSON.parse(decoder.decode(core.HEAPU8.subarray(at, at + core._core_result_len(result))));
  const bodyAt = core._core_result_body_ptr(result);
  const body = output.respond?.body_follows ? decoder.decode(core.HEAPU8.subarray(bodyAt, bodyAt + core._core_result_body_len(result))) : "{}";
  core._core_result_free(result);
  if (output.done) return output.done;
  const problem = JSON.parse(body);
  const field = problem.errors?.[0];
  throw new Error(field ? `${field.path}: ${field.message}` : problem.detail ?? "the preview failed");
}
