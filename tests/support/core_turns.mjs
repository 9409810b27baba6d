// The wasm core driven turn by turn from a test, its D1 batches run on the
// runtime's database: a test can slip another request in between a
// conversation's read and its write (a deterministic stale read).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import { bindCore } from "../../worker/core_abi.js";
import { bindable } from "../../worker/effects.js";

export const core = bindCore(new WebAssembly.Module(readFileSync(new URL("../../build/wasi/core.wasm", import.meta.url))));

// One d1 effect as worker/effects.js runs it: one batch, its rows, or the error. `on` is a
// runtime (tests/support/runtime.mjs): the batch runs inside its Worker (CORE_DEBUG_ROUTES'
// /__test/d1-batch), as the product runs it — Miniflare's Node-side D1 proxy was seen to fail
// every call after a batch that failed on a write guard (tests/RELIABILITY.md). A bare D1
// binding (`on.prepare`) is run through directly.
export async function runBatch(on, effect) {
  if (on.mf) {
    const response = await on.mf.dispatchFetch("http://localhost/__test/d1-batch", { method: "POST", body: JSON.stringify(effect) });
    return response.json();
  }
  try {
    const results = await on.batch(effect.statements.map((s) => on.prepare(s.sql).bind(...s.params.map(bindable))));
    return { ok: true, results: results.map((r) => ({ rows: r.results ?? [], changes: r.meta?.changes ?? 0 })) };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

// Converses `request` (as `token`) on `db` (a runtime, or a D1 binding: runBatch) up to its
// first write batch and stops there; the returned function runs the rest and resolves to
// { status, json }.
export async function pauseBeforeWrite(db, request, token) {
  const input = { kind: "http", request: { query: {}, ...request, body: request.body === undefined ? "" : JSON.stringify(request.body),
    token_sha256: createHash("sha256").update(token).digest("hex") } };
  const step = (i, turn) => core({ ...input, now: new Date().toISOString(), nonce: `paused${i}`, ...(turn ? { turn } : {}) });
  const writes = (out) => out.effects?.some((e) => e.type === "d1" && e.statements.some((s) => /\b(INSERT|UPDATE|DELETE)\b/.test(s.sql)));
  let out = step(0);
  for (let i = 1; !writes(out); i++) {
    if (out.respond) throw new Error(`answered before writing: ${out.respond.body}`);
    out = step(i, { state: out.state, results: [await runBatch(db, out.effects[0])] });
  }
  return async () => {
    for (let i = 100; !out.respond; i++) {
      const results = [];
      for (const effect of out.effects) results.push(effect.type === "d1" ? await runBatch(db, effect) : {});
      out = step(i, { state: out.state, results });
    }
    return { status: out.respond.status, json: JSON.parse(out.respond.body) };
  };
}
