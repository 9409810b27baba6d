#include "queries/idempotency_keys.h"

#include "write_guard.h"

namespace core {

Statement key_row(const std::string& business_id, const std::string& key) {
  return {"SELECT principal, method, path, request_sha256, owner, state, status, content_type, body FROM idempotency_keys "
          "WHERE business_id = ?1 AND idem_key = ?2",
          json::array({business_id, key})};
}

std::vector<Statement> key_claim(const KeyedRequest& r, const std::string& owner, const std::string& now) {
  return {{"INSERT INTO idempotency_keys (business_id, idem_key, principal, method, path, request_sha256, owner, state, "
           "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " + status_sql(KeyState::kPending) + ", ?8, ?8) "
           "ON CONFLICT (business_id, idem_key) DO NOTHING",
           json::array({r.business_id, r.key, r.principal, r.method, r.path, r.request_sha256, owner, now})},
          guard_exists("idempotency key held by another request",
                       "SELECT 1 FROM idempotency_keys WHERE business_id = ?2 AND idem_key = ?3 AND owner = ?4",
                       json::array({r.business_id, r.key, owner}))};
}

Statement key_release(const std::string& business_id, const std::string& key, const std::string& owner) {
  return {"DELETE FROM idempotency_keys WHERE business_id = ?1 AND idem_key = ?2 AND owner = ?3",
          json::array({business_id, key, owner})};
}

Statement key_answer_over_claim(const KeyedRequest& r, const std::string& owner, const StoredAnswer& a,
                                const std::string& now) {
  return {"UPDATE idempotency_keys SET state = " + status_sql(KeyState::kDone) + ", status = ?4, content_type = ?5, body = ?6, "
          "updated_at = ?7 WHERE business_id = ?1 AND idem_key = ?2 AND owner = ?3",
          json::array({r.business_id, r.key, owner, a.status, a.content_type, a.body, now})};
}

Statement key_answer_unclaimed(const KeyedRequest& r, const std::string& owner, const StoredAnswer& a,
                               const std::string& now) {
  return {"INSERT OR IGNORE INTO idempotency_keys (business_id, idem_key, principal, method, path, "
          "request_sha256, owner, state, status, content_type, body, created_at, updated_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " + status_sql(KeyState::kDone) + ", ?8, ?9, ?10, ?11, ?11)",
          json::array({r.business_id, r.key, r.principal, r.method, r.path, r.request_sha256, owner, a.status,
                       a.content_type, a.body, now})};
}

}  // namespace core
