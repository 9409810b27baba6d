#include "netsuite/lease.h"

#include "netsuite/push_status.h"
#include "utc_time.h"

namespace core::netsuite {

OutboxRow OutboxRow::from(const json& row) {
  return {string_or(row, "id", ""), string_or(row, "status", ""), string_or(row, "lease_owner", ""),
          string_or(row, "updated_at", ""), epoch_ms_of(string_or(row, "next_attempt_at", "")).value_or(0),
          epoch_ms_of(string_or(row, "lease_until", "")).value_or(0)};
}

bool claimable(const OutboxRow& row, int64_t now_ms) {
  if (is_status(row.status, PushStatus::kPending)) return row.next_attempt_ms <= now_ms;
  if (is_status(row.status, PushStatus::kInFlight)) return row.lease_until_ms <= now_ms;
  return false;  // done and dead rows are never pushed by a drainer
}

ClaimPlan plan_claims(const std::vector<OutboxRow>& rows, int64_t now_ms, size_t limit) {
  ClaimPlan plan;
  auto wake_at = [&plan](int64_t at) {
    if (!plan.next_wake_ms || at < *plan.next_wake_ms) plan.next_wake_ms = at;
  };
  for (const auto& row : rows) {
    if (claimable(row, now_ms)) {
      if (plan.claim.size() < limit) plan.claim.push_back(row);
      else wake_at(now_ms);
    } else if (is_status(row.status, PushStatus::kPending)) {
      wake_at(row.next_attempt_ms);
    } else if (is_status(row.status, PushStatus::kInFlight)) {
      wake_at(row.lease_until_ms);
    }
  }
  return plan;
}

int64_t lease_ms(int64_t fetch_timeout_ms) { return 3 * fetch_timeout_ms + 30000; }

}  // namespace core::netsuite
