#pragma once
// Why and what happened: GET /api/events (the inventory.adjusted ledger as a
// feed with a cursor) and GET /api/reflexion-log (who decided what, and why).
#include "request.h"

namespace core::routes {

json events_feed(const Ctx& ctx);
json list_reflexion_log(const Ctx& ctx);

}  // namespace core::routes
