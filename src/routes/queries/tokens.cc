#include "routes/queries/tokens.h"

namespace core::routes {

namespace {
constexpr const char* kTokenColumns =
    "'tok_' || substr(t.token_hash, 1, 16) AS id, t.name, t.role, t.created_at, t.last_used_at, t.revoked_at, "
    "t.limit_qty, t.limit_pct, t.limit_value_minor";
}  // namespace

Statement token_insert(const std::string& token_hash, const std::string& business_id, const std::string& role,
                       const std::string& name, const std::string& now, const json& limits) {
  return {"INSERT INTO api_tokens (token_hash, business_id, role, name, created_at, limit_qty, limit_pct, limit_value_minor) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          json::array({token_hash, business_id, role, name, now, limits[0], limits[1], limits[2]})};
}

Statement token_limits_update(const std::string& business_id, const std::string& hash_prefix, const json& limits,
                              const std::string& scanner_role) {
  return {"UPDATE api_tokens SET limit_qty = ?3, limit_pct = ?4, limit_value_minor = ?5 WHERE business_id = ?1 "
          "AND substr(token_hash, 1, 16) = ?2 AND revoked_at IS NULL "
          "AND (role <> ?6 OR (?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL))",
          json::array({business_id, hash_prefix, limits[0], limits[1], limits[2], scanner_role})};
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
