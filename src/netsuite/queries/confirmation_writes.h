#pragma once
// What a push round writes, in one batch (DESIGN.md "The outbox and the push"): each pushed
// row's new state — done with NetSuite's internal id, pending again with its
// next attempt, or dead — and, for the rows NetSuite confirmed, the mirror
// moved by the adjustment's deltas (balance per item, placement per line),
// the ledger rows marked as mirrored, reflexion_log `posted` and the
// `inventory.adjusted` event; for dead rows reflexion_log `push_dead`.
//
// Every statement after the first acts only on rows that this drainer's lease
// still held: a drainer whose lease expired and was reclaimed writes nothing,
// so the mirror moves once however many drainers pushed.
#include <string>
#include <vector>

#include "json_access.h"
#include "netsuite/push_outcome.h"
#include "request.h"
#include "turn.h"

namespace core::netsuite {

struct LedgerLine {
  std::string item_id, sku, location_id, bin_id, bin_code, batch_number, serial_number;
  int64_t delta = 0;  // thousandths, signed
};

struct PushedAdjustment {
  std::string push_id, adjustment_id, external_id, location_id, session_id, proposed_action_id, direction, reason;
  std::vector<LedgerLine> lines;
};

struct PushResult {
  PushedAdjustment adjustment;
  PushOutcome outcome = PushOutcome::kRetry;  // kConfirmed, kRetry or kDead
  int attempts = 0;                           // including this one
  std::string error, ns_internal_id;
  std::string next_attempt_at;                // when retried
};

std::vector<Statement> round_statements(const std::string& business_id, const std::string& lease_owner,
                                        const std::string& now, const std::vector<PushResult>& results, IdMaker& ids);

// The inventory.adjusted event of a confirmed adjustment.
json adjusted_event(const PushResult& result);

}  // namespace core::netsuite
