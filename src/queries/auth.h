#pragma once
// The token lookup every request begins with (http_conversation.cc), and a token's last use.
#include <string>

#include "query.h"

namespace core {

// business_id, role, name, last_used_at and revoked_at of a token, by its SHA-256 (a revoked one
// is found, to be refused in words).
Statement auth_lookup(const std::string& token_hash);
// The lookup leads a request's first batch, alone or with the handler's folded reads (auth_fold.h).
inline constexpr Read<json> kTokenLookup{0};
// The lookup alone as a batch (when the handler's first reads cannot ride with it).
struct AuthRead {
  Batch batch;
  Read<json> token;
};
AuthRead auth_read(const std::string& token_hash);
// The token's last use moved to `now` (kept to the minute by the caller), never back.
Statement token_used(const std::string& token_hash, const std::string& now);

}  // namespace core
