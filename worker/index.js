// The Worker: a thin shell around the C++ core (DESIGN.md "Shape").
// Static pages come from public/ through the assets binding; everything else
// is a conversation with the core.
import { converse } from "./conversation.js";
import { handleHttp } from "./http.js";

export { PushMutexDO } from "./push_mutex_do.js";

export default {
  async fetch(request, env) {
    return handleHttp(request, env);
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      converse({ kind: "scheduled", cron: controller.cron, scheduled_time: new Date(controller.scheduledTime).toISOString() }, env)
        .then((output) => console.log("cron", controller.cron, JSON.stringify(output.done ?? output)))
    );
  },
};
