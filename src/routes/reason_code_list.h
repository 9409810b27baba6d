#pragma once
// GET /api/reason-codes (approver: the list a decision picks from) and PUT /api/reason-codes
// (admin: { items: [{ code, label, ns_memo? }] } replaces the list); src/reason_codes.h.
#include "request.h"

namespace core::routes {

json get_reason_codes(const Ctx& ctx);
json put_reason_codes(const Ctx& ctx);

}  // namespace core::routes
