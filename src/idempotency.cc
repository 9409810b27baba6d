#include "idempotency.h"

#include "problem.h"
#include "write_guard.h"

namespace core {

namespace {

std::string key_of(const json& request) { return string_or(request, "idempotency_key", ""); }

bool unsafe_method(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

bool wants_idempotency(const json& request) {
  return unsafe_method(string_or(request, "method", "")) && !key_of(request).empty();
}

std::optional<json> key_problem(const json& request) {
  if (!wants_idempotency(request)) return std::nullopt;
  std::string key = key_of(request);
  bool control = false;
  for (unsigned char c : key) control = control || c < 0x20 || c == 0x7f;
  if (key.size() <= kMaxIdempotencyKeyLength && !control) return std::nullopt;
  return problem(400, "Invalid Idempotency-Key",
                 "an Idempotency-Key is at most " + std::to_string(kMaxIdempotencyKeyLength) +
                     " printable characters; nothing was done",
                 {{"headers.Idempotency-Key", key.size() > kMaxIdempotencyKeyLength
                                                  ? "at most " + std::to_string(kMaxIdempotencyKeyLength) + " characters"
                                                  : "no control characters"}});
}

Statement lookup_statement(const json& request, const Principal& principal) {
  return {"SELECT principal, method, path, request_sha256, owner, state, status, content_type, body FROM idempotency_keys "
          "WHERE business_id = ?1 AND idem_key = ?2",
          json::array({principal.business_id, key_of(request)})};
}

KeySeen key_seen(const json& request, const json& rows) {
  if (!rows.is_array() || rows.empty()) return KeySeen::kNew;
  const json& row = rows[0];
  if (string_or(row, "principal", "") != string_or(request, "token_sha256", "") ||
      string_or(row, "method", "") != string_or(request, "method", "") ||
      string_or(row, "path", "") != string_or(request, "path", "") ||
      string_or(row, "request_sha256", "") != string_or(request, "body_sha256", "")) {
    return KeySeen::kMismatch;
  }
  return string_or(row, "state", "") == "done" ? KeySeen::kReplay : KeySeen::kInProgress;
}

json replay(const json& row) {
  return {{"respond", {{"status", int_or(row, "status", 200)},
                       {"content_type", string_or(row, "content_type", "application/json")},
                       {"headers", {{"Idempotent-Replayed", "true"}}},
                       {"body", string_or(row, "body", "")}}}};
}

json key_mismatch() {
  return unprocessable("this Idempotency-Key was already used for another request (another body, route or token)",
                       {{"headers.Idempotency-Key", "use a new key for a new request"}});
}

std::vector<Statement> claim_statements(const json& input, const Principal& principal, const std::string& owner) {
  const json& request = input["request"];
  std::string now = string_or(input, "now", "");
  return {{"INSERT INTO idempotency_keys (business_id, idem_key, principal, method, path, request_sha256, owner, state, "
           "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8) "
           "ON CONFLICT (business_id, idem_key) DO NOTHING",
           json::array({principal.business_id, key_of(request), string_or(request, "token_sha256", ""),
                        string_or(request, "method", ""), string_or(request, "path", ""),
                        string_or(request, "body_sha256", ""), owner, now})},
          guard_exists("idempotency key held by another request",
                       "SELECT 1 FROM idempotency_keys WHERE business_id = ?2 AND idem_key = ?3 AND owner = ?4",
                       json::array({principal.business_id, key_of(request), owner}))};
}

bool is_write_batch(const json& effect) {
  if (string_or(effect, "type", "") != "d1") return false;
  const json* statements = member(effect, "statements");
  if (statements == nullptr || !statements->is_array()) return false;
  for (const auto& s : *statements) {
    std::string sql = string_or(s, "sql", "");
    size_t start = sql.find_first_not_of(" \n\t");
    std::string_view head = start == std::string::npos ? "" : std::string_view(sql).substr(start, 6);
    if (head != "SELECT") return true;  // INSERT, UPDATE, DELETE, or a WITH that may write
  }
  return false;
}

json remember_response(const json& input, const Principal& principal, const std::string& owner, bool claimed,
                       json response) {
  const json& request = input["request"];
  const json& answer = response["respond"];
  int64_t status = int_or(answer, "status", 500);
  if (!claimed && (status >= 500 || status == 202)) return response;  // nothing final: a retry may run again
  std::string now = string_or(input, "now", "");
  if (status == 202) {
    json effects = member(response, "effects") ? response["effects"] : json::array();
    effects.push_back(d1_effect({{"DELETE FROM idempotency_keys WHERE business_id = ?1 AND idem_key = ?2 AND owner = ?3",
                                  json::array({principal.business_id, key_of(request), owner})}}));
    response["effects"] = std::move(effects);
    return response;
  }
  Statement store =
      claimed ? Statement{"UPDATE idempotency_keys SET state = 'done', status = ?4, content_type = ?5, body = ?6, "
                          "updated_at = ?7 WHERE business_id = ?1 AND idem_key = ?2 AND owner = ?3",
                          json::array({principal.business_id, key_of(request), owner, status,
                                       string_or(answer, "content_type", ""), string_or(answer, "body", ""), now})}
              : Statement{"INSERT OR IGNORE INTO idempotency_keys (business_id, idem_key, principal, method, path, "
                          "request_sha256, owner, state, status, content_type, body, created_at, updated_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'done', ?8, ?9, ?10, ?11, ?11)",
                          json::array({principal.business_id, key_of(request), string_or(request, "token_sha256", ""),
                                       string_or(request, "method", ""), string_or(request, "path", ""),
                                       string_or(request, "body_sha256", ""), owner, status,
                                       string_or(answer, "content_type", ""), string_or(answer, "body", ""), now})};
  json effects = member(response, "effects") ? response["effects"] : json::array();
  effects.push_back(d1_effect({store}));
  response["effects"] = std::move(effects);
  return response;
}

json wait_for_key(const json& request, const Principal& principal, json state) {
  return ask(json::array({{{"type", "sleep"}, {"ms", kIdempotencyWaitMs}}, d1_effect({lookup_statement(request, principal)})}),
             std::move(state));
}

}  // namespace core
