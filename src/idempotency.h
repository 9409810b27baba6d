#pragma once
// Idempotency-Key on POST, PUT, PATCH and DELETE (API.md): one execution per key, whatever arrives
// at once. The key is claimed inside the command's own write batch (a
// conditional insert and a guard that it is this conversation's), so a
// concurrent duplicate's batch rolls back; the duplicate then waits for the
// first answer and replays it. The key belongs to one token, method, path and
// body: any other use of it is 422. The shell sends the key and the body's SHA-256.
#include <optional>
#include <string>

#include "request.h"
#include "turn.h"

namespace core {

inline constexpr int kIdempotencyWaitTurns = 50;   // …
inline constexpr int kIdempotencyWaitMs = 100;     // … a duplicate waits at most 5 s for the first answer

// The longest key accepted (docs/openapi.yaml, parameter idempotencyKey).
inline constexpr size_t kMaxIdempotencyKeyLength = 200;

bool wants_idempotency(const json& request);
// 400 when an unsafe request's key is longer than kMaxIdempotencyKeyLength or holds a control character.
std::optional<json> key_problem(const json& request);
Statement lookup_statement(const json& request, const Principal& principal);

// What a stored key means for this request.
enum class KeySeen { kNew, kReplay, kMismatch, kInProgress };
KeySeen key_seen(const json& request, const json& rows);
json replay(const json& row);
json key_mismatch();

// Appended to each write batch of an idempotent command: claim the key for `owner`, or fail the batch.
std::vector<Statement> claim_statements(const json& input, const Principal& principal, const std::string& owner);
bool is_write_batch(const json& d1_effect);

// The effect that stores the final answer under the key (claimed or not), then the answer.
// A 202 (a paged operation that paused) is not final: the key is let go, so the same call
// with the same key resumes the operation instead of replaying "still running".
json remember_response(const json& input, const Principal& principal, const std::string& owner, bool claimed,
                       json response);

// Wait a little, then read the key again.
json wait_for_key(const json& request, const Principal& principal, json state);

}  // namespace core
