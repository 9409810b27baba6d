#include "routes/queries/tokens.h"

namespace core::routes {

namespace {
constexpr const char* kTokenColumns =
    "'tok_' || substr(t.token_hash, 1, 16) AS id, t.name, t.role, t.created_at, t.last_used_at, t.revoked_at";
}  // namespace

Statement token_insert(const std::string& token_hash, const std::string& business_id, const std::string& role,
                       const std::string& name, const std::string& now) {
  return {"INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
          json::array({token_hash, business_id, role, name, now})};
}

Statement token_revoke(const std::string& business_id, const std::string& hash_prefix, const std::string& now) {
  return {"UPDATE api_tokens SET revoked_at = ?3 WHERE business_id = ?1 AND substr(token_hash, 1, 16) = ?2 "
          "AND revoked_at IS NULL",
          json::array({business_id, hash_prefix, now})};
}

Statement token_by_prefix(const std::string& business_id, const std::string& hash_prefix) {
  return {std::string("SELECT ") + kTokenColumns + " FROM api_tokens t WHERE t.business_id = ?1 "
          "AND substr(t.token_hash, 1, 16) = ?2",
          json::array({business_id, hash_prefix})};
}

Listing tokens_listing() {
  return {.from = "api_tokens t", .columns = kTokenColumns, .order_by = "t.created_at DESC, t.token_hash",
          .business_column = "t.business_id"};
}

}  // namespace core::routes
