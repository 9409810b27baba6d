// PushMutexDO: the one drainer of ns_pending_pushes. It holds no state of its
// own in memory: leases and attempts live in D1 (DESIGN.md "Outbox"), so an
// evicted or restarted object picks up where the table says. Alarms are
// at-least-once; every step the core plans is idempotent.
import { DurableObject } from "cloudflare:workers";

import { converse } from "./conversation.js";

const IDLE_RECHECK_MS = 60_000;

export class PushMutexDO extends DurableObject {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/wake") {
      await this.ctx.storage.setAlarm(Date.now());
      return Response.json({ armed: true });
    }
    if (url.pathname === "/status") {
      return Response.json({ alarm: await this.ctx.storage.getAlarm(), last_run: (await this.ctx.storage.get("last_run")) ?? null });
    }
    return new Response("not found", { status: 404 });
  }

  async alarm() {
    const output = await converse({ kind: "alarm" }, this.env);
    const done = output.done ?? {};
    await this.ctx.storage.put("last_run", { at: new Date().toISOString(), ...done });
    if (done.next_alarm_ms !== undefined) await this.ctx.storage.setAlarm(Date.now() + done.next_alarm_ms);
    else if ((done.outbox?.pending ?? 0) > 0) await this.ctx.storage.setAlarm(Date.now() + IDLE_RECHECK_MS);
  }
}
