#pragma once
// What one answer from NetSuite means for an outbox row (DESIGN.md "The outbox and the push"):
//   2xx with Location        confirmed: store the internal id, move the mirror
//   429, 408, 5xx, no answer retry later, with exponential backoff and full jitter
//   401                      authenticate again once, then dead
//   any other 4xx            dead at once, with NetSuite's o:errorDetails text
// and after kMaxAttempts attempts a retryable failure is dead too.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json_access.h"

namespace core::netsuite {

inline constexpr int kMaxAttempts = 8;
inline constexpr int64_t kDefaultRetryBaseMs = 30000;
inline constexpr int64_t kMaxBackoffMs = 6LL * 3600 * 1000;

enum class PushOutcome { kConfirmed, kRetry, kDead, kAuthenticateAgain };

// A fetch effect's result: { ok, status, headers, body } or { ok: false, error, timed_out }.
struct PushAnswer {
  bool reached = false;
  int status = 0;
  std::string location;  // the Location header
  std::string body;
  std::string network_error;
};
PushAnswer push_answer_of(const json& fetch_result);

struct Classified {
  PushOutcome outcome = PushOutcome::kRetry;
  std::string error;           // for last_error; empty when confirmed
  std::string ns_internal_id;  // when confirmed
};

// `attempts` counts this attempt; `may_authenticate_again` is false once a 401 was retried.
Classified classify_answer(const PushAnswer& answer, int attempts, bool may_authenticate_again);

// NetSuite's error text: "CODE: detail" from o:errorDetails, else the title, else the body's start.
std::string netsuite_error_text(int status, std::string_view body);

// The internal id at the end of a Location header (…/inventoryAdjustment/123); nullopt when absent.
std::optional<std::string> internal_id_from_location(std::string_view location);

// Full jitter: uniform in [0, min(kMaxBackoffMs, base · 2^(attempts−1))); `unit` in [0, 1).
int64_t backoff_ms(int attempts, int64_t base_ms, double unit);

}  // namespace core::netsuite
