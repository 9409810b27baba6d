#pragma once
// The idempotency_keys table's statements (idempotency.h runs the rule): a key's row, its
// claim inside the command's own write batch, its release, and the final answer stored.
#include <cstdint>
#include <string>
#include <vector>

#include "status_names.h"
#include "turn.h"

namespace core {

// A key's row: claimed by a request still running, or holding its final answer.
enum class KeyState { kPending, kDone };
constexpr std::array<std::string_view, 2> status_names(KeyState) { return {"pending", "done"}; }

// Who asked, for what: the request a key stands for.
struct KeyedRequest {
  std::string business_id, key, principal, method, path, request_sha256;
};
// principal, method, path, request_sha256, owner, state, status, content_type, body.
Statement key_row(const std::string& business_id, const std::string& key);
// The key claimed by `owner` (pending), then a guard that `owner` holds it.
std::vector<Statement> key_claim(const KeyedRequest& request, const std::string& owner, const std::string& now);
// The claim let go (a 202: the same call runs again).
Statement key_release(const std::string& business_id, const std::string& key, const std::string& owner);
// The final answer stored under the key: over `owner`'s claim, or as a new row when unclaimed.
struct StoredAnswer {
  int64_t status;
  std::string content_type, body;
};
Statement key_answer_over_claim(const KeyedRequest& request, const std::string& owner, const StoredAnswer& answer,
                                const std::string& now);
Statement key_answer_unclaimed(const KeyedRequest& request, const std::string& owner, const StoredAnswer& answer,
                               const std::string& now);

}  // namespace core
