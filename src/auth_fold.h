#pragma once
// Authentication folded into a handler's first reads, so a request needs one D1 round
// trip fewer (DESIGN.md "One request": at most one read batch and one write batch).
//
// Turn 1 runs the handler for a principal whose token is not checked yet
// (Principal::unchecked_token_hash): its statements name the business through
// Principal::business(), which renders as the subquery over api_tokens by the token's
// hash (business_scope.h). When the handler asks for one batch of reads, every one of
// them bound to the token's hash and none carrying the unchecked principal's stand-in
// values, the token lookup leads that same batch. Otherwise the lookup goes alone and
// the handler runs once the token is checked.
//
// Turn 2 authenticates from the lookup first (401/403, discarding the rest) and only then
// hands the handler its reads — reads that could only see the token's own business.
#include <optional>
#include <string>

#include "json_access.h"

namespace core::auth_fold {

// The handler's first output (run for an unchecked token) → the folded d1 effect, the
// lookup first; or nothing when it cannot ride along.
std::optional<json> fold(const json& handler_output, const std::string& token_hash, const json& auth_statement);

// The folded batch's result without the lookup's: what the handler's own batch returned.
json handler_results(const json& folded_d1_result);

}  // namespace core::auth_fold
