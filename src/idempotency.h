#pragma once
// Idempotency-Key on POST (API.md): the same key with the same body replays the
// first response; the same key with another body is refused with 422.
// The shell sends the key and the SHA-256 of the raw body.
#include <optional>

#include "request.h"
#include "turn.h"

namespace core {

bool wants_idempotency(const json& request);
Statement lookup_statement(const json& request, const Principal& principal);
// The stored response to replay, a 422 for a reused key, or nullopt when the key is new.
std::optional<json> replay_if_seen(const json& request, const json& rows);
// Adds the effect that stores `response` under the key; the response follows it.
json remember_response(const json& input, const Principal& principal, json response);

}  // namespace core
