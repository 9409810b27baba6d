// PushMutexDO: one per business (idFromName(business_id)), the drainer of its
// ns_pending_pushes and the reader of its NetSuite stock (the sync, DESIGN.md "Real data in"):
// each alarm drains, then syncs, so pulls and pushes to the account go one at a time. Leases and attempts live in D1 (DESIGN.md "The outbox and the push"), so an
// evicted or restarted object picks up where the table says; alarms are
// at-least-once and every step the core plans is idempotent. The object keeps
// in memory only the NetSuite access token the core allowed it to cache.
import { DurableObject } from "cloudflare:workers";

import { converse, newFigures } from "./conversation.js";

export class PushMutexDO extends DurableObject {
  tokenCache = null;
  wakes = 0;  // wakes seen by this instance: one that arrives while an alarm runs must not be overwritten

  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/wake" && request.method === "POST") {
      const { business_id: businessId } = await request.json().catch(() => ({}));
      if (businessId && (await this.ctx.storage.get("business_id")) !== businessId) {
        await this.ctx.storage.put("business_id", businessId);
      }
      this.wakes += 1;
      await this.ctx.storage.setAlarm(Date.now());
      return Response.json({ armed: true });
    }
    if (url.pathname === "/drain" && request.method === "POST") return Response.json(await this.drain());
    if (url.pathname === "/status") {
      return Response.json({ alarm: await this.ctx.storage.getAlarm(), last_run: (await this.ctx.storage.get("last_run")) ?? null });
    }
    return new Response("not found", { status: 404 });
  }

  async alarm() {
    const wakes = this.wakes;
    const drained = await this.drain(false);
    const synced = await this.run("sync");
    await this.arm(wakes, [drained.next_alarm_ms, synced.next_alarm_ms]);
  }

  async drain(arm = true) {
    const wakes = this.wakes;
    const done = await this.run("alarm");
    await this.ctx.storage.put("last_run", { at: new Date().toISOString(), ...done });
    if (arm) await this.arm(wakes, [done.next_alarm_ms]);
    return done;
  }

  // The next alarm: the soonest the core asked for — or now, when a wake (a push enqueued, a sync
  // asked for) came in while this ran, since its setAlarm(now) would otherwise be overwritten and
  // the work it announced left until the next sync.
  async arm(wakesBefore, nextMs) {
    const next = nextMs.filter((ms) => ms !== undefined);
    if (this.wakes !== wakesBefore) await this.ctx.storage.setAlarm(Date.now());
    else if (next.length) await this.ctx.storage.setAlarm(Date.now() + Math.min(...next));
  }

  // One conversation of the core for this business: "alarm" (the drain) or "sync".
  async run(kind) {
    const businessId = await this.ctx.storage.get("business_id");
    if (!businessId) return { error: "this drainer was never woken for a business" };
    const started = Date.now();
    const figures = newFigures();
    const output = await converse({ kind, business_id: businessId, token_cache: this.tokenCache }, this.env, figures);
    const { token_cache: tokenCache, ...done } = output.done ?? {};
    // The line: counts and timings, never the access token the object caches.
    console.log(JSON.stringify({ event: kind === "alarm" ? "alarm" : "sync", business_id: businessId,
      ...Object.fromEntries(Object.entries(done).filter(([, v]) => typeof v !== "object")),
      duration_ms: Date.now() - started, core_turns: figures.turns, d1_batches: figures.d1_batches, d1_statements: figures.d1_statements,
      wasm_bytes: figures.wasm_bytes }));
    this.tokenCache = tokenCache ?? this.tokenCache ?? null;
    return done;
  }
}
