#include "routes/health.h"

#include "core.h"
#include "turn.h"

namespace core::routes {

json health(const Ctx& ctx) {
  if (ctx.state.is_null()) {
    return ask_d1({{"SELECT COUNT(*) AS businesses FROM businesses", json::array()}}, {{"step", "db"}});
  }
  const json& d1 = ctx.first_result();
  bool db_ok = d1_ok(d1);
  json body = {{"status", db_ok ? "ok" : "degraded"}, {"core_version", version()}, {"db", db_ok ? "ok" : "error"}};
  if (!db_ok) body["db_error"] = d1_error(d1);
  return respond_json(db_ok ? 200 : 503, body);
}

}  // namespace core::routes
