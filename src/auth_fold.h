#pragma once
// Authentication folded into a handler's first reads, so a request needs one
// D1 round trip fewer (DESIGN: at most one read batch and one write batch).
//
// Turn 1 runs the handler speculatively for a placeholder principal. When it
// asks for one batch of reads and nothing else, each read parameter that is the
// placeholder business becomes a subquery resolving the token's hash
// (`(SELECT business_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS
// NULL)`), and the token lookup leads the same batch: the reads see only the
// token's own business, or nothing for a bad token.
//
// Turn 2 authenticates from the lookup first (401/403 as before, discarding the
// rest). It then runs the handler's first turn again for the real principal;
// only if that asks for exactly the reads the placeholder run asked for (its
// signature, with the real business in place of the placeholder) are the
// batch's results handed to it. Any difference — a handler that reads by role,
// say — costs the round trip the fold would have saved, never a wrong answer.
#include <optional>
#include <string>

#include "json_access.h"
#include "role.h"

namespace core::auth_fold {

inline constexpr const char* kPlaceholderBusiness = "\x01" "business-of-token";
inline constexpr const char* kPlaceholderName = "\x01" "name-of-token";

// The handler's speculative first output → the folded d1 effect (auth lookup first), or nothing.
std::optional<json> fold(const json& handler_output, const std::string& token_hash, const json& auth_statement);

// The signature of a first output, the real business and name read as the placeholders.
std::string signature(const json& handler_output, const std::string& business_id, const std::string& token_name);

// The folded batch's result without the lookup's: what the handler's own batch would have returned.
json handler_results(const json& folded_d1_result);

}  // namespace core::auth_fold
