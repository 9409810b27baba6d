// The Worker: a thin shell around the C++ core (DESIGN.md "Shape").
// Static pages come from public/ through the assets binding; everything else
// is a conversation with the core.
import { converse } from "./conversation.js";
import { handleHttp } from "./http.js";

export { PushMutexDO } from "./push_mutex_do.js";

function weeklyTick(cron, scheduledTime, env, now) {
  return converse({ kind: "scheduled", cron, scheduled_time: new Date(scheduledTime).toISOString(), ...(now ? { now } : {}) }, env)
    .then((output) => {
      console.log("cron", cron, JSON.stringify(output.done ?? output));
      return output.done ?? output;
    });
}

export default {
  async fetch(request, env) {
    // Local demo only (DEMO_CLOCK=1): the history seed fires past weeks' ticks at their own time.
    const url = new URL(request.url);
    if (env.DEMO_CLOCK === "1" && url.pathname === "/__demo/tick" && request.method === "POST") {
      const at = Number(url.searchParams.get("time"));
      if (!Number.isFinite(at)) return new Response("time (epoch ms) required", { status: 400 });
      return Response.json(await weeklyTick("0 6 * * MON", at, env, new Date(at).toISOString()));
    }
    return handleHttp(request, env);
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(weeklyTick(controller.cron, controller.scheduledTime, env));
  },
};
