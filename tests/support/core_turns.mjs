// The wasm core driven turn by turn from a test, its D1 batches run on the
// runtime's database: a test can slip another request in between a
// conversation's read and its write (a deterministic stale read).
import { readFileSync } from "node:fs";

import { bindCore } from "../../worker/core_abi.js";
import { bindable } from "../../worker/effects.js";

export const core = bindCore(new WebAssembly.Module(readFileSync(new URL("../../build/wasi/core.wasm", import.meta.url))));

// One d1 effect as worker/effects.js runs it: one batch, its rows, or the error.
export async function runBatch(db, effect) {
  try {
    const results = await db.batch(effect.statements.map((s) => db.prepare(s.sql).bind(...s.params.map(bindable))));
    return { ok: true, results: results.map((r) => ({ rows: r.results ?? [], changes: r.meta?.changes ?? 0 })) };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}
