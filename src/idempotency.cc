#include "idempotency.h"

#include "problem.h"

namespace core {

bool wants_idempotency(const json& request) {
  return string_or(request, "method", "") == "POST" && !string_or(request, "idempotency_key", "").empty();
}

Statement lookup_statement(const json& request, const Principal& principal) {
  return {"SELECT request_sha256, status, content_type, body FROM idempotency_keys "
          "WHERE business_id = ?1 AND idem_key = ?2",
          json::array({principal.business_id, string_or(request, "idempotency_key", "")})};
}

std::optional<json> replay_if_seen(const json& request, const json& rows) {
  if (!rows.is_array() || rows.empty()) return std::nullopt;
  const json& row = rows[0];
  if (string_or(row, "request_sha256", "") != string_or(request, "body_sha256", "")) {
    return unprocessable("this Idempotency-Key was already used with a different request body",
                         {{"headers.Idempotency-Key", "reused with a different body"}});
  }
  json replay = {{"respond", {{"status", int_or(row, "status", 200)},
                              {"content_type", string_or(row, "content_type", "application/json")},
                              {"headers", {{"Idempotent-Replayed", "true"}}},
                              {"body", string_or(row, "body", "")}}}};
  return replay;
}

json remember_response(const json& input, const Principal& principal, json response) {
  const json& request = input["request"];
  const json& answer = response["respond"];
  int64_t status = int_or(answer, "status", 500);
  if (status >= 500) return response;
  Statement store{
      "INSERT OR IGNORE INTO idempotency_keys (business_id, idem_key, request_sha256, method, path, status, "
      "content_type, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      json::array({principal.business_id, string_or(request, "idempotency_key", ""),
                   string_or(request, "body_sha256", ""), string_or(request, "method", ""),
                   string_or(request, "path", ""), status, string_or(answer, "content_type", ""),
                   string_or(answer, "body", ""), string_or(input, "now", "")})};
  response["effects"] = json::array({d1_effect({store})});
  return response;
}

}  // namespace core
