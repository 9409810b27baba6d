#include "queries/auth.h"

namespace core {

Statement auth_lookup(const std::string& token_hash) {
  return {"SELECT t.business_id, t.role, t.name, t.last_used_at, t.limit_qty, t.limit_pct, t.limit_value_minor, "
          "COALESCE(s.blind_counts, 1) AS blind_counts, s.gs1_separator, t.revoked_at FROM api_tokens t "
          "LEFT JOIN business_settings s ON s.business_id = t.business_id WHERE t.token_hash = ?1",
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
