#include "queries/auth.h"

namespace core {

Statement auth_lookup(const std::string& token_hash) {
  return {"SELECT business_id, role, name, last_used_at, limit_qty, limit_pct, limit_value_minor, COALESCE((SELECT s.blind_counts FROM business_settings s "
          "WHERE s.business_id = api_tokens.business_id), 1) AS blind_counts FROM api_tokens WHERE token_hash = ?1 "
          "AND revoked_at IS NULL",
          json::array({token_hash})};
}

AuthRead auth_read(const std::string& token_hash) {
  AuthRead out;
  out.token = out.batch.add(auth_lookup(token_hash));  // kTokenLookup: the first statement
  return out;
}

Statement token_used(const std::string& token_hash, const std::string& now) {
  return {"UPDATE api_tokens SET last_used_at = ?2 WHERE token_hash = ?1 AND (last_used_at IS NULL OR last_used_at < ?2)",
          json::array({token_hash, now})};
}

}  // namespace core
