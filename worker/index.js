// The Worker: a thin shell around the C++ core (DESIGN.md "Shape").
// Static pages come from public/ through the assets binding; everything else
// is a conversation with the core.
import { converse, newFigures } from "./conversation.js";
import { runEffects } from "./effects.js";
import { handleHttp, problemResponse } from "./http.js";

export { PushMutexDO } from "./push_mutex_do.js";

// With the weekly-count queue bound, the tick only plans and sends one message per location
// (fan_out); the demo clock's ticks run the whole week in the tick itself.
function weeklyTick(cron, scheduledTime, env, now, fanOut = Boolean(env.WEEKLY_COUNT)) {
  const started = Date.now();
  const figures = newFigures();
  return converse({ kind: "scheduled", cron, scheduled_time: new Date(scheduledTime).toISOString(), fan_out: fanOut,
    ...(now ? { now } : {}) }, env, figures)
    .then((output) => {
      const done = output.done ?? output;
      // runs: how many locations the tick worked on, done, failed and still waiting (GET /api/schedule/runs).
      console.log(JSON.stringify({ event: "cron", cron, week: done.week ?? null, ok: done.ok ?? false, runs: done.runs ?? null,
        report: done.report ?? null,
        duration_ms: Date.now() - started, core_turns: figures.turns, d1_batches: figures.d1_batches, d1_statements: figures.d1_statements,
        d1_batch_most: figures.d1_batch_most, d1_rows: figures.d1_rows, wasm_bytes: figures.wasm_bytes }));
      return { ...done, figures };
    });
}

export default {
  async fetch(request, env, ctx) {
    // Local demo only (DEMO_CLOCK=1): the history seed fires past weeks' ticks at their own time.
    const url = new URL(request.url);
    if (env.DEMO_CLOCK === "1" && url.pathname === "/__demo/tick" && request.method === "POST") {
      const at = url.searchParams.get("time") ? Number(url.searchParams.get("time")) : NaN;
      // A Date holds ±8.64e15 ms; past that there is no instant to tick at.
      if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) {
        return problemResponse(400, "Invalid demo time", "time: epoch milliseconds of a real instant, e.g. time=1795413600000");
      }
      return Response.json(await weeklyTick("0 6 * * MON", at, env, new Date(at).toISOString(), false));
    }
    // Tests only (CORE_DEBUG_ROUTES=1, never in wrangler.toml): a D1 batch the core asked for, run
    // here as the product runs it, for a test that drives the core turn by turn and slips another
    // request between its reads and its write (tests/support/core_turns.mjs).
    if (env.CORE_DEBUG_ROUTES === "1" && url.pathname === "/__test/d1-batch" && request.method === "POST") {
      const [result] = await runEffects([await request.json()], env);
      return Response.json(result);
    }
    return handleHttp(request, env, ctx);
  },

  // Awaited, not handed to waitUntil: the invocation is the tick, and whoever fired it
  // (Miniflare's scheduled(), wrangler's /__scheduled) sees it end when its work has.
  async scheduled(controller, env) {
    await weeklyTick(controller.cron, controller.scheduledTime, env);
  },

  // The weekly-count queue (one location's week a message) and its dead-letter queue.
  async queue(batch, env) {
    const dead = batch.queue.endsWith("-dlq");
    for (const message of batch.messages) {
      const started = Date.now();
      const figures = newFigures();
      let done;
      try {
        const output = await converse({ kind: "queue", message: message.body, attempts: message.attempts, dead }, env, figures);
        done = output.done ?? output;
      } catch (error) {
        done = { ok: false, retry: true, error: String(error?.message ?? error) };
      }
      const outcome = dead ? "dead" : done.retry ? "retry" : done.requeue ? "requeued" : "done";
      console.log(JSON.stringify({ event: "queue", queue: batch.queue, week: message.body?.week ?? null,
        location_id: message.body?.location_id ?? null, attempts: message.attempts, outcome, runs: done.runs ?? null,
        error: done.error ?? null, duration_ms: Date.now() - started, core_turns: figures.turns,
        d1_batches: figures.d1_batches, d1_statements: figures.d1_statements }));
      if (outcome === "retry") {
        message.retry({ delaySeconds: Math.min(300, 2 ** message.attempts) });
      } else {
        // Its budget ran out, or its zone waits for a NetSuite sync (delay_seconds): it goes on in
        // a fresh invocation, not as a retry.
        if (outcome === "requeued") {
          await env.WEEKLY_COUNT.send(message.body, done.delay_seconds ? { delaySeconds: done.delay_seconds } : undefined);
        }
        message.ack();
      }
    }
  },
};
