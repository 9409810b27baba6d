#pragma once
// Who may push which outbox row, and when (DESIGN.md "The outbox and the push"). A drainer
// claims a row by writing a lease into D1 — its owner and an expiry — with a
// compare-and-swap on what it read, so two drainers never hold one row. A
// lease outlives one push round (timeouts included); a lease past its expiry
// belongs to a drainer that died, and the row may be claimed again: the
// upsert by external id makes that second push harmless.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_access.h"

namespace core::netsuite {

inline constexpr size_t kPushesPerRound = 10;  // the most pushed in parallel (NS_MAX_CONCURRENCY, default 1, says how many)
inline constexpr int kRoundsPerWake = 6;       // then the alarm fires again at once

struct OutboxRow {
  std::string id, status, lease_owner, updated_at;
  int64_t next_attempt_ms = 0;  // pending: due from then
  int64_t lease_until_ms = 0;   // in_flight: held until then

  // A scan's row (queries.h scan_reads).
  static OutboxRow from(const json& row);
};

// pending and due, or in_flight with an expired lease.
bool claimable(const OutboxRow& row, int64_t now_ms);

struct ClaimPlan {
  std::vector<OutboxRow> claim;          // at most `limit`, in the order given
  std::optional<int64_t> next_wake_ms;   // when a row not claimed now becomes claimable
};
// `rows` are the business's pending and in_flight rows, earliest due first.
ClaimPlan plan_claims(const std::vector<OutboxRow>& rows, int64_t now_ms, size_t limit);

// Long enough for a round: a push, one authentication again and a second push, each bounded by the timeout.
int64_t lease_ms(int64_t fetch_timeout_ms);

}  // namespace core::netsuite
