#pragma once
// The NetSuite queue (admin): GET /api/pushes and POST /api/pushes/:id/retry.
#include "request.h"

namespace core::routes {

json list_pushes(const Ctx& ctx);
json retry_push(const Ctx& ctx);

}  // namespace core::routes
