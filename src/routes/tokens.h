#pragma once
// API tokens of the caller's business (admin): POST /api/tokens makes one for a
// role and shows it once (only its SHA-256 is stored, made by the shell's
// `new_token` effect); GET /api/tokens lists them without secrets; DELETE
// /api/tokens/:id revokes one at once (its next request is 401).
// A token's id is "tok_" + the first 16 hex digits of its hash.
#include "request.h"

namespace core::routes {

json create_token(const Ctx& ctx);
json list_tokens(const Ctx& ctx);
json revoke_token(const Ctx& ctx);
// PATCH /api/tokens/:id (admin): { limits } — what the holder may approve (approval_limits.h).
json update_token(const Ctx& ctx);

}  // namespace core::routes
