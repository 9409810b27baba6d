#include "routes/health.h"

#include "core.h"
#include "settings.h"
#include "turn.h"

namespace core::routes {

json health(const Ctx& ctx) {
  if (ctx.state.is_null()) {
    return ask_d1({{"SELECT COUNT(*) AS businesses FROM businesses", json::array()}}, {{"step", "db"}});
  }
  const json& d1 = ctx.first_result();
  bool db_ok = d1_ok(d1);
  // Configuration the Worker cannot work without shows here, not later inside a push.
  json config = json::array();
  if (std::string key = settings_of(ctx.settings).secrets_key_status; !key.empty() && key != "ok") {
    config.push_back({{"setting", "NS_SECRETS_KEY"}, {"problem", key}});
  }
  bool healthy = db_ok && config.empty();
  json body = {{"status", healthy ? "ok" : "degraded"}, {"core_version", version()}, {"db", db_ok ? "ok" : "error"}};
  if (!db_ok) body["db_error"] = d1_error(d1);
  if (!config.empty()) body["config"] = config;
  json answer = respond_json(db_ok ? 200 : 503, body);
  if (!config.empty()) answer["log"] = "health degraded: " + config.dump();
  return answer;
}

}  // namespace core::routes
