#pragma once
#include "request.h"

namespace core::routes {

// GET /health: the core's version and a D1 round trip.
json health(const Ctx& ctx);

}  // namespace core::routes
