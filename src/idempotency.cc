#include "idempotency.h"

#include "queries/idempotency_keys.h"
#include "query.h"

#include "problem.h"
#include "write_guard.h"

namespace core {

namespace {

std::string key_of(const json& request) { return string_or(request, "idempotency_key", ""); }

// The request a key stands for, as its row keeps it.
KeyedRequest keyed(const json& request, const Principal& principal) {
  return {principal.business_id, key_of(request), string_or(request, "token_sha256", ""),
          string_or(request, "method", ""), string_or(request, "path", ""), string_or(request, "body_sha256", "")};
}

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
  return key_row(principal.business_id, key_of(request));
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
  return is_status(string_or(row, "state", ""), KeyState::kDone) ? KeySeen::kReplay : KeySeen::kInProgress;
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
  return key_claim(keyed(input["request"], principal), owner, string_or(input, "now", ""));
}

bool is_write_batch(const json& effect) {
  if (string_or(effect, "type", "") != "d1") return false;
  const json* statements = member(effect, "statements");
  if (statements == nullptr || !statements->is_array()) return false;
  for (const auto& s : *statements) {
    if (!only_reads(string_or(s, "sql", ""))) return true;
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
    effects.push_back(d1_effect({key_release(principal.business_id, key_of(request), owner)}));
    response["effects"] = std::move(effects);
    return response;
  }
  StoredAnswer stored{status, string_or(answer, "content_type", ""), string_or(answer, "body", "")};
  Statement store = claimed ? key_answer_over_claim(keyed(request, principal), owner, stored, now)
                            : key_answer_unclaimed(keyed(request, principal), owner, stored, now);
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
