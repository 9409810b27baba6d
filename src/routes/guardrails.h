#pragma once
// GET|PUT /api/guardrails (admin): the business's auto-adjust threshold.
#include "request.h"

namespace core::routes {

json get_guardrails(const Ctx& ctx);
json put_guardrails(const Ctx& ctx);

}  // namespace core::routes
