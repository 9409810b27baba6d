#pragma once
// The API tokens' statements (routes/tokens.cc). A token is kept only as its SHA-256; its id
// is "tok_" + the hash's first 16 hex digits.
#include <string>

#include "queries/listing.h"
#include "turn.h"

namespace core::routes {

// `limits`: [limit_qty, limit_pct, limit_value_minor] (approval_limits.h limits_params).
Statement token_insert(const std::string& token_hash, const std::string& business_id, const std::string& role,
                       const std::string& name, const std::string& now, const json& limits);
// A live token's approval limits, by the hash's first 16 hex digits; limits are never set on a
// token of `scanner_role` (a scanner decides nothing), though they may be cleared.
Statement token_limits_update(const std::string& business_id, const std::string& hash_prefix, const json& limits,
                              const std::string& scanner_role);
// Revoked now unless it was already; by the hash's first 16 hex digits.
Statement token_revoke(const std::string& business_id, const std::string& hash_prefix, const std::string& now);
Statement token_by_prefix(const std::string& business_id, const std::string& hash_prefix);
Listing tokens_listing();

}  // namespace core::routes
