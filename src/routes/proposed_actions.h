#pragma once
// The human-in-the-loop queue of API.md: GET /api/proposed-actions and
// POST /api/inventory/adjust (approve or reject one staged adjustment).
#include "request.h"

namespace core::routes {

json list_proposed_actions(const Ctx& ctx);
json decide_adjustment(const Ctx& ctx);

}  // namespace core::routes
